import { Transform, type Plan, type PlanFactor, type PlanProfile } from "./plan";

/*
 * Evaluating a plan (src/ledger/plan.ts) in any number system: the exact ledger passes Decimal
 * arithmetic, the Monte Carlo kernel float64. The profile rules are stated here once for both.
 */

/** The arithmetic a plan is evaluated in: exact Decimal for the ledger, float64 for Monte Carlo. */
export interface Arith<T> {
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  neg(a: T): T;
  mul(a: T, b: T): T;
  /** a^k for a whole number k ≥ 0. */
  pow(a: T, k: number): T;
  /** A factor's input value, transformed (x, 1 − x or 1 + x). */
  factor(f: PlanFactor): T;
  /** A whole-number input (years, lags). */
  whole(f: PlanFactor): number;
  isZero(a: T): boolean;
}

/** A writable yearly buffer: an array or a typed array. */
export type YearBuffer<T> = { [t: number]: T; readonly length: number };

/**
 * Fills `out` (years 0..n − 1) with one profile's values; profiles it refers to are read from `bufs`.
 *
 * @example
 * ```ts
 * const out = new Float64Array(4);
 * fillProfile({ kind: "span", from: 1, to: 2 }, out, [], floatArith(new Float64Array(0)));
 * Array.from(out); // [0, 1, 1, 0]
 * ```
 */
export function fillProfile<T>(p: PlanProfile, out: YearBuffer<T>, bufs: readonly YearBuffer<T>[], A: Arith<T>): void {
  const n = out.length;
  for (let t = 0; t < n; t++) out[t] = A.zero;
  switch (p.kind) {
    case "span":
      for (let t = p.from; t <= p.to && t < n; t++) out[t] = A.one;
      return;
    case "once":
      if (p.year < n) out[p.year] = A.one;
      return;
    case "series":
      for (let t = 0; t < p.values.length && t < n; t++) out[t] = A.factor(p.values[t]!);
      return;
    case "list":
      for (let k = 0; k < p.values.length && p.from + k < n; k++) out[p.from + k] = A.factor(p.values[k]!);
      return;
    case "lagged": {
      const src = bufs[p.source]!;
      for (let t = Math.max(p.from, p.lag); t <= p.to && t < n; t++) out[t] = src[t - p.lag]!;
      return;
    }
    case "growth": {
      const g = A.factor(p.growth);
      const base = p.base === null ? null : bufs[p.base]!;
      // Without growth (g = 1, the usual case) the profile is the base itself over the span.
      const flat = A.isZero(A.add(g, A.neg(A.one)));
      let k = A.one;
      for (let t = p.from; t <= p.to && t < n; t++) {
        out[t] = base ? (flat ? base[t]! : A.mul(k, base[t]!)) : k;
        if (!flat) k = A.mul(k, g);
      }
      return;
    }
    case "outcomes": {
      const cohort = bufs[p.cohort]!;
      const lag = A.whole(p.lag);
      const years = p.persistence ? A.whole(p.persistence.years) : 1;
      // The drop-off factor enters as 1 − dropOff: the share of the effect kept each year.
      const keep = p.persistence ? A.factor(p.persistence.dropOff) : A.one;
      for (let y = p.from; y <= p.to && y < n; y++) {
        const size = cohort[y]!;
        if (A.isZero(size)) continue;
        const k = y - p.from;
        let produced = k < p.rampUp.length ? A.mul(size, A.factor(p.rampUp[k]!)) : size;
        for (let j = 0; j < years; j++) {
          const t = y + lag + j;
          if (t >= n) break;
          out[t] = A.add(out[t]!, produced);
          produced = A.mul(produced, keep);
        }
      }
      return;
    }
  }
}

/**
 * Does the profile (or one it depends on) read any input in `drawn`? Indexed like `plan.profiles`.
 *
 * @example
 * ```ts
 * const plan = compilePlan(model);
 * const dropOff = plan.inputIndex.get("outcomes[0].persistence.dropOff");
 * dynamicProfiles(plan, new Set([dropOff])).filter(Boolean).length; // 1 (care entries' active outcomes)
 * ```
 */
export function dynamicProfiles(plan: Pick<Plan, "profiles">, drawn: ReadonlySet<number>): boolean[] {
  const out: boolean[] = [];
  const any = (fs: readonly PlanFactor[]) => fs.some((f) => drawn.has(f.key));
  plan.profiles.forEach((p, i) => {
    switch (p.kind) {
      case "span":
      case "once":
        out[i] = false;
        break;
      case "series":
      case "list":
        out[i] = any(p.values);
        break;
      case "lagged":
        out[i] = out[p.source]!;
        break;
      case "growth":
        out[i] = drawn.has(p.growth.key) || (p.base !== null && out[p.base]!);
        break;
      case "outcomes":
        out[i] = out[p.cohort]! || any([...p.rampUp, p.lag, ...(p.persistence ? [p.persistence.years, p.persistence.dropOff] : [])]);
        break;
    }
  });
  return out;
}

/**
 * Float64 arithmetic over input values `values` (indexed like `plan.inputs`; overwrite drawn
 * inputs in place between evaluations).
 *
 * @example
 * ```ts
 * floatArith(Float64Array.of(0.25)).factor({ key: 0, transform: 1 }); // 0.75
 * ```
 */
export function floatArith(values: Float64Array): Arith<number> {
  return {
    zero: 0,
    one: 1,
    add: (a, b) => a + b,
    neg: (a) => -a,
    mul: (a, b) => a * b,
    pow: (a, k) => a ** k,
    factor: (f) => {
      const x = values[f.key]!;
      return f.transform === Transform.Value ? x : f.transform === Transform.OneMinus ? 1 - x : 1 + x;
    },
    whole: (f) => Math.round(values[f.key]!),
    isZero: (a) => a === 0,
  };
}
