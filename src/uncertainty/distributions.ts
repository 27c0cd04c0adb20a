import { DistributionSchema, type Distribution, type DistributionInput } from "../model";

/**
 * Probability distributions for model inputs: checking, support, central value and moments, and
 * the standard normal functions the samplers use (see sampler.ts).
 */

const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
  33430.575583588128105, 2509.0809287301226727,
];
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
  5226.495278852854561,
];
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
  0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4,
  1.05075007164441684324e-9,
];
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
  2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
  2.04426310338993978564e-15,
];

function poly(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i]!;
  return s;
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Wichura's AS241, about 16 digits).
 *
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.959963984540054
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    x = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -x : x;
}

/**
 * The standard normal distribution function Φ(x) (Hart's double-precision algorithm, as given by
 * West, 2005; about 15 digits).
 *
 * @example
 * ```ts
 * normalCdf(1.959963984540054); // 0.975
 * ```
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) c = 0;
  else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 0.0352624965998911 * z + 0.700383064443688;
      n = ((((n * z + 6.37396220353165) * z + 33.912866078383) * z + 112.079291497871) * z + 221.213596169931) * z + 220.206867912376;
      let d = 0.0883883476483184 * z + 1.75566716318264;
      d = (((((d * z + 16.064177579207) * z + 86.7807322029461) * z + 296.564248779674) * z + 637.333633378831) * z + 793.826512519948) * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      const b = z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))));
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/** Beta(alpha, beta) shape parameters of a PERT distribution. */
export function pertShape(d: { min: number; mode: number; max: number; lambda: number }): [number, number] {
  const w = d.max - d.min;
  return w === 0 ? [1, 1] : [1 + (d.lambda * (d.mode - d.min)) / w, 1 + (d.lambda * (d.max - d.mode)) / w];
}

/** mu and sigma of the logarithm of a lognormal distribution. */
export function logParams(d: Extract<Distribution, { type: "lognormal" }>): [number, number] {
  if (d.mean === undefined) return [d.mu, d.sigma];
  const s2 = Math.log1p((d.sd / d.mean) ** 2);
  return [Math.log(d.mean) - s2 / 2, Math.sqrt(s2)];
}

/**
 * Checks and fills in a distribution (defaults such as PERT's lambda = 4).
 *
 * @throws RangeError listing the problems when the parameters do not make a distribution.
 * @example
 * ```ts
 * parseDistribution({ type: "triangular", min: 1, mode: 2, max: 4 }).type; // "triangular"
 * ```
 */
export function parseDistribution(input: DistributionInput | Distribution, where = ""): Distribution {
  const r = DistributionSchema.safeParse(input);
  if (!r.success) {
    throw new RangeError(
      r.error.issues
        .map((i) => {
          const at = [where, ...i.path.map(String)].filter(Boolean).join(".");
          return at ? `${at}: ${i.message}` : i.message;
        })
        .join("; "),
    );
  }
  return r.data;
}

/**
 * The smallest and largest values a distribution can produce (±Infinity when unbounded).
 *
 * @example
 * ```ts
 * support({ type: "lognormal", mu: 0, sigma: 1 }); // [0, Infinity]
 * ```
 */
export function support(d: Distribution): [number, number] {
  switch (d.type) {
    case "fixed":
      return [d.value, d.value];
    case "normal":
      return d.sd === 0 ? [d.mean, d.mean] : [d.min ?? -Infinity, d.max ?? Infinity];
    case "lognormal":
      return logParams(d)[1] === 0 ? [Math.exp(logParams(d)[0]), Math.exp(logParams(d)[0])] : [0, Infinity];
    default:
      return [d.min, d.max];
  }
}

/**
 * The distribution's central value: the value a "central" case uses — the mode of a triangular
 * or PERT estimate, the median of a lognormal, the mean otherwise (for a truncated normal, its
 * `mean` parameter).
 *
 * @example
 * ```ts
 * centralValue({ type: "pert", min: 0, mode: 0.3, max: 1, lambda: 4 }); // 0.3
 * ```
 */
export function centralValue(d: Distribution): number {
  switch (d.type) {
    case "fixed":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "triangular":
    case "pert":
      return d.mode;
    case "normal":
      return d.mean;
    case "lognormal":
      return Math.exp(logParams(d)[0]);
    case "beta":
      return d.min + ((d.max - d.min) * d.alpha) / (d.alpha + d.beta);
  }
}

/**
 * The distribution's mean and standard deviation (exact formulae; for a truncated normal, of the
 * truncated distribution).
 *
 * @example
 * ```ts
 * moments({ type: "uniform", min: 0, max: 12 }); // { mean: 6, sd: 3.4641016151377544 }
 * ```
 */
export function moments(d: Distribution): { mean: number; sd: number } {
  const betaMoments = (a: number, b: number, lo: number, hi: number) => {
    const w = hi - lo;
    return { mean: lo + (w * a) / (a + b), sd: w * Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))) };
  };
  switch (d.type) {
    case "fixed":
      return { mean: d.value, sd: 0 };
    case "uniform":
      return { mean: (d.min + d.max) / 2, sd: (d.max - d.min) / Math.sqrt(12) };
    case "triangular": {
      const { min: a, mode: c, max: b } = d;
      return { mean: (a + b + c) / 3, sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18) };
    }
    case "pert": {
      const [a, b] = pertShape(d);
      return d.max === d.min ? { mean: d.min, sd: 0 } : betaMoments(a, b, d.min, d.max);
    }
    case "beta":
      return betaMoments(d.alpha, d.beta, d.min, d.max);
    case "lognormal": {
      const [mu, s] = logParams(d);
      const mean = Math.exp(mu + (s * s) / 2);
      return { mean, sd: mean * Math.sqrt(Math.expm1(s * s)) };
    }
    case "normal": {
      if (d.sd === 0 || (d.min === undefined && d.max === undefined)) return { mean: d.mean, sd: d.sd };
      const a = d.min === undefined ? -Infinity : (d.min - d.mean) / d.sd;
      const b = d.max === undefined ? Infinity : (d.max - d.mean) / d.sd;
      const pdf = (x: number) => (Number.isFinite(x) ? Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI) : 0);
      const z = normalCdf(b) - normalCdf(a);
      const xa = Number.isFinite(a) ? a * pdf(a) : 0;
      const xb = Number.isFinite(b) ? b * pdf(b) : 0;
      const m = (pdf(a) - pdf(b)) / z;
      return { mean: d.mean + d.sd * m, sd: d.sd * Math.sqrt(Math.max(0, 1 + (xa - xb) / z - m * m)) };
    }
  }
}
