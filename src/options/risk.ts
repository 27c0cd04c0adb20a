import type { Decimal } from "../money";
import { loadModel, type Model } from "../model";
import { resolveInput, setInputs, simulate, summariseDraws } from "../uncertainty";
import { measure } from "./measure";
import type { OptionsSettings, RiskRange } from "./types";

/* An option's risk range against business as usual: from the model's scenarios, or a paired Monte Carlo run. */

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

export function scenarioRange(bau: Model, option: Model, horizon: number, settings: OptionsSettings): RiskRange | null {
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

export function monteCarloRange(bau: Model, option: Model, horizon: number, mc: { draws: number; seed?: number }, settings: OptionsSettings): RiskRange | null {
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
