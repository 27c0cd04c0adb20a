import { splitExact, sum, toDecimal, ZERO, ONE, type Decimal } from "../money";
import type { PooledBudget } from "../model";
import { type DealBook, pence, splitWeights, window } from "./book";

/**
 * Pooled budget: contributors pay into a pot (an agency of the model); the pot reimburses the
 * costs it funds; a share of participants' savings comes back into the pot; the surplus is
 * reinvested (kept) or paid back by rule above a reserve. Without an overdraft the contributors
 * top the pot up pro rata whenever it would go below zero. In `aligned` or `virtual` mode no money
 * moves: the summary shows the notional joint pot only.
 */
export function applyPooledBudget(book: DealBook, deal: PooledBudget): void {
  const [first, last] = window(deal.years, book.lastYear);
  const moves = deal.mode === "pooled";
  const pot = deal.pot;
  const funded = new Map<string, Decimal[]>();
  const fundedAgencies = new Set(
    book.ledger.rows
      .filter(
        (r) =>
          r.kind === "cost" &&
          ((r.origin.type === "cost" && deal.funds.costs?.includes(r.origin.id)) || (r.intervention && deal.funds.interventions?.includes(r.intervention))),
      )
      .map((r) => r.agency),
  );
  for (const a of fundedAgencies) {
    funded.set(a, book.costs(a, { costs: deal.funds.costs, interventions: deal.funds.costs ? undefined : deal.funds.interventions }));
  }
  const contributors = deal.contributions.map((c) => c.agency);
  const returners = deal.savingsReturn ? (deal.savingsReturn.agencies ?? contributors) : [];
  const returnSavings = returners.map((a) => book.savings(a, deal.savingsReturn?.basis));
  const weight = deal.contributions.map((c) => (c.share !== undefined ? toDecimal(c.share) : toDecimal(c.amount)));
  const contributed = contributors.map(() => ZERO);
  // Payments are whole pence, so the reserve kept back is too (and never below zero).
  const reserve = pence(toDecimal(deal.reserve));
  let balance = ZERO;
  let lowest = ZERO;
  const send = (from: string, to: string, t: number, amount: Decimal, note?: string) => {
    if (moves) book.pay(from, to, t, amount, note);
  };

  for (let t = first; t <= last; t++) {
    const spend = [...funded.entries()].map(([a, s]) => ({ agency: a, amount: pence(s[t]!) }));
    const spending = sum(spend.map((s) => s.amount));
    let inflow = ZERO;
    deal.contributions.forEach((c, i) => {
      const amount = pence(c.share !== undefined ? spending.times(toDecimal(c.share)) : toDecimal(c.amount));
      send(c.agency, pot, t, amount, `${book.summary.label}: contribution`);
      contributed[i] = contributed[i]!.plus(amount);
      inflow = inflow.plus(amount);
    });
    const back = deal.savingsReturn;
    if (back) {
      returners.forEach((a, i) => {
        const amount = pence(returnSavings[i]![t]!.times(toDecimal(back.share)));
        send(a, pot, t, amount, `${book.summary.label}: savings returned`);
        inflow = inflow.plus(amount);
      });
    }
    for (const s of spend) send(pot, s.agency, t, s.amount, `${book.summary.label}: funded costs`);
    balance = balance.plus(inflow).minus(spending);
    if (balance.isNegative() && !deal.overdraft) {
      const shortfall = balance.neg();
      splitExact(shortfall, splitWeights(weight)).forEach((part, i) => {
        send(contributors[i]!, pot, t, part, `${book.summary.label}: top-up`);
        contributed[i] = contributed[i]!.plus(part);
      });
      book.note(`contributors topped up ${shortfall.toFixed(2)} in ${book.label(t)} to keep the pot out of overdraft`);
      balance = ZERO;
    }
    if (deal.distribute !== "reinvest" && balance.gt(reserve)) {
      const surplus = balance.minus(reserve);
      const [agencies, shares] =
        deal.distribute === "by-contribution"
          ? [contributors, contributed.some((c) => c.gt(0)) ? contributed : contributors.map(() => ONE)]
          : deal.distribute === "equal"
            ? [contributors, contributors.map(() => ONE)]
            : [Object.keys(deal.distribute), Object.values(deal.distribute).map((w) => toDecimal(w))];
      splitExact(surplus, splitWeights(shares)).forEach((part, i) => send(pot, agencies[i]!, t, part, `${book.summary.label}: surplus distributed`));
      balance = reserve;
    }
    if (balance.lt(lowest)) lowest = balance;
    book.summary.schedule.push({ year: t, financialYear: book.label(t), contributions: inflow, spending, balance });
  }
  book.summary.figures.closingBalance = balance;
  book.summary.figures.lowestBalance = lowest;
  if (!moves) book.note(`${deal.mode} budget: no money moves between budgets; the schedule shows the notional joint pot`);
}
