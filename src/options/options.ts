import { ZERO, type Decimal } from "../money";
import { financialYearLabels } from "../time";
import type { DiscountSchedule, Timing } from "../discount";
import { InvalidModelError, loadModel, mergeOption, type Lens, type Model, type ModelError, type ModelOption, type Unmonetised } from "../model";
import { buildLedger } from "../ledger";
import { appraiseLedger, horizonLabel, isIncentiveGap, type Appraisal, type Metrics } from "../appraise";
import { resolveInput, setInputs, simulate, summariseDraws, type NpvSummary } from "../uncertainty";

/**
 * Options against business as usual: the Green Book's comparison of a short list with business
 * as usual (do nothing, or do minimum). Business as usual is the model itself; each of its
 * `options` names what it changes (lines added or replaced, lines removed, inputs set by path).
 * Every alternative is appraised exactly; each option is reported **against business as usual**
 * (its figures minus business as usual's), ranked by NPSV and by BCR.
 *
 * This sits above the uncertainty layer because an option's `set` overrides are input paths,
 * resolved and applied by the same code as scenarios (`setInputs`), and because each option's
 * risk range comes from the model's scenarios or a Monte Carlo run.
 */

/** Settings for {@link appraiseOptions}. */
export interface OptionsSettings {
  /** Appraisal period in years (default: the model's longest horizon). */
  horizon?: number;
  /** Lens of each agency's NPV and the incentive gap (default: the model's). NPSV is always the social lens. */
  lens?: Lens;
  discount?: DiscountSchedule;
  timing?: Timing;
  /** Risk range from a Monte Carlo run of the model's distributions (default: from its scenarios, if any). */
  monteCarlo?: { draws: number; seed?: number };
}

/** One view of costs and savings: present values of costs and of savings (every benefit counted, with net transfers received; net transfers paid count as costs), and their difference. */
export interface CostsSavings {
  pvCosts: Decimal;
  pvSavings: Decimal;
  net: Decimal;
}

/** An alternative's monetised figures at the horizon (absolute, or against business as usual). */
export interface OptionFigures {
  /** Society under the social lens: PV costs, PV savings (the Green Book's PV benefits) and NPSV. */
  pvCosts: Decimal;
  pvSavings: Decimal;
  npsv: Decimal;
  /** PV savings ÷ PV costs; null when costs are not positive (see `bcrNote`). */
  bcr: Decimal | null;
  bcrNote: string | null;
  /** Society under each lens (fiscal: public-budget flows; economic: + earnings, GVA; social: everything). */
  byLens: Record<Lens, CostsSavings>;
  /** The public sector (Exchequer) under the fiscal lens: what public bodies pay and save, transfers counted. */
  publicSector: CostsSavings;
  /** Net cost to the public sector: −(public sector NPV), fiscal lens. */
  publicSectorNetCost: Decimal;
  /** Each agency's NPV (the chosen lens). */
  agencies: Record<string, Decimal>;
  /** The optimism-bias adjustment inside these figures (social lens): PV added to costs, PV taken off benefits. */
  optimismBias: { costs: Decimal; benefits: Decimal };
}

/** An agency that loses under an option (against business as usual) while society gains. */
export interface OptionGap {
  agency: string;
  npv: Decimal;
  /** Present-value transfer that would bring it to break-even (−npv). */
  transferNeeded: Decimal;
}

/** A risk range for NPSV against business as usual. */
export type RiskRange =
  | { kind: "scenarios"; scenarios: { name: string; npsv: Decimal }[]; low: Decimal; high: Decimal; skipped: string[] }
  | { kind: "monte-carlo"; draws: number; seed: number; summary: NpvSummary; inputs: string[] };

/** A switching value: how far something must move before a conclusion changes. */
export interface SwitchingEntry {
  /** In words, e.g. "PV savings fall by 38.2% (£1.9m)". */
  description: string;
  /** The change as a share (0.382), or null when no change in that direction flips it. */
  share: Decimal | null;
  /** The same in pounds (present value). */
  amount: Decimal | null;
}

/** One option: its figures, against business as usual, ranks and summary. */
export interface OptionResult {
  id: string;
  name: string;
  description: string | null;
  /** The option on its own. */
  absolute: OptionFigures;
  /** The option minus business as usual (incremental BCR). */
  vsBau: OptionFigures;
  /** Agencies losing against business as usual while society (the chosen lens) gains. */
  incentiveGaps: OptionGap[];
  /** 1 = best; BCR rank is null for an option without a BCR against business as usual. */
  rank: { npsv: number; bcr: number | null };
  /** Effects not valued in money (the option's `unmonetised`). */
  unmonetised: Unmonetised[];
  /** Key switching values against business as usual (and, for the best, against the runner-up). */
  switching: SwitchingEntry[];
  risk: RiskRange | null;
}

/** The result of {@link appraiseOptions}. */
export interface OptionsAppraisal {
  title: string;
  priceBase: string;
  horizon: number;
  /** "10 years (2025-26 to 2034-35)". */
  horizonLabel: string;
  /** Lens of agency NPVs and incentive gaps. */
  lens: Lens;
  /** The parties, in model order. */
  agencies: { id: string; name: string; sector: string }[];
  businessAsUsual: { figures: OptionFigures; unmonetised: Unmonetised[] };
  options: OptionResult[];
  ranking: {
    /** Option ids, best first, by NPSV against business as usual. */
    byNpsv: string[];
    /** Option ids with a BCR, best first, then those without. */
    byBcr: string[];
    /** The preferred alternative: the option with the highest NPSV when it is positive, else "business-as-usual". */
    preferred: string;
    /** Do the two rankings put the same option first? */
    agree: boolean;
    /** In words. */
    note: string;
  };
  /** How far the best option's figures must move before the runner-up (or business as usual) is preferred. */
  switching: { best: string; runnerUp: string; npsvGap: Decimal; benefitsFall: SwitchingEntry; costsRise: SwitchingEntry } | null;
}

const ID_BAU = "business-as-usual";

/**
 * The model of business as usual: the model without its options.
 *
 * @example
 * ```ts
 * businessAsUsual(model).options; // []
 * ```
 */
export function businessAsUsual(input: Model | unknown): Model {
  const model = loadModel(input);
  return model.options.length ? loadModel({ ...model, options: [] }) : model;
}

/**
 * The model of one option: business as usual with the option's lines merged in and its `set`
 * overrides applied.
 *
 * @throws InvalidModelError for an unknown option, or an override path or value that does not
 *   fit (reported at `options[k].set["path"]`).
 * @example
 * ```ts
 * const m = { ...model, options: [{ id: "bigger", name: "Bigger cohorts", set: { "interventions.early-help.cohort[0]": 500 } }] };
 * optionModel(m, "bigger").interventions[0].cohort[0]; // 500
 * ```
 */
export function optionModel(input: Model | unknown, id: string): Model {
  const model = loadModel(input);
  const k = model.options.findIndex((o) => o.id === id);
  if (k < 0) throw new InvalidModelError([{ path: "options", message: `no option "${id}" (options: ${model.options.map((o) => o.id).join(", ") || "none"})` }]);
  const option = model.options[k]!;
  const merged = mergeOption(model, option, k);
  const set = option.set ?? {};
  try {
    return Object.keys(set).length ? setInputs(merged.model, set) : loadModel(merged.model);
  } catch (e) {
    if (!(e instanceof InvalidModelError)) throw e;
    throw new InvalidModelError(
      e.errors.map(
        (x): ModelError =>
          x.path in set
            ? { path: `options[${k}].set["${x.path}"]`, message: x.message }
            : { path: `options[${k}]`, message: `with this option, ${x.path || "(model)"}: ${x.message}` },
      ),
    );
  }
}

/** The model with every optimism-bias adjustment taken out (grades at 0, categories dropped). */
function withoutOptimismBias(model: Model): Model {
  const grades = model.tables.optimismBias;
  return loadModel({
    ...model,
    costs: model.costs.map(({ optimismBias: _, ...c }) => c),
    tables: {
      ...model.tables,
      ...(grades ? { optimismBias: Object.fromEntries(Object.entries(grades).map(([k, g]) => [k, { ...g, costs: 0, benefits: 0 }])) } : {}),
    },
  });
}

function hasOptimismBias(model: Model): boolean {
  return (
    model.costs.some((c) => c.optimismBias || c.confidence !== undefined) ||
    model.savings.some((s) => s.confidence !== undefined) ||
    model.outcomes.some((o) => o.confidence !== undefined)
  );
}

const cb = (m: Metrics): CostsSavings => {
  // Net transfers received count as benefits and paid as costs (as the library's BCR does).
  const pvSavings = m.pvTransfers.isPositive() ? m.pvSavings.plus(m.pvTransfers) : m.pvSavings;
  const pvCosts = m.pvTransfers.isNegative() ? m.pvCosts.minus(m.pvTransfers) : m.pvCosts;
  return { pvCosts, pvSavings, net: m.npv };
};

function bcrOf(pvSavings: Decimal, pvCosts: Decimal): { bcr: Decimal | null; note: string | null } {
  if (pvCosts.gt(0)) return { bcr: pvSavings.div(pvCosts), note: null };
  if (pvCosts.isZero() && pvSavings.isZero()) return { bcr: null, note: "no costs or benefits" };
  if (!pvCosts.gt(0) && !pvSavings.isNegative()) return { bcr: null, note: "costs no more and benefits no less: it dominates" };
  return { bcr: null, note: "costs no more but benefits lower: a saving, not a benefit-cost ratio" };
}

interface Measured {
  figures: OptionFigures;
  social: Appraisal;
  own: Appraisal;
}

function measure(model: Model, horizon: number, lens: Lens, settings: OptionsSettings): Measured {
  const ledger = buildLedger(model);
  const common = {
    horizons: [horizon],
    ...(settings.discount !== undefined ? { discount: settings.discount } : {}),
    ...(settings.timing ? { timing: settings.timing } : {}),
  };
  const by = {} as Record<Lens, Appraisal>;
  for (const l of ["fiscal", "economic", "social"] as const) by[l] = appraiseLedger(ledger, { ...common, lens: l, cashableOnly: false });
  const own = by[lens];
  const social = by.social.horizons[0]!;
  const fiscal = by.fiscal.horizons[0]!;
  let optimismBias = { costs: ZERO, benefits: ZERO };
  if (hasOptimismBias(model)) {
    const plain = appraiseLedger(buildLedger(withoutOptimismBias(model)), { ...common, lens: "social", cashableOnly: false }).horizons[0]!.system;
    optimismBias = { costs: social.system.pvCosts.minus(plain.pvCosts), benefits: plain.pvSavings.minus(social.system.pvSavings) };
  }
  const { bcr, note } = bcrOf(social.system.pvSavings, social.system.pvCosts);
  return {
    social: by.social,
    own,
    figures: {
      pvCosts: social.system.pvCosts,
      pvSavings: social.system.pvSavings,
      npsv: social.system.npv,
      bcr,
      bcrNote: note,
      byLens: { fiscal: cb(by.fiscal.horizons[0]!.system), economic: cb(by.economic.horizons[0]!.system), social: cb(social.system) },
      publicSector: cb(fiscal.publicSector),
      publicSectorNetCost: fiscal.publicSector.npv.neg(),
      agencies: Object.fromEntries(Object.entries(own.horizons[0]!.agencies).map(([id, m]) => [id, m.npv])),
      optimismBias,
    },
  };
}

function minus(a: OptionFigures, b: OptionFigures): OptionFigures {
  const d = (x: CostsSavings, y: CostsSavings): CostsSavings => ({
    pvCosts: x.pvCosts.minus(y.pvCosts),
    pvSavings: x.pvSavings.minus(y.pvSavings),
    net: x.net.minus(y.net),
  });
  const pvCosts = a.pvCosts.minus(b.pvCosts);
  const pvSavings = a.pvSavings.minus(b.pvSavings);
  const { bcr, note } = bcrOf(pvSavings, pvCosts);
  return {
    pvCosts,
    pvSavings,
    npsv: a.npsv.minus(b.npsv),
    bcr,
    bcrNote: note,
    byLens: { fiscal: d(a.byLens.fiscal, b.byLens.fiscal), economic: d(a.byLens.economic, b.byLens.economic), social: d(a.byLens.social, b.byLens.social) },
    publicSector: d(a.publicSector, b.publicSector),
    publicSectorNetCost: a.publicSectorNetCost.minus(b.publicSectorNetCost),
    agencies: Object.fromEntries(Object.keys(a.agencies).map((id) => [id, a.agencies[id]!.minus(b.agencies[id] ?? ZERO)])),
    optimismBias: { costs: a.optimismBias.costs.minus(b.optimismBias.costs), benefits: a.optimismBias.benefits.minus(b.optimismBias.benefits) },
  };
}

const pct = (d: Decimal) => `${d.times(100).toDecimalPlaces(1).toString()}%`;
const money = (d: Decimal) => {
  const abs = d.abs();
  const s = abs.gte(1e6)
    ? `£${abs.div(1e6).toDecimalPlaces(2).toString()}m`
    : abs.gte(1e3)
      ? `£${abs.div(1e3).toDecimalPlaces(1).toString()}k`
      : `£${abs.toDecimalPlaces(0).toString()}`;
  return d.isNegative() ? `−${s}` : s;
};

/**
 * How far PV savings must fall, or PV costs rise, to close a positive NPSV margin over the
 * alternative; for a negative margin, how far benefits must rise or costs fall to reach it.
 */
function switchingPair(margin: Decimal, f: OptionFigures, against: string): [SwitchingEntry, SwitchingEntry] {
  if (margin.isZero()) {
    const same: SwitchingEntry = { description: `NPSV equal to ${against}'s: any change decides`, share: ZERO, amount: ZERO };
    return [same, same];
  }
  const gap = margin.abs();
  const up = margin.gt(0);
  const benefits: SwitchingEntry = f.pvSavings.gt(0)
    ? {
        description: `PV savings ${up ? "fall" : "rise"} by ${pct(gap.div(f.pvSavings))} (${money(gap)}) before ${up ? `${against} is as good` : `it matches ${against}`}`,
        share: gap.div(f.pvSavings),
        amount: gap,
      }
    : {
        description: up
          ? `no fall in benefits makes ${against} as good (the option adds no benefits)`
          : `PV savings would have to rise by ${money(gap)} to match ${against}`,
        share: null,
        amount: up ? null : gap,
      };
  const costs: SwitchingEntry = f.pvCosts.gt(0)
    ? up
      ? { description: `PV costs rise by ${pct(gap.div(f.pvCosts))} (${money(gap)}) before ${against} is as good`, share: gap.div(f.pvCosts), amount: gap }
      : gap.lte(f.pvCosts)
        ? { description: `PV costs fall by ${pct(gap.div(f.pvCosts))} (${money(gap)}) before it matches ${against}`, share: gap.div(f.pvCosts), amount: gap }
        : { description: `no cut in costs matches ${against}: the shortfall (${money(gap)}) exceeds the option's extra PV costs`, share: null, amount: null }
    : {
        description: up ? `PV costs rise by ${money(gap)} before ${against} is as good` : `no change in costs matches ${against} (the option adds no costs)`,
        share: null,
        amount: up ? gap : null,
      };
  return [benefits, costs];
}

/** The distribution and scenario paths that both models have. */
function sharedPaths(paths: readonly string[], models: readonly Model[]): { kept: string[]; skipped: string[] } {
  const kept: string[] = [];
  const skipped: string[] = [];
  for (const p of paths) {
    const ok = models.every((m) => {
      try {
        resolveInput(m, p);
        return true;
      } catch {
        return false;
      }
    });
    (ok ? kept : skipped).push(p);
  }
  return { kept, skipped };
}

function scenarioRange(bau: Model, option: Model, horizon: number, settings: OptionsSettings): RiskRange | null {
  const scenarios = bau.uncertainty?.scenarios ?? {};
  if (Object.keys(scenarios).length === 0) return null;
  const npsv = (m: Model) => measure(m, horizon, "social", settings).figures.npsv;
  const rows: { name: string; npsv: Decimal }[] = [{ name: "base", npsv: npsv(option).minus(npsv(bau)) }];
  const skipped: string[] = [];
  for (const [name, overrides] of Object.entries(scenarios)) {
    const { kept, skipped: gone } = sharedPaths(Object.keys(overrides), [bau, option]);
    skipped.push(...gone.map((p) => `${name}: ${p}`));
    const set = Object.fromEntries(kept.map((p) => [p, overrides[p]!]));
    rows.push({ name, npsv: npsv(setInputs(option, set)).minus(npsv(setInputs(bau, set))) });
  }
  const values = rows.map((r) => r.npsv);
  return { kind: "scenarios", scenarios: rows, low: values.reduce((a, b) => (b.lt(a) ? b : a)), high: values.reduce((a, b) => (b.gt(a) ? b : a)), skipped };
}

function monteCarloRange(bau: Model, option: Model, horizon: number, mc: { draws: number; seed?: number }, settings: OptionsSettings): RiskRange | null {
  const distributions = bau.uncertainty?.distributions ?? {};
  const { kept } = sharedPaths(Object.keys(distributions), [bau, option]);
  if (kept.length === 0) return null;
  // The same inputs, seed and draws for both: each draw's difference is paired.
  const only = (m: Model) =>
    loadModel({ ...m, uncertainty: { ...m.uncertainty, distributions: Object.fromEntries(kept.map((p) => [p, distributions[p]!])), correlations: [] } });
  const run = (m: Model) =>
    simulate(only(m), {
      draws: mc.draws,
      seed: mc.seed ?? 1,
      keepDraws: true,
      lens: "social",
      horizons: [horizon],
      ...(settings.discount !== undefined ? { discount: settings.discount } : {}),
      ...(settings.timing ? { timing: settings.timing } : {}),
    }).samples!.system[0]!;
  const a = run(option);
  const b = run(bau);
  const diff = a.map((v, i) => v - b[i]!);
  return { kind: "monte-carlo", draws: mc.draws, seed: mc.seed ?? 1, summary: summariseDraws(diff), inputs: kept };
}

/**
 * Appraises business as usual and every option of a model, and reports each option against
 * business as usual: PV costs, PV savings, NPSV and BCR (incremental) under the social lens, the
 * same under each lens, the public sector's net cost, each agency's NPV, the incentive gap, the
 * optimism-bias adjustment, switching values and a risk range (from the model's scenarios, or a
 * Monte Carlo run when asked). Options are ranked by NPSV and by BCR; the preferred option is the
 * one with the highest NPSV when that is positive (else business as usual), and the result says
 * when the two rankings disagree. All money is exact and in present values at the price base.
 *
 * @throws InvalidModelError for an invalid model or option (with paths).
 * @example
 * ```ts
 * const m = {
 *   ...model,
 *   options: [
 *     { id: "bigger", name: "Bigger cohorts", set: { "interventions.early-help.cohort[0]": 500 } },
 *     { id: "no-evaluation", name: "Drop the evaluation", remove: { costs: ["evaluation"] } },
 *   ],
 * };
 * const r = appraiseOptions(m);
 * r.ranking.byNpsv;                           // ["no-evaluation", "bigger"]
 * r.options[1].vsBau.pvCosts.toFixed(0);      // "-269970" (the evaluation's present value, saved)
 * r.ranking.preferred;                        // "no-evaluation"
 * ```
 */
export function appraiseOptions(input: Model | unknown, settings: OptionsSettings = {}): OptionsAppraisal {
  const model = loadModel(input);
  const bau = businessAsUsual(model);
  const horizon = settings.horizon ?? Math.max(...model.appraisal.horizons);
  const years = financialYearLabels(model.appraisal.baseYear, (model.appraisal.years ?? Math.max(...model.appraisal.horizons)) - 1);
  const lens = settings.lens ?? model.appraisal.lens;
  const base = measure(bau, horizon, lens, settings);
  const optionModels = model.options.map((o) => optionModel(model, o.id));
  const measured = optionModels.map((m) => measure(m, horizon, lens, settings));

  const results: OptionResult[] = model.options.map((o: ModelOption, k) => {
    const abs = measured[k]!.figures;
    const vs = minus(abs, base.figures);
    const systemOwn = measured[k]!.own.horizons[0]!.system.npv.minus(base.own.horizons[0]!.system.npv);
    const sectors = new Map(model.agencies.map((a) => [a.id, a.sector]));
    const incentiveGaps = Object.entries(vs.agencies)
      .filter(([id, npv]) => isIncentiveGap(systemOwn, npv, sectors.get(id) ?? "public"))
      .map(([agency, npv]) => ({ agency, npv, transferNeeded: npv.neg() }));
    const risk = settings.monteCarlo
      ? monteCarloRange(bau, optionModels[k]!, horizon, settings.monteCarlo, settings)
      : scenarioRange(bau, optionModels[k]!, horizon, settings);
    return {
      id: o.id,
      name: o.name,
      description: o.description ?? null,
      absolute: abs,
      vsBau: vs,
      incentiveGaps,
      rank: { npsv: 0, bcr: null },
      unmonetised: o.unmonetised,
      switching: switchingPair(vs.npsv, vs, "business as usual"),
      risk,
    };
  });

  const byNpsv = [...results].sort((a, b) => b.vsBau.npsv.comparedTo(a.vsBau.npsv) || a.id.localeCompare(b.id));
  byNpsv.forEach((r, i) => (r.rank.npsv = i + 1));
  const withBcr = results.filter((r) => r.vsBau.bcr !== null).sort((a, b) => b.vsBau.bcr!.comparedTo(a.vsBau.bcr!) || a.id.localeCompare(b.id));
  withBcr.forEach((r, i) => (r.rank.bcr = i + 1));
  const byBcr = [...withBcr, ...results.filter((r) => r.vsBau.bcr === null)];
  const best = byNpsv[0];
  const preferred = best?.vsBau.npsv.gt(0) ? best.id : ID_BAU;
  const agree = !best || !withBcr[0] || withBcr[0].id === best.id;
  const name = (id: string) => (id === ID_BAU ? "business as usual" : (results.find((r) => r.id === id)?.name ?? id));
  let note: string;
  if (!best) note = "The model has no options: business as usual only.";
  else if (preferred === ID_BAU)
    note = `No option has a positive NPSV against business as usual over ${horizonLabel(horizon, years)}: business as usual is preferred.`;
  else if (agree) note = `${name(best.id)} ranks first by NPSV and by BCR.`;
  else
    note = `The rankings disagree: ${name(best.id)} has the highest NPSV, ${name(withBcr[0]!.id)} the highest BCR. The Green Book prefers the option with the highest net present social value; the BCR shows value per pound spent (it matters when budgets are fixed).`;

  let switching: OptionsAppraisal["switching"] = null;
  if (best) {
    const second = byNpsv[1];
    const runnerNpsv = second?.vsBau.npsv.gt(0) ? second.vsBau.npsv : ZERO;
    const runnerUp = second?.vsBau.npsv.gt(0) ? second.id : ID_BAU;
    const gap = best.vsBau.npsv.minus(runnerNpsv);
    const [benefitsFall, costsRise] = switchingPair(gap, best.vsBau, name(runnerUp));
    switching = { best: best.id, runnerUp, npsvGap: gap, benefitsFall, costsRise };
    if (runnerUp !== ID_BAU) best.switching.push(benefitsFall, costsRise);
  }

  return {
    title: model.title,
    priceBase: model.appraisal.priceBase,
    horizon,
    horizonLabel: horizonLabel(horizon, years),
    lens,
    agencies: model.agencies.map((a) => ({ id: a.id, name: a.name, sector: a.sector })),
    businessAsUsual: { figures: base.figures, unmonetised: model.unmonetised },
    options: results,
    ranking: { byNpsv: byNpsv.map((r) => r.id), byBcr: byBcr.map((r) => r.id), preferred, agree, note },
    switching,
  };
}
