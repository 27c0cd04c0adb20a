import DecimalJs from "decimal.js";
import { ONE, ZERO, toDecimal, type Decimal } from "../money";
import { financialYearLabels } from "../time";
import { loadModel, type Model } from "../model";
import { chainFactor } from "./profiles";
import { compilePlan, fillProfile, Transform, type Arith, type Plan, type PlanLine, type PlanQuantity } from "./plan";
import type { Ledger, LedgerRow } from "./rows";

/**
 * Decimal places every ledger amount is held to (so that sums are exact).
 *
 * @example
 * ```ts
 * ledger.rows.every((r) => r.amount.decimalPlaces() <= LEDGER_PLACES); // true
 * ```
 */
export const LEDGER_PLACES = 12;
const q = (d: Decimal) => d.toDecimalPlaces(LEDGER_PLACES, DecimalJs.ROUND_HALF_EVEN);

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
  const values = plan.inputs.map((i) => toDecimal(i.value));
  return {
    zero: ZERO,
    one: ONE,
    add: (a, b) => a.plus(b),
    mul: (a, b) => a.times(b),
    pow: (a, k) => a.pow(k),
    factor: (f) => {
      const x = values[f.key]!;
      return f.transform === Transform.Value ? x : f.transform === Transform.OneMinus ? ONE.minus(x) : ONE.plus(x);
    },
    whole: (f) => values[f.key]!.toNumber(),
    isZero: (a) => a.isZero(),
  };
}

/**
 * Evaluates a plan exactly: every profile's yearly values, and each line's scale (sign × factors).
 *
 * @example
 * ```ts
 * const { scales } = evaluatePlan(compilePlan(model));
 * scales[0].toString(); // "-262500" (the set-up cost with its 5% optimism-bias uplift, as paid)
 * ```
 */
export function evaluatePlan(plan: Plan): { profiles: Decimal[][]; scales: Decimal[]; A: Arith<Decimal> } {
  const A = decimalArith(plan);
  const profiles: Decimal[][] = [];
  for (const p of plan.profiles) {
    const out: Decimal[] = new Array<Decimal>(plan.years);
    fillProfile(p, out, profiles, A);
    profiles.push(out);
  }
  const scales = plan.lines.map((l) => l.factors.reduce((s, f) => s.times(A.factor(f)), l.sign === 1 ? ONE : ONE.neg()));
  return { profiles, scales, A };
}

function quantity(q: PlanQuantity, profiles: Decimal[][], A: Arith<Decimal>): Decimal[] {
  const scale = q.factors.reduce((s, f) => s.times(A.factor(f)), ONE);
  return profiles[q.profile]!.map((v) => v.times(scale));
}

/**
 * Turns a model into its ledger: one row per agency, budget, year and line (costs, savings,
 * transfers and cost shunts), money as exact Decimals in the appraisal's price base, each row
 * tagged with the input path it came from. A transfer (a cost shunt, or a saving with
 * `transferFrom`) books both sides. Rows with a zero amount are left out.
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
  const { profiles, scales, A } = evaluatePlan(plan);
  const labels = financialYearLabels(plan.baseYear, plan.years - 1);
  const rows: LedgerRow[] = [];
  const model = plan.model;
  plan.lines.forEach((l, i) => {
    const shape = profiles[l.profile]!;
    const scale = scales[i]!;
    const qty = l.quantity ? quantity(l.quantity, profiles, A) : null;
    const r = l.realisation ? A.factor(l.realisation) : null;
    for (let t = 0; t < plan.years; t++) {
      const v = shape[t]!;
      if (v.isZero()) continue;
      const total = q(scale.times(v).times(l.prices[t]!));
      if (total.isZero()) continue;
      const quantityT = qty ? qty[t]! : null;
      if (r === null) book(rows, l, t, labels[t]!, l.cashable, total, quantityT, plan.priceBase);
      else {
        const cash = q(total.times(r));
        book(rows, l, t, labels[t]!, true, cash, quantityT, plan.priceBase);
        book(rows, l, t, labels[t]!, false, total.minus(cash), quantityT, plan.priceBase);
      }
    }
  });
  const outcomes = Object.fromEntries(
    Object.entries(plan.outcomes).map(([id, o]) => [id, { active: quantity(o.active, profiles, A), produced: quantity(o.produced, profiles, A) }]),
  );
  const cohorts = Object.fromEntries(Object.entries(plan.interventions).map(([id, v]) => [id, quantity(v.cohort, profiles, A)]));
  const chains = new Map(model.outcomes.map((o) => [o.id, chainFactor(o).toString()]));
  const lines = plan.lines.map((l) => ({
    line: l.id,
    label: l.label,
    source: l.source,
    factors: l.origin.type === "outcome" ? { chain: chains.get(l.origin.id)!, ...l.trace } : l.trace,
  }));
  return { title: plan.title, baseYear: plan.baseYear, priceBase: plan.priceBase, years: plan.years, rows, lines, outcomes, cohorts, schedules: plan.schedules, plan, model };
}

/** Books one line's amount in year t: to its agency, and negated to a transfer's other side. */
function book(rows: LedgerRow[], l: PlanLine, t: number, label: string, cashable: boolean, amount: Decimal, quantity: Decimal | null, priceBase: string): void {
  if (amount.isZero()) return;
  const common = {
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
    discount: l.discount,
    source: l.source,
    quantity,
  };
  rows.push({ ...common, agency: l.agency, budget: l.budget, counterparty: l.counterparty?.agency ?? null, amount });
  if (l.counterparty) rows.push({ ...common, agency: l.counterparty.agency, budget: l.counterparty.budget, counterparty: l.agency, amount: amount.neg() });
}
