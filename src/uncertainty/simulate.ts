import { InvalidModelError, LEDGER_LIMIT, loadModel, type Correlation, type Distribution, type DistributionInput, type Model } from "../model";
import { copulaFor } from "./correlation";
import { compileNpv, type KernelOptions, type NpvKernel } from "./compile";
import { centralValue, moments } from "./distributions";
import { Sampler } from "./sampler";
import { uncertainInputs, type UncertainInput } from "./resolve";
import { blockStream, checkSeed, DRAWS_PER_BLOCK } from "./rng";
import { summariseDraws, type NpvSummary } from "./summary";

/** Settings of a Monte Carlo run that can cross a thread boundary (plain data only). */
export interface SimulationSettings extends KernelOptions {
  /** Number of draws (≥ 1). */
  draws: number;
  /** Seed (a whole number from 0 to 2^53 − 1); the same seed gives the same figures. Default 1. */
  seed?: number;
  /** Distributions by input path, added to (and overriding) the model's `uncertainty.distributions`. */
  distributions?: Readonly<Record<string, DistributionInput | Distribution>>;
  /** Rank correlations between inputs, added to the model's `uncertainty.correlations`. */
  correlations?: readonly Correlation[];
  /** Keep every draw's NPVs and inputs (typed arrays) in the result, for plots. */
  keepDraws?: boolean;
  /** "fast" (default where supported) or "exact" (the Decimal ledger for every draw: slow). */
  method?: "fast" | "exact";
}

/** Progress of a run: draws done out of the total. */
export interface SimulationProgress {
  done: number;
  total: number;
}

/** Options of {@link simulate}. */
export interface SimulateOptions extends SimulationSettings {
  /** Called after each block of draws. */
  onProgress?: (progress: SimulationProgress) => void;
  /** Stops the run between blocks: `simulate` then throws the signal's reason (an AbortError). */
  signal?: AbortSignal;
}

/** Simulated NPVs at one horizon. */
export interface HorizonSimulation {
  /** The first `years` financial years (0..years − 1). */
  years: number;
  /** Society: every party. */
  system: NpvSummary;
  /** Public bodies together. */
  publicSector: NpvSummary;
  agencies: Record<string, NpvSummary>;
  /** By agency: share of draws where the system NPV > 0 while the agency's NPV < 0. */
  incentiveGap: Record<string, number>;
  /** Share of draws where the system NPV > 0 while at least one agency's NPV < 0. */
  incentiveGapAny: number;
}

/** A drawn input as reported: its distribution, the model's own value and the distribution's moments. */
export interface SimulatedInput {
  path: string;
  canonical: string;
  distribution: Distribution;
  modelValue: number;
  central: number;
  mean: number;
  sd: number;
}

/** Every draw, kept when `keepDraws` is set: NPVs by horizon (same order as `horizons`) and inputs by path. */
export interface SimulationDraws {
  system: Float64Array[];
  publicSector: Float64Array[];
  agencies: Record<string, Float64Array[]>;
  inputs: Record<string, Float64Array>;
}

/** The result of a Monte Carlo run (the same whichever function or number of threads ran it). */
export interface SimulationResult {
  title: string;
  draws: number;
  seed: number;
  /** Draws per random-stream block. */
  blockSize: number;
  /** "fast" (float64 kernel) or "exact" (Decimal ledger per draw), and why exact when it is. */
  method: "fast" | "exact";
  reasons: string[];
  lens: string;
  cashableOnly: boolean;
  inputs: SimulatedInput[];
  /** Rank correlations imposed between inputs (the model's, then the options'). */
  correlations: Correlation[];
  agencies: { id: string; name: string }[];
  horizons: HorizonSimulation[];
  samples: SimulationDraws | null;
}

/** Everything needed to run blocks of draws: built the same way in every thread. */
export interface SimulationPlan {
  model: Model;
  settings: Required<Pick<SimulationSettings, "draws" | "seed">> & SimulationSettings;
  inputs: UncertainInput[];
  kernel: NpvKernel;
  sampler: Sampler;
  blocks: number;
}

/**
 * Builds a run's plan: validates the model, resolves and checks the distributions, compiles the
 * kernel and the sampler.
 *
 * @example
 * ```ts
 * const plan = planSimulation(model, { draws: 2048, distributions: { "outcomes.custody.success": { type: "uniform", min: 0.02, max: 0.06 } } });
 * [plan.blocks, plan.kernel.method]; // [2, "fast"]
 * ```
 */
export function planSimulation(input: Model | unknown, settings: SimulationSettings): SimulationPlan {
  const model = loadModel(input);
  if (!Number.isInteger(settings.draws) || settings.draws < 1) throw new RangeError(`draws must be a whole number ≥ 1, got ${settings.draws}`);
  const seed = settings.seed ?? 1;
  checkSeed(seed);
  const inputs = uncertainInputs(model, settings.distributions ?? {});
  const kernel = compileNpv(model, inputs, settings);
  const sampler = new Sampler(
    inputs.map((i) => i.distribution),
    inputs.map((i) => i.domain.integer),
    copulaFor(model, inputs, settings.correlations ?? []),
  );
  return { model, settings: { ...settings, seed }, inputs, kernel, sampler, blocks: Math.ceil(settings.draws / DRAWS_PER_BLOCK) };
}

/**
 * First draw and number of draws in blocks [first, last).
 *
 * @example
 * ```ts
 * blockRange(planSimulation(model, { draws: 2500 }), 2, 3); // { start: 2048, count: 452 }
 * ```
 */
export function blockRange(plan: SimulationPlan, first: number, last: number): { start: number; count: number } {
  const start = first * DRAWS_PER_BLOCK;
  return { start, count: Math.max(0, Math.min(last * DRAWS_PER_BLOCK, plan.settings.draws) - start) };
}

/**
 * Runs blocks [first, last) of a plan. Figure f of draw d goes to `npvs[f * stride + d - offset]`
 * and input k to `inputs[k * stride + d - offset]` (when given). Each block uses its own stream,
 * so the figures do not depend on which blocks run where.
 *
 * @example
 * ```ts
 * const plan = planSimulation(model, { draws: 3000, seed: 4 });
 * const npvs = new Float64Array(plan.kernel.outputs * 3000);
 * runBlocks(plan, 0, plan.blocks, npvs, 3000, 0);
 * summariseSimulation(plan, npvs, null).horizons[2].system.p50 === simulate(model, { draws: 3000, seed: 4 }).horizons[2].system.p50; // true
 * ```
 */
export function runBlocks(
  plan: SimulationPlan,
  first: number,
  last: number,
  npvs: Float64Array,
  stride: number,
  offset: number,
  inputs?: Float64Array | null,
  each?: (block: number) => void,
): void {
  const theta = new Float64Array(plan.inputs.length);
  const { sampler, kernel } = plan;
  const k = plan.inputs.length;
  const F = kernel.outputs;
  // Each block is computed into a small buffer (figure-major, like the matrix) and copied row by
  // row: sequential writes to the large matrix instead of one write per figure per draw.
  const local = new Float64Array(F * DRAWS_PER_BLOCK);
  const rng = blockStream(plan.settings.seed, first);
  for (let b = first; b < last; b++) {
    if (b > first) rng.jump();
    const stream = rng.clone();
    const { start, count } = blockRange(plan, b, b + 1);
    for (let i = 0; i < count; i++) {
      sampler.sample(stream, theta);
      for (let j = 0; j < k; j++) if (!Number.isFinite(theta[j])) throw outOfRange(plan, start + i, theta, theta[j]!);
      kernel.evaluate(theta, local, i, DRAWS_PER_BLOCK);
      for (let f = 0; f < F; f++) {
        const v = local[f * DRAWS_PER_BLOCK + i]!;
        if (!(Math.abs(v) <= LEDGER_LIMIT)) throw outOfRange(plan, start + i, theta, v);
      }
      if (inputs) for (let j = 0; j < k; j++) inputs[j * stride + start + i - offset] = theta[j]!;
    }
    for (let f = 0; f < F; f++) npvs.set(local.subarray(f * DRAWS_PER_BLOCK, f * DRAWS_PER_BLOCK + count), f * stride + start - offset);
    each?.(b);
  }
}

/**
 * The error for a draw whose inputs or figures are not numbers, or whose figures leave the range
 * the ledger holds (products of drawn inputs can, even when each input is in range). It names the
 * draw and its inputs, so the distributions to narrow can be found.
 */
function outOfRange(plan: SimulationPlan, draw: number, theta: Float64Array, value: number): InvalidModelError {
  const drawn = plan.inputs.map((inp, j) => `${inp.path} = ${theta[j]}`).join(", ");
  return new InvalidModelError([
    {
      path: "uncertainty.distributions",
      message: `draw ${draw + 1} (${drawn}) gives ${Number.isFinite(value) ? `a net present value of about ${value.toPrecision(3)}, beyond the £10^24 the ledger holds exactly` : `${String(value)}, which is not a number`}; narrow these distributions`,
    },
  ]);
}

/**
 * Turns a full matrix of draws (figure-major, `draws` columns) into a {@link SimulationResult}.
 * `summaries` may hold each figure's summary already computed (by worker threads); any missing
 * are computed here.
 *
 * @example
 * ```ts
 * const plan = planSimulation(model, { draws: 1000 });
 * const npvs = new Float64Array(plan.kernel.outputs * 1000);
 * runBlocks(plan, 0, plan.blocks, npvs, 1000, 0);
 * summariseSimulation(plan, npvs, null).draws; // 1000
 * ```
 */
export function summariseSimulation(
  plan: SimulationPlan,
  npvs: Float64Array,
  inputs: Float64Array | null,
  summaries: (NpvSummary | undefined)[] = [],
): SimulationResult {
  const { kernel, model } = plan;
  const n = plan.settings.draws;
  const H = kernel.horizons.length;
  const column = (f: number) => npvs.subarray(f * n, (f + 1) * n);
  const summary = (party: number, h: number) => summaries[party * H + h] ?? summariseDraws(column(party * H + h));
  const series = (party: number) => kernel.horizons.map((_, h) => column(party * H + h));
  const system = series(0);
  const publicSector = series(1);
  const agencies = Object.fromEntries(kernel.agencies.map((id, a) => [id, series(2 + a)]));
  const horizons = kernel.horizons.map((years, h): HorizonSimulation => {
    const sys = system[h]!;
    // One pass: for draws where the system gains, count each agency that loses, and any.
    const columns = kernel.agencies.map((id) => agencies[id]![h]!);
    const gaps = new Float64Array(columns.length);
    let any = 0;
    for (let d = 0; d < n; d++) {
      if (!(sys[d]! > 0)) continue;
      let loses = false;
      for (let a = 0; a < columns.length; a++) {
        if (columns[a]![d]! < 0) {
          gaps[a]!++;
          loses = true;
        }
      }
      if (loses) any++;
    }
    return {
      years,
      system: summary(0, h),
      publicSector: summary(1, h),
      agencies: Object.fromEntries(kernel.agencies.map((id, a) => [id, summary(2 + a, h)])),
      incentiveGap: Object.fromEntries(kernel.agencies.map((id, a) => [id, gaps[a]! / n])),
      incentiveGapAny: any / n,
    };
  });
  const settings = plan.settings;
  return {
    title: model.title,
    draws: n,
    seed: settings.seed,
    blockSize: DRAWS_PER_BLOCK,
    method: kernel.method,
    reasons: [...kernel.reasons],
    lens: settings.lens ?? model.appraisal.lens,
    cashableOnly: settings.cashableOnly ?? model.appraisal.cashableOnly,
    inputs: plan.inputs.map((i) => ({
      path: i.path,
      canonical: i.canonical,
      distribution: i.distribution,
      modelValue: i.value,
      central: centralValue(i.distribution),
      ...moments(i.distribution),
    })),
    correlations: [...(model.uncertainty?.correlations ?? []), ...(settings.correlations ?? [])].map((c) => ({
      between: [c.between[0], c.between[1]],
      rho: c.rho,
    })),
    agencies: model.agencies.map((a) => ({ id: a.id, name: a.name })),
    horizons,
    samples: settings.keepDraws
      ? { system, publicSector, agencies, inputs: Object.fromEntries(plan.inputs.map((i, k) => [i.path, inputs!.subarray(k * n, (k + 1) * n)])) }
      : null,
  };
}

/**
 * Monte Carlo appraisal in this thread (portable: runs in browsers too). Draws every uncertain
 * input from its distribution, computes every agency's and the system's NPV at every horizon,
 * and summarises them: mean, sd, percentiles, P(NPV > 0), and the probability of an incentive gap
 * per agency. Draws are taken in blocks of 1,024 with one random stream per block, so a seed gives
 * the same figures here and in `simulateParallel` (invest-to-save/node) with any number of workers.
 *
 * @throws InvalidModelError for an invalid model or distribution (with its path); the signal's
 * reason when aborted.
 * @example
 * ```ts
 * const mc = simulate(model, { draws: 2000, seed: 7, distributions: { "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 } } });
 * mc.horizons[2].agencies.moj.probabilityPositive; // 1
 * mc.horizons[2].incentiveGap.council;             // 1
 * ```
 */
export function simulate(input: Model | unknown, options: SimulateOptions): SimulationResult {
  const plan = planSimulation(input, options);
  const n = plan.settings.draws;
  const npvs = new Float64Array(plan.kernel.outputs * n);
  const inputs = options.keepDraws ? new Float64Array(plan.inputs.length * n) : null;
  options.signal?.throwIfAborted();
  runBlocks(plan, 0, plan.blocks, npvs, n, 0, inputs, (b) => {
    options.onProgress?.({ done: blockRange(plan, 0, b + 1).count, total: n });
    if (b + 1 < plan.blocks) options.signal?.throwIfAborted();
  });
  return summariseSimulation(plan, npvs, inputs);
}
