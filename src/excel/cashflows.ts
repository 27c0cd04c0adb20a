import { solveRate } from "../metrics/irr";
import { arity, FinanceError, finite, num, opt } from "./errors";
import { datedValues, numbers, type ExcelDateRange, type ExcelRange } from "./inputs";

/**
 * Excel's `NPV(rate, value1, [value2], …)`: Σ values[i] / (1 + rate)^(i + 1) — the **first value
 * is discounted one full period** (end-of-period convention). For the Green Book convention, where
 * the first value is year 0 and undiscounted, use the library's `npv`.
 *
 * Values come as a spreadsheet passes them: several arguments, each a number or a range (a list,
 * a 2-D list of rows, nested to any depth), read in order and row by row. Blank cells (`null`,
 * `undefined`) are skipped, so they are not periods; text or a boolean is refused with `#VALUE!`.
 *
 * @throws FinanceError `#DIV/0!` when rate is −1; `#VALUE!` for a non-numeric argument or no values.
 * @example
 * ```ts
 * excel.NPV(0.1, [-10000, 3000, 4200, 6800]);        // 1188.4434123352207
 * excel.NPV(0.1, -10000, 3000, 4200, 6800);          // 1188.4434123352207 (the same values as arguments)
 * excel.NPV(0.1, [-10000, 2000, 4000], 8000);        // 1031.3503176012537 (a range and a value: all four count)
 * excel.NPV(0.1, [[-10000, 3000], [null, 4200]], 6800); // 1188.4434123352207 (row by row, the blank skipped)
 * ```
 */
export function NPV(rate: number, ...values: ExcelRange[]): number {
  const r = num(rate, "rate");
  if (values.length === 0) throw new FinanceError("#VALUE!", "NPV needs at least one value after the rate");
  const v = numbers(values, "values");
  if (r === -1) throw new FinanceError("#DIV/0!", "rate of −100% divides by zero");
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! / (1 + r) ** (i + 1);
  return finite(s, "NPV");
}

/**
 * Excel's `IRR(values, [guess])`: the rate at which Σ values[i] / (1 + r)^i = 0. Matches Excel
 * wherever Excel finds the root; where Excel's Newton iteration fails (`#NUM!`) or lands below
 * −100% although the flows have exactly one sign change, this returns the true unique root.
 * With several sign changes it returns the root nearest `guess` (see `irrAll` for all of them).
 * `values` is a range (nested lists read row by row); blank cells are skipped.
 *
 * @throws FinanceError `#NUM!` without at least one positive and one negative value, or when no
 *   root exists.
 * @example
 * ```ts
 * excel.IRR([-70000, 12000, 15000, 18000, 21000, 26000]); // 0.0866309480365
 * excel.IRR([-70000, 12000, null, 15000], -0.1);          // -0.4435 (the blank is skipped: IRR({-70000, 12000, 15000}))
 * ```
 */
export function IRR(values: ExcelRange, guess?: number | null): number {
  arity(arguments, 2, "IRR");
  const v = numbers(values, "values");
  const g = opt(guess, 0.1, "guess");
  const result = solveRate(
    v.map((_, i) => i),
    v,
    g > -1 ? g : 0.1,
  );
  if (!result.ok) throw new FinanceError("#NUM!", result.message);
  return finite(result.rate, "IRR");
}

/**
 * Excel's `MIRR(values, finance_rate, reinvest_rate)`: negative flows are discounted at the
 * finance rate to time 0, positive flows compounded at the reinvestment rate to the end:
 * MIRR = (FV(positives) / −PV(negatives))^(1/(n − 1)) − 1. Blank cells are skipped; zeros count.
 *
 * @throws FinanceError `#DIV/0!` unless there is at least one positive and one negative value.
 * @example
 * ```ts
 * excel.MIRR([-120000, 39000, 30000, 21000, 37000, 46000], 0.1, 0.12); // 0.126094130366
 * ```
 */
export function MIRR(values: ExcelRange, financeRate: number, reinvestRate: number): number {
  arity(arguments, 3, "MIRR");
  const v = numbers(values, "values");
  const f = num(financeRate, "finance_rate");
  const r = num(reinvestRate, "reinvest_rate");
  const n = v.length;
  let pvNeg = 0;
  let fvPos = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (x < 0) pvNeg += x / (1 + f) ** i;
    else if (x > 0) fvPos += x * (1 + r) ** (n - 1 - i);
  }
  if (pvNeg === 0 || fvPos === 0) {
    throw new FinanceError("#DIV/0!", "MIRR needs at least one positive and one negative value");
  }
  if (f === -1 || r === -1) throw new FinanceError("#DIV/0!", "a rate of −100% divides by zero");
  return finite((fvPos / -pvNeg) ** (1 / (n - 1)) - 1, "MIRR");
}

/** Days from the first date (Excel serial differences), for XNPV and XIRR. */
function dayOffsets(values: ExcelRange, dates: ExcelDateRange): { values: number[]; days: number[] } {
  const paired = datedValues(values, dates);
  if (paired.values.length === 0) throw new FinanceError("#NUM!", "at least one value is needed");
  const first = paired.serials[0]!;
  const days = paired.serials.map((s, i) => {
    if (s < first) throw new FinanceError("#NUM!", `dates[${i}] is before the first date`);
    return s - first;
  });
  return { values: paired.values, days };
}

/**
 * Excel's `XNPV(rate, values, dates)`: Σ values[i] / (1 + rate)^((dates[i] − dates[0]) / 365).
 * The first flow is undiscounted; a 365-day year is used whatever the leap years. Dates may be
 * `Date`s, ISO strings or Excel serial numbers (see `excelSerial`, including the 1900-02-29
 * quirk); days are counted as Excel counts them, by serial number. A blank value with a date
 * counts as 0 on that date.
 *
 * @throws FinanceError `#NUM!` when lengths differ, a date precedes the first, or rate ≤ −1;
 *   `#VALUE!` for an invalid date or number.
 * @example
 * ```ts
 * excel.XNPV(0.09, [-10000, 2750, 4250, 3250, 2750],
 *   ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]); // 2086.647602031535
 * excel.XNPV(0.09, [-10000, 2750, 4250, 3250, 2750],
 *   [39448, 39508, 39751, 39859, 39904]); // 2086.647602031535 (the same dates as Excel serials)
 * ```
 */
export function XNPV(rate: number, values: ExcelRange, dates: ExcelDateRange): number {
  arity(arguments, 3, "XNPV");
  const r = num(rate, "rate");
  const { values: v, days } = dayOffsets(values, dates);
  if (r <= -1) throw new FinanceError("#NUM!", "rate must be above −100%");
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! / (1 + r) ** (days[i]! / 365);
  return finite(s, "XNPV");
}

/**
 * Excel's `XIRR(values, dates, [guess])`: the rate at which XNPV is zero. Like `IRR`, it
 * always finds the unique root when the flows (in date order) change sign once. Dates as in
 * `XNPV`.
 *
 * @throws FinanceError `#NUM!` without a positive and a negative value, when a date precedes the
 *   first, or when no root exists; `#VALUE!` for an invalid date.
 * @example
 * ```ts
 * excel.XIRR([-10000, 2750, 4250, 3250, 2750],
 *   ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]); // 0.3733625335 (Excel's help shows 0.373362535)
 * ```
 */
export function XIRR(values: ExcelRange, dates: ExcelDateRange, guess?: number | null): number {
  arity(arguments, 3, "XIRR");
  const g = opt(guess, 0.1, "guess");
  const { values: v, days } = dayOffsets(values, dates);
  const result = solveRate(
    days.map((d) => d / 365),
    v,
    g > -1 ? g : 0.1,
  );
  if (!result.ok) throw new FinanceError("#NUM!", result.message);
  return finite(result.rate, "XIRR");
}
