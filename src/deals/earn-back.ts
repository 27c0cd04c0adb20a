import { toDecimal, ZERO } from "../money";
import type { EarnBack } from "../model";
import { type DealBook, pence, window } from "./book";

/**
 * Earn-back (as in Greater Manchester's City Deal): the body that collects the extra tax from
 * growth (e.g. HM Treasury) returns a share of it to the local body each year, up to a yearly cap.
 */
export function applyEarnBack(book: DealBook, deal: EarnBack): void {
  const [first, last] = window(deal.years, book.lastYear);
  const extraTax = book.savings(deal.payer, deal.basis);
  const cap = deal.capPerYear === undefined ? null : toDecimal(deal.capPerYear);
  let paid = ZERO;
  let capped = 0;
  for (let t = first; t <= last; t++) {
    let due = extraTax[t]!.times(toDecimal(deal.share));
    if (cap && due.gt(cap)) {
      due = cap;
      capped++;
    }
    const amount = pence(due);
    book.pay(deal.payer, deal.recipient, t, amount);
    paid = paid.plus(amount);
  }
  if (capped) book.note(`the yearly cap of ${cap!.toFixed(2)} binds in ${capped} of ${last - first + 1} years`);
  book.summary.figures.totalPaid = paid;
}
