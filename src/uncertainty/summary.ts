import { quantile } from "simple-statistics";

/**
 * Summaries of simulated NPVs: moments, percentiles (simple-statistics' quantiles, by selection
 * rather than a full sort) and the probability of a positive NPV.
 */

/** A distribution of simulated NPVs (£, present value, float64). */
export interface NpvSummary {
  mean: number;
  /** Sample standard deviation (n − 1; 0 for a single draw). */
  sd: number;
  min: number;
  max: number;
  p5: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  /** Share of draws with NPV > 0. */
  probabilityPositive: number;
}

const LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

/**
 * Summarises draws of one NPV. The mean and sd are computed about the first draw, so that draws
 * that are all equal give exactly that value and sd 0.
 *
 * @example
 * ```ts
 * const s = summariseDraws(Float64Array.of(-1, 2, 3, 4));
 * [s.mean, s.p50, s.probabilityPositive]; // [2, 2.5, 0.75]
 * ```
 */
export function summariseDraws(values: Float64Array): NpvSummary {
  const n = values.length;
  if (n === 0) throw new RangeError("no draws to summarise");
  const shift = values[0]!;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let positive = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v - shift;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0) positive++;
  }
  const offset = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - shift - offset;
    ss += d * d;
  }
  const q = quantile(values as unknown as number[], LEVELS) as number[];
  return {
    mean: shift + offset,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min,
    max,
    p5: q[0]!,
    p10: q[1]!,
    p25: q[2]!,
    p50: q[3]!,
    p75: q[4]!,
    p90: q[5]!,
    p95: q[6]!,
    probabilityPositive: positive / n,
  };
}

/**
 * Share of draws in which the system gains (NPV > 0) while an agency loses (NPV < 0): the
 * probability that the incentive gap exists for that agency.
 *
 * @example
 * ```ts
 * incentiveGapProbability(Float64Array.of(5, 5, -1), Float64Array.of(-2, 1, -3)); // 0.3333333333333333
 * ```
 */
export function incentiveGapProbability(system: Float64Array, agency: Float64Array): number {
  let k = 0;
  for (let i = 0; i < system.length; i++) if (system[i]! > 0 && agency[i]! < 0) k++;
  return k / system.length;
}
