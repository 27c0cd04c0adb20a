import type { Decimal } from "../money";
import type { DiscountSchedule } from "../discount";
import type { Lens } from "../model";
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

/**
 * What identifies a ledger line: who, what, how discounted. A plan line (src/ledger/plan.ts)
 * and a deal's payments between two parties both are one.
 */
export interface LedgerLine {
  /** Unique line id, e.g. "cost:set-up", "outcome:custody:0", "deal:gs" (for display; code uses `origin`). */
  id: string;
  origin: LineOrigin;
  label: string;
  /** JSON path of the model input, e.g. "outcomes[0].values[1]". */
  source: string;
  intervention: string | null;
  agency: string;
  budget: string;
  kind: RowKind;
  lens: Lens;
  category: "revenue" | "capital" | null;
  /** Cashable lines release cash; a non-cashable saving with a realisation rate is part cash, part capacity. */
  cashable: boolean;
  /** Key of the line's discount schedule ("appraisal": the appraisal's). */
  discount: string;
  /** A transfer's other side: the same amounts negated are booked to this party. */
  counterparty: { agency: string; budget: string } | null;
}

/**
 * One evaluated line: its exact amounts by appraisal year, to the line's agency (a transfer's
 * other side is the negation). This is the ledger's own form; rows are a view of it.
 */
export interface LedgerEntry {
  line: LedgerLine;
  /** Amount in each year 0..n − 1 (real, appraisal prices, 12 decimal places); null where there is none. */
  amounts: (Decimal | null)[];
  /** For a non-cashable saving: the share of it released as cash (see {@link cashPart}); else null. */
  realisation: Decimal | null;
  /** The driver behind each year's amount (participants, active outcomes), when the line has one. */
  quantity: Decimal[] | null;
}

/** The ledger: every line of a model over its appraisal years, evaluated exactly, with each line's trace. */
export interface Ledger {
  title: string;
  baseYear: string;
  priceBase: string;
  /** Number of appraisal years: amounts cover years 0..years − 1. */
  years: number;
  /** Every line with its amounts by year. */
  entries: LedgerEntry[];
  /** The same as tidy rows, one per agency, budget, year and line (worked out when first read). */
  readonly rows: LedgerRow[];
  lines: LineTrace[];
  /** Attributable outcomes by outcome id and year: still active, and newly achieved (worked out when first read). */
  readonly outcomes: Record<string, { active: Decimal[]; produced: Decimal[] }>;
  /** People (or families, cases) starting each intervention in each year, by intervention id. */
  readonly cohorts: Record<string, Decimal[]>;
  /** Discount schedules by key; lines name theirs in `discount`. */
  schedules: Record<string, DiscountSchedule>;
  /** The compiled model the ledger was evaluated from (deal rules read their definitions in `plan.model`). */
  plan: Plan;
}
