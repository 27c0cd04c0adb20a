import { Decimal, splitExact, sum, toDecimal, ZERO, ONE } from "../money";
import type { Gainshare } from "../model";
import { type DealBook, pence, splitWeights, window } from "./book";

/**
 * What one payer owes on a year's savings: a fixed share, or marginal shares by tier.
 *
 * @example
 * ```ts
 * gainshareDue({ tiers: [{ above: 0, share: 0.1 }, { above: 1000, share: 0.5 }] }, new Decimal(3000)).toString(); // "1100"
 * gainshareDue({ share: 0.3 }, new Decimal(-50)).toString(); // "0"
 * ```
 */
export function gainshareDue(
  deal: { share: NonNullable<Gainshare["share"]>; tiers?: undefined } | { tiers: NonNullable<Gainshare["tiers"]>; share?: undefined },
  savings: Decimal,
): Decimal {
  if (!savings.isPositive() || savings.isZero()) return ZERO;
  if (deal.share !== undefined) return savings.times(toDecimal(deal.share));
  const tiers = deal.tiers;
  let due = ZERO;
  tiers.forEach((tier, i) => {
    const lo = toDecimal(tier.above);
    const hi = i + 1 < tiers.length ? toDecimal(tiers[i + 1]!.above) : null;
    const slice = lesser(savings, hi).minus(lo);
    if (slice.isPositive()) due = due.plus(slice.times(toDecimal(tier.share)));
  });
  return due;
}

function lesser(a: Decimal, b: Decimal | null): Decimal {
  return b === null || a.lte(b) ? a : b;
}

/** Receivers' weights: pro rata to their own investment (costs), equal, or given. */
function receiverWeights(book: DealBook, deal: Gainshare): Decimal[] {
  if (deal.splitBy === "equal") return deal.to.map(() => ONE);
  if (typeof deal.splitBy === "object") return splitWeights(deal.to.map((a) => toDecimal((deal.splitBy as Record<string, string | number>)[a] ?? 0)));
  return splitWeights(deal.to.map((a) => sum(book.costs(a, { interventions: deal.basis.interventions }))));
}

/**
 * Gainshare: each payer hands over a share of its savings to the receivers (the investors),
 * year by year, subject to a time window, a cap per year and in total (absolute, or the
 * receivers' investment plus a return), a guaranteed floor, and clawback when an outcome falls
 * short. Every payment is in whole pence and split exactly.
 */
export function applyGainshare(book: DealBook, deal: Gainshare): void {
  const [first, last] = window(deal.years, book.lastYear);
  const savings = deal.from.map((p) => book.savings(p, deal.basis));
  const weights = receiverWeights(book, deal);
  const cap =
    deal.cap === undefined
      ? null
      : "amount" in deal.cap
        ? toDecimal(deal.cap.amount)
        : sum(deal.to.map((a) => sum(book.costs(a, { interventions: deal.basis.interventions })))).times(ONE.plus(toDecimal(deal.cap.investmentPlus)));
  if (cap) book.summary.figures.cap = cap;
  const paidBy: Decimal[][] = deal.from.map(() => deal.to.map(() => ZERO)); // [payer][receiver] so far
  let paid = ZERO;
  let capNoted = false;
  for (let t = first; t <= last; t++) {
    const due = savings.map((s) => gainshareDue(deal, s[t]!));
    let total = sum(due);
    if (deal.floorPerYear !== undefined && total.lt(toDecimal(deal.floorPerYear))) {
      total = toDecimal(deal.floorPerYear);
      book.note(`floor of ${total.toFixed(2)} paid in ${book.label(t)}`);
    }
    if (deal.capPerYear !== undefined && total.gt(toDecimal(deal.capPerYear))) {
      total = toDecimal(deal.capPerYear);
      book.note(`yearly cap binds in ${book.label(t)}`);
    }
    if (cap && paid.plus(total).gt(cap)) {
      total = Decimal.max(ZERO, cap.minus(paid));
      if (!capNoted) book.note(`total cap of ${cap.toFixed(2)} reached in ${book.label(t)}`);
      capNoted = true;
    }
    const amount = pence(total);
    if (amount.isZero()) continue;
    const payerWeights = splitWeights(due);
    splitExact(amount, payerWeights).forEach((part, p) => {
      splitExact(part, weights).forEach((piece, r) => {
        book.pay(deal.from[p]!, deal.to[r]!, t, piece);
        paidBy[p]![r] = paidBy[p]![r]!.plus(piece);
      });
    });
    paid = paid.plus(amount);
    if (deal.clawback && t === deal.clawback.byYear) clawback(book, deal, deal.clawback, paidBy);
  }
  if (deal.clawback && (deal.clawback.byYear < first || deal.clawback.byYear > last)) clawback(book, deal, deal.clawback, paidBy);
  book.summary.figures.totalPaid = paid;
}

/** Repays share × (1 − achieved/target) of everything paid so far, back along the same routes. */
function clawback(book: DealBook, deal: Gainshare, c: NonNullable<Gainshare["clawback"]>, paidBy: Decimal[][]): void {
  const produced = book.produced(c.outcome);
  const achieved = sum(produced.slice(0, c.byYear + 1));
  const target = toDecimal(c.target);
  book.summary.figures.clawbackAchievement = achieved.div(target);
  if (achieved.gte(target)) return;
  const paidSoFar = sum(paidBy.flat());
  const repay = pence(paidSoFar.times(toDecimal(c.share)).times(ONE.minus(achieved.div(target))));
  if (repay.isZero()) return;
  const routes = paidBy.flatMap((row, p) => row.map((amount, r) => ({ p, r, amount })));
  splitExact(repay, splitWeights(routes.map((x) => x.amount))).forEach((back, k) => {
    const { p, r } = routes[k]!;
    book.pay(deal.to[r]!, deal.from[p]!, c.byYear, back, `${book.summary.label} (clawback)`);
    paidBy[p]![r] = paidBy[p]![r]!.minus(back);
  });
  book.note(`clawback of ${repay.toFixed(2)} in ${book.label(c.byYear)}: ${achieved.toFixed(1)} of ${c.target} target outcomes achieved`);
}
