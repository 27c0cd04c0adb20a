import { toDecimal, ZERO, type Decimal, type MoneyInput } from "../money";
import type { DiscountOptions } from "../discount";
import { discountSeries } from "./npv";

/**
 * Running totals of a series (year 0 first), exactly.
 *
 * @example
 * ```ts
 * cumulative([-100, 30, 80]).map(String); // ["-100", "-70", "10"]
 * ```
 */
export function cumulative(flows: readonly MoneyInput[]): Decimal[] {
  let running = ZERO;
  return flows.map((v) => (running = running.plus(toDecimal(v))));
}

/** First index from which every running total is ≥ 0, or null. */
function firstStaysNonNegative(running: readonly Decimal[]): number | null {
  let year: number | null = null;
  running.forEach((c, t) => {
    if (c.isNegative()) year = null;
    else if (year === null) year = t;
  });
  return year;
}

/**
 * Simple (undiscounted) payback year: the first year t from which the cumulative net position
 * (flows of years 0..t) is ≥ 0 **and stays** ≥ 0 to the end of the series. A later dip below
 * zero (say, a re-investment) moves payback later. `null` when the position ends negative.
 * Year 0 when the position is never negative.
 *
 * @example
 * ```ts
 * paybackYear([-100, 30, 40, 50]);  // 3
 * paybackYear([-100, 30, 40]);      // null (never)
 * paybackYear([-100, 120, -50, 60]); // 3 (the year-1 recovery is undone in year 2)
 * ```
 */
export function paybackYear(netFlows: readonly MoneyInput[]): number | null {
  return firstStaysNonNegative(cumulative(netFlows));
}

/**
 * Discounted payback year: as {@link paybackYear}, on flows multiplied by their discount factors
 * (year 0 undiscounted; STPR by default).
 *
 * @example
 * ```ts
 * discountedPaybackYear([-100, 55, 55], { schedule: { rate: 0.1 } }); // null (PV of 110 is 95.45)
 * discountedPaybackYear([-100, 60, 60], { schedule: { rate: 0.1 } }); // 2
 * ```
 */
export function discountedPaybackYear(netFlows: readonly MoneyInput[], options: DiscountOptions = {}): number | null {
  return firstStaysNonNegative(cumulative(discountSeries(netFlows, options)));
}

/**
 * Payback period in fractional years, interpolating linearly inside the year in which the
 * cumulative position finally turns non-negative (flows spread evenly through that year).
 * `null` when it never does; 0 when it is never negative.
 *
 * @example
 * ```ts
 * paybackPeriod([-100, 40, 40, 40]); // 2.5
 * ```
 */
export function paybackPeriod(netFlows: readonly MoneyInput[]): number | null {
  const running = cumulative(netFlows);
  const year = firstStaysNonNegative(running);
  if (year === null || year === 0) return year;
  const before = running[year - 1]!;
  const inYear = toDecimal(netFlows[year]!);
  return before
    .neg()
    .div(inYear)
    .plus(year - 1)
    .toNumber();
}
