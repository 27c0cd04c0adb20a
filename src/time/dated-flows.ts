import { toDecimal, ZERO, type Decimal, type MoneyInput } from "../money";
import { financialYearOf, toFinancialYear, type DateInput, type FinancialYear } from "./financial-year";

/** One dated payment or receipt. */
export interface DatedFlow {
  date: DateInput;
  amount: MoneyInput;
}

/** Options for {@link toAppraisalYears}. */
export interface AppraisalYearsOptions {
  /** Base financial year (appraisal year 0), e.g. `"2025-26"`. */
  base: FinancialYear | string;
  /** Last appraisal year to keep; defaults to the latest year any flow falls in. */
  years?: number;
  /**
   * What to do with flows dated before the base year or after `years`: `"error"` (default)
   * refuses them, `"drop"` leaves them out.
   */
  outside?: "error" | "drop";
}

/**
 * Buckets dated flows into appraisal years (financial years counted from a base year), summing
 * exactly. The result has one entry per year from 0 to the last year.
 *
 * @throws RangeError for a flow outside the appraisal period when `outside` is `"error"`.
 * @example
 * ```ts
 * toAppraisalYears(
 *   [{ date: "2025-05-01", amount: -100 }, { date: "2026-03-31", amount: 10 }, { date: "2027-04-01", amount: 60 }],
 *   { base: "2025-26" },
 * ).map(String); // ["-90", "0", "60"]
 * ```
 */
export function toAppraisalYears(flows: readonly DatedFlow[], options: AppraisalYearsOptions): Decimal[] {
  const base = toFinancialYear(options.base);
  const indexed = flows.map((f, i) => ({ i, year: financialYearOf(f.date) - base, amount: toDecimal(f.amount) }));
  const last = options.years ?? Math.max(0, ...indexed.map((f) => f.year));
  const out: Decimal[] = Array.from({ length: last + 1 }, () => ZERO);
  for (const f of indexed) {
    if (f.year < 0 || f.year > last) {
      if (options.outside === "drop") continue;
      throw new RangeError(`flows[${f.i}] falls in appraisal year ${f.year}, outside 0..${last}`);
    }
    out[f.year] = out[f.year]!.plus(f.amount);
  }
  return out;
}
