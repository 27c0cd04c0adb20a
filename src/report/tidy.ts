import { decimalString, roundSeriesConserving, type Decimal } from "../money";
import { selectRows, type Ledger, type LedgerRow } from "../ledger";
import type { Appraisal } from "../appraise";
import { fixed } from "./columns";

/** One tidy row for data tools: one agency × budget × year × line, with plain values. */
export interface TidyRow {
  agency: string;
  agencyName: string;
  budget: string;
  year: number;
  financialYear: string;
  line: string;
  label: string;
  kind: LedgerRow["kind"];
  lens: LedgerRow["lens"];
  cashable: boolean;
  category: LedgerRow["category"];
  intervention: string | null;
  priceBase: string;
  /** Real amount in the price base (+ money to the agency), as a decimal string. */
  amount: string;
  /** Key of the row's discount schedule ("appraisal": the appraisal's own). */
  discount: string;
  /** The year's discount factor under the row's schedule (10 places). */
  discountFactor: string;
  /** amount × discountFactor, as a decimal string. */
  presentValue: string;
  /** JSON path of the model input this row comes from. */
  source: string;
}

/** Options for {@link tidyRows}. */
export interface TidyOptions {
  /** Write amounts in full (the ledger holds 12 places) instead of pence (default false). */
  exact?: boolean;
}

/**
 * The ledger as tidy rows — one per agency × budget × year × line — holding exactly the rows the
 * appraisal counts (its lens and cashable setting), with the discount factor and present value.
 * In pence (the default), amounts and present values are rounded so that each agency's rows in a
 * year add up to that agency-year's rounded total (largest-remainder rounding); with `exact`
 * they are written in full.
 *
 * @example
 * ```ts
 * const ledger = buildLedger(model);
 * const rows = tidyRows(ledger, appraiseLedger(ledger));
 * rows[0]; // { agency: "council", year: 0, line: "cost:set-up", amount: "-262500.00", … }
 * ```
 */
export function tidyRows(ledger: Ledger, appraisal: Pick<Appraisal, "lens" | "cashableOnly" | "schedules">, options: TidyOptions = {}): TidyRow[] {
  const factors = new Map(appraisal.schedules.map((s) => [s.key, s.factors]));
  const factor = (r: LedgerRow) => factors.get(r.discount)![r.year]!;
  const rows = selectRows(ledger.rows, { lens: appraisal.lens, cashableOnly: appraisal.cashableOnly });
  const names = new Map(ledger.plan.agencies.map((a) => [a.id, a.name]));
  const pv = rows.map((r) => r.amount.times(factor(r)));
  let amount: string[];
  let present: string[];
  if (options.exact) {
    amount = rows.map((r) => decimalString(r.amount));
    present = pv.map((v) => decimalString(v));
  } else {
    amount = conserveByGroup(
      rows,
      rows.map((r) => r.amount),
    );
    present = conserveByGroup(rows, pv);
  }
  return rows.map((r, i) => ({
    agency: r.agency,
    agencyName: names.get(r.agency) ?? r.agency,
    budget: r.budget,
    year: r.year,
    financialYear: r.financialYear,
    line: r.line,
    label: r.label,
    kind: r.kind,
    lens: r.lens,
    cashable: r.cashable,
    category: r.category,
    intervention: r.intervention,
    priceBase: r.priceBase,
    amount: amount[i]!,
    discount: r.discount,
    discountFactor: factor(r).toFixed(10),
    presentValue: present[i]!,
    source: r.source,
  }));
}

/** Rounds values to pence so that each agency × year group keeps its rounded total. */
function conserveByGroup(rows: readonly LedgerRow[], values: readonly Decimal[]): string[] {
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.agency}\u0000${r.year}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const out: string[] = new Array(rows.length);
  for (const idx of groups.values()) {
    const rounded = roundSeriesConserving(idx.map((i) => values[i]!));
    idx.forEach((i, k) => (out[i] = fixed(rounded[k]!, 2)));
  }
  return out;
}
