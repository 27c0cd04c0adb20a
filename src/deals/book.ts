import DecimalJs from "decimal.js";
import { ONE, ZERO, toPence, type Decimal, type MoneyInput } from "../money";
import { formatFinancialYear, parseFinancialYear } from "../time";
import type { Deal, DealBasis, Model } from "../model";
import { priceMultipliers, type Ledger, type LedgerEntry } from "../ledger";

/** One row of a deal's own schedule (e.g. a loan's year): amounts in the deal's terms. */
export type ScheduleRow = Record<string, string | number | Decimal | null>;

/**
 * What a deal did: the money it moved, party by party and year by year, and what happened along
 * the way (caps reached, clawbacks, top-ups).
 */
export interface DealSummary {
  id: string;
  type: Deal["type"];
  label: string;
  /** Agencies the deal moves money between. */
  parties: string[];
  /** Money received (+) or paid (−) by each party in each appraisal year (real, appraisal prices). */
  byYear: Record<string, Decimal[]>;
  /** Undiscounted totals by party (they sum to zero). */
  totals: Record<string, Decimal>;
  /** Plain-words notes: caps reached, floors paid, clawbacks, top-ups, modes. */
  events: string[];
  /** The deal's own schedule, when it has one (a loan's payments, a pot's balance, PbR by cohort). */
  schedule: ScheduleRow[];
  /** Deal-specific figures (e.g. reward claimed as a share of the maximum). */
  figures: Record<string, Decimal | number | string | null>;
}

/** Everything a deal rule needs to read from the ledger before deals. */
export class DealBook {
  /** The deal's payments as ledger entries, one per payer, receiver and purpose (transfers: they net to zero). */
  private readonly entries = new Map<string, LedgerEntry>();
  readonly summary: DealSummary;
  private readonly labels: string[];
  private readonly budgets: Map<string, string>;
  /** Multiplier turning a deal's cash into the ledger's real terms, by year (1 unless nominal). */
  private priceFactors: Decimal[] | null = null;

  constructor(
    readonly ledger: Ledger,
    readonly deal: Deal,
    readonly index: number,
  ) {
    const base = parseFinancialYear(ledger.baseYear);
    this.labels = Array.from({ length: ledger.years }, (_, t) => formatFinancialYear(base + t));
    this.budgets = new Map(ledger.plan.agencies.map((a) => [a.id, a.budgets[0]!.id]));
    this.summary = { id: deal.id, type: deal.type, label: deal.label ?? deal.id, parties: [], byYear: {}, totals: {}, events: [], schedule: [], figures: {} };
  }

  get model(): Model {
    return this.ledger.plan.model;
  }
  /** Last appraisal year (the ledger covers 0..lastYear). */
  get lastYear(): number {
    return this.ledger.years - 1;
  }
  label(t: number): string {
    return this.labels[t]!;
  }
  zeros(): Decimal[] {
    return Array.from({ length: this.ledger.years }, () => ZERO);
  }

  /** Book the deal's amounts as cash (nominal) and deflate them into the ledger's real terms. */
  useNominalCash(): void {
    this.priceFactors = priceMultipliers(this.model, { prices: "nominal" }, this.lastYear).factors;
  }

  /** Records a payment of `amount` (≥ 0, whole pence) from one party to another in year t. */
  pay(from: string, to: string, t: number, amount: Decimal, note?: string): void {
    if (amount.isZero()) return;
    if (amount.isNegative()) {
      this.pay(to, from, t, amount.neg(), note);
      return;
    }
    const real = this.priceFactors ? amount.times(this.priceFactors[t]!).toDecimalPlaces(12, DecimalJs.ROUND_HALF_EVEN) : amount;
    const label = note ?? this.summary.label;
    const key = `${from}\u0000${to}\u0000${label}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        // Booked to the payer (money out); the receiver, as the other side, gets the same amounts in.
        line: {
          id: `deal:${this.deal.id}`,
          origin: { type: "deal", id: this.deal.id, value: null },
          label,
          source: `deals[${this.index}]`,
          intervention: null,
          agency: from,
          budget: this.budgets.get(from)!,
          kind: "transfer",
          lens: "fiscal",
          category: null,
          cashable: true,
          discount: "appraisal",
          counterparty: { agency: to, budget: this.budgets.get(to)! },
        },
        amounts: new Array<Decimal | null>(this.ledger.years).fill(null),
        realisation: null,
        quantity: null,
      };
      this.entries.set(key, entry);
    }
    const was = entry.amounts[t];
    entry.amounts[t] = was ? was.minus(real) : real.neg();
    for (const [party, v] of [
      [from, real.neg()],
      [to, real],
    ] as const) {
      if (!this.summary.byYear[party]) {
        this.summary.byYear[party] = this.zeros();
        this.summary.parties.push(party);
      }
      this.summary.byYear[party]![t] = this.summary.byYear[party]![t]!.plus(v);
    }
  }

  /**
   * Fiscal savings of an agency by year (before any deal), narrowed by a basis: its saving lines
   * and outcome values, including transfers it gains from other parties (benefits not paid, tax
   * received), but not cost shunts or other deals.
   */
  savings(agency: string, basis: DealBasis = { cashableOnly: false }): Decimal[] {
    return remember(this.ledger, `savings\u0000${agency}\u0000${JSON.stringify(basis)}`, () => {
      const out = this.zeros();
      for (const r of this.ledger.rows) {
        if (r.agency !== agency || r.lens !== "fiscal" || (r.origin.type !== "saving" && r.origin.type !== "outcome")) continue;
        if (basis.cashableOnly && !r.cashable) continue;
        if (basis.interventions && (!r.intervention || !basis.interventions.includes(r.intervention))) continue;
        if (basis.outcomes && (r.origin.type !== "outcome" || !basis.outcomes.includes(r.origin.id))) continue;
        out[r.year] = out[r.year]!.plus(r.amount);
      }
      return out;
    });
  }

  /** Costs (positive) borne by an agency by year, optionally only for some interventions or cost ids. */
  costs(agency: string | null, filter: { interventions?: string[]; costs?: string[] } = {}): Decimal[] {
    return remember(this.ledger, `costs\u0000${agency}\u0000${JSON.stringify(filter)}`, () => {
      const out = this.zeros();
      for (const r of this.ledger.rows) {
        if (r.kind !== "cost" || (agency !== null && r.agency !== agency)) continue;
        if (filter.interventions && (!r.intervention || !filter.interventions.includes(r.intervention))) continue;
        if (filter.costs && !filter.costs.includes(r.origin.id)) continue;
        out[r.year] = out[r.year]!.minus(r.amount);
      }
      return out;
    });
  }

  /** New attributable outcomes achieved in each year. */
  produced(outcome: string): Decimal[] {
    return this.ledger.outcomes[outcome]!.produced;
  }

  note(text: string): void {
    this.summary.events.push(text);
  }

  /** Finishes the summary: totals by party. */
  finish(): { entries: LedgerEntry[]; summary: DealSummary } {
    for (const p of this.summary.parties) this.summary.totals[p] = this.summary.byYear[p]!.reduce((a, b) => a.plus(b), ZERO);
    return { entries: [...this.entries.values()], summary: this.summary };
  }
}

const memo = new WeakMap<Ledger, Map<string, Decimal[]>>();

/**
 * A ledger's savings or costs series, worked out once per ledger (solvers apply a deal to the
 * same ledger many times). The arrays are shared: deal rules only read them.
 */
function remember(ledger: Ledger, key: string, make: () => Decimal[]): Decimal[] {
  let m = memo.get(ledger);
  if (!m) memo.set(ledger, (m = new Map()));
  let out = m.get(key);
  if (!out) m.set(key, (out = make()));
  return out;
}

/** Years [from, to] of a deal window, defaulting to the whole appraisal (0..lastYear). */
export function window(span: [number, number] | undefined, lastYear: number): [number, number] {
  return span ? [span[0], Math.min(span[1], lastYear)] : [0, lastYear];
}

/**
 * Weights to split a payment by: a negative weight counts as zero, and weights that are all zero
 * as equal ones (a split needs weights ≥ 0 with a positive total).
 *
 * @example
 * ```ts
 * splitWeights([new Decimal(-2), new Decimal(3)]).map(String); // ["0", "3"]
 * splitWeights([ZERO, ZERO]).map(String);                      // ["1", "1"]
 * ```
 */
export function splitWeights(weights: readonly Decimal[]): Decimal[] {
  const w = weights.map((x) => (x.isNegative() ? ZERO : x));
  return w.some((x) => x.gt(0)) ? w : w.map(() => ONE);
}

/** Rounds to pence, never below zero. */
export function pence(x: MoneyInput): Decimal {
  const d = toPence(x);
  return d.isNegative() ? ZERO : d;
}
