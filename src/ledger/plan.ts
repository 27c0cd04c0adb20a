import type { Decimal } from "../money";
import type { DiscountSchedule } from "../discount";
import {
  appraisalYears,
  chainRates,
  referenceTrace,
  type Agency,
  type Cost,
  type CostShunt,
  type Intervention,
  type Model,
  type Outcome,
  type Saving,
} from "../model";
import { deliveryYears, priceMultipliers } from "./profiles";
import { categoryOptimism } from "./optimism";
import type { LedgerLine } from "./rows";

/**
 * The plan: a model compiled once into plain data. Every ledger line is stated here, once, as
 *
 *     amount[t] = sign × Π factors × profile[t] × prices[t]
 *
 * where each factor is a model input (by its canonical path) taken as x, 1 − x or 1 + x, and the
 * profile is a shape over the years (cohorts, ramp-up, lag, persistence, drop-off, growth, a
 * series) built from other inputs. The exact ledger evaluates the plan in Decimal; the Monte
 * Carlo kernel evaluates the same plan in float64, re-evaluating only the factors and profiles
 * that a draw touches. Deals and solvers read the plan's structured fields (origin, outcome,
 * intervention), never line-id strings.
 */

/** How an input enters a product: as x, as 1 − x (deadweight, drop-off) or as 1 + x (uplift, growth). */
// biome-ignore lint/suspicious/noConstEnum: internal (not in the public API); inlined in the Monte Carlo kernel's inner loop
export const enum Transform {
  Value = 0,
  OneMinus = 1,
  OnePlus = 2,
}

/** One model number the plan depends on: its canonical path (e.g. `outcomes[0].success`) and value. */
export interface PlanInput {
  path: string;
  value: number | string;
}

/** A factor of a product: input `key` of the plan, transformed. */
export interface PlanFactor {
  key: number;
  transform: Transform;
}

/** A product of factors, for quantities that are not money (participants, active outcomes). */
export interface PlanQuantity {
  factors: PlanFactor[];
  profile: number;
}

/** A yearly shape over appraisal years 0..n − 1; `source`, `cohort` and `base` refer to earlier profiles. */
export type PlanProfile =
  /** 1 in years from..to. */
  | { kind: "span"; from: number; to: number }
  /** 1 in one year. */
  | { kind: "once"; year: number }
  /** An input per year (index 0 = year 0). */
  | { kind: "series"; values: PlanFactor[] }
  /** An input per delivery year from `from` (a cohort list). */
  | { kind: "list"; from: number; values: PlanFactor[] }
  /** Another profile `lag` years later, in years from..to (a cohort drawn from another intervention's). */
  | { kind: "lagged"; source: number; lag: number; from: number; to: number }
  /** (1 + growth)^(t − from) in years from..to, times profile `base` when given (per participant). */
  | { kind: "growth"; from: number; to: number; growth: PlanFactor; base: number | null }
  /**
   * Outcomes from a cohort: each delivery year y in from..to produces cohort[y] × ramp-up[y − from]
   * outcomes from year y + lag; with `persistence` they last `years` years losing `dropOff` a
   * year (active outcomes), without it they count once (newly achieved outcomes).
   */
  | {
      kind: "outcomes";
      cohort: number;
      from: number;
      to: number;
      rampUp: PlanFactor[];
      lag: PlanFactor;
      persistence: { years: PlanFactor; dropOff: PlanFactor } | null;
    };

/** Where a line comes from in the model, structurally. */
export interface LineOrigin {
  type: "cost" | "saving" | "outcome" | "shunt" | "deal";
  /** Id of the cost, saving, outcome, cost shunt or deal. */
  id: string;
  /** For an outcome, the position of the value in `values`. */
  value: number | null;
}

/** One ledger line: who, what, how discounted (see {@link LedgerLine}), and its amounts as a product of factors. */
export interface PlanLine extends LedgerLine {
  /** For a non-cashable saving: the share of it released as cash; else null. */
  realisation: PlanFactor | null;
  /** −1 for costs, else 1. */
  sign: 1 | -1;
  factors: PlanFactor[];
  profile: number;
  /** Multiplier from the line's prices to the appraisal price base, by year. */
  prices: Decimal[];
  /** The year's driver (participants or active outcomes), else null. */
  quantity: PlanQuantity | null;
  /** How the line was computed, in words and figures (the audit trail). */
  trace: Record<string, string>;
}

/** What the appraisal needs to know about a party. */
export interface PlanAgency {
  id: string;
  name: string;
  kind: string | null;
  sector: Agency["sector"];
  settlementYears: number;
  budgets: { id: string; name: string | null; fundingEndsYear: number | null }[];
}

/** A compiled model. Plain data: it can be inspected, serialised and evaluated in any number system. */
export interface Plan {
  title: string;
  baseYear: string;
  priceBase: string;
  /** Number of appraisal years: the ledger covers years 0..years − 1. */
  years: number;
  agencies: PlanAgency[];
  /** Every model number a line or profile depends on; factors refer to them by position. */
  inputs: PlanInput[];
  /** Input position by canonical path. */
  inputIndex: Map<string, number>;
  profiles: PlanProfile[];
  lines: PlanLine[];
  /** Discount schedules by key ("appraisal" is the appraisal's own, which options may override). */
  schedules: Record<string, DiscountSchedule>;
  /** Attributable outcomes by outcome id: still active each year, and newly achieved. */
  outcomes: Record<string, { intervention: string; active: PlanQuantity; produced: PlanQuantity }>;
  /** Interventions' cohorts and delivery years; `from` names the intervention a cohort is drawn from. */
  interventions: Record<string, { cohort: PlanQuantity; span: [number, number]; from: string | null }>;
  /** Reference values the model named (`{ ref }`), resolved when it was parsed: the audit trail cites them. */
  references: Model["references"];
  /** The model the plan was compiled from. */
  model: Model;
}

/**
 * Model numbers that enter the plan only as factors or profile inputs, wherever a model uses
 * them. One the plan does not refer to (a one-off cost's growth, a cashable value's realisation)
 * changes no figure; any other number (years, price bases, discounting) changes the plan itself.
 */
const FACTOR_PATHS: readonly RegExp[] = [
  /^outcomes\[\d+\]\.(reach|engagement|success|deadweight|attribution|displacement|lag|rampUp\[\d+\]|persistence\.(years|dropOff))$/,
  /^outcomes\[\d+\]\.values\[\d+\]\.(amount|realisation)$/,
  /^tables\.unitCosts\[\d+\]\.value$/,
  /^tables\.optimismBias\..+\.(costs|benefits)$/,
  /^(costs|savings)\[\d+\]\.(amount|growth|realisation|series\[\d+\])$/,
  /^costShunts\[\d+\]\.(amount|series\[\d+\])$/,
  /^interventions\[\d+\]\.(cohort|cohort\[\d+\]|cohort\.share)$/,
];

/**
 * Is the input at this canonical path a plan factor (so that drawing it needs no new plan)?
 *
 * @example
 * ```ts
 * isFactorPath("outcomes[0].success"); // true
 * isFactorPath("appraisal.years");     // false
 * ```
 */
export function isFactorPath(path: string): boolean {
  return FACTOR_PATHS.some((re) => re.test(path));
}

const plans = new WeakMap<Model, Plan>();

/**
 * Compiles a parsed model into its {@link Plan} (cached per model object: parsed models are
 * treated as immutable).
 *
 * @example
 * ```ts
 * const plan = compilePlan(model);
 * plan.lines.find((l) => l.id === "outcome:into-work:0").counterparty; // { agency: "households", budget: "income" }
 * plan.inputs[plan.lines[0].factors[0].key].path; // "costs[0].amount" (the set-up cost)
 * ```
 */
export function compilePlan(model: Model): Plan {
  const cached = plans.get(model);
  if (cached) return cached;
  const plan = compile(model);
  plans.set(model, plan);
  return plan;
}

/** A discount schedule's key in the plan. */
function scheduleKey(schedule: DiscountSchedule | undefined): string {
  if (schedule === undefined) return "appraisal";
  return typeof schedule === "string" ? schedule : JSON.stringify(schedule);
}

function compile(model: Model): Plan {
  const n = appraisalYears(model);
  const last = n - 1;
  const inputs: PlanInput[] = [];
  const inputIndex = new Map<string, number>();
  const profiles: PlanProfile[] = [];
  const lines: PlanLine[] = [];
  const schedules: Record<string, DiscountSchedule> = { appraisal: model.appraisal.discount as DiscountSchedule };

  /** A factor on the input at `path` (added to the plan's inputs on first use). */
  const input = (path: string, value: number | string, transform: Transform = Transform.Value): PlanFactor => {
    let key = inputIndex.get(path);
    if (key === undefined) {
      key = inputs.length;
      inputs.push({ path, value });
      inputIndex.set(path, key);
    }
    return { key, transform };
  };
  const profile = (p: PlanProfile): number => profiles.push(p) - 1;
  const budgets = new Map(model.agencies.map((a) => [a.id, a.budgets[0]!.id]));
  const schedule = (s: DiscountSchedule | undefined): string => {
    const key = scheduleKey(s);
    if (s !== undefined) schedules[key] = s;
    return key;
  };
  const grades = model.tables.optimismBias ?? {};
  const optimism = (grade: string | undefined, part: "costs" | "benefits"): PlanFactor[] =>
    grade !== undefined && grades[grade]
      ? [input(`tables.optimismBias.${grade}.${part}`, grades[grade][part], part === "costs" ? Transform.OnePlus : Transform.OneMinus)]
      : [];
  const obValue = (grade: string | undefined, part: "costs" | "benefits") => String(grade !== undefined && grades[grade] ? grades[grade][part] : 0);

  // Cohorts: a profile and the factors that scale it.
  const cohorts = new Map<string, { cohort: PlanQuantity; span: [number, number]; from: string | null }>();
  const positions = new Map(model.interventions.map((v, i) => [v.id, i]));
  const cohort = (v: Intervention): { cohort: PlanQuantity; span: [number, number]; from: string | null } => {
    const done = cohorts.get(v.id);
    if (done) return done;
    const i = positions.get(v.id)!;
    const p = `interventions[${i}].cohort`;
    let result: { cohort: PlanQuantity; span: [number, number]; from: string | null };
    if (typeof v.cohort === "number") {
      const span = deliveryYears(v, last);
      result = { span, from: null, cohort: { factors: [input(p, v.cohort)], profile: profile({ kind: "span", from: span[0], to: span[1] }) } };
    } else if (Array.isArray(v.cohort)) {
      const span = deliveryYears(v, last);
      const values = v.cohort.slice(0, span[1] - span[0] + 1).map((c, k) => input(`${p}[${k}]`, c));
      result = { span, from: null, cohort: { factors: [], profile: profile({ kind: "list", from: span[0], values }) } };
    } else {
      const source = cohort(model.interventions[positions.get(v.cohort.from)!]!);
      const span = deliveryYears(v, last, source.span);
      result = {
        span,
        from: v.cohort.from,
        cohort: {
          factors: [...source.cohort.factors, input(`${p}.share`, v.cohort.share)],
          profile: profile({ kind: "lagged", source: source.cohort.profile, lag: v.cohort.lag, from: span[0], to: span[1] }),
        },
      };
    }
    cohorts.set(v.id, result);
    return result;
  };
  model.interventions.forEach(cohort);

  // Outcomes: the benefit chain as factors over the active (and newly achieved) outcomes profile.
  const outcomes: Plan["outcomes"] = {};
  const rates = model.outcomes.map((o) => chainRates(o));
  model.outcomes.forEach((o: Outcome, i) => {
    const c = cohorts.get(o.intervention)!;
    const p = `outcomes[${i}]`;
    const r = rates[i]!;
    const chain = [
      ...c.cohort.factors,
      input(`${p}.reach`, o.reach),
      input(`${p}.engagement`, o.engagement),
      // With `rate`, success and deadweight are derived from it (these paths then name no model field).
      input(`${p}.success`, r.success),
      input(`${p}.deadweight`, r.deadweight, Transform.OneMinus),
      input(`${p}.attribution`, o.attribution),
      input(`${p}.displacement`, o.displacement, Transform.OneMinus),
    ];
    const shape = {
      cohort: c.cohort.profile,
      from: c.span[0],
      to: c.span[1],
      rampUp: o.rampUp.map((r, k) => input(`${p}.rampUp[${k}]`, r)),
      lag: input(`${p}.lag`, o.lag),
    };
    const active = profile({
      kind: "outcomes",
      ...shape,
      persistence: {
        years: input(`${p}.persistence.years`, o.persistence.years),
        dropOff: input(`${p}.persistence.dropOff`, o.persistence.dropOff, Transform.OneMinus),
      },
    });
    const produced = profile({ kind: "outcomes", ...shape, persistence: null });
    outcomes[o.id] = { intervention: o.intervention, active: { factors: chain, profile: active }, produced: { factors: chain, profile: produced } };
  });

  /** A cost's or direct saving's profile and amount factors (before sign, optimism bias and prices). */
  const scheduled = (c: Cost | Saving, p: string): { factors: PlanFactor[]; profile: number; quantity: PlanQuantity | null; trace: Record<string, string> } => {
    const co = c.intervention !== undefined ? cohorts.get(c.intervention) : undefined;
    const trace = {
      ...(c.amount !== undefined ? { amount: String(c.amount), per: c.per } : { series: "given" }),
      ...(c.growth !== undefined ? { growth: String(c.growth) } : {}),
    };
    if (c.series !== undefined)
      return { factors: [], profile: profile({ kind: "series", values: c.series.map((x, k) => input(`${p}.series[${k}]`, x)) }), quantity: null, trace };
    const amount = input(`${p}.amount`, c.amount);
    if (c.per === "once") return { factors: [amount], profile: profile({ kind: "once", year: c.year ?? co?.span[0] ?? 0 }), quantity: null, trace };
    const [from, to] = c.years ?? co?.span ?? [0, 0];
    const participants = c.per === "participant" ? co!.cohort : null;
    return {
      factors: [amount, ...(participants?.factors ?? [])],
      profile: profile({
        kind: "growth",
        from,
        to: Math.min(to, last),
        growth: input(`${p}.growth`, c.growth ?? 0, Transform.OnePlus),
        base: participants?.profile ?? null,
      }),
      quantity: participants,
      trace,
    };
  };
  const counterparty = (line: { transferFrom?: string; transferFromBudget?: string }) =>
    line.transferFrom === undefined ? null : { agency: line.transferFrom, budget: line.transferFromBudget ?? budgets.get(line.transferFrom)! };
  const transferTrace = (line: { transferFrom?: string }): Record<string, string> =>
    line.transferFrom === undefined ? {} : { transferFrom: line.transferFrom };
  const discountTrace = (line: { discount?: unknown }): Record<string, string> =>
    line.discount === undefined ? {} : { discount: scheduleKey(line.discount as DiscountSchedule) };

  model.costs.forEach((c, i) => {
    const s = scheduled(c, `costs[${i}]`);
    const category = categoryOptimism(c);
    const prices = priceMultipliers(model, c, last);
    lines.push({
      id: `cost:${c.id}`,
      origin: { type: "cost", id: c.id, value: null },
      label: c.label ?? c.id,
      source: `costs[${i}]`,
      intervention: c.intervention ?? null,
      agency: c.agency,
      budget: c.budget ?? budgets.get(c.agency)!,
      kind: "cost",
      lens: c.lens,
      category: c.category,
      cashable: true,
      realisation: null,
      discount: schedule(c.discount as DiscountSchedule | undefined),
      counterparty: null,
      sign: -1,
      factors: [
        ...s.factors,
        ...optimism(c.confidence, "costs"),
        ...(category ? [input(`costs[${i}].optimismBias`, category.uplift.toString(), Transform.OnePlus)] : []),
      ],
      profile: s.profile,
      prices: prices.factors,
      quantity: s.quantity,
      trace: {
        ...s.trace,
        optimismBiasUplift: category ? category.uplift.toString() : obValue(c.confidence, "costs"),
        ...(category ? { optimismBias: category.note } : {}),
        prices: prices.note,
        ...discountTrace(c),
        ...referenceTrace(model.references, `costs[${i}].amount`),
      },
    });
  });

  const realisationOf = (line: { cashable: boolean; realisation?: number | string }, path: string): PlanFactor | null =>
    line.cashable ? null : input(`${path}.realisation`, line.realisation ?? 0);
  const realisationTrace = (line: { cashable: boolean; realisation?: number | string }) => (line.cashable ? "1 (cashable)" : String(line.realisation ?? 0));

  model.savings.forEach((c, i) => {
    const s = scheduled(c, `savings[${i}]`);
    const prices = priceMultipliers(model, c, last);
    const other = counterparty(c);
    lines.push({
      id: `saving:${c.id}`,
      origin: { type: "saving", id: c.id, value: null },
      label: c.label ?? c.id,
      source: `savings[${i}]`,
      intervention: c.intervention ?? null,
      agency: c.agency,
      budget: c.budget ?? budgets.get(c.agency)!,
      kind: other ? "transfer" : "saving",
      lens: c.lens,
      category: null,
      cashable: c.cashable,
      realisation: realisationOf(c, `savings[${i}]`),
      discount: schedule(c.discount as DiscountSchedule | undefined),
      counterparty: other,
      sign: 1,
      factors: [...s.factors, ...optimism(c.confidence, "benefits")],
      profile: s.profile,
      prices: prices.factors,
      quantity: s.quantity,
      trace: {
        ...s.trace,
        optimismBiasReduction: obValue(c.confidence, "benefits"),
        realisation: realisationTrace(c),
        prices: prices.note,
        ...transferTrace(c),
        ...discountTrace(c),
        ...referenceTrace(model.references, `savings[${i}].amount`),
      },
    });
  });

  const unitCosts = new Map((model.tables.unitCosts ?? []).map((u, k) => [u.id, { u, k }]));
  model.outcomes.forEach((o, i) => {
    const { active } = outcomes[o.id]!;
    o.values.forEach((v, j) => {
      const unit = v.unitCost !== undefined ? unitCosts.get(v.unitCost) : undefined;
      const value =
        v.unitCost === undefined ? input(`outcomes[${i}].values[${j}].amount`, v.amount) : input(`tables.unitCosts[${unit!.k}].value`, unit!.u.value);
      const prices = priceMultipliers(model, { priceBase: unit?.u.priceBase ?? v.priceBase, prices: v.prices }, last);
      const other = counterparty(v);
      lines.push({
        id: `outcome:${o.id}:${j}`,
        origin: { type: "outcome", id: o.id, value: j },
        label: v.label ?? `${o.label ?? o.id} (${v.agency})`,
        source: `outcomes[${i}].values[${j}]`,
        intervention: o.intervention,
        agency: v.agency,
        budget: v.budget ?? budgets.get(v.agency)!,
        kind: other ? "transfer" : "saving",
        lens: v.lens,
        category: null,
        cashable: v.cashable,
        realisation: realisationOf(v, `outcomes[${i}].values[${j}]`),
        discount: schedule(v.discount as DiscountSchedule | undefined),
        counterparty: other,
        sign: 1,
        factors: [...active.factors, value, ...optimism(o.confidence, "benefits")],
        profile: active.profile,
        prices: prices.factors,
        quantity: active,
        trace: {
          reach: String(o.reach),
          engagement: String(o.engagement),
          success: rates[i]!.success,
          deadweight: rates[i]!.deadweight,
          ...(rates[i]!.note ? { rate: rates[i]!.note! } : {}),
          attribution: String(o.attribution),
          displacement: String(o.displacement),
          rampUp: o.rampUp.join(", ") || "none",
          lag: String(o.lag),
          persistenceYears: String(o.persistence.years),
          dropOff: String(o.persistence.dropOff),
          valuePerOutcome: String(unit ? unit.u.value : v.amount),
          ...(unit ? { unitCost: `${unit.u.id}${unit.u.source ? ` (${unit.u.source})` : ""}` } : {}),
          ...referenceTrace(model.references, unit ? `tables.unitCosts[${unit.k}].value` : `outcomes[${i}].values[${j}].amount`),
          optimismBiasReduction: obValue(o.confidence, "benefits"),
          realisation: realisationTrace(v),
          prices: prices.note,
          ...transferTrace(v),
          ...discountTrace(v),
        },
      });
    });
  });

  model.costShunts.forEach((s: CostShunt, i) => {
    const p = `costShunts[${i}]`;
    const prices = priceMultipliers(model, s, last);
    let factors: PlanFactor[];
    let shape: number;
    let quantity: PlanQuantity | null = null;
    let intervention: string | null = null;
    if (s.series !== undefined) {
      factors = [];
      shape = profile({ kind: "series", values: s.series.map((x, k) => input(`${p}.series[${k}]`, x)) });
    } else if (s.outcome !== undefined) {
      const o = model.outcomes.find((x) => x.id === s.outcome)!;
      quantity = outcomes[o.id]!.active;
      intervention = o.intervention;
      factors = [...quantity.factors, input(`${p}.amount`, s.amount), ...optimism(o.confidence, "benefits")];
      shape = quantity.profile;
    } else {
      const [from, to] = s.years ?? [0, last];
      factors = [input(`${p}.amount`, s.amount)];
      shape = profile({ kind: "span", from, to: Math.min(to, last) });
    }
    lines.push({
      id: `shunt:${s.id}`,
      origin: { type: "shunt", id: s.id, value: null },
      label: s.label ?? s.id,
      source: p,
      intervention,
      agency: s.from,
      budget: s.fromBudget ?? budgets.get(s.from)!,
      kind: "transfer",
      lens: s.lens,
      category: null,
      cashable: s.cashable,
      realisation: null,
      discount: "appraisal",
      counterparty: { agency: s.to, budget: s.toBudget ?? budgets.get(s.to)! },
      sign: 1,
      factors,
      profile: shape,
      prices: prices.factors,
      quantity,
      trace: {
        from: s.from,
        to: s.to,
        amount: s.amount !== undefined ? String(s.amount) : "series",
        ...(s.outcome ? { perOutcomeOf: s.outcome } : {}),
        prices: prices.note,
      },
    });
  });

  return {
    title: model.title,
    baseYear: model.appraisal.baseYear,
    priceBase: model.appraisal.priceBase,
    years: n,
    agencies: model.agencies.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind ?? null,
      sector: a.sector,
      settlementYears: a.settlementYears,
      budgets: a.budgets.map((b) => ({ id: b.id, name: b.name ?? null, fundingEndsYear: b.fundingEndsYear ?? null })),
    })),
    inputs,
    inputIndex,
    profiles,
    lines,
    schedules,
    outcomes,
    interventions: Object.fromEntries(cohorts),
    references: model.references,
    model,
  };
}
