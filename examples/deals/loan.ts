/**
 * The Juno CIC loan: Liverpool City Region lent £800,000 at 5% over ten years (Demos, The Reform
 * Dividend, 2024). The repayment is the same figure as Excel's PMT(5%, 10, 800000).
 *
 *   npx tsx examples/deals/loan.ts
 */
import { appraise, excel, formatPounds } from "../../src";

const result = appraise({
  title: "Juno CIC: a social loan for children's homes",
  // Eleven financial years: drawn in 2024-25, repaid 2025-26 to 2034-35.
  appraisal: { baseYear: "2024-25", priceBase: "2024-25", prices: { inflation: 0.02 }, horizons: [11], years: 11 },
  agencies: [
    { id: "lcr", name: "Liverpool City Region", kind: "combined-authority" },
    { id: "juno", name: "Juno CIC", kind: "social-enterprise", sector: "third-sector" },
  ],
  deals: [{ type: "loan", id: "loan", label: "£800,000 at 5% over 10 years", lender: "lcr", borrower: "juno", principal: 800000, rate: 0.05, term: 10 }],
});
const loan = result.deals[0]!;
console.log(`Level payment: ${formatPounds(String(loan.figures.levelPayment))} a year; Excel PMT gives ${formatPounds(-excel.PMT(0.05, 10, 800000))}`);
console.log("\nYear      payment     interest    principal      balance   (cash)");
for (const r of loan.schedule) {
  const f = (x: unknown) => formatPounds(String(x), { places: 0 }).padStart(11);
  console.log(`${String(r.financialYear)} ${f(r.payment)}  ${f(r.interest)}  ${f(r.principal)}  ${f(r.balance)}`);
}
const h = result.horizons[0]!;
console.log(
  `\nIn real terms (2024-25 prices, 2% inflation) and discounted at STPR, the lender's NPV is ${formatPounds(h.agencies.lcr!.npv, { places: 0 })}: ` +
    `5% nominal is about 2.9% real, below the 3.5% social discount rate, so the loan is a subsidy worth ${formatPounds(h.agencies.juno!.npv, { places: 0 })} to Juno.`,
);
