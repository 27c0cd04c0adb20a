import { ZERO, type Decimal } from "../money";
import type { Lens } from "../model";
import type { LedgerRow } from "./rows";

/** Which rows an appraisal counts. */
export interface RowFilter {
  /** fiscal counts fiscal rows; economic adds economic; social counts all (default fiscal). */
  lens?: Lens;
  /** Count cashable rows only (default false). */
  cashableOnly?: boolean;
}

const LENS_ORDER: Record<Lens, number> = { fiscal: 0, economic: 1, social: 2 };

/**
 * Keeps the rows a lens counts: the fiscal lens sees fiscal rows, the economic lens fiscal and
 * economic rows, the social lens everything. `cashableOnly` drops non-cashable rows.
 *
 * @example
 * ```ts
 * selectRows(ledger.rows, { lens: "economic", cashableOnly: true }).length; // 67
 * ```
 */
export function selectRows(rows: readonly LedgerRow[], filter: RowFilter = {}): LedgerRow[] {
  const widest = LENS_ORDER[filter.lens ?? "fiscal"];
  return rows.filter((r) => LENS_ORDER[r.lens] <= widest && (!filter.cashableOnly || r.cashable));
}

/** Yearly totals for one party: costs (as positive amounts), savings, net transfers, and net. */
export interface AnnualFlows {
  costs: Decimal[];
  savings: Decimal[];
  /** Net transfers received (+) or paid (−). */
  transfers: Decimal[];
  /** savings − costs + transfers. */
  net: Decimal[];
}

/**
 * An all-zero {@link AnnualFlows} for years 0..years.
 *
 * @example
 * ```ts
 * emptyFlows(2).net.map(String); // ["0", "0", "0"]
 * ```
 */
export function emptyFlows(years: number): AnnualFlows {
  const z = () => Array.from({ length: years + 1 }, () => ZERO);
  return { costs: z(), savings: z(), transfers: z(), net: z() };
}

/**
 * Sums rows into yearly flows for each agency and for the whole system (exact; the system is the
 * sum of the agencies, year by year).
 *
 * @example
 * ```ts
 * const { system, agencies } = annualFlows(ledger.rows, ["council", "police"], ledger.years);
 * system.net[3].equals(agencies.council.net[3].plus(agencies.police.net[3])); // true
 * ```
 */
export function annualFlows(
  rows: readonly LedgerRow[],
  agencyIds: readonly string[],
  years: number,
): { system: AnnualFlows; agencies: Record<string, AnnualFlows> } {
  const agencies: Record<string, AnnualFlows> = {};
  for (const id of agencyIds) agencies[id] = emptyFlows(years);
  for (const r of rows) {
    const a = agencies[r.agency];
    if (!a || r.year > years) continue;
    const t = r.year;
    if (r.kind === "cost") a.costs[t] = a.costs[t]!.minus(r.amount);
    else if (r.kind === "saving") a.savings[t] = a.savings[t]!.plus(r.amount);
    else a.transfers[t] = a.transfers[t]!.plus(r.amount);
  }
  const system = emptyFlows(years);
  for (const id of agencyIds) {
    const a = agencies[id]!;
    for (let t = 0; t <= years; t++) {
      a.net[t] = a.savings[t]!.minus(a.costs[t]!).plus(a.transfers[t]!);
      system.costs[t] = system.costs[t]!.plus(a.costs[t]!);
      system.savings[t] = system.savings[t]!.plus(a.savings[t]!);
      system.transfers[t] = system.transfers[t]!.plus(a.transfers[t]!);
      system.net[t] = system.net[t]!.plus(a.net[t]!);
    }
  }
  return { system, agencies };
}
