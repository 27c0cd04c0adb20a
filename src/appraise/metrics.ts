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
  /** Present value of net transfers received (+) or paid (−): deals and cost shunts. Zero for the system. */
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
 * Computes {@link Metrics} from yearly flows over years 0..horizon with the given discount factors
 * (year 0 undiscounted).
 *
 * @example
 * ```ts
 * const m = metricsFor(flows.system, discountFactors(10), 5);
 * m.npv.toFixed(2); // "2012722.81"
 * ```
 */
export function metricsFor(flows: AnnualFlows, factors: readonly Decimal[], horizon: number): Metrics {
  let pvCosts = ZERO;
  let pvSavings = ZERO;
  let pvTransfers = ZERO;
  const net: Decimal[] = [];
  const discounted: Decimal[] = [];
  for (let t = 0; t <= horizon; t++) {
    const f = factors[t]!;
    pvCosts = pvCosts.plus(flows.costs[t]!.times(f));
    pvSavings = pvSavings.plus(flows.savings[t]!.times(f));
    pvTransfers = pvTransfers.plus(flows.transfers[t]!.times(f));
    net.push(flows.net[t]!);
    discounted.push(flows.net[t]!.times(f));
  }
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
    discountedPaybackYear: paybackYear(discounted),
    irr: rate.ok && rate.unique ? rate.rate : null,
  };
}
