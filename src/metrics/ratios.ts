import { ZERO, toDecimal, type Decimal, type MoneyInput } from "../money";
import { discountFactors, type DiscountOptions } from "../discount";
import { irr } from "./irr";
import { npv } from "./npv";
import { discountedPaybackYear, paybackYear } from "./payback";

/**
 * Benefit–cost ratio, PV savings / PV costs (the Green Book's PVB / PVC: "savings" is this
 * library's word for every benefit counted). `null` when PV costs are zero (no ratio exists).
 *
 * @example
 * ```ts
 * bcr(8_000_000, 10_000_000)?.toString(); // "0.8" (Green Book box example)
 * bcr(10, 0);                              // null
 * ```
 */
export function bcr(pvSavings: MoneyInput, pvCosts: MoneyInput): Decimal | null {
  const c = toDecimal(pvCosts);
  return c.isZero() ? null : toDecimal(pvSavings).div(c);
}

/**
 * Return on investment, (PV savings − PV costs) / PV costs: the net gain per £1 of cost. `null`
 * when PV costs are zero.
 *
 * @example
 * ```ts
 * roi(151, 100)?.toString(); // "0.51"
 * ```
 */
export function roi(pvSavings: MoneyInput, pvCosts: MoneyInput): Decimal | null {
  const c = toDecimal(pvCosts);
  return c.isZero() ? null : toDecimal(pvSavings).minus(c).div(c);
}

/**
 * Annuity factor: the present value of £1 a year paid in years 1..years (end of each year), under
 * a discount schedule. Under a constant rate r this is (1 − (1 + r)^−n) / r.
 *
 * @example
 * ```ts
 * annuityFactor(10, { schedule: { rate: 0.05 } }).toFixed(6); // "7.721735"
 * ```
 */
export function annuityFactor(years: number, options: DiscountOptions = {}): Decimal {
  return discountFactors(years, options.schedule ?? "stpr", { timing: options.timing })
    .slice(1)
    .reduce((a, b) => a.plus(b), ZERO);
}

/**
 * Equivalent annual cost: the level yearly amount over years 1..years with the same present
 * value as `presentValue` (PV ÷ annuity factor). Used to compare options of different lengths.
 *
 * @example
 * ```ts
 * equivalentAnnualCost(800_000, 10, { schedule: { rate: 0.05 } }).toFixed(2); // "103603.66"
 * ```
 */
export function equivalentAnnualCost(presentValue: MoneyInput, years: number, options: DiscountOptions = {}): Decimal {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years must be a whole number ≥ 1, got ${years}`);
  return toDecimal(presentValue).div(annuityFactor(years, options));
}

/** Headline figures for one series of costs and one of savings (benefits). */
export interface FlowSummary {
  /** Present value of costs (the Green Book's PVC), a positive amount when costs are positive. */
  pvCosts: Decimal;
  /** Present value of savings: every benefit counted (the Green Book's PVB). */
  pvSavings: Decimal;
  /** Net present (social) value, PV savings − PV costs. */
  npv: Decimal;
  /** PV savings / PV costs, or null when PV costs are zero. */
  bcr: Decimal | null;
  /** (PV savings − PV costs) / PV costs, or null when PV costs are zero. */
  roi: Decimal | null;
  /** Simple payback year (see `paybackYear`), or null. */
  paybackYear: number | null;
  /** Discounted payback year, or null. */
  discountedPaybackYear: number | null;
  /** IRR of savings − costs when it exists and is unique, else null. */
  irr: number | null;
}

/**
 * Appraises a cost series and a savings (benefits) series, both year 0 first, costs as positive
 * amounts: PV costs, PV savings, NPV (NPSV), BCR, ROI, payback years and IRR. Year 0
 * undiscounted, STPR by default.
 *
 * @example
 * ```ts
 * const s = summariseFlows({ costs: [10_000_000], savings: [8_000_000] }); // Green Book box: PVB £8m, PVC £10m
 * s.npv.toString();  // "-2000000"
 * s.bcr?.toString(); // "0.8"
 * ```
 */
export function summariseFlows(flows: { costs: readonly MoneyInput[]; savings: readonly MoneyInput[] }, options: DiscountOptions = {}): FlowSummary {
  const length = Math.max(flows.costs.length, flows.savings.length);
  const pad = (s: readonly MoneyInput[]) => Array.from({ length }, (_, t) => toDecimal(s[t] ?? 0));
  const costs = pad(flows.costs);
  const savings = pad(flows.savings);
  const net = savings.map((b, t) => b.minus(costs[t]!));
  const pvCosts = npv(costs, options);
  const pvSavings = npv(savings, options);
  const rate = irr(net);
  return {
    pvCosts,
    pvSavings,
    npv: pvSavings.minus(pvCosts),
    bcr: bcr(pvSavings, pvCosts),
    roi: roi(pvSavings, pvCosts),
    paybackYear: paybackYear(net),
    discountedPaybackYear: discountedPaybackYear(net, options),
    irr: rate.ok && rate.unique ? rate.rate : null,
  };
}
