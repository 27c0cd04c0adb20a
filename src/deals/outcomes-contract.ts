import { splitExact, sum, toDecimal, ZERO, type Decimal } from "../money";
import type { OutcomesContract } from "../model";
import { irr } from "../metrics";
import { type DealBook, pence, splitWeights } from "./book";

/**
 * Social outcomes contract (social impact bond): the investor funds delivery (its costs are in the
 * model); each payer pays a price per outcome achieved, with an outcomes fund paying a share on
 * their behalf, up to a cap on total payments. Reports the investor's multiple and IRR on its cash.
 */
export function applyOutcomesContract(book: DealBook, deal: OutcomesContract): void {
  const cap = deal.cap === undefined ? null : toDecimal(deal.cap);
  const fundShare = deal.outcomesFund ? toDecimal(deal.outcomesFund.share) : ZERO;
  let paid = ZERO;
  let capNoted = false;
  for (let t = 0; t <= book.lastYear; t++) {
    const due = deal.payers.map((p) => sum(p.prices.map((q) => book.produced(q.outcome)[t]!.times(toDecimal(q.price)))));
    let total = sum(due);
    if (cap && paid.plus(total).gt(cap)) {
      total = cap.minus(paid);
      if (!capNoted) book.note(`outcome payments reach the cap of ${cap.toFixed(2)} in ${book.label(t)}`);
      capNoted = true;
    }
    const amount = pence(total);
    if (amount.isZero()) continue;
    splitExact(amount, splitWeights(due)).forEach((part, i) => {
      const fromFund = deal.outcomesFund ? pence(part.times(fundShare)) : ZERO;
      if (deal.outcomesFund) book.pay(deal.outcomesFund.agency, deal.investor, t, fromFund, `${book.summary.label}: outcomes fund`);
      book.pay(deal.payers[i]!.agency, deal.investor, t, part.minus(fromFund), `${book.summary.label}: outcome payments`);
    });
    paid = paid.plus(amount);
  }
  const invested = book.costs(deal.investor);
  const received = book.summary.byYear[deal.investor] ?? book.zeros();
  const net: Decimal[] = invested.map((c, t) => received[t]!.minus(c));
  const rate = irr(net);
  book.summary.figures.outcomePayments = paid;
  book.summary.figures.investorOutlay = sum(invested);
  book.summary.figures.investorMultiple = sum(invested).isZero() ? null : paid.div(sum(invested));
  book.summary.figures.investorIrr = rate.ok && rate.unique ? rate.rate : null;
}
