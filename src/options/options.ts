import { ZERO } from "../money";
import { financialYearLabels } from "../time";
import { InvalidModelError, loadModel, mergeOption, type Model, type ModelError, type ModelOption } from "../model";
import { horizonLabel, isIncentiveGap } from "../appraise";
import { setInputs } from "../uncertainty";
import { measure, minus } from "./measure";
import { monteCarloRange, scenarioRange } from "./risk";
import { switchingPair } from "./switching";
import type { OptionResult, OptionsAppraisal, OptionsSettings } from "./types";

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
