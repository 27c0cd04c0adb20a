import { differenceInCalendarDays, isValid, parseISO } from "date-fns";

/**
 * A UK financial year (1 April to 31 March), identified by the calendar year in which it
 * starts: `2025` is the year labelled `2025-26`.
 */
export type FinancialYear = number;

/** A date as a `Date` or an ISO `YYYY-MM-DD` string (read as a local calendar date). */
export type DateInput = Date | string;

const LABEL = /^(\d{4})[-/](\d{2}|\d{4})$/;

/**
 * Reads a financial-year label such as `"2025-26"` (also `"2025/26"` and `"2025-2026"`).
 *
 * @throws RangeError when the label is malformed or the two years are not consecutive.
 * @example
 * ```ts
 * parseFinancialYear("2025-26"); // 2025
 * parseFinancialYear("1999-00"); // 1999
 * ```
 */
export function parseFinancialYear(label: string): FinancialYear {
  const m = LABEL.exec(label.trim());
  if (!m) throw new RangeError(`expected a financial year like "2025-26", got "${label}"`);
  const start = Number(m[1]);
  const end = m[2]!;
  const expected = end.length === 2 ? String((start + 1) % 100).padStart(2, "0") : String(start + 1);
  if (end !== expected) {
    throw new RangeError(`"${label}" is not a financial year: after ${start} comes ${expected}`);
  }
  return start;
}

/**
 * Writes the label of a financial year: `2025` → `"2025-26"`.
 *
 * @example
 * ```ts
 * formatFinancialYear(2025); // "2025-26"
 * formatFinancialYear(1999); // "1999-00"
 * ```
 */
export function formatFinancialYear(year: FinancialYear): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9998) {
    throw new RangeError(`expected a four-digit start year, got ${year}`);
  }
  return `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
}

/**
 * Accepts either a label (`"2025-26"`) or a start year (`2025`) and returns the start year.
 *
 * @example
 * ```ts
 * toFinancialYear("2030-31"); // 2030
 * toFinancialYear(2030);      // 2030
 * ```
 */
export function toFinancialYear(year: FinancialYear | string): FinancialYear {
  if (typeof year === "string") return parseFinancialYear(year);
  formatFinancialYear(year); // validates
  return year;
}

/**
 * Reads a date given as a `Date` or `YYYY-MM-DD` string.
 *
 * @throws RangeError when the date is invalid.
 * @example
 * ```ts
 * toDate("2025-04-01").getMonth(); // 3 (April)
 * ```
 */
export function toDate(value: DateInput): Date {
  const d = typeof value === "string" ? parseISO(value.trim()) : value;
  if (!(d instanceof Date) || !isValid(d)) {
    throw new RangeError(`expected a date (Date or YYYY-MM-DD), got ${String(value)}`);
  }
  return d;
}

/**
 * The financial year a date falls in: 1 April starts a new year.
 *
 * @example
 * ```ts
 * financialYearOf("2026-03-31"); // 2025 (2025-26)
 * financialYearOf("2026-04-01"); // 2026 (2026-27)
 * ```
 */
export function financialYearOf(date: DateInput): FinancialYear {
  const d = toDate(date);
  return d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1;
}

/**
 * First day (1 April) of a financial year, as a local date.
 *
 * @example
 * ```ts
 * financialYearStart("2025-26").toDateString(); // "Tue Apr 01 2025"
 * ```
 */
export function financialYearStart(year: FinancialYear | string): Date {
  return new Date(toFinancialYear(year), 3, 1);
}

/**
 * Last day (31 March) of a financial year, as a local date.
 *
 * @example
 * ```ts
 * financialYearEnd("2025-26").toDateString(); // "Tue Mar 31 2026"
 * ```
 */
export function financialYearEnd(year: FinancialYear | string): Date {
  return new Date(toFinancialYear(year) + 1, 2, 31);
}

/**
 * Number of days in a financial year (366 when it contains 29 February).
 *
 * @example
 * ```ts
 * financialYearDays("2027-28"); // 366
 * ```
 */
export function financialYearDays(year: FinancialYear | string): number {
  const y = toFinancialYear(year);
  return differenceInCalendarDays(financialYearStart(y + 1), financialYearStart(y));
}

/**
 * Appraisal year index of a financial year, counted from a base year (year 0).
 *
 * @example
 * ```ts
 * yearOffset("2030-31", "2025-26"); // 5
 * ```
 */
export function yearOffset(year: FinancialYear | string, base: FinancialYear | string): number {
  return toFinancialYear(year) - toFinancialYear(base);
}

/**
 * Financial year at a given appraisal-year offset from the base year.
 *
 * @example
 * ```ts
 * formatFinancialYear(yearAt("2025-26", 3)); // "2028-29"
 * ```
 */
export function yearAt(base: FinancialYear | string, offset: number): FinancialYear {
  if (!Number.isInteger(offset)) throw new RangeError(`offset must be an integer, got ${offset}`);
  return toFinancialYear(base) + offset;
}

/**
 * Labels for the appraisal years 0..years from a base year.
 *
 * @example
 * ```ts
 * financialYearLabels("2025-26", 2); // ["2025-26", "2026-27", "2027-28"]
 * ```
 */
export function financialYearLabels(base: FinancialYear | string, years: number): string[] {
  const b = toFinancialYear(base);
  return Array.from({ length: years + 1 }, (_, i) => formatFinancialYear(b + i));
}
