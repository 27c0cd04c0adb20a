import { InvalidModelError, loadModel, type Model } from "../model";
import { appraise, type Appraisal, type AppraiseOptions } from "../appraise";
import type { Decimal } from "../money";
import { resolveInput, setInputs, checkValue } from "./paths";
import { quantileOf } from "./quantiles";
import { uncertainInputs } from "./resolve";

/**
 * One-way sensitivity: each input moved alone to a low and a high value, everything else at the
 * model's values, appraised exactly. Sorted by swing, this is the data of a tornado chart.
 */

/** An input to vary: a path with explicit low and high values, or a relative change (0.1 = ±10%). */
export type SensitivitySpec = string | { path: string; low: number; high: number } | { path: string; change: number };

/** One bar of a tornado: an input's low and high values and the NPVs they give. */
export interface TornadoBar {
  path: string;
  canonical: string;
  baseValue: number;
  low: number;
  high: number;
  npvLow: Decimal;
  npvHigh: Decimal;
  /** |npvHigh − npvLow|. */
  swing: Decimal;
}

/** Tornado data at one horizon: bars for the system and each agency, widest swing first. */
export interface HorizonTornado {
  years: number;
  baseNpv: { system: Decimal; agencies: Record<string, Decimal> };
  system: TornadoBar[];
  agencies: Record<string, TornadoBar[]>;
}

/** The result of {@link sensitivity}. */
export interface Tornado {
  /** Where the low/high values came from, per input path. */
  ranges: { path: string; canonical: string; low: number; high: number; source: string }[];
  horizons: HorizonTornado[];
}

interface Range {
  path: string;
  canonical: string;
  base: number;
  low: number;
  high: number;
  source: string;
}

function rangesOf(model: Model, specs: readonly SensitivitySpec[] | undefined, percentiles: [number, number]): Range[] {
  const dists = new Map(uncertainInputs(model).map((i) => [i.canonical, i]));
  const list: SensitivitySpec[] = specs ? [...specs] : [...dists.values()].map((i) => i.path);
  if (list.length === 0)
    throw new InvalidModelError([{ path: "inputs", message: "no inputs to vary: name some, or give the model uncertainty.distributions" }]);
  const [pl, ph] = percentiles;
  return list.map((spec) => {
    const path = typeof spec === "string" ? spec : spec.path;
    const input = resolveInput(model, path);
    let low: number;
    let high: number;
    let source: string;
    if (typeof spec === "object" && "low" in spec) [low, high, source] = [spec.low, spec.high, "given"];
    else if (typeof spec === "object") [low, high, source] = [input.value * (1 - spec.change), input.value * (1 + spec.change), `±${spec.change * 100}%`];
    else {
      const d = dists.get(input.canonical);
      if (d) [low, high, source] = [quantileOf(d.distribution, pl), quantileOf(d.distribution, ph), `${d.distribution.type} p${pl * 100}–p${ph * 100}`];
      else [low, high, source] = [input.value * 0.9, input.value * 1.1, "±10%"];
    }
    if (input.domain.integer) [low, high] = [Math.round(low), Math.round(high)];
    for (const [v, which] of [
      [low, "low"],
      [high, "high"],
    ] as const) {
      const problem = checkValue(input, v);
      if (problem) throw new InvalidModelError([{ path, message: `${which} value: ${problem}` }]);
    }
    return { path, canonical: input.canonical, base: input.value, low, high, source };
  });
}

/**
 * Tornado data: moves each input alone to its low and high value and appraises the model exactly,
 * giving the NPV swing for the system and every agency at every horizon. Inputs are paths (their
 * range is the 5th–95th percentile of their distribution in the model's `uncertainty` block, else
 * ±10%), `{ path, low, high }` or `{ path, change }` (relative). With no inputs, every input with
 * a distribution is used.
 *
 * @example
 * ```ts
 * const t = sensitivity(model, [{ path: "outcomes.custody.success", low: 0.02, high: 0.06 }, { path: "costs.key-workers-grant.amount", change: 0.2 }]);
 * t.horizons[2].system[0].canonical;          // "outcomes[1].success"
 * t.horizons[2].agencies.moj[0].npvLow.toFixed(0); // "1032270"
 * ```
 */
export function sensitivity(
  input: Model | unknown,
  inputs?: readonly SensitivitySpec[],
  options: AppraiseOptions & { percentiles?: [number, number] } = {},
): Tornado {
  const model = loadModel(input);
  const ranges = rangesOf(model, inputs, options.percentiles ?? [0.05, 0.95]);
  const { percentiles: _, ...appraiseOptions } = options;
  const base = appraise(model, appraiseOptions);
  const runs = ranges.map((r) => ({
    r,
    low: appraise(setInputs(model, { [r.canonical]: r.low }), appraiseOptions),
    high: appraise(setInputs(model, { [r.canonical]: r.high }), appraiseOptions),
  }));
  const bars = (pick: (a: Appraisal) => Decimal) =>
    runs
      .map(({ r, low, high }): TornadoBar => {
        const npvLow = pick(low);
        const npvHigh = pick(high);
        return { path: r.path, canonical: r.canonical, baseValue: r.base, low: r.low, high: r.high, npvLow, npvHigh, swing: npvHigh.minus(npvLow).abs() };
      })
      .sort((a, b) => b.swing.comparedTo(a.swing));
  return {
    ranges: ranges.map((r) => ({ path: r.path, canonical: r.canonical, low: r.low, high: r.high, source: r.source })),
    horizons: base.horizons.map((h, k) => ({
      years: h.years,
      baseNpv: { system: h.system.npv, agencies: Object.fromEntries(Object.entries(h.agencies).map(([id, m]) => [id, m.npv])) },
      system: bars((a) => a.horizons[k]!.system.npv),
      agencies: Object.fromEntries(Object.keys(h.agencies).map((id) => [id, bars((a) => a.horizons[k]!.agencies[id]!.npv)])),
    })),
  };
}
