import { ONE, ZERO, toDecimal, type Decimal } from "../money";
import { financialYearLabels } from "../time";
import { loadModel, type Model } from "../model";
import { chainFactor } from "./profiles";
import { compilePlan, Transform, type Plan, type PlanFactor, type PlanProfile, type PlanQuantity } from "./plan";
import { fillProfile, type Arith } from "./plan-eval";
import { cashPart, toLedgerPlaces as q } from "./cash";
import type { Ledger, LedgerEntry, LedgerLine, LedgerRow, LineTrace } from "./rows";

/**
 * Exact Decimal arithmetic over a plan's inputs (the model's own values).
 *
 * @example
 * ```ts
 * const A = decimalArith(compilePlan(model));
 * A.factor({ key: 0, transform: 0 }).toString(); // "400" (the first cohort: 400 families)
 * ```
 */
export function decimalArith(plan: Pick<Plan, "inputs">): Arith<Decimal> {
  const values = inputValues(plan);
  return {
    zero: ZERO,
    one: ONE,
    add: (a, b) => a.plus(b),
    neg: (a) => a.neg(),
    mul: (a, b) => a.times(b),
    pow: (a, k) => a.pow(k),
    factor: (f) => values[f.transform]![f.key]!,
    whole: (f) => values[Transform.Value]![f.key]!.toNumber(),
    isZero: (a) => a.isZero(),
  };
}

const decimals = new WeakMap<object, Decimal[][]>();

/** The plan's inputs as Decimals, by transform (x, 1 − x, 1 + x): converted once per plan. */
function inputValues(plan: Pick<Plan, "inputs">): Decimal[][] {
  let values = decimals.get(plan);
  if (!values) {
    const x = plan.inputs.map((i) => toDecimal(i.value));
    values = [];
    values[Transform.Value] = x;
    values[Transform.OneMinus] = x.map((v) => ONE.minus(v));
    values[Transform.OnePlus] = x.map((v) => ONE.plus(v));
    decimals.set(plan, values);
  }
  return values;
}

/** The profiles a profile reads (they come earlier in the plan). */
function dependencies(p: PlanProfile): number[] {
  switch (p.kind) {
    case "lagged":
      return [p.source];
    case "growth":
      return p.base === null ? [] : [p.base];
    case "outcomes":
      return [p.cohort];
    default:
      return [];
  }
}

/**
 * Evaluates a plan exactly: each profile's yearly values (on first use: a profile no line or
 * quantity asks for is never computed), and each line's scale (sign × factors).
 *
 * @example
 * ```ts
 * const { scales, profile } = evaluatePlan(compilePlan(model));
 * scales[0].toString(); // "-262500" (the set-up cost with its 5% optimism-bias uplift, as paid)
 * profile(0).map(String); // ["400", "400", "400", "400", "400", "0", "0", "0", "0", "0"] (families starting in years 0..4)
 * ```
 */
export function evaluatePlan(plan: Plan): { profile: (i: number) => Decimal[]; scales: Decimal[]; A: Arith<Decimal> } {
  const A = decimalArith(plan);
  const bufs: Decimal[][] = [];
  const profile = (i: number): Decimal[] => {
    let out = bufs[i];
    if (out) return out;
    const p = plan.profiles[i]!;
    for (const d of dependencies(p)) profile(d);
    out = new Array<Decimal>(plan.years);
    fillProfile(p, out, bufs, A);
    bufs[i] = out;
    return out;
  };
  // A line driven by a quantity (participants, active outcomes) starts with that quantity's
  // factors: their product is worked out once per quantity and shared by its lines.
  const shared = new Map<PlanQuantity, Decimal>();
  const product = (fs: readonly PlanFactor[], from: number, start: Decimal) => {
    let x = start;
    for (let k = from; k < fs.length; k++) x = x.times(A.factor(fs[k]!));
    return x;
  };
  const scales = plan.lines.map((l) => {
    const sign = l.sign === 1 ? ONE : ONE.neg();
    const q = l.quantity;
    if (!q || q.factors.length < 2 || !q.factors.every((f, k) => l.factors[k] === f)) return product(l.factors, 0, sign);
    let base = shared.get(q);
    if (!base) shared.set(q, (base = product(q.factors, 0, ONE)));
    return product(l.factors, q.factors.length, base.times(sign));
  });
  return { profile, scales, A };
}

/** A quantity's yearly values, computed once per ledger (lines of one outcome share theirs). */
function quantities(profile: (i: number) => Decimal[], A: Arith<Decimal>): (q: PlanQuantity) => Decimal[] {
  const done = new Map<PlanQuantity, Decimal[]>();
  return (q) => {
    let out = done.get(q);
    if (!out) {
      const scale = q.factors.reduce((s, f) => s.times(A.factor(f)), ONE);
      done.set(q, (out = profile(q.profile).map((v) => (v.isZero() ? v : v.times(scale)))));
    }
    return out;
  };
}

/**
 * Turns a model into its ledger: every line (costs, savings, transfers and cost shunts) with its
 * exact amounts by year, money as Decimals in the appraisal's price base, and tidy rows (one per
 * agency, budget, year and line, each tagged with the input path it came from) worked out when
 * first read. A transfer (a cost shunt, or a saving with `transferFrom`) books both sides.
 *
 * Accepts a parsed `Model` or raw input (validated first).
 *
 * @throws InvalidModelError when the input is not a valid model.
 * @example
 * ```ts
 * const ledger = buildLedger(model);
 * ledger.rows.filter((r) => r.agency === "police" && r.year === 2).length; // 4 (police rows in 2027-28)
 * ```
 */
export function buildLedger(input: Model | unknown): Ledger {
  return ledgerOf(compilePlan(loadModel(input)));
}

/**
 * The ledger of a compiled plan (see {@link buildLedger}).
 *
 * @example
 * ```ts
 * ledgerOf(compilePlan(model)).rows.length === buildLedger(model).rows.length; // true
 * ```
 */
export function ledgerOf(plan: Plan): Ledger {
  const { profile, scales, A } = evaluatePlan(plan);
  const quantity = quantities(profile, A);
  const real = realLines(plan);
  const n = plan.years;
  const entries: LedgerEntry[] = [];
  // Quantities are only for the rows' audit trail: worked out when the rows are.
  const drivers: (PlanQuantity | null)[] = [];
  plan.lines.forEach((l, i) => {
    const scale = scales[i]!;
    if (scale.isZero()) return;
    const shape = profile(l.profile);
    const amounts = new Array<Decimal | null>(n).fill(null);
    let any = false;
    for (let t = 0; t < n; t++) {
      const v = shape[t]!;
      if (v.isZero()) continue;
      const total = q(real[i] ? scale.times(v) : scale.times(v).times(l.prices[t]!));
      if (total.isZero()) continue;
      amounts[t] = total;
      any = true;
    }
    if (!any) return;
    entries.push({ line: l, amounts, realisation: l.realisation ? A.factor(l.realisation) : null, quantity: null });
    drivers.push(l.quantity);
  });
  return makeLedger(
    plan,
    entries,
    () => {
      entries.forEach((e, k) => {
        const d = drivers[k];
        if (d) e.quantity = quantity(d);
      });
      return rowsOf(entries, plan);
    },
    {
      outcomes: () => Object.fromEntries(Object.entries(plan.outcomes).map(([id, o]) => [id, { active: quantity(o.active), produced: quantity(o.produced) }])),
      cohorts: () => Object.fromEntries(Object.entries(plan.interventions).map(([id, v]) => [id, quantity(v.cohort)])),
    },
  );
}

/** How a ledger works out its outcome counts and cohorts when first read. */
export interface LedgerCounts {
  outcomes: () => Ledger["outcomes"];
  cohorts: () => Ledger["cohorts"];
}

/**
 * A ledger over `entries`: rows (from `rows()`), outcome counts and cohorts are worked out when
 * first read, once.
 *
 * @example
 * ```ts
 * const base = buildLedger(model);
 * const copy = makeLedger(base.plan, base.entries, () => base.rows, base);
 * copy.rows === base.rows; // true
 * ```
 */
export function makeLedger(plan: Plan, entries: LedgerEntry[], rows: () => LedgerRow[], counts: LedgerCounts | Ledger): Ledger {
  const from = "entries" in counts ? { outcomes: () => counts.outcomes, cohorts: () => counts.cohorts } : counts;
  let madeRows: LedgerRow[] | undefined;
  let outcomes: Ledger["outcomes"] | undefined;
  let cohorts: Ledger["cohorts"] | undefined;
  return {
    title: plan.title,
    baseYear: plan.baseYear,
    priceBase: plan.priceBase,
    years: plan.years,
    entries,
    get rows() {
      return (madeRows ??= rows());
    },
    lines: tracesOf(plan),
    get outcomes() {
      return (outcomes ??= from.outcomes());
    },
    get cohorts() {
      return (cohorts ??= from.cohorts());
    },
    schedules: plan.schedules,
    plan,
  };
}

/**
 * Tidy rows of ledger entries, line by line and year by year: a non-cashable saving with a
 * realisation rate gives a cash row and a capacity row; a transfer gives a row to each side.
 *
 * @example
 * ```ts
 * const ledger = buildLedger(model);
 * rowsOf(ledger.entries, ledger.plan).length; // 122 (as many as ledger.rows)
 * ```
 */
export function rowsOf(entries: readonly LedgerEntry[], plan: Pick<Plan, "baseYear" | "priceBase" | "years">): LedgerRow[] {
  const labels = financialYearLabels(plan.baseYear, plan.years - 1);
  const rows: LedgerRow[] = [];
  for (const e of entries) {
    const l = e.line;
    for (let t = 0; t < e.amounts.length; t++) {
      const total = e.amounts[t];
      if (!total) continue;
      const quantity = e.quantity ? e.quantity[t]! : null;
      if (e.realisation === null) book(rows, l, t, labels[t]!, l.cashable, total, quantity, plan.priceBase);
      else {
        const cash = cashPart(total, e.realisation);
        book(rows, l, t, labels[t]!, true, cash, quantity, plan.priceBase);
        book(rows, l, t, labels[t]!, false, total.minus(cash), quantity, plan.priceBase);
      }
    }
  }
  return rows;
}

const traces = new WeakMap<Plan, LineTrace[]>();
const realness = new WeakMap<Plan, boolean[]>();

/** For each line: are its amounts already in the appraisal's prices (no price multiplier)? */
function realLines(plan: Plan): boolean[] {
  let out = realness.get(plan);
  if (!out) realness.set(plan, (out = plan.lines.map((l) => l.prices.every((p) => p.eq(ONE)))));
  return out;
}

/** Each line's trace (the same for every evaluation of a plan, so built once). */
function tracesOf(plan: Plan): LineTrace[] {
  let out = traces.get(plan);
  if (!out) {
    const chains = new Map(plan.model.outcomes.map((o) => [o.id, chainFactor(o).toString()]));
    out = plan.lines.map((l) => ({
      line: l.id,
      label: l.label,
      source: l.source,
      factors: l.origin.type === "outcome" ? { chain: chains.get(l.origin.id)!, ...l.trace } : l.trace,
    }));
    traces.set(plan, out);
  }
  return out;
}

/** Books one line's amount in year t: to its agency, and negated to a transfer's other side. */
function book(
  rows: LedgerRow[],
  l: LedgerLine,
  t: number,
  label: string,
  cashable: boolean,
  amount: Decimal,
  quantity: Decimal | null,
  priceBase: string,
): void {
  if (amount.isZero()) return;
  rows.push(row(l, l.agency, l.budget, l.counterparty?.agency ?? null, t, label, cashable, amount, quantity, priceBase));
  if (l.counterparty) rows.push(row(l, l.counterparty.agency, l.counterparty.budget, l.agency, t, label, cashable, amount.neg(), quantity, priceBase));
}

/** One row, every field written in the same order (one object shape for every row). */
function row(
  l: LedgerLine,
  agency: string,
  budget: string,
  counterparty: string | null,
  t: number,
  label: string,
  cashable: boolean,
  amount: Decimal,
  quantity: Decimal | null,
  priceBase: string,
): LedgerRow {
  return {
    agency,
    budget,
    year: t,
    financialYear: label,
    line: l.id,
    origin: l.origin,
    label: l.label,
    kind: l.kind,
    lens: l.lens,
    cashable,
    category: l.category,
    intervention: l.intervention,
    priceBase,
    amount,
    discount: l.discount,
    counterparty,
    source: l.source,
    quantity,
  };
}
