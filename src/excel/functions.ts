import { differenceInCalendarDays } from "date-fns";
import { toDate, type DateInput } from "../time";
import { solveRate } from "../metrics/irr";
import { FinanceError, finite, num, nums } from "./errors";

/**
 * Excel's `NPV(rate, value1, …)`: Σ values[i] / (1 + rate)^(i + 1) — the **first value is
 * discounted one full period** (end-of-period convention). For the Green Book convention, where
 * the first value is year 0 and undiscounted, use the library's `npv`.
 *
 * @throws FinanceError `#DIV/0!` when rate is −1; `#VALUE!` for a non-numeric argument.
 * @example
 * ```ts
 * excel.NPV(0.1, [-10000, 3000, 4200, 6800]); // 1188.4434123352207
 * ```
 */
export function NPV(rate: number, values: readonly number[]): number {
  const r = num(rate, "rate");
  const v = nums(values, "values");
  if (v.length === 0) throw new FinanceError("#VALUE!", "NPV needs at least one value");
  if (r === -1) throw new FinanceError("#DIV/0!", "rate of −100% divides by zero");
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! / Math.pow(1 + r, i + 1);
  return finite(s, "NPV");
}

/**
 * Excel's `IRR(values, [guess])`: the rate at which Σ values[i] / (1 + r)^i = 0. Matches Excel
 * wherever Excel finds the root; where Excel's Newton iteration fails (`#NUM!`) or lands below
 * −100% although the flows have exactly one sign change, this returns the true unique root.
 * With several sign changes it returns the root nearest `guess` (see `irrAll` for all of them).
 *
 * @throws FinanceError `#NUM!` without at least one positive and one negative value, or when no
 *   root exists.
 * @example
 * ```ts
 * excel.IRR([-70000, 12000, 15000, 18000, 21000, 26000]); // 0.0866309480365
 * ```
 */
export function IRR(values: readonly number[], guess = 0.1): number {
  const v = nums(values, "values");
  const g = num(guess, "guess");
  const result = solveRate(v.map((_, i) => i), v, g > -1 ? g : 0.1);
  if (!result.ok) throw new FinanceError("#NUM!", result.message);
  return finite(result.rate, "IRR");
}

/**
 * Excel's `MIRR(values, finance_rate, reinvest_rate)`: negative flows are discounted at the
 * finance rate to time 0, positive flows compounded at the reinvestment rate to the end:
 * MIRR = (FV(positives) / −PV(negatives))^(1/(n − 1)) − 1.
 *
 * @throws FinanceError `#DIV/0!` unless there is at least one positive and one negative value.
 * @example
 * ```ts
 * excel.MIRR([-120000, 39000, 30000, 21000, 37000, 46000], 0.1, 0.12); // 0.126094130366
 * ```
 */
export function MIRR(values: readonly number[], financeRate: number, reinvestRate: number): number {
  const v = nums(values, "values");
  const f = num(financeRate, "finance_rate");
  const r = num(reinvestRate, "reinvest_rate");
  const n = v.length;
  let pvNeg = 0;
  let fvPos = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x < 0) pvNeg += x / Math.pow(1 + f, i);
    else if (x > 0) fvPos += x * Math.pow(1 + r, n - 1 - i);
  }
  if (pvNeg === 0 || fvPos === 0) {
    throw new FinanceError("#DIV/0!", "MIRR needs at least one positive and one negative value");
  }
  if (f === -1 || r === -1) throw new FinanceError("#DIV/0!", "a rate of −100% divides by zero");
  return finite(Math.pow(fvPos / -pvNeg, 1 / (n - 1)) - 1, "MIRR");
}

/** Days from the first date, as Excel counts them for XNPV/XIRR. */
function dayOffsets(values: readonly number[], dates: readonly DateInput[]): number[] {
  if (!Array.isArray(dates)) throw new FinanceError("#VALUE!", "dates must be a list");
  if (dates.length !== values.length) {
    throw new FinanceError("#NUM!", `values and dates differ in length (${values.length} vs ${dates.length})`);
  }
  if (values.length === 0) throw new FinanceError("#NUM!", "at least one value is needed");
  const parsed = dates.map((d, i) => {
    try {
      return toDate(d);
    } catch {
      throw new FinanceError("#VALUE!", `dates[${i}] is not a valid date: ${String(d)}`);
    }
  });
  return parsed.map((d, i) => {
    const days = differenceInCalendarDays(d, parsed[0]!);
    if (days < 0) throw new FinanceError("#NUM!", `dates[${i}] is before the first date`);
    return days;
  });
}

/**
 * Excel's `XNPV(rate, values, dates)`: Σ values[i] / (1 + rate)^((dates[i] − dates[0]) / 365).
 * The first flow is undiscounted; a 365-day year is used whatever the leap years.
 *
 * @throws FinanceError `#NUM!` when lengths differ, a date precedes the first, or rate ≤ −1;
 *   `#VALUE!` for an invalid date or number.
 * @example
 * ```ts
 * excel.XNPV(0.09, [-10000, 2750, 4250, 3250, 2750],
 *   ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]); // 2086.647602031535
 * ```
 */
export function XNPV(rate: number, values: readonly number[], dates: readonly DateInput[]): number {
  const r = num(rate, "rate");
  const v = nums(values, "values");
  const days = dayOffsets(v, dates);
  if (r <= -1) throw new FinanceError("#NUM!", "rate must be above −100%");
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! / Math.pow(1 + r, days[i]! / 365);
  return finite(s, "XNPV");
}

/**
 * Excel's `XIRR(values, dates, [guess])`: the rate at which XNPV is zero. Like `IRR`, it
 * always finds the unique root when the flows (in date order) change sign once.
 *
 * @throws FinanceError `#NUM!` without a positive and a negative value, when a date precedes the
 *   first, or when no root exists; `#VALUE!` for an invalid date.
 * @example
 * ```ts
 * excel.XIRR([-10000, 2750, 4250, 3250, 2750],
 *   ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]); // 0.3733625335 (Excel's help shows 0.373362535)
 * ```
 */
export function XIRR(values: readonly number[], dates: readonly DateInput[], guess = 0.1): number {
  const v = nums(values, "values");
  const g = num(guess, "guess");
  const days = dayOffsets(v, dates);
  const result = solveRate(days.map((d) => d / 365), v, g > -1 ? g : 0.1);
  if (!result.ok) throw new FinanceError("#NUM!", result.message);
  return finite(result.rate, "XIRR");
}

function checkType(type: number): 0 | 1 {
  const t = num(type, "type");
  if (t !== 0 && t !== 1) throw new FinanceError("#NUM!", `type must be 0 (end of period) or 1 (beginning), got ${t}`);
  return t;
}

/** (1 + r)^n and (1 + r)^n − 1 computed without cancellation for small r. */
function growth(r: number, n: number): { g: number; gm1: number } {
  const l = Math.log1p(r);
  return { g: Math.exp(n * l), gm1: Math.expm1(n * l) };
}

/**
 * Excel's `PMT(rate, nper, pv, [fv], [type])`: the level payment per period that pays off `pv`
 * (and leaves `fv`) over `nper` periods. Money paid out is negative: a £800,000 loan gives a
 * negative payment.
 *
 * @throws FinanceError `#NUM!` when nper is 0 or type is not 0/1.
 * @example
 * ```ts
 * excel.PMT(0.05, 10, 800000); // -103603.66
 * ```
 */
export function PMT(rate: number, nper: number, pv: number, fv = 0, type = 0): number {
  const r = num(rate, "rate");
  const n = num(nper, "nper");
  const p = num(pv, "pv");
  const f = num(fv, "fv");
  const t = checkType(type);
  if (n === 0) throw new FinanceError("#NUM!", "nper must not be 0");
  if (r === 0) return finite(-(p + f) / n, "PMT");
  const { g, gm1 } = growth(r, n);
  return finite((-(p * g + f) * r) / ((1 + r * t) * gm1), "PMT");
}

/**
 * Excel's `PV(rate, nper, pmt, [fv], [type])`: the present value of a series of level payments.
 *
 * @example
 * ```ts
 * excel.PV(0.05, 10, -103603.66); // 800000.00
 * ```
 */
export function PV(rate: number, nper: number, pmt: number, fv = 0, type = 0): number {
  const r = num(rate, "rate");
  const n = num(nper, "nper");
  const m = num(pmt, "pmt");
  const f = num(fv, "fv");
  const t = checkType(type);
  if (r === 0) return finite(-(f + m * n), "PV");
  const { g, gm1 } = growth(r, n);
  return finite(-(f + (m * (1 + r * t) * gm1) / r) / g, "PV");
}

/**
 * Excel's `FV(rate, nper, pmt, [pv], [type])`: the value after nper periods of a present amount
 * and level payments.
 *
 * @example
 * ```ts
 * excel.FV(0.06 / 12, 10, -200, -500, 1); // 2581.4033740602
 * ```
 */
export function FV(rate: number, nper: number, pmt: number, pv = 0, type = 0): number {
  const r = num(rate, "rate");
  const n = num(nper, "nper");
  const m = num(pmt, "pmt");
  const p = num(pv, "pv");
  const t = checkType(type);
  if (r === 0) return finite(-(p + m * n), "FV");
  const { g, gm1 } = growth(r, n);
  return finite(-(p * g + (m * (1 + r * t) * gm1) / r), "FV");
}
