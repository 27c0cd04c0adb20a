/**
 * `npm run demo`: appraise the bundled family-support example and print who pays and who saves
 * at 1, 5 and 10 years, with the prevention penalty flagged.
 */
import { readFileSync } from "node:fs";
import { appraise, formatPounds, type Appraisal } from "../src";

const file = new URL("./family-support.json", import.meta.url);
const result: Appraisal = appraise(readFileSync(file, "utf8"));

const money = (d: { toString(): string }) => formatPounds(d.toString(), { unit: "m", places: 2 });
const pad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const FLAGS: Record<string, string> = {
  "investor-loses": "PAYS, LOSES",
  "investor-gains": "pays, gains",
  "investor-breaks-even": "pays, breaks even",
  "beneficiary-gains": "gains",
  "beneficiary-loses": "loses",
  uninvolved: "",
};

console.log(`\n${result.title}`);
console.log(`Fiscal lens, ${result.priceBase} prices, Green Book STPR, base year ${result.baseYear}\n`);
for (const h of result.horizons) {
  console.log(`${h.years}-year horizon (${result.years[0]} to ${result.years[h.years]})`);
  console.log(`  ${"agency".padEnd(38)}${pad("PV costs", 11)}${pad("PV savings", 12)}${pad("transfers", 11)}${pad("NPV", 11)}${pad("BCR", 7)}  position`);
  for (const a of result.agencies) {
    const m = h.agencies[a.id]!;
    if (m.position === "uninvolved") continue;
    console.log(
      `  ${a.name.slice(0, 37).padEnd(38)}${pad(money(m.pvCosts), 11)}${pad(money(m.pvSavings), 12)}${pad(money(m.pvTransfers), 11)}${pad(money(m.npv), 11)}${pad(m.bcr?.toFixed(2) ?? "–", 7)}  ${FLAGS[m.position]}`,
    );
  }
  const s = h.system;
  console.log(`  ${"WHOLE SYSTEM".padEnd(38)}${pad(money(s.pvCosts), 11)}${pad(money(s.pvSavings), 12)}${pad("", 11)}${pad(money(s.npv), 11)}${pad(s.bcr?.toFixed(2) ?? "–", 7)}\n`);
}
for (const g of result.incentiveGaps) {
  const name = result.agencies.find((a) => a.id === g.agency)!.name;
  console.log(
    `Prevention penalty at ${g.horizon} years: the system gains ${money(g.systemNpv)} but the ${name} loses ${money(g.agencyNpv.neg())}; ` +
      `a transfer of ${money(g.transferNeeded)} (${g.shareOfGainersSavings ? (g.shareOfGainersSavings.toNumber() * 100).toFixed(1) + "% of the gainers' savings" : "n/a"}) would close the gap.`,
  );
}
for (const c of result.fundingCliffs.filter((x) => x.cliff)) {
  console.log(
    `Funding cliff: the ${c.budget} budget ends in ${c.fundingEndsFinancialYear}, but the programme only pays back (discounted) in year ${c.systemDiscountedPaybackYear ?? "never"}; ` +
      `${((c.shareOfSavingsAfterEnd?.toNumber() ?? 0) * 100).toFixed(0)}% of its savings arrive after the money stops.`,
  );
}
