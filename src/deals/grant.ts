import { toDecimal, toPence } from "../money";
import type { Grant } from "../model";
import { type DealBook, window } from "./book";

/**
 * A plain grant: the payer gives the recipient an amount each year of `years` (default year 0),
 * or the amounts of `series` by appraisal year, in whole pence.
 */
export function applyGrant(book: DealBook, deal: Grant): void {
  if (deal.series !== undefined) {
    deal.series.forEach((v, t) => book.pay(deal.from, deal.to, t, toPence(toDecimal(v))));
    return;
  }
  const [first, last] = deal.years ? window(deal.years, book.lastYear) : [0, 0];
  const amount = toPence(toDecimal(deal.amount));
  for (let t = first; t <= last; t++) book.pay(deal.from, deal.to, t, amount);
}
