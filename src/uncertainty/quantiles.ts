import type { Distribution } from "../model";
import { brent } from "../metrics/roots";
import { normalCdf, normalQuantile } from "./distributions";

/**
 * Exact quantiles (inverse distribution functions) of the input distributions: closed forms where
 * they exist, the regularised incomplete beta function inverted by Brent's method for beta and
 * PERT. Used for tornado ranges (5th to 95th percentile by default).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 digits). */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * The regularised incomplete beta function I_x(a, b): the beta(a, b) distribution function.
 *
 * @example
 * ```ts
 * betaCdf(0.5, 2, 2); // 0.5
 * ```
 */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return brent((x) => betaCdf(x, a, b) - p, 0, 1, { xtol: 1e-15 }).x;
}

/**
 * The value below which a share `p` of a distribution lies (0 < p < 1).
 *
 * @example
 * ```ts
 * quantileOf({ type: "uniform", min: 0, max: 10 }, 0.05);                 // 0.5
 * quantileOf({ type: "pert", min: 0, mode: 0.5, max: 1, lambda: 4 }, 0.5); // 0.5
 * ```
 */
export function quantileOf(d: Distribution, p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`expected 0 < p < 1, got ${p}`);
  switch (d.type) {
    case "fixed":
      return d.value;
    case "uniform":
      return d.min + p * (d.max - d.min);
    case "triangular": {
      const { min: lo, mode, max: hi } = d;
      if (hi === lo) return lo;
      const f = (mode - lo) / (hi - lo);
      return p < f ? lo + Math.sqrt(p * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - p) * (hi - lo) * (hi - mode));
    }
    case "pert": {
      const w = d.max - d.min;
      if (w === 0) return d.min;
      return d.min + w * betaQuantile(p, 1 + (d.lambda * (d.mode - d.min)) / w, 1 + (d.lambda * (d.max - d.mode)) / w);
    }
    case "beta":
      return d.min + (d.max - d.min) * betaQuantile(p, d.alpha, d.beta);
    case "normal": {
      if (d.sd === 0) return d.mean;
      const lo = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
      const hi = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, d.mean + d.sd * normalQuantile(lo + p * (hi - lo))));
    }
    case "lognormal": {
      const [mu, s] = d.mean === undefined ? [d.mu, d.sigma] : logOf(d.mean, d.sd);
      return Math.exp(mu + s * normalQuantile(p));
    }
  }
}

function logOf(mean: number, sd: number): [number, number] {
  const s2 = Math.log1p((sd / mean) ** 2);
  return [Math.log(mean) - s2 / 2, Math.sqrt(s2)];
}
