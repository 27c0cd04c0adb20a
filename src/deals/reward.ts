import { ONE, sum, toDecimal, ZERO, type Decimal } from "../money";
import type { RewardGrant } from "../model";
import { type DealBook, pence } from "./book";

/**
 * Reward grant (as in Local PSAs): a maximum reward (an amount, or a share of a budget — LPSA:
 * 2.5% of net budget requirement) is split across stretch targets by weight; each target earns
 * nothing below the threshold share of its target (LPSA: 60%), and above it either
 * `proportional` (reward × achievement) or `above-threshold` (reward × (achievement − threshold)
 * / (1 − threshold)). Achievement is capped at 100%. Paid once, after assessment.
 */
export function applyRewardGrant(book: DealBook, deal: RewardGrant): void {
  const maximum = "amount" in deal.maximum ? toDecimal(deal.maximum.amount) : toDecimal(deal.maximum.shareOf).times(toDecimal(deal.maximum.rate));
  const threshold = toDecimal(deal.threshold);
  const weights = sum(deal.targets.map((t) => toDecimal(t.weight)));
  let earned = ZERO;
  for (const target of deal.targets) {
    const achieved = sum(book.produced(target.outcome).slice(0, deal.assessmentYear + 1));
    const raw = achieved.div(toDecimal(target.target));
    const achievement = raw.gt(ONE) ? ONE : raw;
    const available = maximum.times(toDecimal(target.weight)).div(weights);
    let reward: Decimal = ZERO;
    if (achievement.gte(threshold)) {
      reward =
        deal.scale === "proportional"
          ? available.times(achievement)
          : threshold.eq(ONE)
            ? available
            : available.times(achievement.minus(threshold)).div(ONE.minus(threshold));
    }
    earned = earned.plus(reward);
    book.summary.schedule.push({ outcome: target.outcome, target: target.target, achieved, achievement, available, reward });
  }
  const year = deal.paymentYear ?? Math.min(deal.assessmentYear + 1, book.lastYear);
  const paid = pence(earned);
  book.pay(deal.payer, deal.recipient, year, paid);
  book.summary.figures.maximum = maximum;
  book.summary.figures.paid = paid;
  book.summary.figures.shareClaimed = maximum.isZero() ? null : paid.div(maximum);
  book.note(`reward of ${paid.toFixed(2)} (${maximum.isZero() ? "—" : paid.div(maximum).times(100).toFixed(1)}% of the maximum) paid in ${book.label(year)}`);
}
