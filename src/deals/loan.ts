import { ONE, toDecimal, toPence, ZERO, type Decimal } from "../money";
import type { Loan } from "../model";
import type { DealBook } from "./book";

/**
 * A loan: the lender advances the principal in the drawdown year; the borrower repays from the
 * next year — interest only during grace years, then by annuity (level payments, the same figure
 * as Excel's PMT), straight-line principal, or all at the end (bullet). Payments are whole pence;
 * the last payment clears the balance exactly. Cash is deflated into real terms unless
 * `prices: "real"`.
 */
export function applyLoan(book: DealBook, deal: Loan): void {
  if (deal.prices === "nominal") book.useNominalCash();
  const principal = toPence(toDecimal(deal.principal));
  const r = toDecimal(deal.rate);
  const start = deal.drawdownYear;
  book.pay(deal.lender, deal.borrower, start, principal, `${book.summary.label}: drawdown`);
  const amortising = deal.term - deal.graceYears;
  const level = deal.repayment === "annuity" ? annuity(principal, r, amortising) : null;
  let balance = principal;
  let totalInterest = ZERO;
  book.summary.schedule.push({ year: start, financialYear: book.label(start), payment: ZERO, interest: ZERO, principal: principal.neg(), balance });
  for (let k = 1; k <= deal.term; k++) {
    const t = start + k;
    const interest = toPence(balance.times(r));
    let repaid: Decimal;
    if (k <= deal.graceYears && deal.repayment !== "bullet") repaid = ZERO;
    else if (k === deal.term) repaid = balance;
    else if (deal.repayment === "bullet") repaid = ZERO;
    else if (deal.repayment === "straight-line") repaid = toPence(principal.div(amortising));
    else repaid = level!.minus(interest);
    if (repaid.gt(balance)) repaid = balance;
    const payment = interest.plus(repaid);
    balance = balance.minus(repaid);
    totalInterest = totalInterest.plus(interest);
    book.pay(deal.borrower, deal.lender, t, payment, `${book.summary.label}: repayment`);
    book.summary.schedule.push({ year: t, financialYear: book.label(t), payment, interest, principal: repaid, balance });
  }
  book.summary.figures.levelPayment = level;
  book.summary.figures.totalInterest = totalInterest;
  book.summary.figures.prices = deal.prices;
}

/**
 * Level payment repaying `principal` over n years at rate r, rounded to pence: P·r / (1 − (1 + r)^−n).
 *
 * @example
 * ```ts
 * annuity(new Decimal(800000), new Decimal("0.05"), 10).toString(); // "103603.66"
 * ```
 */
export function annuity(principal: Decimal, r: Decimal, n: number): Decimal {
  if (r.isZero()) return toPence(principal.div(n));
  return toPence(principal.times(r).div(ONE.minus(ONE.plus(r).pow(-n))));
}
