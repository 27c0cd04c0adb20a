import type { Distribution } from "../model";
import { logParams, normalCdf, normalQuantile, pertShape } from "./distributions";
import type { Copula } from "./correlation";
import { quantileOf } from "./quantiles";
import { uniformOpen, type RandomStream } from "./rng";

/**
 * Float64 samplers for the input distributions: inverse-CDF sampling (one uniform per draw) for
 * uniform, triangular, normal (truncated by inverting between the truncation points) and
 * lognormal; Marsaglia–Tsang gamma variates for beta and PERT.
 */

/** A standard normal variate from one uniform. */
function normal(rng: RandomStream): number {
  return normalQuantile(uniformOpen(rng));
}

/** A gamma(shape, 1) variate (Marsaglia & Tsang, 2000; boosted for shape < 1). */
function gamma(shape: number, rng: RandomStream): number {
  if (shape < 1) return gamma(shape + 1, rng) * uniformOpen(rng) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = uniformOpen(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * The logarithm of a gamma(shape, 1) variate. For small shapes the variate itself can underflow to
 * zero (u^(1/shape) with 1/shape = 10^60), so it is kept as a logarithm.
 */
function logGamma(shape: number, rng: RandomStream): number {
  return shape < 1 ? Math.log(gamma(shape + 1, rng)) + Math.log(uniformOpen(rng)) / shape : Math.log(gamma(shape, rng));
}

/**
 * A beta(a, b) variate on [0, 1] as g1 / (g1 + g2) = 1 / (1 + e^(ln g2 − ln g1)), from the
 * logarithms of two gamma variates, so that tiny shape parameters give 0 or 1 rather than 0 / 0.
 */
function beta(a: number, b: number, rng: RandomStream): number {
  const l1 = logGamma(a, rng);
  const l2 = logGamma(b, rng);
  // Both below the smallest double: each end with its probability, a / (a + b) for 1.
  if (l1 === -Infinity && l2 === -Infinity) return uniformOpen(rng) < a / (a + b) ? 1 : 0;
  return 1 / (1 + Math.exp(l2 - l1));
}

/** Codes of the sampler's switch. */
// biome-ignore lint/suspicious/noConstEnum: module-private; inlined in the sampler's switch
const enum Code {
  Fixed,
  Uniform,
  Triangular,
  Beta,
  Normal,
  TruncatedNormal,
  Lognormal,
}

/**
 * Draws values for a list of inputs, in a fixed order, from one random stream. Built once; each
 * call fills a Float64Array and allocates nothing. Inputs marked `integer` are rounded to the
 * nearest whole number (half away from zero), as whole-number inputs (lags, years) need.
 *
 * @example
 * ```ts
 * const sampler = new Sampler([{ type: "uniform", min: 0, max: 1 }, { type: "fixed", value: 3 }]);
 * const theta = new Float64Array(2);
 * sampler.sample(seedStream(7), theta);
 * theta[1]; // 3
 * ```
 */
export class Sampler {
  readonly size: number;
  private readonly code: Int8Array;
  private readonly p: Float64Array;
  private readonly round: Uint8Array;
  private readonly dists: readonly Distribution[];
  /** Copula: position of each input among the correlated ones (−1 if not), Cholesky factor, scratch. */
  private readonly local: Int32Array;
  private readonly chol: Float64Array;
  private readonly z: Float64Array;
  private readonly w: Float64Array;

  constructor(distributions: readonly Distribution[], integer: readonly boolean[] = [], copula: Copula | null = null) {
    this.size = distributions.length;
    this.dists = distributions;
    this.local = new Int32Array(this.size).fill(-1);
    copula?.indices.forEach((k, j) => (this.local[k] = j));
    const m = copula?.indices.length ?? 0;
    this.chol = copula?.cholesky ?? new Float64Array(0);
    this.z = new Float64Array(m);
    this.w = new Float64Array(m);
    this.code = new Int8Array(this.size);
    this.p = new Float64Array(this.size * 6);
    this.round = Uint8Array.from(distributions, (_, i) => (integer[i] ? 1 : 0));
    distributions.forEach((d, i) => {
      const p = (k: number, v: number) => (this.p[i * 6 + k] = v);
      switch (d.type) {
        case "fixed":
          this.code[i] = Code.Fixed;
          p(0, d.value);
          break;
        case "uniform":
          this.code[i] = Code.Uniform;
          p(0, d.min);
          p(1, d.max - d.min);
          break;
        case "triangular":
          this.code[i] = Code.Triangular;
          p(0, d.min);
          p(1, d.mode);
          p(2, d.max);
          p(3, d.max === d.min ? 0 : (d.mode - d.min) / (d.max - d.min));
          break;
        case "pert":
        case "beta": {
          const [a, b] = d.type === "pert" ? pertShape(d) : [d.alpha, d.beta];
          this.code[i] = d.max === d.min ? Code.Fixed : Code.Beta;
          p(0, d.min);
          p(1, d.max - d.min);
          p(2, a);
          p(3, b);
          break;
        }
        case "normal": {
          if (d.sd === 0) {
            this.code[i] = Code.Fixed;
            p(0, d.mean);
          } else if (d.min === undefined && d.max === undefined) {
            this.code[i] = Code.Normal;
            p(0, d.mean);
            p(1, d.sd);
          } else {
            this.code[i] = Code.TruncatedNormal;
            const a = d.min === undefined ? -Infinity : (d.min - d.mean) / d.sd;
            const b = d.max === undefined ? Infinity : (d.max - d.mean) / d.sd;
            // In the upper tail, work with the mirror image so that Φ keeps its precision.
            const flip = a > 0;
            p(0, d.mean);
            p(1, flip ? -d.sd : d.sd);
            p(2, flip ? normalCdf(-b) : normalCdf(a));
            p(3, flip ? normalCdf(-a) : normalCdf(b));
            p(4, d.min ?? -Infinity);
            p(5, d.max ?? Infinity);
          }
          break;
        }
        case "lognormal": {
          const [mu, s] = logParams(d);
          this.code[i] = Code.Lognormal;
          p(0, mu);
          p(1, s);
          break;
        }
      }
    });
  }

  /** Fills `out[0..size)` with one draw of every input. */
  sample(rng: RandomStream, out: Float64Array): void {
    const { code, p, z, w, chol, local } = this;
    const m = z.length;
    if (m > 0) {
      // Correlated normal scores first (one uniform each), w = L·z.
      for (let j = 0; j < m; j++) z[j] = normalQuantile(uniformOpen(rng));
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += chol[j * m + k]! * z[k]!;
        w[j] = s;
      }
    }
    for (let i = 0; i < this.size; i++) {
      const k = i * 6;
      let x: number;
      const j = local[i]!;
      if (j >= 0) {
        x = quantileOf(this.dists[i]!, Math.min(1 - 1e-16, Math.max(1e-300, normalCdf(w[j]!))));
        out[i] = this.round[i] ? Math.sign(x) * Math.round(Math.abs(x)) : x;
        continue;
      }
      switch (code[i]) {
        case Code.Fixed:
          x = p[k]!;
          break;
        case Code.Uniform:
          x = p[k]! + p[k + 1]! * uniformOpen(rng);
          break;
        case Code.Triangular: {
          const u = uniformOpen(rng);
          const lo = p[k]!;
          const mode = p[k + 1]!;
          const hi = p[k + 2]!;
          x = u < p[k + 3]! ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
          break;
        }
        case Code.Beta:
          x = p[k]! + p[k + 1]! * beta(p[k + 2]!, p[k + 3]!, rng);
          break;
        case Code.Normal:
          x = p[k]! + p[k + 1]! * normal(rng);
          break;
        case Code.TruncatedNormal: {
          const lo = p[k + 2]!;
          const z = normalQuantile(Math.min(1 - 1e-16, Math.max(1e-300, lo + (p[k + 3]! - lo) * uniformOpen(rng))));
          x = Math.min(p[k + 5]!, Math.max(p[k + 4]!, p[k]! + p[k + 1]! * z));
          break;
        }
        default:
          x = Math.exp(p[k]! + p[k + 1]! * normal(rng));
      }
      out[i] = this.round[i] ? Math.sign(x) * Math.round(Math.abs(x)) : x;
    }
  }
}
