import type { Decimal } from "../money";
import type { DiscountSchedule } from "../discount";
import type { Lens, Model } from "../model";
import type { LineOrigin, Plan } from "./plan";

/**
 * What a ledger row records: a cost, a saving, or a transfer between parties (a cost shunt, a
 * deal's payment, or a saving with `transferFrom` such as benefits not paid), which nets to zero.
 */
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
  /** The model item the row comes from, structurally (what deals and solvers filter on). */
  origin: LineOrigin;
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
  /** Key of the row's discount schedule in {@link Ledger.schedules} ("appraisal": the appraisal's). */
  discount: string;
  /** For a transfer, the party on the other side; else null. */
  counterparty: string | null;
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
  /** Number of appraisal years: rows cover years 0..years − 1. */
  years: number;
  rows: LedgerRow[];
  lines: LineTrace[];
  /** Attributable outcomes by outcome id and year: still active, and newly achieved. */
  outcomes: Record<string, { active: Decimal[]; produced: Decimal[] }>;
  /** People (or families, cases) starting each intervention in each year, by intervention id. */
  cohorts: Record<string, Decimal[]>;
  /** Discount schedules by key; rows name theirs in `discount`. */
  schedules: Record<string, DiscountSchedule>;
  /** The compiled model the ledger was evaluated from. */
  plan: Plan;
  model: Model;
}
