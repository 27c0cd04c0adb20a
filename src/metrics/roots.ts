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

/**
 * Every root of a continuous f on [lo, hi] that a scan of `steps` equal intervals can see. Each
 * sign change between grid points is solved with Brent's method; each grid point where |f| has a
 * local minimum without a sign change is searched (golden section) for two close roots, or for
 * a point where f only touches zero. Returns the roots found, ascending, and the touching points
 * as `touches` for the caller to judge against its own tolerance (f there is small, not zero).
 *
 * @example
 * ```ts
 * const { roots } = scanRoots((x) => (x - 1) * (x - 2), 0, 3, 30);
 * roots.map((x) => x.toFixed(6)); // ["1.000000", "2.000000"]
 * scanRoots((x) => (x - 1.05) ** 2, 0, 3, 30).touches.map((x) => x.toFixed(4)); // ["1.0500"]
 * ```
 */
export function scanRoots(f: (x: number) => number, lo: number, hi: number, steps: number): { roots: number[]; touches: number[] } {
  const xs = Array.from({ length: steps + 1 }, (_, i) => (i === steps ? hi : lo + ((hi - lo) * i) / steps));
  const fs = xs.map(f);
  const roots: number[] = [];
  const touches: number[] = [];
  for (let i = 0; i < steps; i++) {
    const a = fs[i]!;
    const b = fs[i + 1]!;
    if (a === 0) roots.push(xs[i]!);
    else if (b !== 0 && Math.sign(a) !== Math.sign(b)) roots.push(brent(f, xs[i]!, xs[i + 1]!, { fa: a, fb: b }).x);
  }
  if (fs[steps] === 0) roots.push(xs[steps]!);
  for (let i = 1; i < steps; i++) {
    const [a, b, c] = [fs[i - 1]!, fs[i]!, fs[i + 1]!];
    if (b === 0 || Math.sign(a) !== Math.sign(b) || Math.sign(b) !== Math.sign(c)) continue;
    if (Math.abs(b) > Math.abs(a) || Math.abs(b) >= Math.abs(c)) continue; // (a tie counts once)
    const s = Math.sign(b);
    const min = goldenMin((x) => s * f(x), xs[i - 1]!, xs[i + 1]!);
    if (min.fx < 0) {
      roots.push(brent(f, xs[i - 1]!, min.x, { fa: a, fb: s * min.fx }).x);
      roots.push(brent(f, min.x, xs[i + 1]!, { fa: s * min.fx, fb: c }).x);
    } else {
      touches.push(min.x);
    }
  }
  return { roots: roots.sort((x, y) => x - y), touches };
}
