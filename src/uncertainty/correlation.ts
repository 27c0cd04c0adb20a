import { InvalidModelError, type Correlation, type Model, type ModelError } from "../model";
import { resolveInput } from "./paths";
import type { UncertainInput } from "./resolve";

/**
 * Correlated inputs by a Gaussian copula: each correlated input's uniform comes from a correlated
 * standard normal, z = L·ε with L the Cholesky factor of the normal-score correlation matrix, and
 * is turned into a value by the input's own inverse distribution function. Users give rank
 * (Spearman) correlations ρs; the normal-score correlation is ρ = 2 sin(π ρs / 6), which gives
 * exactly that rank correlation (Pearson's relation for the bivariate normal). Marginals are
 * unchanged.
 */

/** The copula of a run: which inputs are correlated (by position) and the Cholesky factor. */
export interface Copula {
  /** Positions in the input list of the correlated inputs, ascending. */
  indices: number[];
  /** Lower-triangular Cholesky factor, row-major, indices.length². */
  cholesky: Float64Array;
}

/**
 * The normal-score correlation that gives rank correlation ρs under a Gaussian copula.
 *
 * @example
 * ```ts
 * normalScoreCorrelation(0.5).toFixed(4); // "0.5176"
 * ```
 */
export function normalScoreCorrelation(spearman: number): number {
  return 2 * Math.sin((Math.PI * spearman) / 6);
}

/**
 * Builds the copula for a list of drawn inputs from correlations given by path (the model's
 * `uncertainty.correlations`, then `extra`). Returns null when nothing is correlated.
 *
 * @throws InvalidModelError naming the correlation when a path is unknown, has no distribution,
 * is paired with itself or twice, or when the correlations cannot hold together (the matrix is
 * not positive definite).
 * @example
 * ```ts
 * const inputs = uncertainInputs(model);
 * copulaFor(model, inputs, [{ between: ["outcomes.custody.success", "outcomes.into-work.success"], rho: 0.6 }]).indices; // [2, 5]
 * ```
 */
export function copulaFor(model: Model, inputs: readonly UncertainInput[], extra: readonly Correlation[] = []): Copula | null {
  const pairs = [
    ...(model.uncertainty?.correlations ?? []).map((c, i) => ({ c, at: `uncertainty.correlations[${i}]` })),
    ...extra.map((c, i) => ({ c, at: `options.correlations[${i}]` })),
  ];
  if (pairs.length === 0) return null;
  const position = new Map(inputs.map((input, k) => [input.canonical, k]));
  const errors: ModelError[] = [];
  const entries = new Map<string, number>();
  for (const { c, at } of pairs) {
    const ends: number[] = [];
    for (const path of c.between) {
      try {
        const k = position.get(resolveInput(model, path).canonical);
        if (k === undefined) errors.push({ path: at, message: `${path} has no distribution to correlate` });
        else ends.push(k);
      } catch (e) {
        if (!(e instanceof InvalidModelError)) throw e;
        errors.push(...e.errors.map((x) => ({ path: at, message: x.message })));
      }
    }
    if (!(c.rho > -1 && c.rho < 1)) errors.push({ path: `${at}.rho`, message: `expected a correlation between −1 and 1 (exclusive), got ${c.rho}` });
    if (ends.length !== 2) continue;
    const [a, b] = [Math.min(ends[0]!, ends[1]!), Math.max(ends[0]!, ends[1]!)];
    if (a === b) errors.push({ path: at, message: "an input cannot be correlated with itself" });
    else if (entries.has(`${a},${b}`)) errors.push({ path: at, message: `${c.between.join(" and ")} are correlated twice` });
    else entries.set(`${a},${b}`, normalScoreCorrelation(c.rho));
  }
  if (errors.length) throw new InvalidModelError(errors);
  const indices = [...new Set([...entries.keys()].flatMap((k) => k.split(",").map(Number)))].sort((x, y) => x - y);
  const m = indices.length;
  const local = new Map(indices.map((k, i) => [k, i]));
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) matrix[i * m + i] = 1;
  for (const [key, rho] of entries) {
    const [a, b] = key.split(",").map((x) => local.get(Number(x))!);
    matrix[a! * m + b!] = rho;
    matrix[b! * m + a!] = rho;
  }
  const cholesky = choleskyFactor(matrix, m);
  if (!cholesky) {
    throw new InvalidModelError([
      {
        path: pairs[0]!.at.replace(/\[\d+\]$/, ""),
        message: "these correlations cannot all hold at once (the correlation matrix is not positive definite): weaken some of them",
      },
    ]);
  }
  return { indices, cholesky };
}

/** Cholesky factor of a symmetric matrix (row-major), or null when it is not positive definite. */
function choleskyFactor(a: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-12)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  return l;
}
