import DecimalJs from "decimal.js";
import { ONE, toDecimal, type Decimal } from "../money";
import { formatFinancialYear, parseFinancialYear } from "../time";
import { appraisalYears, loadModel, type Cost, type CostShunt, type Lens, type Model, type Outcome, type Saving } from "../model";
import { activeOutcomes, chainFactor, cohortSeries, priceMultipliers, producedOutcomes, zeros } from "./profiles";
import type { Ledger, LedgerRow, LineTrace, RowKind } from "./rows";

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

/** One line's yearly amounts for one agency's budget, before it becomes rows. */
interface LineSeries {
  line: string;
  label: string;
  source: string;
  intervention: string | null;
  agency: string;
  budget: string;
  kind: RowKind;
  lens: Lens;
  cashable: boolean;
  category: "revenue" | "capital" | null;
  series: Decimal[];
  quantity: (Decimal | null)[] | null;
}

interface Context {
  model: Model;
  years: number;
  cohorts: ReturnType<typeof cohortSeries>;
  active: Map<string, Decimal[]>;
  defaultBudget: (agency: string) => string;
  optimism: (grade: string | undefined) => { costs: Decimal; benefits: Decimal };
  traces: LineTrace[];
}

function span(ctx: Context, c: { intervention?: string }, given: [number, number] | undefined): [number, number] {
  if (given) return given;
  const v = c.intervention ? ctx.cohorts.get(c.intervention) : undefined;
  return v ? v.span : [0, 0];
}

/** Raw yearly amounts of a cost or direct saving (before optimism bias and prices), and its participants. */
function scheduled(ctx: Context, c: Cost | Saving): { series: Decimal[]; quantity: (Decimal | null)[] | null; factors: Record<string, string> } {
  const series = zeros(ctx.years);
  const cohort = c.intervention ? ctx.cohorts.get(c.intervention)!.series : null;
  const quantity: (Decimal | null)[] | null = c.per === "participant" ? zeros(ctx.years) : null;
  if (c.series) {
    c.series.forEach((v, t) => (series[t] = toDecimal(v)));
  } else if (c.per === "once") {
    const year = c.year ?? span(ctx, c, undefined)[0];
    series[year] = toDecimal(c.amount!);
  } else {
    const [from, to] = span(ctx, c, c.years);
    const growth = ONE.plus(toDecimal(c.growth ?? 0));
    for (let t = from; t <= Math.min(to, ctx.years); t++) {
      let amount = toDecimal(c.amount!).times(growth.pow(t - from));
      if (c.per === "participant") {
        amount = amount.times(cohort![t]!);
        quantity![t] = cohort![t]!;
      }
      series[t] = amount;
    }
  }
  const factors = {
    ...(c.amount !== undefined ? { amount: String(c.amount), per: c.per } : { series: "given" }),
    ...(c.growth !== undefined ? { growth: String(c.growth) } : {}),
  };
  return { series, quantity, factors };
}

function costLine(ctx: Context, c: Cost, i: number): LineSeries {
  const { series, quantity, factors } = scheduled(ctx, c);
  const ob = ctx.optimism(c.confidence);
  const uplift = ONE.plus(ob.costs);
  const prices = priceMultipliers(ctx.model, c, ctx.years);
  const line = `cost:${c.id}`;
  ctx.traces.push({ line, label: c.label ?? c.id, source: `costs[${i}]`, factors: { ...factors, optimismBiasUplift: ob.costs.toString(), prices: prices.note } });
  return {
    line,
    label: c.label ?? c.id,
    source: `costs[${i}]`,
    intervention: c.intervention ?? null,
    agency: c.agency,
    budget: c.budget ?? ctx.defaultBudget(c.agency),
    kind: "cost",
    lens: c.lens,
    cashable: true,
    category: c.category,
    series: series.map((v, t) => q(v.times(uplift).times(prices.factors[t]!).neg())),
    quantity,
  };
}

/** Splits a saving into its cash-releasing and capacity parts by the realisation rate (exactly). */
function bySavingType(base: Omit<LineSeries, "cashable" | "series">, total: Decimal[], cashable: boolean, realisation: Decimal): LineSeries[] {
  if (cashable) return [{ ...base, cashable: true, series: total }];
  const cash = total.map((x) => q(x.times(realisation)));
  return [
    { ...base, cashable: true, series: cash },
    { ...base, cashable: false, series: total.map((x, t) => x.minus(cash[t]!)) },
  ];
}

function savingLines(ctx: Context, c: Saving, i: number): LineSeries[] {
  const { series, quantity, factors } = scheduled(ctx, c);
  const ob = ctx.optimism(c.confidence);
  const keep = ONE.minus(ob.benefits);
  const prices = priceMultipliers(ctx.model, c, ctx.years);
  const line = `saving:${c.id}`;
  const realisation = toDecimal(c.realisation ?? 0);
  ctx.traces.push({
    line,
    label: c.label ?? c.id,
    source: `savings[${i}]`,
    factors: { ...factors, optimismBiasReduction: ob.benefits.toString(), realisation: c.cashable ? "1 (cashable)" : realisation.toString(), prices: prices.note },
  });
  const base = {
    line,
    label: c.label ?? c.id,
    source: `savings[${i}]`,
    intervention: c.intervention ?? null,
    agency: c.agency,
    budget: c.budget ?? ctx.defaultBudget(c.agency),
    kind: "saving" as const,
    lens: c.lens,
    category: null,
    quantity,
  };
  return bySavingType(base, series.map((v, t) => q(v.times(keep).times(prices.factors[t]!))), c.cashable, realisation);
}

function outcomeLines(ctx: Context, o: Outcome, i: number): LineSeries[] {
  const active = ctx.active.get(o.id)!;
  const ob = ctx.optimism(o.confidence);
  const keep = ONE.minus(ob.benefits);
  const unitCosts = new Map((ctx.model.tables.unitCosts ?? []).map((u) => [u.id, u]));
  return o.values.flatMap((v, j): LineSeries[] => {
    const unit = v.unitCost !== undefined ? unitCosts.get(v.unitCost)! : undefined;
    const value = toDecimal(unit ? unit.value : v.amount!);
    const prices = priceMultipliers(ctx.model, { priceBase: unit?.priceBase ?? v.priceBase, prices: v.prices }, ctx.years);
    const line = `outcome:${o.id}:${j}`;
    const label = v.label ?? `${o.label ?? o.id} (${v.agency})`;
    const source = `outcomes[${i}].values[${j}]`;
    ctx.traces.push({
      line,
      label,
      source,
      factors: {
        reach: String(o.reach),
        engagement: String(o.engagement),
        success: String(o.success),
        deadweight: String(o.deadweight),
        attribution: String(o.attribution),
        displacement: String(o.displacement),
        chain: chainFactor(o).toString(),
        rampUp: o.rampUp.join(", ") || "none",
        lag: String(o.lag),
        persistenceYears: String(o.persistence.years),
        dropOff: String(o.persistence.dropOff),
        valuePerOutcome: value.toString(),
        ...(unit ? { unitCost: `${unit.id}${unit.source ? ` (${unit.source})` : ""}` } : {}),
        optimismBiasReduction: ob.benefits.toString(),
        realisation: v.cashable ? "1 (cashable)" : String(v.realisation ?? 0),
        prices: prices.note,
      },
    });
    const total = active.map((a, t) => q(a.times(value).times(keep).times(prices.factors[t]!)));
    const base = {
      line,
      label,
      source,
      intervention: o.intervention,
      agency: v.agency,
      budget: v.budget ?? ctx.defaultBudget(v.agency),
      kind: "saving" as const,
      lens: v.lens,
      category: null,
      quantity: active,
    };
    return bySavingType(base, total, v.cashable, toDecimal(v.realisation ?? 0));
  });
}

function shuntLines(ctx: Context, s: CostShunt, i: number): LineSeries[] {
  let series = zeros(ctx.years);
  let quantity: Decimal[] | null = null;
  const prices = priceMultipliers(ctx.model, s, ctx.years);
  let intervention: string | null = null;
  if (s.series) {
    s.series.forEach((v, t) => (series[t] = toDecimal(v)));
  } else if (s.outcome !== undefined) {
    const o = ctx.model.outcomes.find((x) => x.id === s.outcome)!;
    const keep = ONE.minus(ctx.optimism(o.confidence).benefits);
    quantity = ctx.active.get(o.id)!;
    intervention = o.intervention;
    series = quantity.map((a) => a.times(toDecimal(s.amount!)).times(keep));
  } else {
    const [from, to] = s.years ?? [0, ctx.years];
    for (let t = from; t <= Math.min(to, ctx.years); t++) series[t] = toDecimal(s.amount!);
  }
  const amounts = series.map((v, t) => q(v.times(prices.factors[t]!)));
  const line = `shunt:${s.id}`;
  const label = s.label ?? s.id;
  const source = `costShunts[${i}]`;
  ctx.traces.push({ line, label, source, factors: { from: s.from, to: s.to, amount: s.amount !== undefined ? String(s.amount) : "series", ...(s.outcome ? { perOutcomeOf: s.outcome } : {}), prices: prices.note } });
  const common = { line, label, source, intervention, kind: "transfer" as const, lens: s.lens, cashable: s.cashable, category: null, quantity };
  return [
    { ...common, agency: s.from, budget: s.fromBudget ?? ctx.defaultBudget(s.from), series: amounts },
    { ...common, agency: s.to, budget: s.toBudget ?? ctx.defaultBudget(s.to), series: amounts.map((a) => a.neg()) },
  ];
}

/**
 * Turns a model into its ledger: one row per agency, budget, year and line (costs, savings and
 * cost shunts), money as exact Decimals in the appraisal's price base, each row tagged with the
 * input path it came from. Rows with a zero amount are left out.
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
  const model = loadModel(input);
  const years = appraisalYears(model);
  const base = parseFinancialYear(model.appraisal.baseYear);
  const cohorts = cohortSeries(model, years);
  const agencies = new Map(model.agencies.map((a) => [a.id, a]));
  const ob = model.tables.optimismBias ?? {};
  const ctx: Context = {
    model,
    years,
    cohorts,
    active: new Map(model.outcomes.map((o) => [o.id, activeOutcomes(o, cohorts.get(o.intervention)!, years)])),
    defaultBudget: (a) => agencies.get(a)!.budgets[0]!.id,
    optimism: (grade) => {
      const row = grade === undefined ? undefined : ob[grade];
      return { costs: toDecimal(row?.costs ?? 0), benefits: toDecimal(row?.benefits ?? 0) };
    },
    traces: [],
  };
  const lines: LineSeries[] = [
    ...model.costs.map((c, i) => costLine(ctx, c, i)),
    ...model.savings.flatMap((c, i) => savingLines(ctx, c, i)),
    ...model.outcomes.flatMap((o, i) => outcomeLines(ctx, o, i)),
    ...model.costShunts.flatMap((s, i) => shuntLines(ctx, s, i)),
  ];
  const labels = Array.from({ length: years + 1 }, (_, t) => formatFinancialYear(base + t));
  const rows: LedgerRow[] = [];
  for (const l of lines) {
    for (let t = 0; t <= years; t++) {
      const amount = l.series[t]!;
      if (amount.isZero()) continue;
      rows.push({
        agency: l.agency,
        budget: l.budget,
        year: t,
        financialYear: labels[t]!,
        line: l.line,
        label: l.label,
        kind: l.kind,
        lens: l.lens,
        cashable: l.cashable,
        category: l.category,
        intervention: l.intervention,
        priceBase: model.appraisal.priceBase,
        amount,
        source: l.source,
        quantity: l.quantity?.[t] ?? null,
      });
    }
  }
  const outcomes = Object.fromEntries(
    model.outcomes.map((o) => [o.id, { active: ctx.active.get(o.id)!, produced: producedOutcomes(o, cohorts.get(o.intervention)!, years) }]),
  );
  return { title: model.title, baseYear: model.appraisal.baseYear, priceBase: model.appraisal.priceBase, years, rows, lines: ctx.traces, outcomes, model };
}

