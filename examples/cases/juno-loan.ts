/**
 * Juno CIC: Liverpool City Region's £800,000 loan at 5% over ten years. Reproduces the annuity
 * (≈ £103.6k a year, Excel's PMT) for lender and borrower, alongside assumed placement savings.
 */
import { appraise, excel, irr, toDecimal, type Decimal } from "../../src";
import { agencyTable, check, money, pct, table, type CaseStudy } from "./lib";

const DEMOS = "Demos (2024), Liverpool City Region case study";
/** The loan's term in years of repayment. */
const TERM = 10;
/** The loan's life: drawdown in 2022-23 and ten repayments, 2022-23 to 2032-33. */
const LIFE = 11;

export const junoLoan: CaseStudy = {
  id: "juno-loan",
  title: "Juno CIC loan",
  headline(model) {
    const loan = appraise(model).deals.find((d) => d.id === "lcr-loan")!;
    const level = toDecimal(String(loan.figures.levelPayment));
    // The lender's cash: the principal out in the drawdown year (negative in the schedule), the payments back after.
    const lender: Decimal[] = loan.schedule.map((r, i) => toDecimal(String(i === 0 ? r.principal : r.payment)));
    const rate = irr(lender);
    return [
      check("Loan (£)", DEMOS, 800000, toDecimal(String(loan.schedule[0]!.principal)).neg(), { prefix: "£", shown: 0 }),
      check("Annual repayment (£k)", "derived from the published terms (5%, 10 years)", 103.6, level.div(1000), { prefix: "£", suffix: "k", places: 1 }),
      check("Annual repayment = −PMT(5%, 10, 800000) (£)", "Excel PMT", Number((-excel.PMT(0.05, TERM, 800000)).toFixed(2)), level, {
        prefix: "£",
        places: 2,
        shown: 2,
      }),
      check("Interest rate earned by the lender (cash IRR)", DEMOS, 5, (rate.ok ? rate.rate : NaN) * 100, { suffix: "%", shown: 3 }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const loan = result.deals.find((d) => d.id === "lcr-loan")!;
    const schedule = table(
      ["Year", "Payment (cash)", "Interest", "Principal", "Balance", "Payment in 2022-23 prices"],
      loan.schedule.map((r, i) => {
        const d = (k: string) => toDecimal(String(r[k]));
        const realPaid = loan.byYear.lcr![Number(r.year)]!;
        return [
          String(r.financialYear),
          money(d("payment"), "", 2),
          money(d("interest"), ""),
          i === 0 ? `−${money(d("principal").neg(), "")} drawn` : money(d("principal"), ""),
          money(d("balance"), ""),
          money(realPaid, ""),
        ];
      }),
    );
    const h = result.horizons.find((x) => x.years === LIFE)!;
    const lender = h.agencies.lcr!;
    const realRate = 1.05 / 1.02 - 1;
    return [
      `**The loan, year by year** (level payments; the last clears the balance to the penny):\n\n${schedule}`,
      `Total interest ${money(toDecimal(String(loan.figures.totalInterest)), "")}. In cash the lender earns 5%; in real terms (2% inflation) about ${pct(realRate, 2)}, below the Green Book's 3.5%, so at STPR the lender's NPV is ${money(lender.npv, "")}: the loan carries a subsidy to Juno of that size, the price of patient local capital.`,
      `**Who gains** (fiscal lens, Green Book, 2022-23 prices, over the loan's life, ${h.from} to ${h.to}; placement savings and Juno's surplus are ASSUMED):\n\n${agencyTable(result, LIFE, "k")}`,
      `The borrower's repayments (${money(
        loan.byYear
          .juno!.slice(1)
          .reduce((a, b) => a.plus(b))
          .neg(),
        "k",
      )} in 2022-23 prices) come out of Juno's assumed surplus on placements (${money(h.agencies.juno!.pvSavings, "k")} in present value), while the region's councils keep the lower fees (${money(h.agencies.councils!.pvSavings, "k")}); the lender funds the system but none of the savings reach it. Juno is a social enterprise, outside the public sector: for the public purse the case is the councils' savings less the lender's subsidy, ${money(h.publicSector.npv, "k")}.`,
    ];
  },
};
