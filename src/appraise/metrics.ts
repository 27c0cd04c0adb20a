import { ZERO, type Decimal } from "../money";
import { irr, paybackYear } from "../metrics";
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
  let pvCosts = ZERO;
  let pvSavings = ZERO;
  let pvTransfers = ZERO;
  const n = Math.min(horizon, flows.net.length);
  for (let t = 0; t < n; t++) {
    pvCosts = pvCosts.plus(flows.pv.costs[t]!);
    pvSavings = pvSavings.plus(flows.pv.savings[t]!);
    pvTransfers = pvTransfers.plus(flows.pv.transfers[t]!);
  }
  const net = flows.net.slice(0, n);
  const npv = pvSavings.minus(pvCosts).plus(pvTransfers);
  const benefits = pvTransfers.isPositive() ? pvSavings.plus(pvTransfers) : pvSavings;
  const costs = pvTransfers.isNegative() ? pvCosts.minus(pvTransfers) : pvCosts;
  const rate = irr(net);
  return {
    pvCosts,
    pvSavings,
    pvTransfers,
    npv,
    bcr: costs.isZero() ? null : benefits.div(costs),
    roi: costs.isZero() ? null : npv.div(costs),
    paybackYear: paybackYear(net),
    discountedPaybackYear: paybackYear(flows.pv.net.slice(0, n)),
    irr: rate.ok && rate.unique ? rate.rate : null,
  };
}
