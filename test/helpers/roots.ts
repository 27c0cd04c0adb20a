/**
 * Test helpers for judging a rate of return, independently of the library's solver: NPVs are
 * evaluated in decimal.js at 80 significant digits (no overflow, no cancellation), from the exact
 * binary value of each double.
 */
import DecimalJs from "decimal.js";

const D = DecimalJs.clone({ precision: 80, rounding: DecimalJs.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
type D = DecimalJs;

/** The double `steps` ulps away from x (positive = up). */
export function nudge(x: number, steps: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigInt64(0);
  const up = x >= 0 ? steps : -steps;
  buf.setBigInt64(0, bits + BigInt(up));
  return buf.getFloat64(0);
}

/** The value of a finite double, as a Decimal (to 80 digits: exact for all but the tiniest). */
function exact(x: number): D {
  if (x === 0) return new D(0);
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const exponent = (hi >>> 20) & 0x7ff;
  const mantissa = BigInt(hi & 0xfffff) * 2n ** 32n + BigInt(lo);
  const [m, e] = exponent === 0 ? [mantissa, -1074] : [mantissa + 2n ** 52n, exponent - 1075];
  const v = new D(m.toString()).times(new D(2).pow(e));
  return x < 0 ? v.neg() : v;
}

/** NPV of flows at (fractional) times at rate r, and the sum of |terms| as its scale (exact). */
export function npvExact(r: number, times: readonly number[], values: readonly number[]): { npv: D; scale: D } {
  const g = exact(r).plus(1);
  let npv = new D(0);
  let scale = new D(0);
  values.forEach((v, i) => {
    const p = g.pow(exact(-times[i]!));
    const term = exact(v).times(p);
    npv = npv.plus(term);
    scale = scale.plus(term.abs());
  });
  return { npv, scale };
}

/** NPV of flows at (fractional) times, and the sum of |terms| as its scale, as numbers. */
export function npvAt(r: number, times: readonly number[], values: readonly number[]): { npv: number; scale: number } {
  const { npv, scale } = npvExact(r, times, values);
  return { npv: npv.toNumber(), scale: scale.toNumber() };
}

/**
 * True when r is a root of the flows as far as a double can tell: the exact NPV at r is within
 * 1e-9 of the terms' scale, or the exact NPV changes sign within 4 ulps of r (the root lies
 * closer to r than the doubles around it, as happens when 1 + r is tiny).
 */
export function isTrueRoot(r: number, times: readonly number[], values: readonly number[]): boolean {
  if (!(r > -1) || !Number.isFinite(r)) return false;
  const { npv, scale } = npvExact(r, times, values);
  if (npv.abs().lte(scale.times(1e-9))) return true;
  const below = npvExact(Math.max(nudge(r, -4), nudge(-1, 1)), times, values).npv;
  const above = npvExact(nudge(r, 4), times, values).npv;
  return below.isNegative() !== above.isNegative() || below.isZero() || above.isZero();
}

/**
 * Does the NPV clearly change sign for some rate between `lo` and `hi` (on a grid of 1 + r spaced
 * evenly in logarithm)? "Clearly": both grid points are further from zero than 1e-6 of the scale,
 * so a root must lie between them. Evaluated in float64: for grids where the terms stay in range.
 */
export function clearSignChange(times: readonly number[], values: readonly number[], lo = -0.9, hi = 10, points = 400): boolean {
  let last = 0;
  for (let k = 0; k <= points; k++) {
    const r = Math.expm1(Math.log1p(lo) + ((Math.log1p(hi) - Math.log1p(lo)) * k) / points);
    let npv = 0;
    let scale = 0;
    values.forEach((v, i) => {
      const p = (1 + r) ** -times[i]!;
      npv += v * p;
      scale += Math.abs(v) * p;
    });
    if (Math.abs(npv) <= 1e-6 * scale) continue;
    const s = Math.sign(npv);
    if (last !== 0 && s !== last) return true;
    last = s;
  }
  return false;
}
