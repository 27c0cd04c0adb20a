/** Test helpers for judging a rate of return. */

/** The double `steps` ulps away from x (positive = up). */
export function nudge(x: number, steps: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigInt64(0);
  const up = x >= 0 ? steps : -steps;
  buf.setBigInt64(0, bits + BigInt(up));
  return buf.getFloat64(0);
}

/** NPV of flows at (fractional) times, and the sum of |terms| as its scale. */
export function npvAt(r: number, times: readonly number[], values: readonly number[]): { npv: number; scale: number } {
  let npv = 0;
  let scale = 0;
  values.forEach((v, i) => {
    const p = Math.pow(1 + r, -times[i]!);
    npv += v * p;
    scale += Math.abs(v) * p;
  });
  return { npv, scale };
}

/**
 * True when r is a root of the flows as far as a double can tell: the NPV residual is within
 * 1e-9 of the terms' scale, or the NPV changes sign within 4 ulps of r (the root lies closer to r
 * than the doubles around it, as happens when 1 + r is tiny).
 */
export function isTrueRoot(r: number, times: readonly number[], values: readonly number[]): boolean {
  if (!(r > -1) || !Number.isFinite(r)) return false;
  const { npv, scale } = npvAt(r, times, values);
  if (Math.abs(npv) <= 1e-9 * scale) return true;
  const below = npvAt(Math.max(nudge(r, -4), nudge(-1, 1)), times, values).npv;
  const above = npvAt(nudge(r, 4), times, values).npv;
  return Math.sign(below) !== Math.sign(above);
}
