/**
 * A pooled place budget for the family-support service: the council and the NHS put money into a
 * place pot that pays for delivery; the police, MoJ and DWP return 30% of their savings to it;
 * the pot keeps its surplus for reinvestment. Also: the same arrangement as aligned budgets (no
 * money moves) for comparison, and the fair (Shapley) split of the surplus.
 *
 *   npx tsx examples/deals/pooled-budget.ts
 *
 * Contribution shares and the return rate are ASSUMED.
 */
import { appraise, formatPounds, shapleySurplus } from "../../src";
import { familySupport, showBeforeAfter, showDeals } from "./show";

const model = familySupport();
model.agencies.push({ id: "place-pot", name: "Place pot (pooled)", kind: "pool" });
const result = appraise({
  ...model,
  deals: [
    {
      type: "pooled-budget",
      id: "pot",
      label: "Place pot",
      pot: "place-pot",
      contributions: [
        { agency: "council", share: 0.6 },
        { agency: "nhs", share: 0.1 },
      ],
      funds: { interventions: ["early-help"] },
      savingsReturn: { share: 0.3, agencies: ["police", "moj", "dwp"] },
      distribute: "reinvest",
    },
  ],
});
showBeforeAfter(result, 10);
showDeals(result);
console.log("\nPot balance by year:");
for (const row of result.deals[0]!.schedule) console.log(`  ${String(row.financialYear)} ${formatPounds(String(row.balance), { places: 0 }).padStart(12)}`);

const split = shapleySurplus(familySupport(), { horizon: 10 });
console.log(`\nA fair (Shapley) split of the ${formatPounds(split.surplus, { unit: "m" })} 10-year surplus:`);
for (const [id, v] of Object.entries(split.pence))
  console.log(
    `  ${id.padEnd(10)} ${formatPounds(v, { unit: "m", places: 2 }).padStart(9)}  (transfer ${formatPounds(split.transfers[id]!, { unit: "m", places: 2 })})`,
  );
