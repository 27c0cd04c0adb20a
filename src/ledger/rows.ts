import type { Decimal } from "../money";
import type { Lens, Model } from "../model";

/** What a ledger row records: a cost, a saving, or a transfer between parties (which nets to zero). */
export type RowKind = "cost" | "saving" | "transfer";

/**
 * One tidy ledger row: money for one agency's budget, in one year, from one line of the model.
 * `amount` is signed from the agency's point of view: + money to it (a saving or a receipt),
 * − money from it (a cost or a payment). Amounts are real, in the appraisal's price base,
 * held to 12 decimal places so that every total is an exact sum.
 */
export interface LedgerRow {
  agency: string;
  budget: string;
  /** Appraisal year (0 = base year). */
  year: number;
  /** Financial-year label of `year`, e.g. "2027-28". */
  financialYear: string;
  /** Line id, unique per model line: "cost:setup", "outcome:custody:0", "shunt:x", "deal:gs". */
  line: string;
  label: string;
  kind: RowKind;
  lens: Lens;
  cashable: boolean;
  /** "revenue" or "capital" for costs; null otherwise. */
  category: "revenue" | "capital" | null;
  /** Intervention the line belongs to, when it has one. */
  intervention: string | null;
  /** Price base of `amount` (always the appraisal's). */
  priceBase: string;
  amount: Decimal;
  /** JSON path of the model input this row comes from, e.g. "outcomes[0].values[1]". */
  source: string;
  /** The year's driver: participants (per-participant costs) or active outcomes (savings), else null. */
  quantity: Decimal | null;
}

/** How a line was computed: the inputs and assumptions behind every row it produced. */
export interface LineTrace {
  line: string;
  label: string;
  source: string;
  /** Named factors as decimal strings, e.g. { success: "0.4", deadweight: "0.3", optimismBias: "0.1" }. */
  factors: Record<string, string>;
}

/** The ledger: every row of a model over its appraisal years, with each line's trace. */
export interface Ledger {
  title: string;
  baseYear: string;
  priceBase: string;
  /** Last appraisal year (rows cover 0..years). */
  years: number;
  rows: LedgerRow[];
  lines: LineTrace[];
  /** Attributable outcomes by outcome id and year: still active, and newly achieved. */
  outcomes: Record<string, { active: Decimal[]; produced: Decimal[] }>;
  model: Model;
}
