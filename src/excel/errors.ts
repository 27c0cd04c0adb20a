/** The spreadsheet error a finance function would show in a cell. */
export type FinanceErrorCode = "#NUM!" | "#VALUE!" | "#DIV/0!";

/**
 * Thrown by the `excel` functions where Excel would show an error value. `code` is Excel's
 * error (`"#NUM!"`, `"#VALUE!"` or `"#DIV/0!"`); `message` says why in words.
 *
 * @example
 * ```ts
 * try {
 *   excel.IRR([100, 200]); // no negative value, so no rate of return
 * } catch (e) {
 *   if (e instanceof FinanceError) e.code; // "#NUM!"
 * }
 * ```
 */
export class FinanceError extends Error {
  readonly code: FinanceErrorCode;
  constructor(code: FinanceErrorCode, message: string) {
    super(`${code} ${message}`);
    this.name = "FinanceError";
    this.code = code;
  }
}

/** Checks a numeric argument: must be a finite number (else `#VALUE!`). */
export function num(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new FinanceError("#VALUE!", `${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/** An optional numeric argument: omitted (undefined, or null as an empty argument) gives the default. */
export function opt(value: unknown, fallback: number, name: string): number {
  return value === undefined || value === null ? fallback : num(value, name);
}

/**
 * Excel's payment timing for PMT, PV, FV, NPER, RATE, IPMT and PPMT: 0 (or omitted) is the end
 * of each period; **any other number** is the beginning (Excel and LibreOffice both read a
 * nonzero `type` as 1).
 */
export function timing(value: unknown): 0 | 1 {
  return opt(value, 0, "type") === 0 ? 0 : 1;
}

/** Refuses arguments beyond the `max` a function takes (`#VALUE!`): none is silently ignored. */
export function arity(args: IArguments, max: number, fn: string): void {
  if (args.length > max) {
    throw new FinanceError("#VALUE!", `${fn} takes at most ${max} arguments, got ${args.length}: the extra ones would be ignored`);
  }
}

/** Returns the result, or `#NUM!` when the arithmetic overflowed or is undefined. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new FinanceError("#NUM!", `${what} is not a finite number`);
  return value === 0 ? 0 : value; // no negative zero
}

/** A short description of a bad argument for an error message (never the whole of a long text). */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return String(value);
}
