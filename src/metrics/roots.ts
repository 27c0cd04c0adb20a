/**
 * Scalar root finding on float64 functions: Brent's method on a bracket, and a golden-section
 * minimiser used to split brackets that hide two close roots. Internal building blocks for IRR,
 * XIRR, switching values and deal solvers.
 */

/** Result of a bracketed root search. */
export interface RootResult {
  x: number;
  fx: number;
  iterations: number;
}

/**
 * Brent's method (inverse quadratic interpolation with bisection safeguards) on [a, b], which
 * must bracket a root (f(a) and f(b) of opposite signs, or one of them zero). Always converges.
 *
 * @example
 * ```ts
 * brent((x) => x * x - 2, 0, 2).x; // 1.4142135623730951
 * ```
 */
export function brent(
  f: (x: number) => number,
  a: number,
  b: number,
  options: { xtol?: number; maxIterations?: number; fa?: number; fb?: number } = {},
): RootResult {
  const xtol = options.xtol ?? 0;
  const maxIterations = options.maxIterations ?? 200;
  let fa = options.fa ?? f(a);
  let fb = options.fb ?? f(b);
  if (fa === 0) return { x: a, fx: 0, iterations: 0 };
  if (fb === 0) return { x: b, fx: 0, iterations: 0 };
  if (Math.sign(fa) === Math.sign(fb)) throw new RangeError("brent: the interval does not bracket a root");
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 1; i <= maxIterations; i++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return { x: b, fx: fb, iterations: i };
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return { x: b, fx: fb, iterations: maxIterations };
}

/**
 * Golden-section search for the minimum of a unimodal function on [a, b].
 *
 * @example
 * ```ts
 * Math.round(goldenMin((x) => (x - 1) ** 2, 0, 3).x * 1e6) / 1e6; // 1
 * ```
 */
export function goldenMin(f: (x: number) => number, a: number, b: number, iterations = 80): { x: number; fx: number } {
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iterations && b - a > 4 * Number.EPSILON * (Math.abs(a) + Math.abs(b)); i++) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    }
  }
  return f1 < f2 ? { x: x1, fx: f1 } : { x: x2, fx: f2 };
}

/**
 * Expands a bracket outward from [lo, hi] until f changes sign, within [min, max].
 * Returns null when no sign change is found.
 *
 * @example
 * ```ts
 * bracket((x) => x - 10, 0, 1, -1e3, 1e3); // { lo: 7, hi: 15, flo: -3, fhi: 5 }
 * ```
 */
export function bracket(
  f: (x: number) => number,
  lo: number,
  hi: number,
  min: number,
  max: number,
): { lo: number; hi: number; flo: number; fhi: number } | null {
  let flo = f(lo);
  let fhi = f(hi);
  let step = hi - lo;
  for (let i = 0; i < 200; i++) {
    if (Math.sign(flo) !== Math.sign(fhi) || flo === 0 || fhi === 0) return { lo, hi, flo, fhi };
    if (lo <= min && hi >= max) return null;
    step *= 2;
    if (Math.abs(flo) < Math.abs(fhi) ? lo > min : hi >= max) {
      const next = Math.max(min, lo - step);
      hi = lo;
      fhi = flo;
      lo = next;
      flo = f(lo);
    } else {
      const next = Math.min(max, hi + step);
      lo = hi;
      flo = fhi;
      hi = next;
      fhi = f(hi);
    }
  }
  return null;
}
