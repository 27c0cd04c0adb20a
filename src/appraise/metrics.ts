import { ZERO, type Decimal } from "../money";
import { solveRate } from "../metrics/irr";
import type { AnnualFlows } from "../ledger";

/**
 * Headline figures for one party (an agency or the whole system) over one horizon.
 * Money is exact (Decimal) and in present-value terms at the appraisal's price base.
 */
export interface Metrics {
  /** Present value of costs borne. */
  pvCosts: Decimal;
  /** Present value of savings (benefits) received. */
  pvSavings: Decimal;
  /** Present value of net transfers received (+) or paid (−): deals, cost shunts and transfer lines (benefits, taxes). Zero for the whole system (society). */
  pvTransfers: Decimal;
  /** pvSavings − pvCosts + pvTransfers: net present value (NPSV under the social lens). */
  npv: Decimal;
  /** Benefits ÷ costs, where net transfers received count as benefits and net transfers paid as costs; null when there are no costs. */
  bcr: Decimal | null;
  /** npv ÷ costs (same costs as bcr): net return per £1; null when there are no costs. */
  roi: Decimal | null;
  /** First year from which the undiscounted cumulative net position stays ≥ 0; null if never within the horizon. */
  paybackYear: number | null;
  /** The same on discounted flows. */
  discountedPaybackYear: number | null;
  /** Internal rate of return of the net flows when one exists and is unique; else null. */
  irr: number | null;
}

/**
 * Computes {@link Metrics} from yearly flows over a horizon of `horizon` years (years
 * 0..horizon − 1), using each year's present value as discounted by the ledger (year 0
 * undiscounted under end-of-year timing).
 *
 * @example
 * ```ts
 * const m = metricsFor(result.annual.system, 5); // 2025-26 to 2029-30
 * m.npv.toFixed(2); // "-1831574.54"
 * ```
 */
export function metricsFor(flows: AnnualFlows, horizon: number): Metrics {
  return metricsAtHorizons(flows, [horizon])[0]!;
}

/** Running sums of a series (exact), skipping zeros. */
function running(values: readonly Decimal[], n: number): Decimal[] {
  const out = new Array<Decimal>(n);
  let s = ZERO;
  for (let t = 0; t < n; t++) {
    const v = values[t]!;
    if (!v.isZero()) s = s.isZero() ? v : s.plus(v);
    out[t] = s;
  }
  return out;
}

/** First year from which a running total stays ≥ 0 up to the horizon's last year; null if never. */
function payback(cum: readonly Decimal[], n: number): number | null {
  let year: number | null = null;
  for (let t = n - 1; t >= 0; t--) {
    if (cum[t]!.isNegative()) break;
    year = t;
  }
  return year;
}

/**
 * {@link Metrics} at several horizons at once (each N years = years 0..N − 1), from one pass of
 * running sums over the flows: the same figures as {@link metricsFor} horizon by horizon.
 *
 * @example
 * ```ts
 * const [five, ten] = metricsAtHorizons(result.annual.system, [5, 10]);
 * ten.npv.minus(five.npv).isPositive(); // true (years 5..9 add savings)
 * ```
 */
export function metricsAtHorizons(flows: AnnualFlows, horizons: readonly number[]): Metrics[] {
  const n = Math.min(Math.max(0, ...horizons), flows.net.length);
  const costs = running(flows.pv.costs, n);
  const savings = running(flows.pv.savings, n);
  const transfers = running(flows.pv.transfers, n);
  const net = running(flows.net, n);
  const pvNet = running(flows.pv.net, n);
  return horizons.map((h) => {
    const k = Math.min(h, n);
    if (k === 0)
      return { pvCosts: ZERO, pvSavings: ZERO, pvTransfers: ZERO, npv: ZERO, bcr: null, roi: null, paybackYear: null, discountedPaybackYear: null, irr: null };
    const pvCosts = costs[k - 1]!;
    const pvSavings = savings[k - 1]!;
    const pvTransfers = transfers[k - 1]!;
    const npv = pvSavings.minus(pvCosts).plus(pvTransfers);
    const benefits = pvTransfers.isPositive() ? pvSavings.plus(pvTransfers) : pvSavings;
    const outlay = pvTransfers.isNegative() ? pvCosts.minus(pvTransfers) : pvCosts;
    // ROI = NPV ÷ outlay = (benefits − outlay) ÷ outlay = BCR − 1.
    const bcr = outlay.isZero() ? null : benefits.div(outlay);
    return {
      pvCosts,
      pvSavings,
      pvTransfers,
      npv,
      bcr,
      roi: bcr === null ? null : bcr.minus(1),
      paybackYear: payback(net, k),
      discountedPaybackYear: payback(pvNet, k),
      irr: uniqueIrr(flows.net, k),
    };
  });
}

/** The internal rate of return of the first n net flows when it exists and is unique (one sign change); else null. */
function uniqueIrr(net: readonly Decimal[], n: number): number | null {
  const values = new Array<number>(n);
  let changes = 0;
  let last = 0;
  for (let t = 0; t < n; t++) {
    const v = net[t]!;
    const s = v.isZero() ? 0 : v.isNegative() ? -1 : 1;
    if (s !== 0 && last !== 0 && s !== last) changes++;
    if (s !== 0) last = s;
    values[t] = s === 0 ? 0 : v.toNumber();
  }
  // Only a unique rate is reported: with several sign changes there may be several, or none.
  if (changes !== 1) return null;
  const rate = solveRate(
    values.map((_, t) => t),
    values,
  );
  return rate.ok ? rate.rate : null;
}
