import DecimalJs from "decimal.js";
import { toDecimal, ZERO, type Decimal, type MoneyInput } from "./decimal";

/** Options for {@link splitExact}. */
export interface SplitOptions {
  /** The smallest unit handed out; default `"0.01"` (a penny). */
  unit?: MoneyInput;
}

/**
 * Splits an amount between parties in proportion to weights, in whole units (pence by default),
 * by the **largest-remainder** (Hamilton) method, so the parts always add up to exactly the
 * amount split. Each part is first rounded towards zero; the units left over go one each to the
 * parts with the largest remainders (ties to the earlier party, so the result is deterministic).
 *
 * The amount must itself be a whole number of units: round it first (e.g. with `toPence`) if it
 * is not. Weights must be non-negative with a positive total. Negative amounts split the same
 * way with every part negative.
 *
 * @throws RangeError when weights are negative or all zero, or the amount is not a whole number
 *   of units.
 * @example
 * ```ts
 * splitExact(100, [1, 1, 1]).map(String); // ["33.34", "33.33", "33.33"]
 * splitExact("0.05", [0.5, 0.5]).map(String); // ["0.03", "0.02"]
 * ```
 */
export function splitExact(amount: MoneyInput, weights: readonly MoneyInput[], options: SplitOptions = {}): Decimal[] {
  const unit = toDecimal(options.unit ?? "0.01");
  if (unit.lte(0)) throw new RangeError(`unit must be positive, got ${unit.toString()}`);
  const total = toDecimal(amount);
  const units = total.div(unit);
  if (!units.isInteger()) {
    throw new RangeError(`amount ${total.toString()} is not a whole number of ${unit.toString()} units; round it first`);
  }
  const w = weights.map((x, i) => {
    const d = toDecimal(x);
    if (d.isNegative()) throw new RangeError(`weights[${i}] must be ≥ 0, got ${d.toString()}`);
    return d;
  });
  const weightTotal = w.reduce((a, b) => a.plus(b), ZERO);
  if (weightTotal.isZero()) throw new RangeError("weights must not all be zero");

  const sign = units.isNegative() ? -1 : 1;
  const n = units.abs();
  const quotas = w.map((x) => n.times(x).div(weightTotal));
  const floors = quotas.map((q) => q.toDecimalPlaces(0, DecimalJs.ROUND_DOWN));
  let left = n.minus(floors.reduce((a, b) => a.plus(b), ZERO)).toNumber();
  const order = quotas.map((q, i) => ({ i, rem: q.minus(floors[i]!) })).sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left -= 1;
  }
  return floors.map((f) => f.times(unit).times(sign));
}

/** Options for {@link roundSeriesConserving}. */
export interface ConservingOptions extends SplitOptions {
  /**
   * The total the rounded values must add up to, a whole number of units within one unit of the
   * exact total (default: the exact total rounded half away from zero). Use it when a group's
   * total is itself part of a larger column that must add up.
   */
  total?: MoneyInput;
  /**
   * A preferred rounded value for each item (e.g. an NPV's rounded savings − costs + transfers).
   * Where the total leaves a choice, the spare units go first to items whose preferred value is
   * the unit above, and last to those whose preferred value is the unit below.
   */
  prefer?: readonly MoneyInput[];
}

/**
 * Rounds each value of a series to whole units while keeping the rounded series' total equal to
 * the rounded exact total (largest-remainder rounding). Useful for presenting a column of pence
 * that must add up to the total shown beneath it. Each value moves by less than one unit (by at
 * most one with `prefer`, or when a given `total` is a whole unit away from the exact total, as
 * when it is the difference of two figures each rounded by half a unit).
 *
 * @throws RangeError when `total` is not a whole number of units within one unit of the exact total.
 * @example
 * ```ts
 * roundSeriesConserving([0.333, 0.333, 0.334]).map(String); // ["0.33", "0.33", "0.34"]
 * roundSeriesConserving(["1.005", "1.005"]).map(String);    // ["1.01", "1"]
 * roundSeriesConserving(["1.005", "1.006"], { total: "2.02" }).map(String); // ["1.01", "1.01"]
 * roundSeriesConserving(["1.005", "1.005"], { prefer: ["1", "1.01"] }).map(String); // ["1", "1.01"]
 * ```
 */
export function roundSeriesConserving(values: readonly MoneyInput[], options: ConservingOptions = {}): Decimal[] {
  const unit = toDecimal(options.unit ?? "0.01");
  const exact = values.map(toDecimal);
  const exactTotal = exact.reduce((a, b) => a.plus(b), ZERO).div(unit);
  const target = options.total === undefined ? exactTotal.toDecimalPlaces(0, DecimalJs.ROUND_HALF_UP) : toDecimal(options.total).div(unit);
  if (!target.isInteger() || target.minus(exactTotal).abs().gt(1)) {
    throw new RangeError(`total ${target.times(unit).toString()} is not a whole number of units within one unit of the exact total`);
  }
  const floors = exact.map((v) => v.div(unit).floor());
  let left = target.minus(floors.reduce((a, b) => a.plus(b), ZERO)).toNumber();
  const tier = (i: number) => {
    if (!options.prefer) return 1;
    const p = toDecimal(options.prefer[i]!).div(unit);
    return p.equals(floors[i]!.plus(1)) ? 0 : p.equals(floors[i]!) ? 2 : 1;
  };
  const order = exact
    .map((v, i) => ({ i, tier: tier(i), rem: v.div(unit).minus(floors[i]!) }))
    .sort((a, b) => a.tier - b.tier || b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left -= 1;
  }
  // A total a whole unit below the exact one (possible only when given): take a unit back from
  // the item that has the least claim to it.
  for (const { i } of [...order].reverse()) {
    if (left >= 0) break;
    floors[i] = floors[i]!.minus(1);
    left += 1;
  }
  return floors.map((f) => f.times(unit));
}
