// Options against business as usual, with Green Book reference values, the Appraisal Summary
// Table and the financial case. Run with `npx tsx examples/options.ts`.
//
// The model (examples/options.json) is illustrative: its costs, rates and unit costs are ASSUMED
// round figures. The QALY and WELLBY values are named, not typed: the library rebases them from
// their published price years and cites them.
import { readFileSync } from "node:fs";
import {
  appraiseOptions,
  buildLedger,
  dataVersions,
  financialCase,
  financialCaseTables,
  loadModel,
  optionModel,
  optionsTables,
  tablesText,
  unitMetrics,
  unitMetricsTables,
} from "../src";

const model = loadModel(JSON.parse(readFileSync(new URL("./options.json", import.meta.url), "utf8")));

console.log(`${model.title}\n`);

// 1. The reference values the model names, as the parser resolved them.
console.log("Reference values used (rebased to the model's price base):");
const pounds = (x: string) => Number(x).toLocaleString("en-GB", { style: "currency", currency: "GBP" });
for (const r of model.references)
  console.log(
    `  ${r.path}: ${r.units === "1" ? "" : `${r.units} × `}${r.ref} (${r.scenario}), ${pounds(r.published)} in ${r.priceYear} prices × ${Number(r.factor).toFixed(6)} = ${pounds(r.value)}`,
  );
const intensive = buildLedger(optionModel(model, "intensive"));
const qaly = intensive.lines.find((l) => l.factors.reference?.startsWith("qaly"))!;
console.log(`  trace of "${qaly.label}": ${qaly.factors.reference}\n    ${qaly.factors.referenceRebasing}\n    source: ${qaly.factors.referenceSource}`);
console.log(
  `  tables bundled: ${dataVersions()
    .map((d) => d.id)
    .join(", ")}\n`,
);

// 2. The options against business as usual, ranked, with an Appraisal Summary Table each.
const options = appraiseOptions(model);
console.log(tablesText(optionsTables(options)));
console.log(`Preferred: ${options.ranking.preferred}. ${options.ranking.note}\n`);

// 3. Affordability for the preferred option: cash by budget and year against available funding.
const preferred = buildLedger(optionModel(model, options.ranking.preferred));
console.log(`Financial case of the preferred option ("${options.ranking.preferred}")`);
const fc = financialCase(preferred, { years: 5 });
console.log(tablesText(financialCaseTables(fc, { unit: "thousands" })));
for (const b of fc.budgets.filter((x) => x.headroom)) {
  const short = b.headroom!.filter((h) => h.isNegative());
  if (short.length)
    console.log(
      `${b.agencyName}, ${b.budgetName}: short of funding in ${short.length} year(s), £${b.total.headroom!.neg().toDecimalPlaces(0).toNumber().toLocaleString("en-GB")} in all: the preferred option is not affordable from this budget alone.\n`,
    );
}
console.log(tablesText(unitMetricsTables(unitMetrics(preferred, { years: 5 }))));
