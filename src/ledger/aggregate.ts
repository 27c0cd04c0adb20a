import { ONE, ZERO, type Decimal } from "../money";
import type { Lens, Sector } from "../model";
import { cashPart } from "./cash";
import type { LedgerEntry, LedgerRow } from "./rows";

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

/**
 * The entries a lens counts, with the amounts it counts: the fiscal lens sees fiscal lines, the
 * economic lens fiscal and economic ones, the social lens everything. `cashableOnly` keeps
 * cashable lines and the cash part of non-cashable savings with a realisation rate (the same
 * split as the rows': {@link cashPart}).
 *
 * @example
 * ```ts
 * selectEntries(ledger.entries, { cashableOnly: true }).length; // 12 (of 14 lines)
 * ```
 */
export function selectEntries(entries: readonly LedgerEntry[], filter: RowFilter = {}): LedgerEntry[] {
  const widest = LENS_ORDER[filter.lens ?? "fiscal"];
  const out: LedgerEntry[] = [];
  for (const e of entries) {
    if (LENS_ORDER[e.line.lens] > widest) continue;
    if (!filter.cashableOnly || (e.line.cashable && e.realisation === null)) out.push(e);
    else if (e.realisation !== null && !e.realisation.isZero()) {
      const r = e.realisation;
      out.push({ line: e.line, amounts: e.amounts.map((v) => (v ? cashPart(v, r) : null)), realisation: null, quantity: e.quantity });
    }
  }
  return out;
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

/** Undiscounted costs, savings and transfers of one party, by schedule key (null: nothing in that year). */
type BySchedule = Map<string, Record<Kind, (Decimal | null)[]>>;

function bucket(into: BySchedule, key: string, years: number): Record<Kind, (Decimal | null)[]> {
  let s = into.get(key);
  if (!s)
    into.set(
      key,
      (s = {
        costs: new Array<Decimal | null>(years).fill(null),
        savings: new Array<Decimal | null>(years).fill(null),
        transfers: new Array<Decimal | null>(years).fill(null),
      }),
    );
  return s;
}

/** Adds `parts` (exact, undiscounted) into `into`. */
function addInto(into: BySchedule, parts: BySchedule, years: number): void {
  for (const [key, s] of parts) {
    const b = bucket(into, key, years);
    for (const k of KINDS) {
      const from = s[k];
      const to = b[k];
      for (let t = 0; t < years; t++) {
        const v = from[t];
        if (v) to[t] = to[t] ? to[t]!.plus(v) : v;
      }
    }
  }
}

function flowsOf(parts: BySchedule, years: number, factors: FactorsBySchedule): AnnualFlows {
  const out = emptyFlows(years);
  for (const [key, s] of parts) {
    const f = factors[key];
    if (!f) throw new RangeError(`no discount factors for schedule "${key}"`);
    for (const k of KINDS) {
      const from = s[k];
      for (let t = 0; t < years; t++) {
        const v = from[t];
        if (!v || v.isZero()) continue;
        out[k][t] = out[k][t]!.isZero() ? v : out[k][t]!.plus(v);
        const pv = f[t] === ONE ? v : v.times(f[t]!);
        out.pv[k][t] = out.pv[k][t]!.isZero() ? pv : out.pv[k][t]!.plus(pv);
      }
    }
  }
  for (let t = 0; t < years; t++) {
    out.net[t] = netOf(out.savings[t]!, out.costs[t]!, out.transfers[t]!);
    out.pv.net[t] = netOf(out.pv.savings[t]!, out.pv.costs[t]!, out.pv.transfers[t]!);
  }
  return out;
}

/** savings − costs + transfers, skipping zero terms. */
function netOf(savings: Decimal, costs: Decimal, transfers: Decimal): Decimal {
  let x = savings;
  if (!costs.isZero()) x = x.isZero() ? costs.neg() : x.minus(costs);
  if (!transfers.isZero()) x = x.isZero() ? transfers : x.plus(transfers);
  return x;
}

/**
 * Sums ledger entries into yearly flows for each agency, the public sector and the whole system
 * (exact: the system is the sum of the agencies, year by year; the public sector the sum of the
 * public ones). A transfer counts for both sides; each line's present value uses its own
 * discount schedule from `factors`. Pass the entries a lens counts ({@link selectEntries}).
 *
 * @example
 * ```ts
 * const flows = annualFlows(ledger.entries, ledger.plan.agencies, ledger.years, { appraisal: discountFactors(9) });
 * flows.system.net[3].equals(Object.values(flows.agencies).reduce((s, a) => s.plus(a.net[3]), new Decimal(0))); // true
 * ```
 */
export function annualFlows(entries: readonly LedgerEntry[], parties: Parties, years: number, factors: FactorsBySchedule): PartyFlows {
  const byAgency = new Map<string, BySchedule>(parties.map((p) => [p.id, new Map()]));
  const add = (agency: string, discount: string, kind: Kind, amounts: readonly (Decimal | null)[], negate: boolean) => {
    const a = byAgency.get(agency);
    if (!a) return;
    const into = bucket(a, discount, years)[kind];
    const n = Math.min(years, amounts.length);
    for (let t = 0; t < n; t++) {
      const v = amounts[t];
      if (!v) continue;
      const was = into[t];
      into[t] = negate ? (was ? was.minus(v) : v.neg()) : was ? was.plus(v) : v;
    }
  };
  for (const e of entries) {
    const l = e.line;
    // Costs are booked negative (money out) and summed as positive costs.
    if (l.kind === "cost") add(l.agency, l.discount, "costs", e.amounts, true);
    else add(l.agency, l.discount, l.kind === "saving" ? "savings" : "transfers", e.amounts, false);
    if (l.counterparty) add(l.counterparty.agency, l.discount, "transfers", e.amounts, true);
  }
  // Society and the public sector from the agencies' exact undiscounted sums, year by year.
  const system: BySchedule = new Map();
  const publicSector: BySchedule = new Map();
  for (const p of parties) {
    addInto(system, byAgency.get(p.id)!, years);
    if (p.sector === "public") addInto(publicSector, byAgency.get(p.id)!, years);
  }
  return {
    system: flowsOf(system, years, factors),
    publicSector: flowsOf(publicSector, years, factors),
    agencies: Object.fromEntries(parties.map((p) => [p.id, flowsOf(byAgency.get(p.id)!, years, factors)])),
  };
}
