/**
 * A Troubled Families-style payment-by-results deal on the family-support example.
 *
 *   npx tsx examples/deals/payment-by-results.ts
 *
 * Central government (here HM Treasury) pays the council up to £4,000 per family: an attachment fee
 * when the family starts, falling from 80% to 40% of the £4,000 over the first three delivery
 * years, and the rest when a parent moves into work. (Troubled Families 2012-15 paid up to £4,000
 * per family, with the up-front share falling year by year — public reports summarised in
 * ../shared/cases.md; the shares here are ASSUMED.)
 */
import { appraise, formatPounds } from "../../src";
import { familySupport, showBeforeAfter, showDeals } from "./show";

const result = appraise({
  ...familySupport(),
  deals: [
    {
      type: "payment-by-results",
      id: "pbr",
      label: "Payment by results",
      commissioner: "hmt",
      provider: "council",
      intervention: "early-help",
      perCase: 4000,
      attachmentShare: [0.8, 0.6, 0.4],
      results: [{ outcome: "into-work" }],
      capPerCase: 4000,
    },
  ],
});
showBeforeAfter(result, 10);
showDeals(result);
console.log("\nBy cohort:");
for (const row of result.deals[0]!.schedule) {
  console.log(
    `  ${row.financialYear}: ${String(row.cases)} families, attachment ${formatPounds(String(row.attachmentPerCase), { places: 0 })} each, ` +
      `results ${formatPounds(String(row.results), { places: 0 })}, average ${formatPounds(String(row.perCase), { places: 0 })} per family`,
  );
}
