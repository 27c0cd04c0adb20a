import { ONE, toDecimal, type Decimal, type MoneyInput } from "../money";
import { toFinancialYear, formatFinancialYear, type FinancialYear } from "../time";

/**
 * A price index by financial year (e.g. the HM Treasury GDP deflator), keyed by label
 * (`"2025-26"`). Only ratios matter, so any reference year may be 100.
 */
export type DeflatorIndex = Readonly<Record<string, MoneyInput>>;

/** How prices move: a constant annual inflation rate, or a deflator index by financial year. */
export type PriceBasis = { inflation: MoneyInput } | { deflator: DeflatorIndex };

function indexValue(index: DeflatorIndex, year: FinancialYear, what: string): Decimal {
  const label = formatFinancialYear(year);
  const raw = index[label];
  if (raw === undefined) throw new RangeError(`the deflator index has no value for ${label} (${what})`);
  const v = toDecimal(raw);
  if (v.lte(0)) throw new RangeError(`the deflator index for ${label} must be positive, got ${v.toString()}`);
  return v;
}

/**
 * Multiplier that converts money in `from` year prices to `to` year prices.
 * With constant inflation i: (1 + i)^(to − from). With a deflator: index(to) / index(from).
 *
 * @example
 * ```ts
 * priceFactor("2025-26", "2027-28", { inflation: 0.02 }).toString(); // "1.0404"
 * ```
 */
export function priceFactor(from: FinancialYear | string, to: FinancialYear | string, basis: PriceBasis): Decimal {
  const a = toFinancialYear(from);
  const b = toFinancialYear(to);
  if ("inflation" in basis) {
    const i = toDecimal(basis.inflation);
    if (i.lte(-1)) throw new RangeError(`inflation must be above −1, got ${i.toString()}`);
    return ONE.plus(i).pow(b - a);
  }
  return indexValue(basis.deflator, b, "target year").div(indexValue(basis.deflator, a, "source year"));
}

/**
 * Converts a nominal series (cash of each year, year 0 = `firstYear`) into real terms at the
 * prices of `priceBase`: each value is multiplied by priceFactor(its year, priceBase).
 *
 * @example
 * ```ts
 * // £1,000 a year at 2% inflation, in year-0 prices (Green Book deflator example):
 * deflate([1000, 1000, 1000], { firstYear: "2025-26", priceBase: "2025-26", basis: { inflation: 0.02 } })
 *   .map((v) => v.toFixed(0)); // ["1000", "980", "961"]
 * ```
 */
export function deflate(
  nominal: readonly MoneyInput[],
  options: { firstYear: FinancialYear | string; priceBase: FinancialYear | string; basis: PriceBasis },
): Decimal[] {
  const first = toFinancialYear(options.firstYear);
  return nominal.map((v, t) => toDecimal(v).times(priceFactor(first + t, options.priceBase, options.basis)));
}

/**
 * The reverse of {@link deflate}: turns a real series at `priceBase` prices into the cash
 * (nominal) amounts of each year.
 *
 * @example
 * ```ts
 * inflate([100, 100], { firstYear: 2025, priceBase: 2025, basis: { inflation: 0.1 } }).map(String); // ["100", "110"]
 * ```
 */
export function inflate(
  real: readonly MoneyInput[],
  options: { firstYear: FinancialYear | string; priceBase: FinancialYear | string; basis: PriceBasis },
): Decimal[] {
  const first = toFinancialYear(options.firstYear);
  return real.map((v, t) => toDecimal(v).times(priceFactor(options.priceBase, first + t, options.basis)));
}

/**
 * Restates a real series from one price base year to another (every value times the same
 * factor).
 *
 * @example
 * ```ts
 * rebase([100, 200], { from: "2023-24", to: "2025-26", basis: { deflator: { "2023-24": 100, "2025-26": 105 } } })
 *   .map(String); // ["105", "210"]
 * ```
 */
export function rebase(series: readonly MoneyInput[], options: { from: FinancialYear | string; to: FinancialYear | string; basis: PriceBasis }): Decimal[] {
  const k = priceFactor(options.from, options.to, options.basis);
  return series.map((v) => toDecimal(v).times(k));
}
