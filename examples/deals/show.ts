/** Shared printing for the deal examples: each party before and after the deals. */
import { readFileSync } from "node:fs";
import { formatPounds, type Appraisal, type ModelInput } from "../../src";

/** The family-support example model, as a fresh object to add deals to. */
export function familySupport(): ModelInput {
  return JSON.parse(readFileSync(new URL("../family-support.json", import.meta.url), "utf8")) as ModelInput;
}

const m = (d: { toString(): string }) => formatPounds(d.toString(), { unit: "m", places: 2 }).padStart(9);

/** Prints NPV by party at one horizon, before and after the model's deals. */
export function showBeforeAfter(result: Appraisal, horizon: number): void {
  const after = result.horizons.find((h) => h.years === horizon)!;
  const before = result.beforeDeals?.horizons.find((h) => h.years === horizon) ?? after;
  console.log(`NPV at ${horizon} years (${result.lens} lens, ${result.priceBase} prices, discounted):`);
  console.log(`  ${"party".padEnd(36)}${"before".padStart(9)}${"after".padStart(10)}  position after`);
  for (const a of result.agencies) {
    const b = before.agencies[a.id]!;
    const x = after.agencies[a.id]!;
    if (b.position === "uninvolved" && x.position === "uninvolved") continue;
    console.log(`  ${a.name.slice(0, 35).padEnd(36)}${m(b.npv)} ${m(x.npv)}  ${x.position}`);
  }
  console.log(`  ${"whole system".padEnd(36)}${m(before.system.npv)} ${m(after.system.npv)}`);
}

/** Prints what each deal moved, in cash terms, and its events. */
export function showDeals(result: Appraisal): void {
  for (const d of result.deals) {
    console.log(`\nDeal "${d.label}" (${d.type}): total moved over the appraisal, undiscounted`);
    for (const [party, total] of Object.entries(d.totals)) console.log(`  ${party.padEnd(20)}${m(total)}`);
    for (const e of d.events) console.log(`  · ${e}`);
  }
}
