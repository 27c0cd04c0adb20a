import { toDecimal, ZERO, type Decimal, type MoneyInput } from "../money";
import { discountFactors, type DiscountOptions } from "../discount";

/**
 * Net present value of yearly flows in the library's (Green Book) convention: `flows[0]` is year 0
 * and is **not** discounted; `flows[t]` is multiplied by the discount factor for year t (running
 * product of each year's rate; STPR by default). Exact (Decimal).
 *
 * This differs from Excel's `NPV`, which discounts its first value by one period; see
 * `excel.NPV` for that convention. `npv(flows, { schedule: { rate } })` equals
 * `flows[0] + excel.NPV(rate, flows.slice(1))`.
 *
 * @example
 * ```ts
 * npv([-100, 60, 60], { schedule: { rate: 0.1 } }).toFixed(4); // "4.1322"
 * npv([-100, 50, 50], { schedule: { rate: 0 } }).toString();    // "0"
 * ```
 */
export function npv(flows: readonly MoneyInput[], options: DiscountOptions = {}): Decimal {
  if (flows.length === 0) return ZERO;
  const factors = discountFactors(flows.length - 1, options.schedule ?? "stpr", { timing: options.timing });
  let total = ZERO;
  for (let t = 0; t < flows.length; t++) total = total.plus(toDecimal(flows[t]!).times(factors[t]!));
  return total;
}

/**
 * Present value of one series (costs or benefits), year 0 first: the same sum as {@link npv},
 * named for when the series is one-sided.
 *
 * @example
 * ```ts
 * presentValue([100, 103.5], { schedule: { rate: 0.035 } }).toString(); // "200"
 * ```
 */
export const presentValue: (flows: readonly MoneyInput[], options?: DiscountOptions) => Decimal = npv;

/**
 * Each flow multiplied by its year's discount factor (year 0 first): the discounted series
 * behind {@link npv}, for tables and cumulative charts.
 *
 * @example
 * ```ts
 * discountSeries([100, 110], { schedule: { rate: 0.1 } }).map(String); // ["100", "100"]
 * ```
 */
export function discountSeries(flows: readonly MoneyInput[], options: DiscountOptions = {}): Decimal[] {
  if (flows.length === 0) return [];
  const factors = discountFactors(flows.length - 1, options.schedule ?? "stpr", { timing: options.timing });
  return flows.map((v, t) => toDecimal(v).times(factors[t]!));
}
