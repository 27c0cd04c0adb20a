// Monte Carlo on the family-support example: who gains, with what probability, and what would
// flip the decision. Run with `npx tsx examples/family-support-monte-carlo.ts [draws] [workers]`.
//
// The distributions are the model's own `uncertainty` block (examples/family-support.json): they
// are ASSUMED ranges for illustration, not published figures.
import { readFileSync } from "node:fs";
import { formatPounds, loadModel, sensitivity, switchingValue } from "../src";
import { simulateParallel } from "../src/node";

const model = loadModel(JSON.parse(readFileSync(new URL("./family-support.json", import.meta.url), "utf8")));
const draws = Number(process.argv[2] ?? 100_000);
const workers = Number(process.argv[3] ?? 2);
const pct = (p: number) => `${(100 * p).toFixed(1)}%`;
const money = (x: number) => formatPounds(x, { places: 0 });

const started = performance.now();
const mc = await simulateParallel(model, {
  draws,
  seed: 20250401,
  workers,
  onProgress: ({ done, total }) => process.stderr.write(`\r  simulating… ${pct(done / total)}`),
});
process.stderr.write(
  `\r  ${draws.toLocaleString()} draws on ${workers} worker(s) in ${((performance.now() - started) / 1000).toFixed(1)} s (${mc.method} path)\n\n`,
);

console.log(`${mc.title}\nUncertain inputs: ${mc.inputs.map((i) => `${i.path} (${i.distribution.type})`).join(", ")}\n`);
console.log("P(NPV > 0) by agency and horizon, with the median NPV and 90% interval");
console.table(
  Object.fromEntries(
    [["system", "Whole system"] as const, ...mc.agencies.map((a) => [a.id, a.name] as const)].map(([id, name]) => [
      name,
      Object.fromEntries(
        mc.horizons.map((h) => {
          const s = id === "system" ? h.system : h.agencies[id]!;
          return [`${h.years}y`, `${pct(s.probabilityPositive)}  ${money(s.p50)} [${money(s.p5)} … ${money(s.p95)}]`];
        }),
      ),
    ]),
  ),
);
console.log("Probability of an incentive gap (system gains while the council loses):");
console.log(mc.horizons.map((h) => `  ${h.years} years: ${pct(h.incentiveGap.council!)}`).join("\n"));

// Tornado: each uncertain input from its 5th to its 95th percentile, the rest at the model's values.
const tornado = sensitivity(model);
const ten = tornado.horizons.find((h) => h.years === 10)!;
console.log(`\nTornado, system NPV at 10 years (base ${money(ten.baseNpv.system.toNumber())}):`);
for (const bar of ten.system.slice(0, 6)) {
  console.log(
    `  ${bar.path.padEnd(48)} ${String(bar.low.toPrecision(3)).padStart(8)} → ${money(bar.npvLow.toNumber()).padStart(12)}   ${String(bar.high.toPrecision(3)).padStart(8)} → ${money(bar.npvHigh.toNumber()).padStart(12)}   swing ${money(bar.swing.toNumber())}`,
  );
}

// Switching values: how far inputs must move to flip the decision.
const cost = switchingValue(model, "costs.key-workers-grant.amount", { horizon: 5 });
if (cost.found)
  console.log(
    `\nSystem NPV at 5 years falls to zero if key-worker cost per family rises from ${money(cost.baseValue)} to ${money(cost.value)} (${pct(cost.relativeChange ?? 0)}).`,
  );
const care = switchingValue(model, "outcomes.care-entry.success", { agency: "council", horizon: 10 });
console.log(
  care.found
    ? `The council alone breaks even at 10 years if the care-entry success rate is ${pct(care.value)} (model: ${pct(care.baseValue)}).`
    : `The council never breaks even at 10 years for any care-entry success rate from ${care.bounds[0]} to ${care.bounds[1]}.`,
);
