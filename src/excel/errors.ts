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
    throw new FinanceError("#VALUE!", `${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

/** Checks a list of numbers (else `#VALUE!`). */
export function nums(values: unknown, name: string): number[] {
  if (!Array.isArray(values)) throw new FinanceError("#VALUE!", `${name} must be a list of numbers`);
  return values.map((v, i) => num(v, `${name}[${i}]`));
}

/** Returns the result, or `#NUM!` when the arithmetic overflowed or is undefined. */
export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new FinanceError("#NUM!", `${what} is not a finite number`);
  return value === 0 ? 0 : value; // no negative zero
}
