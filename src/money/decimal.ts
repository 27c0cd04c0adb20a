import DecimalJs from "decimal.js";
// Types come from decimal.js's named export, not its default one: under `moduleResolution:
// node16`/`nodenext` an ESM consumer sees decimal.js's declarations as CommonJS, where the default
// import is the whole module (a namespace, not a type), so `Decimal` would turn into `any` (or
// TS2709). The named class resolves the same way under every setting.
import type { Decimal as DecimalClass } from "decimal.js";

/**
 * The library's own Decimal constructor: 40 significant digits, round half-up for arithmetic
 * that cannot be exact (division, powers). It is a private clone, so changing the global
 * `decimal.js` configuration in an application never changes this library's figures.
 *
 * @example
 * ```ts
 * import { Decimal } from "invest-to-save";
 * new Decimal("0.1").plus("0.2").toString(); // "0.3"
 * ```
 */
export const Decimal: typeof DecimalClass = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -21,
  toExpPos: 40,
});

/** A decimal value as returned by this library (an instance of {@link Decimal}). */
export type Decimal = DecimalClass;

/**
 * Anything the library accepts as money or as an exact number: a JavaScript number, a decimal
 * string such as `"1234.56"`, or a Decimal (from this library or from `decimal.js`).
 */
export type MoneyInput = number | string | DecimalClass;

/**
 * Converts a {@link MoneyInput} to a Decimal, refusing values that are not finite numbers.
 *
 * Numbers are converted through their shortest round-trip string, so `0.1` becomes exactly
 * `0.1` (not 0.1000000000000000055…).
 *
 * @throws RangeError when the input is NaN, ±Infinity or not a number.
 * @example
 * ```ts
 * toDecimal(0.1).plus(0.2).toNumber(); // 0.3
 * toDecimal("1e3").toString();          // "1000"
 * ```
 */
export function toDecimal(value: MoneyInput): Decimal {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`expected a finite number, got ${value}`);
    return new Decimal(String(value));
  }
  if (typeof value === "string") {
    const trimmed = value.trim().replace(/_/g, "");
    let d: Decimal;
    try {
      d = new Decimal(trimmed);
    } catch {
      throw new RangeError(`expected a decimal number, got "${value}"`);
    }
    if (!d.isFinite()) throw new RangeError(`expected a finite number, got "${value}"`);
    return d;
  }
  if (DecimalJs.isDecimal(value)) {
    const d = new Decimal(value);
    if (!d.isFinite()) throw new RangeError(`expected a finite number, got ${value.toString()}`);
    return d;
  }
  throw new RangeError(`expected a number, decimal string or Decimal, got ${typeof value}`);
}

/**
 * Exact zero, shared (Decimals are immutable).
 *
 * @example
 * ```ts
 * ZERO.plus("0.1").toString(); // "0.1"
 * ```
 */
export const ZERO: Decimal = new Decimal(0);
/**
 * Exact one, shared. Division is carried to 40 significant digits.
 *
 * @example
 * ```ts
 * ONE.div(3).toString(); // "0.3333333333333333333333333333333333333333"
 * ```
 */
export const ONE: Decimal = new Decimal(1);

/**
 * Exact sum of any number of values. An empty list sums to zero.
 *
 * @example
 * ```ts
 * sum([0.1, 0.2, "0.3"]).toString(); // "0.6"
 * ```
 */
export function sum(values: Iterable<MoneyInput>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(toDecimal(v));
  return total;
}

/**
 * Element-wise exact sum of several series, padding shorter ones with zeros.
 *
 * @example
 * ```ts
 * addSeries([[1, 2], [10, 20, 30]]).map(String); // ["11", "22", "30"]
 * ```
 */
export function addSeries(series: readonly (readonly MoneyInput[])[]): Decimal[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  const out: Decimal[] = Array.from({ length }, () => ZERO);
  for (const s of series) s.forEach((v, i) => (out[i] = out[i]!.plus(toDecimal(v))));
  return out;
}

/**
 * Multiplies every value in a series by a factor, exactly.
 *
 * @example
 * ```ts
 * scaleSeries([1, 2], "0.5").map(String); // ["0.5", "1"]
 * ```
 */
export function scaleSeries(series: readonly MoneyInput[], factor: MoneyInput): Decimal[] {
  const k = toDecimal(factor);
  return series.map((v) => toDecimal(v).times(k));
}
