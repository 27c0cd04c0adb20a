import { toDate } from "../time";
import { describe, FinanceError } from "./errors";

/** One spreadsheet cell as the `excel` functions read it: a number, or blank (`null`/`undefined`). */
export type ExcelCell = number | null | undefined;

/**
 * Values as a spreadsheet passes them: one cell, or a range — a list of cells, a list of rows
 * (2-D), nested to any depth. Ranges are read row by row (across, then down), as Excel and
 * LibreOffice read a 2-D range in NPV and IRR.
 */
export type ExcelRange = ExcelCell | readonly ExcelRange[];

/**
 * A date as the `excel` date functions accept it: a `Date` (its local calendar day), an ISO
 * `YYYY-MM-DD` string, or an Excel serial day number (1900 date system; see {@link excelSerial}).
 */
export type ExcelDate = Date | string | number;

/** Dates as a spreadsheet passes them: one date or blank, or nested lists of them. */
export type ExcelDateRange = ExcelDate | null | undefined | readonly ExcelDateRange[];

type Flat<T> = { value: T | null; path: string }[];

/** Every cell of a range, row by row, blanks kept as null, with its path for error messages. */
function flatten<T>(range: unknown, name: string, accept: (v: unknown) => v is T): Flat<T> {
  const out: Flat<T> = [];
  const walk = (v: unknown, path: string): void => {
    if (v === null || v === undefined) out.push({ value: null, path });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (accept(v)) out.push({ value: v, path });
    else throw new FinanceError("#VALUE!", `${path} must be ${name.startsWith("date") ? "a date" : "a number"} or blank, got ${describe(v)}`);
  };
  walk(range, name);
  return out;
}

const isNumber = (v: unknown): v is number => typeof v === "number";
const isDateLike = (v: unknown): v is ExcelDate => typeof v === "number" || typeof v === "string" || v instanceof Date;

function finiteCell(cell: { value: number | null; path: string }): number | null {
  if (cell.value !== null && !Number.isFinite(cell.value)) {
    throw new FinanceError("#VALUE!", `${cell.path} must be a finite number, got ${cell.value}`);
  }
  return cell.value;
}

/**
 * The numbers of a range in order, blanks skipped (Excel's rule for NPV, IRR and MIRR: a blank
 * cell is not a period). Text, booleans and non-finite numbers are refused with `#VALUE!`
 * rather than skipped, so no value is silently lost.
 */
export function numbers(range: unknown, name: string): number[] {
  return flatten(range, name, isNumber)
    .map(finiteCell)
    .filter((v): v is number => v !== null);
}

/**
 * The cells of a range in order with blanks kept as null (for functions that pair values with
 * dates, or take blanks as zero).
 */
export function cellsWithBlanks(range: unknown, name: string): (number | null)[] {
  return flatten(range, name, isNumber).map(finiteCell);
}

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30); // serial 0 for dates from 1900-03-01 on
const LAST_SERIAL = 2_958_465; // 9999-12-31, the last date Excel can show

/**
 * The Excel serial day number of a date (1900 date system): 1 is 1900-01-01, 45658 is
 * 2025-01-01. A `Date` counts by its local calendar day (the time of day is ignored); an ISO
 * string is read as a local date; a number is taken as a serial already and truncated to a whole
 * day, as Excel truncates dates in XNPV and XIRR.
 *
 * **The 1900-02-29 quirk.** Excel's 1900 date system (copied from Lotus 1-2-3) counts a
 * 29 February 1900 that never was: serial 60. So serials from 61 (1900-03-01) on are days since
 * 1899-12-30, and serials 1 to 59 are days since 1899-12-31. A real date is never given serial 60,
 * and the days from 1900-02-28 to 1900-03-01 count as two, as they do in Excel. LibreOffice counts
 * from 1899-12-30 throughout, so the two agree on every date from 1900-03-01.
 *
 * @throws FinanceError `#VALUE!` for an invalid date, or one outside 1900-01-01 to 9999-12-31
 *   (serials 0 to 2958465).
 * @example
 * ```ts
 * excelSerial("2025-01-01");             // 45658
 * excelSerial(new Date(2025, 3, 1));     // 45748
 * excelSerial("1900-03-01");             // 61 (60 is the 29 February 1900 that never was)
 * excelSerial(45658.75);                 // 45658 (the time of day is dropped)
 * ```
 */
export function excelSerial(date: ExcelDate): number {
  if (typeof date === "number") {
    if (!Number.isFinite(date) || date < 0 || date >= LAST_SERIAL + 1) {
      throw new FinanceError("#VALUE!", `${describe(date)} is not an Excel date serial (0 to ${LAST_SERIAL})`);
    }
    return Math.trunc(date);
  }
  let d: Date;
  try {
    d = toDate(date);
  } catch {
    throw new FinanceError("#VALUE!", `${describe(date)} is not a valid date (expected a Date, YYYY-MM-DD or an Excel serial)`);
  }
  const days = Math.round((Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - EPOCH) / MS_PER_DAY);
  const serial = days < 61 ? days - 1 : days;
  if (serial < 1 || serial > LAST_SERIAL) {
    throw new FinanceError("#VALUE!", `${describe(date)} is outside Excel's dates (1900-01-01 to 9999-12-31)`);
  }
  return serial;
}

/**
 * The calendar date of an Excel serial day number (1900 date system), as a local `Date` at
 * midnight. Serial 60, Excel's 29 February 1900, has no real date and is refused.
 *
 * @throws FinanceError `#VALUE!` for serial 60, a serial below 1 or above 2958465.
 * @example
 * ```ts
 * excelSerialToDate(45658).toDateString(); // "Wed Jan 01 2025"
 * excelSerialToDate(61).toDateString();    // "Thu Mar 01 1900"
 * ```
 */
export function excelSerialToDate(serial: number): Date {
  const s = excelSerial(serial);
  if (s === 60) throw new FinanceError("#VALUE!", "serial 60 is Excel's 29 February 1900, a day that never was");
  if (s < 1) throw new FinanceError("#VALUE!", "serial 0 is Excel's 0 January 1900, not a date");
  const utc = new Date(EPOCH + (s < 60 ? s + 1 : s) * MS_PER_DAY);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
}

/**
 * Pairs values with dates for XNPV and XIRR: both ranges are read row by row and must have the
 * same number of cells (else `#NUM!`, as Excel). A blank value with a date counts as 0 on that
 * date; a pair of blanks is skipped; a value without a date is refused (`#VALUE!`).
 */
export function datedValues(values: unknown, dates: unknown): { values: number[]; serials: number[] } {
  const v = cellsWithBlanks(values, "values");
  const d = flatten(dates, "dates", isDateLike);
  if (v.length !== d.length) {
    throw new FinanceError("#NUM!", `values and dates differ in length (${v.length} vs ${d.length})`);
  }
  const out = { values: [] as number[], serials: [] as number[] };
  v.forEach((value, i) => {
    const date = d[i]!;
    if (date.value === null) {
      if (value === null) return;
      throw new FinanceError("#VALUE!", `${date.path} is blank but values[${i}] is ${value}`);
    }
    out.values.push(value ?? 0);
    out.serials.push(excelSerial(date.value));
  });
  return out;
}
