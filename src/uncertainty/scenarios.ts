import { InvalidModelError, loadModel, type Model } from "../model";
import { appraise, type Appraisal, type AppraiseOptions } from "../appraise";
import type { Decimal } from "../money";
import { setInputs } from "./paths";

/** Named scenarios: scenario name → { input path → value }. */
export type Scenarios = Readonly<Record<string, Readonly<Record<string, number | string>>>>;

/** One scenario's appraisal, with its overrides. */
export interface ScenarioResult {
  name: string;
  overrides: Record<string, number | string>;
  appraisal: Appraisal;
}

/** NPVs of every scenario side by side: by horizon, for the system and each agency. */
export interface ScenarioTable {
  scenarios: string[];
  horizons: { years: number; system: Record<string, Decimal>; agencies: Record<string, Record<string, Decimal>> }[];
}

/**
 * Appraises a model under each named scenario (the model's `uncertainty.scenarios`, plus any given
 * here, which win for the same name), exactly. A scenario may override any model input by path;
 * `base` (the model as it is) comes first unless a scenario has that name.
 *
 * @throws InvalidModelError naming the scenario and path when a path or value is invalid.
 * @example
 * ```ts
 * const runs = runScenarios(model, { low: { "outcomes.custody.success": 0.02 }, high: { "outcomes.custody.success": 0.06 } });
 * runs.map((r) => r.name);                                   // ["base", "low", "high"]
 * runs[1].appraisal.horizons[2].agencies.moj.npv.toFixed(0); // "1032270"
 * ```
 */
export function runScenarios(input: Model | unknown, scenarios: Scenarios = {}, options: AppraiseOptions = {}): ScenarioResult[] {
  const model = loadModel(input);
  const all: Record<string, Readonly<Record<string, number | string>>> = { base: {}, ...(model.uncertainty?.scenarios ?? {}), ...scenarios };
  return Object.entries(all).map(([name, overrides]) => {
    let drawn: Model;
    try {
      drawn = setInputs(model, overrides);
    } catch (e) {
      if (!(e instanceof InvalidModelError)) throw e;
      throw new InvalidModelError(e.errors.map((x) => ({ path: `scenarios.${name}${x.path.startsWith("[") ? "" : "."}${x.path}`, message: x.message })));
    }
    return { name, overrides: { ...overrides }, appraisal: appraise(drawn, options) };
  });
}

/**
 * Lays scenario results side by side: NPV by scenario for the system and each agency, per horizon.
 *
 * @example
 * ```ts
 * const table = scenarioTable(runScenarios(model, { low: { "outcomes.custody.success": 0.02 } }));
 * table.horizons[2].agencies.moj.low.toFixed(0); // "1032270"
 * ```
 */
export function scenarioTable(results: readonly ScenarioResult[]): ScenarioTable {
  const first = results[0];
  if (!first) return { scenarios: [], horizons: [] };
  return {
    scenarios: results.map((r) => r.name),
    horizons: first.appraisal.horizons.map((h, k) => ({
      years: h.years,
      system: Object.fromEntries(results.map((r) => [r.name, r.appraisal.horizons[k]!.system.npv])),
      agencies: Object.fromEntries(
        Object.keys(h.agencies).map((id) => [id, Object.fromEntries(results.map((r) => [r.name, r.appraisal.horizons[k]!.agencies[id]!.npv]))]),
      ),
    })),
  };
}
