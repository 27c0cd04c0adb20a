import DecimalJs from "decimal.js";
import { toDecimal, type Decimal, type MoneyInput } from "./decimal";

/**
 * How to round a half-penny when presenting money.
 *
 * - `"half-up"` (default): halves go away from zero, as Excel's `ROUND` and most finance
 *   papers do: 0.125 → 0.13, −0.125 → −0.13.
 * - `"half-even"`: banker's rounding, halves go to the even penny: 0.125 → 0.12, 0.135 → 0.14.
 */
export type RoundingMode = "half-up" | "half-even";

const MODES: Record<RoundingMode, DecimalJs.Rounding> = {
  "half-up": DecimalJs.ROUND_HALF_UP,
  "half-even": DecimalJs.ROUND_HALF_EVEN,
};

/**
 * Rounds to a number of decimal places (2 = pence) for presentation. The ledger itself never
 * rounds; only reports, exports and deal transfers (which are real payments) do.
 *
 * @example
 * ```ts
 * roundTo("2.675", 2).toString();              // "2.68"
 * roundTo("2.675", 2, "half-even").toString(); // "2.68"
 * roundTo("2.665", 2, "half-even").toString(); // "2.66"
 * ```
 */
export function roundTo(value: MoneyInput, places: number, mode: RoundingMode = "half-up"): Decimal {
  if (!Number.isInteger(places) || places < 0 || places > 20) {
    throw new RangeError(`places must be an integer from 0 to 20, got ${places}`);
  }
  return toDecimal(value).toDecimalPlaces(places, MODES[mode]);
}

/**
 * Rounds to whole pence (2 decimal places), half away from zero by default.
 *
 * @example
 * ```ts
 * toPence(1234.5678).toString(); // "1234.57"
 * toPence(-0.005).toString();    // "-0.01"
 * ```
 */
export function toPence(value: MoneyInput, mode: RoundingMode = "half-up"): Decimal {
  return roundTo(value, 2, mode);
}

/**
 * Formats money as pounds for people: `£1,234.57`, negatives as `−£1,234.57`, optionally in
 * thousands (`£1.2k`), millions (`£1.2m`) or billions (`£1.2bn`).
 *
 * @example
 * ```ts
 * formatPounds(-1234.567);                          // "−£1,234.57"
 * formatPounds(20_600_000_000, { unit: "bn", places: 1 }); // "£20.6bn"
 * ```
 */
export function formatPounds(value: MoneyInput, options: { unit?: "" | "k" | "m" | "bn"; places?: number; mode?: RoundingMode } = {}): string {
  const unit = options.unit ?? "";
  const divisor = { "": 1, k: 1e3, m: 1e6, bn: 1e9 }[unit];
  const places = options.places ?? (unit === "" ? 2 : 1);
  const scaled = roundTo(toDecimal(value).div(divisor), places, options.mode);
  const negative = scaled.isNegative() && !scaled.isZero();
  const [whole = "0", frac] = scaled.abs().toFixed(places).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}£${grouped}${frac ? `.${frac}` : ""}${unit}`;
}

/**
 * Serialises a Decimal as a plain decimal string (never exponent notation), for stable JSON.
 *
 * @example
 * ```ts
 * decimalString(new Decimal("1e-7")); // "0.0000001"
 * ```
 */
export function decimalString(value: MoneyInput): string {
  const d = toDecimal(value);
  return d.isZero() ? "0" : d.toFixed();
}
