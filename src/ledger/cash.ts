import DecimalJs from "decimal.js";
import type { Decimal } from "../money";

/**
 * Decimal places every ledger amount is held to (so that sums are exact).
 *
 * @example
 * ```ts
 * ledger.rows.every((r) => r.amount.decimalPlaces() <= LEDGER_PLACES); // true
 * ```
 */
export const LEDGER_PLACES = 12;

/**
 * An amount held to the ledger's {@link LEDGER_PLACES} decimal places (half to even).
 *
 * @example
 * ```ts
 * toLedgerPlaces(new Decimal("0.1234567890125")).toString(); // "0.123456789012"
 * ```
 */
export function toLedgerPlaces(d: Decimal): Decimal {
  return d.decimalPlaces() > LEDGER_PLACES ? d.toDecimalPlaces(LEDGER_PLACES, DecimalJs.ROUND_HALF_EVEN) : d;
}

/**
 * The cash part of a non-cashable saving: `total × realisation`, held to the ledger's places.
 * The rest (`total − cash`) is capacity freed. Rows, the cashable-only view and the deal rules
 * all split a line this way.
 *
 * @example
 * ```ts
 * cashPart(new Decimal(1000), new Decimal("0.1")).toString(); // "100"
 * ```
 */
export function cashPart(total: Decimal, realisation: Decimal): Decimal {
  return toLedgerPlaces(total.times(realisation));
}
