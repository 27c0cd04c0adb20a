import { ZERO, type Decimal } from "../money";
import type { Lens, Sector } from "../model";
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
 * selectRows(ledger.rows, { lens: "economic", cashableOnly: true }).length; // 83
 * ```
 */
export function selectRows(rows: readonly LedgerRow[], filter: RowFilter = {}): LedgerRow[] {
  const widest = LENS_ORDER[filter.lens ?? "fiscal"];
  return rows.filter((r) => LENS_ORDER[r.lens] <= widest && (!filter.cashableOnly || r.cashable));
}

/** Yearly amounts of one kind: costs (as positive amounts), savings, net transfers, and net. */
export interface FlowSeries {
  costs: Decimal[];
  savings: Decimal[];
  /** Net transfers received (+) or paid (−). */
  transfers: Decimal[];
  /** savings − costs + transfers. */
  net: Decimal[];
}

/**
 * Yearly totals for one party (an agency, the public sector or the whole system), years 0..n − 1:
 * in real terms (undiscounted), and `pv`, each year's present value, every row discounted with
 * its own line's schedule.
 */
export interface AnnualFlows extends FlowSeries {
  pv: FlowSeries;
}

/**
 * An all-zero {@link AnnualFlows} for `years` years (0..years − 1).
 *
 * @example
 * ```ts
 * emptyFlows(3).net.map(String); // ["0", "0", "0"]
 * ```
 */
export function emptyFlows(years: number): AnnualFlows {
  const z = () => Array.from({ length: years }, () => ZERO);
  return { costs: z(), savings: z(), transfers: z(), net: z(), pv: { costs: z(), savings: z(), transfers: z(), net: z() } };
}

/** The parties a ledger is summed over: their ids and which part of society each belongs to. */
export type Parties = readonly { id: string; sector: Sector }[];

/** Discount factors for years 0..n − 1 of each schedule key a row may name. */
export type FactorsBySchedule = Readonly<Record<string, readonly Decimal[]>>;

/** Yearly flows of every agency, of the public sector (public bodies only) and of the whole system (society). */
export interface PartyFlows {
  /** Society: every party. */
  system: AnnualFlows;
  /** The Exchequer view: parties whose sector is "public". */
  publicSector: AnnualFlows;
  agencies: Record<string, AnnualFlows>;
}

type Kind = "costs" | "savings" | "transfers";
const KINDS = ["costs", "savings", "transfers"] as const;
const zeros = (years: number) => Array.from({ length: years }, () => ZERO);

/** Undiscounted costs, savings and transfers of one party, by schedule key. */
type BySchedule = Map<string, Record<Kind, Decimal[]>>;

function addRow(into: BySchedule, key: string, kind: Kind, t: number, amount: Decimal, years: number): void {
  let s = into.get(key);
  if (!s) into.set(key, (s = { costs: zeros(years), savings: zeros(years), transfers: zeros(years) }));
  s[kind][t] = s[kind][t]!.plus(amount);
}

/**
 * A party's flows from its undiscounted sums by schedule: real terms add across schedules, and
 * each year's present value is Σ over schedules of the sum × that schedule's factor. Summing
 * exact amounts before discounting keeps transfers that net to zero at exactly zero.
 */
function flowsOf(parts: BySchedule, years: number, factors: FactorsBySchedule): AnnualFlows {
  const out = emptyFlows(years);
  for (const [key, s] of parts) {
    const f = factors[key];
    if (!f) throw new RangeError(`no discount factors for schedule "${key}"`);
    for (const k of KINDS) {
      for (let t = 0; t < years; t++) {
        const v = s[k][t]!;
        if (v.isZero()) continue;
        out[k][t] = out[k][t]!.plus(v);
        out.pv[k][t] = out.pv[k][t]!.plus(v.times(f[t]!));
      }
    }
  }
  for (let t = 0; t < years; t++) {
    out.net[t] = out.savings[t]!.minus(out.costs[t]!).plus(out.transfers[t]!);
    out.pv.net[t] = out.pv.savings[t]!.minus(out.pv.costs[t]!).plus(out.pv.transfers[t]!);
  }
  return out;
}

/**
 * Sums rows into yearly flows for each agency, the public sector and the whole system (exact:
 * the system is the sum of the agencies, year by year; the public sector the sum of the public
 * ones). Each row's present value uses its own discount schedule from `factors`.
 *
 * @example
 * ```ts
 * const flows = annualFlows(ledger.rows, ledger.plan.agencies, ledger.years, { appraisal: discountFactors(9) });
 * flows.system.net[3].equals(Object.values(flows.agencies).reduce((s, a) => s.plus(a.net[3]), new Decimal(0))); // true
 * ```
 */
export function annualFlows(rows: readonly LedgerRow[], parties: Parties, years: number, factors: FactorsBySchedule): PartyFlows {
  const byAgency = new Map<string, BySchedule>(parties.map((p) => [p.id, new Map()]));
  const system: BySchedule = new Map();
  const publicSector: BySchedule = new Map();
  const isPublic = new Set(parties.filter((p) => p.sector === "public").map((p) => p.id));
  for (const r of rows) {
    const a = byAgency.get(r.agency);
    if (!a || r.year >= years) continue;
    const kind: Kind = r.kind === "cost" ? "costs" : r.kind === "saving" ? "savings" : "transfers";
    const amount = r.kind === "cost" ? r.amount.neg() : r.amount;
    addRow(a, r.discount, kind, r.year, amount, years);
    addRow(system, r.discount, kind, r.year, amount, years);
    if (isPublic.has(r.agency)) addRow(publicSector, r.discount, kind, r.year, amount, years);
  }
  return {
    system: flowsOf(system, years, factors),
    publicSector: flowsOf(publicSector, years, factors),
    agencies: Object.fromEntries(parties.map((p) => [p.id, flowsOf(byAgency.get(p.id)!, years, factors)])),
  };
}
