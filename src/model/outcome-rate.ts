import { ONE, toDecimal, type Decimal } from "../money";
import type { Outcome } from "./schema";

/**
 * How an outcome stated as rates with and without the intervention enters the benefit chain.
 *
 * For an outcome where a higher rate is better (employment), the share achieving it is `with`
 * among participants and `without` among comparable people without the service. Where a lower
 * rate is better (reconviction), the outcome counted is the bad event avoided: 1 − `with` with
 * the service, 1 − `without` without it. With g₁ and g₀ those two shares:
 *
 *     success    = g₁                  (the share achieving the outcome with the intervention)
 *     deadweight = g₀ ÷ g₁             (the part of it that would have happened anyway)
 *     success × (1 − deadweight) = g₁ − g₀   (the net effect per engaged participant)
 *
 * Reach, engagement, attribution and displacement apply as for any outcome. When the
 * intervention does worse than without it (g₁ < g₀) the net effect is negative and its values
 * become extra costs. When g₁ is 0, success is g₁ − g₀ and deadweight 0 (same net effect).
 */

/**
 * The direction of improvement of a rate: stated, or the way the two rates move.
 * @example
 * ```ts
 * rateBetter({ with: 0.08, without: 0.72 }); // "lower"
 * rateBetter({ with: 0.3, without: 0.1 });   // "higher"
 * ```
 */
export function rateBetter(rate: NonNullable<Outcome["rate"]>): "lower" | "higher" {
  return rate.better ?? (toDecimal(rate.with).lte(toDecimal(rate.without)) ? "lower" : "higher");
}

/** The chain's success and deadweight for an outcome, from `rate` when it has one (as decimal strings). */
export interface ChainRates {
  success: string;
  deadweight: string;
  /** For a rate, in words: "reconviction-style rate 0.08 with, 0.72 without (lower is better): net effect 0.64". */
  note: string | null;
}

/**
 * Success and deadweight as the benefit chain uses them: the outcome's own, or derived from its
 * rates with and without the intervention so that success × (1 − deadweight) is the net effect.
 *
 * @example
 * ```ts
 * const r = chainRates({ success: undefined, deadweight: 0, rate: { with: 0.08, without: 0.72, better: "lower" } });
 * r.success;    // "0.92"
 * new Decimal(r.success).times(new Decimal(1).minus(r.deadweight)).toString(); // "0.64"
 * chainRates({ success: 0.04, deadweight: 0.4 }).deadweight; // "0.4"
 * ```
 */
export function chainRates(o: Pick<Outcome, "success" | "deadweight" | "rate">): ChainRates {
  if (!o.rate) return { success: String(o.success ?? 0), deadweight: String(o.deadweight), note: null };
  const better = rateBetter(o.rate);
  const w = toDecimal(o.rate.with);
  const wo = toDecimal(o.rate.without);
  const g1: Decimal = better === "lower" ? ONE.minus(w) : w;
  const g0: Decimal = better === "lower" ? ONE.minus(wo) : wo;
  const net = g1.minus(g0);
  const note = `rate ${w.toString()} with, ${wo.toString()} without (${better} is better): net effect ${net.toString()} per engaged participant`;
  if (g1.isZero()) return { success: net.toString(), deadweight: "0", note };
  return { success: g1.toString(), deadweight: g0.div(g1).toString(), note };
}
