/**
 * A Local PSA-style performance reward grant on the family-support example.
 *
 *   npx tsx examples/deals/reward-grant.ts
 *
 * LPSA rule (LGA, Learning from 20 years of place pilots, 2024): a reward of up to 2.5% of the
 * council's net budget requirement, paid in proportion to achievement against stretch targets above
 * a threshold of 60% of the target. The council's net budget and the targets here are ASSUMED.
 */
import { appraise, formatPounds } from "../../src";
import { familySupport, showBeforeAfter, showDeals } from "./show";

const result = appraise({
  ...familySupport(),
  deals: [
    {
      type: "reward-grant",
      id: "lpsa",
      label: "Performance reward grant",
      payer: "hmt",
      recipient: "council",
      maximum: { shareOf: 120_000_000, rate: 0.025 },
      targets: [
        { outcome: "into-work", target: 70 },
        { outcome: "custody", target: 30 },
        { outcome: "care-entry", target: 50 },
      ],
      threshold: 0.6,
      assessmentYear: 3,
    },
  ],
});
showBeforeAfter(result, 10);
showDeals(result);
console.log("\nTargets:");
for (const row of result.deals[0]!.schedule) {
  console.log(
    `  ${String(row.outcome).padEnd(12)} achieved ${Number(row.achieved).toFixed(1)} of ${String(row.target)} ` +
      `(${(Number(row.achievement) * 100).toFixed(0)}%): reward ${formatPounds(String(row.reward), { places: 0 })} of ${formatPounds(String(row.available), { places: 0 })}`,
  );
}
