import { Decimal } from "../money";
import { arity, FinanceError, finite, num, opt } from "./errors";

/**
 * Excel's `SLN(cost, salvage, life)`: straight-line depreciation per period, (cost − salvage)/life.
 *
 * @throws FinanceError `#DIV/0!` when life is 0.
 * @example
 * ```ts
 * excel.SLN(30000, 7500, 10); // 2250 (Microsoft's example)
 * ```
 */
export function SLN(cost: number, salvage: number, life: number): number {
  arity(arguments, 3, "SLN");
  const c = num(cost, "cost");
  const s = num(salvage, "salvage");
  const l = num(life, "life");
  if (l === 0) throw new FinanceError("#DIV/0!", "life of 0 divides by zero");
  return finite((c - s) / l, "SLN");
}

/**
 * Excel's `SYD(cost, salvage, life, per)`: sum-of-years'-digits depreciation for period `per`,
 * (cost − salvage)·(life − per + 1)·2 / (life·(life + 1)). Over periods 1 … life it depreciates
 * exactly cost − salvage, front-loaded.
 *
 * @throws FinanceError `#NUM!` when life ≤ 0, or per is not in (0, life].
 * @example
 * ```ts
 * excel.SYD(30000, 7500, 10, 1);  // 4090.91 (Microsoft's example)
 * excel.SYD(30000, 7500, 10, 10); // 409.09 (Microsoft's example)
 * ```
 */
export function SYD(cost: number, salvage: number, life: number, per: number): number {
  arity(arguments, 4, "SYD");
  const c = num(cost, "cost");
  const s = num(salvage, "salvage");
  const l = num(life, "life");
  const p = num(per, "per");
  if (l <= 0) throw new FinanceError("#NUM!", `life must be above 0, got ${l}`);
  if (p <= 0 || p > l) throw new FinanceError("#NUM!", `per must be above 0 and at most life (${l}), got ${p}`);
  return finite(((c - s) * (l - p + 1) * 2) / (l * (l + 1)), "SYD");
}

/**
 * Rounds the DB rate to three decimal places, half up, as a spreadsheet shows it: the double is
 * first read to 15 significant digits, so that 0.3185 rounds to 0.319 although its binary value
 * is a hair below.
 */
function roundRate(rate: number): number {
  return new Decimal(rate.toPrecision(15)).toDecimalPlaces(3).toNumber();
}

/**
 * Excel's `DB(cost, salvage, life, period, [month])`: fixed-declining-balance depreciation.
 * The rate is 1 − (salvage/cost)^(1/life) **rounded to three decimal places**; the first period
 * (of `month` months, default 12) depreciates cost·rate·month/12, each later one rate times the
 * value left, and period life + 1 (when the first year was short) the value left times
 * rate·(12 − month)/12. A fractional period counts as its whole part.
 *
 * @throws FinanceError `#NUM!` when cost ≤ 0, salvage < 0, salvage > cost, life ≤ 0,
 *   period ≤ 0 or > life + 1, or month (truncated) is not 1 to 12.
 * @example
 * ```ts
 * excel.DB(1000000, 100000, 6, 1, 7); // 186083.33 (Microsoft's example)
 * excel.DB(1000000, 100000, 6, 7, 7); // 15845.10 (Microsoft's example: the seven months left)
 * ```
 */
export function DB(cost: number, salvage: number, life: number, period: number, month?: number | null): number {
  arity(arguments, 5, "DB");
  const c = num(cost, "cost");
  const s = num(salvage, "salvage");
  const l = num(life, "life");
  const p = num(period, "period");
  const m = Math.trunc(opt(month, 12, "month"));
  if (m < 1 || m > 12) throw new FinanceError("#NUM!", `month must be 1 to 12, got ${m}`);
  if (c <= 0 || s < 0 || s > c) throw new FinanceError("#NUM!", `DB needs 0 ≤ salvage ≤ cost and cost above 0 (got ${c} and ${s})`);
  if (l <= 0 || p <= 0 || p > l + 1) throw new FinanceError("#NUM!", `DB needs life above 0 and 0 < period ≤ life + 1 (got ${l} and ${p})`);
  const rate = roundRate(1 - (s / c) ** (1 / l));
  const first = (c * rate * m) / 12;
  if (Math.floor(p) === 1) return finite(first, "DB");
  // After the first period the value left falls by the same rate each full period.
  const full = Math.floor(Math.min(l, p));
  const left = (k: number) => (c - first) * (1 - rate) ** (k - 1); // value left after period k ≥ 1
  const depreciation = p > l ? (left(Math.max(full, 1)) * rate * (12 - m)) / 12 : full >= 2 ? left(full - 1) * rate : 0;
  return finite(depreciation, "DB");
}

/**
 * Excel's `DDB(cost, salvage, life, period, [factor])`: declining-balance depreciation at
 * factor/life a period (default factor 2, double declining), never taking the value below salvage:
 * min(value·rate, value − salvage) with value = cost·(1 − rate)^(period − 1). A fractional period
 * is allowed; a rate above 100% is taken as 100%.
 *
 * @throws FinanceError `#NUM!` when cost < 0, salvage < 0, salvage > cost, factor ≤ 0, or period
 *   is not from 1 to life.
 * @example
 * ```ts
 * excel.DDB(2400, 300, 10 * 365, 1); // 1.32 (Microsoft's example: the first day)
 * excel.DDB(2400, 300, 10, 2);       // 384.00 (Microsoft's example: the second year)
 * ```
 */
export function DDB(cost: number, salvage: number, life: number, period: number, factor?: number | null): number {
  arity(arguments, 5, "DDB");
  const c = num(cost, "cost");
  const s = num(salvage, "salvage");
  const l = num(life, "life");
  const p = num(period, "period");
  const f = opt(factor, 2, "factor");
  if (c < 0 || s < 0 || s > c) throw new FinanceError("#NUM!", `DDB needs 0 ≤ salvage ≤ cost (got ${c} and ${s})`);
  if (f <= 0) throw new FinanceError("#NUM!", `factor must be above 0, got ${f}`);
  if (p < 1 || p > l) throw new FinanceError("#NUM!", `period must be from 1 to life (${l}), got ${p}`);
  const rate = Math.min(f / l, 1);
  const before = rate === 1 ? (p === 1 ? c : 0) : c * (1 - rate) ** (p - 1);
  const after = c * (1 - rate) ** p;
  // before·rate is before − after without the cancellation (384, not 383.9999999999998).
  const depreciation = after < s ? before - s : before * rate;
  return finite(Math.max(depreciation, 0), "DDB");
}
