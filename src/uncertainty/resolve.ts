import { InvalidModelError, MAX_AMOUNT, type Distribution, type DistributionInput, type Model, type ModelError } from "../model";
import { copulaFor } from "./correlation";
import { logParams, moments, parseDistribution, support } from "./distributions";
import { resolveInput, type ResolvedInput } from "./paths";

/** A drawn input: where it is in the model and how it varies. */
export interface UncertainInput extends ResolvedInput {
  distribution: Distribution;
}

const where = (block: string, path: string) => `uncertainty.${block}[${JSON.stringify(path)}]`;

function fits(input: ResolvedInput, d: Distribution): string | null {
  const [lo, hi] = support(d);
  const dom = input.domain;
  const low = dom.integer ? Math.round(lo) : lo;
  const high = dom.integer ? Math.round(hi) : hi;
  const under = low < dom.min || (dom.minOpen && low === dom.min);
  if (!under && high <= dom.max) return null;
  const range = `${Number.isFinite(lo) ? lo : "−∞"} to ${Number.isFinite(hi) ? hi : "∞"}`;
  const hint = d.type === "normal" ? "; truncate it with min and max" : d.type === "lognormal" || d.type === "uniform" ? "; narrow it" : "";
  return `this ${d.type} distribution gives values from ${range}, but ${input.canonical} must be ${dom.description}${hint}`;
}

/**
 * The values a distribution can actually draw: the sampler turns uniforms no closer to 0 or 1
 * than 10^-300 into normal scores, so an unbounded normal or lognormal stays within 37.5
 * standard deviations (of its logarithm, for a lognormal) of its centre.
 */
function drawable(d: Distribution): [number, number] {
  const Z = 37.5;
  if (d.type === "normal" && d.sd > 0) return [Math.max(d.min ?? -Infinity, d.mean - Z * d.sd), Math.min(d.max ?? Infinity, d.mean + Z * d.sd)];
  if (d.type === "lognormal") {
    const [mu, sigma] = logParams(d);
    return [Math.exp(mu - Z * sigma), Math.exp(mu + Z * sigma)];
  }
  return support(d);
}

/**
 * Problems with what a distribution can draw: its mean and spread must be numbers, its draws
 * finite, and an input with no range of its own (money, counts) may not be drawn beyond the
 * £10^15 any model input may be.
 */
function drawableProblem(input: ResolvedInput, d: Distribution): string | null {
  const m = moments(d);
  const [lo, hi] = drawable(d);
  if (!Number.isFinite(m.mean) || !Number.isFinite(m.sd) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    return `this ${d.type} distribution's values or spread are too large to represent as numbers; narrow it`;
  }
  if (input.domain.max === Infinity && Math.max(Math.abs(lo), Math.abs(hi)) > MAX_AMOUNT) {
    return `this ${d.type} distribution can draw ${Math.abs(lo) > Math.abs(hi) ? lo : hi}, beyond the 10^15 in size any model input may be; narrow it`;
  }
  return null;
}

/**
 * Resolves distributions by input path (the model's `uncertainty.distributions`, then `extra`,
 * which wins for the same input) into drawn inputs, in a stable order: the model's paths first,
 * in their order, then new ones from `extra`.
 *
 * @throws InvalidModelError naming each path that is unknown, named twice, or whose distribution
 * is invalid or gives values the input cannot take (a share outside 0..1, say).
 * @example
 * ```ts
 * const inputs = uncertainInputs(model, { "outcomes.custody.success": { type: "uniform", min: 0.02, max: 0.06 } });
 * inputs.length;                                                       // 9 (the example model's own nine)
 * inputs.find((i) => i.path === "outcomes.custody.success").canonical; // "outcomes[1].success"
 * inputs.find((i) => i.canonical === "outcomes[1].success").distribution.type; // "uniform"
 * ```
 */
export function uncertainInputs(model: Model, extra: Readonly<Record<string, DistributionInput | Distribution>> = {}): UncertainInput[] {
  const errors: ModelError[] = [];
  const byCanonical = new Map<string, UncertainInput>();
  const entries: [string, string, DistributionInput | Distribution][] = [
    ...Object.entries(model.uncertainty?.distributions ?? {}).map(([p, d]) => ["distributions", p, d] as [string, string, Distribution]),
    ...Object.entries(extra).map(([p, d]) => ["options.distributions", p, d] as [string, string, DistributionInput]),
  ];
  const seen = new Map<string, string>();
  for (const [block, path, raw] of entries) {
    const at = block === "distributions" ? where(block, path) : `options.distributions[${JSON.stringify(path)}]`;
    let input: ResolvedInput;
    let d: Distribution;
    try {
      input = resolveInput(model, path);
      d = parseDistribution(raw as DistributionInput);
    } catch (e) {
      if (e instanceof InvalidModelError) errors.push(...e.errors.map((x) => ({ path: at, message: x.message })));
      else errors.push({ path: at, message: (e as Error).message });
      continue;
    }
    const twice = seen.get(`${block}:${input.canonical}`);
    if (twice !== undefined) errors.push({ path: at, message: `${input.canonical} already has a distribution (as "${twice}")` });
    seen.set(`${block}:${input.canonical}`, path);
    const problem = fits(input, d) ?? drawableProblem(input, d);
    if (problem) errors.push({ path: at, message: problem });
    byCanonical.set(input.canonical, { ...input, distribution: d });
  }
  if (errors.length) throw new InvalidModelError(errors);
  return [...byCanonical.values()];
}

/**
 * Checks a model's `uncertainty` block against the model: every scenario and distribution path
 * must name a number in the model, every value must fit it, every distribution must be valid,
 * and the correlations must pair inputs that have distributions and hold together.
 * Returns every problem (empty when the block is consistent).
 *
 * @example
 * ```ts
 * checkUncertainty({ ...model, uncertainty: { scenarios: { low: { "outcomes.custdy.success": 0.02 } } } })[0].path;
 * // 'uncertainty.scenarios.low["outcomes.custdy.success"]'
 * ```
 */
export function checkUncertainty(model: Model): ModelError[] {
  const errors: ModelError[] = [];
  for (const [name, overrides] of Object.entries(model.uncertainty?.scenarios ?? {})) {
    for (const [path, value] of Object.entries(overrides)) {
      const at = `uncertainty.scenarios.${name}[${JSON.stringify(path)}]`;
      try {
        const input = resolveInput(model, path);
        const v = Number(value);
        const dom = input.domain;
        if (v < dom.min || v > dom.max || (dom.minOpen && v === dom.min) || (dom.integer && !Number.isInteger(v))) {
          errors.push({ path: at, message: `expected ${dom.description}, got ${value}` });
        }
      } catch (e) {
        if (!(e instanceof InvalidModelError)) throw e;
        errors.push(...e.errors.map((x) => ({ path: at, message: x.message })));
      }
    }
  }
  try {
    copulaFor(model, uncertainInputs(model));
  } catch (e) {
    if (!(e instanceof InvalidModelError)) throw e;
    errors.push(...e.errors);
  }
  return errors;
}
