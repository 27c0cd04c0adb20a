import { toDecimal, type MoneyInput } from "../money";
import { brent, goldenMin } from "./roots";

/**
 * Result of an internal-rate-of-return search. When `ok` is false, `reason` says why there is
 * no answer; no number is given rather than a wrong one.
 *
 * - `unique: true` means the flows change sign exactly once, so this is the only rate above −100%
 *   at which NPV is zero.
 */
export type IrrResult = { ok: true; rate: number; unique: boolean } | { ok: false; reason: "no-sign-change" | "no-root"; message: string };

/** Flows at (possibly fractional) times in periods, time 0 first. */
interface Timed {
  times: number[];
  values: number[];
}

const U_MIN = -36; // 1 + r ≈ 2.3e-16
const U_MAX = 36; // 1 + r ≈ 4.3e15

/**
 * Merges flows at equal times, drops zeros and sorts by time; then scales the values by a power
 * of two (exactly) so that the largest is between 1 and 2. The roots do not change, and tiny
 * (subnormal) or huge flows keep their full precision.
 */
function normalise(times: readonly number[], values: readonly number[]): Timed {
  const byTime = new Map<number, number>();
  times.forEach((t, i) => byTime.set(t, (byTime.get(t) ?? 0) + values[i]!));
  const sorted = [...byTime.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
  const sizes = sorted.map((e) => Math.abs(e[1]));
  const largest = Math.max(0, ...sizes);
  const smallest = Math.min(Infinity, ...sizes);
  // Scaling up is exact; scaling down stops before the smallest flow would lose bits.
  const up = largest > 0 && Number.isFinite(largest) ? -Math.floor(Math.log2(largest)) : 0;
  const k = up >= 0 ? up : Math.max(up, Math.min(0, -1022 - Math.floor(Math.log2(smallest))));
  // 2^k in two halves, so that neither factor overflows (k runs from about −1023 to 1074).
  const [a, b] = [2 ** Math.trunc(k / 2), 2 ** (k - Math.trunc(k / 2))];
  return { times: sorted.map((e) => e[0]), values: sorted.map((e) => e[1] * a * b) };
}

/**
 * Number of sign changes in a series (zeros ignored). By Descartes' rule of signs (which also
 * holds for real exponents), the number of IRRs above −100% is this count or less by an even
 * number; one sign change means exactly one IRR.
 *
 * @example
 * ```ts
 * signChanges([-100, 50, 60]);     // 1
 * signChanges([-100, 230, -132]);  // 2
 * ```
 */
export function signChanges(values: readonly number[]): number {
  let changes = 0;
  let last = 0;
  for (const v of values) {
    const s = Math.sign(v);
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/** NPV at rate r of timed flows (time 0 undiscounted), in float64. */
export function npvFloat(r: number, times: readonly number[], values: readonly number[]): number {
  const g = 1 + r;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * g ** -times[i]!;
  return s;
}

/** Sum of |terms| at rate r: the scale against which an NPV residual is judged. */
export function npvScale(r: number, times: readonly number[], values: readonly number[]): number {
  const g = 1 + r;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.abs(values[i]!) * g ** -times[i]!;
  return s;
}

/**
 * NPV at u = ln(1 + r) and the sum of |terms| (its scale), both divided by the largest term's size
 * (computed through logarithms), so that neither overflows nor underflows however close 1 + r is
 * to 0 or however large it is, and the largest term keeps full precision. Their ratio and the
 * sign of the NPV are those of the true sums.
 */
function scaledSums(u: number, times: readonly number[], logs: readonly number[], signs: readonly number[]): { npv: number; scale: number } {
  let top = -Infinity;
  for (let i = 0; i < logs.length; i++) top = Math.max(top, logs[i]! - u * times[i]!);
  let npv = 0;
  let scale = 0;
  for (let i = 0; i < logs.length; i++) {
    const size = Math.exp(logs[i]! - u * times[i]! - top);
    npv += signs[i]! * size;
    scale += size;
  }
  return { npv, scale };
}

/** NPV as a function of u = ln(1 + r), scaled by a positive factor (see {@link scaledSums}). */
function scaledNpv({ times, values }: Timed): (u: number) => number {
  const logs = values.map((v) => Math.log(Math.abs(v)));
  const signs = values.map(Math.sign);
  return (u) => scaledSums(u, times, logs, signs).npv;
}

/** NPV and its derivative with respect to r, at r (float64). */
function npvAndSlope(r: number, { times, values }: Timed): { f: number; df: number } {
  const g = 1 + r;
  let f = 0;
  let df = 0;
  for (let k = 0; k < values.length; k++) {
    const p = g ** -times[k]!;
    f += values[k]! * p;
    df -= (times[k]! * values[k]! * p) / g;
  }
  return { f, df };
}

/** Newton's method in r from a guess, as spreadsheets do. Returns null if it does not settle. */
function newton(flows: Timed, guess: number): number | null {
  let r = guess;
  for (let i = 0; i < 60; i++) {
    if (!(1 + r > 0) || !Number.isFinite(r)) return null;
    const { f, df } = npvAndSlope(r, flows);
    if (df === 0 || !Number.isFinite(f) || !Number.isFinite(df)) return null;
    const next = r - f / df;
    if (Math.abs(next - r) <= 1e-15 * Math.max(1, Math.abs(r))) return next > -1 ? next : null;
    r = next;
  }
  return null;
}

/** NPV at rate r and the sum of |terms|, scaled alike (see {@link scaledSums}). */
function scaledTerms(r: number, { times, values }: Timed): { npv: number; scale: number } {
  return scaledSums(
    Math.log1p(r),
    times,
    values.map((v) => Math.log(Math.abs(v))),
    values.map(Math.sign),
  );
}

/** The relative residual |NPV| / Σ|terms| a returned rate must meet (or bracket a sign change). */
const RESIDUAL = 1e-9;

/**
 * Is r a root of the flows, as far as a double can tell? Either the NPV at r is within
 * `tolerance` of the sum of the terms' sizes, or the NPV changes sign between r and a
 * neighbouring double (the root then lies closer to r than any other double). Every rate this
 * module returns passes this check.
 */
function isVerifiedRoot(r: number, flows: Timed, tolerance = RESIDUAL): boolean {
  if (!Number.isFinite(r) || !(1 + r > 0)) return false;
  const { npv, scale } = scaledTerms(r, flows);
  if (!Number.isFinite(npv) || !(scale > 0)) return false;
  return Math.abs(npv) <= tolerance * scale || bracketedByNeighbours(r, flows);
}

/** Takes one Newton step from r if that lowers the residual (polishes a bracketed root). */
function polish(r: number, flows: Timed): number {
  const { f, df } = npvAndSlope(r, flows);
  if (df === 0 || !Number.isFinite(df)) return r;
  const next = r - f / df;
  if (!(next > -1)) return r;
  return Math.abs(npvFloat(next, flows.times, flows.values)) < Math.abs(f) ? next : r;
}

/**
 * The unique root when the flows change sign once: bracket in u = ln(1 + r), then Brent.
 * Returns null only when the root lies beyond float64 range (1 + r below ~1e-308 or above ~1e308).
 */
function uniqueRoot(flows: Timed, guess: number): number | null {
  const g = scaledNpv(flows);
  const u0 = Math.log1p(Math.max(-0.99, Math.min(guess, 1e6)));
  let lo = u0 - 0.5;
  let hi = u0 + 0.5;
  // g(u) takes the sign of the last flow as u → −∞ and of the first flow as u → +∞.
  const firstSign = Math.sign(flows.values[0]!);
  while (Math.sign(g(lo)) === firstSign && lo > -710) lo -= hi - lo;
  while (Math.sign(g(hi)) === -firstSign && hi < 710) hi += hi - lo;
  const glo = g(lo);
  const ghi = g(hi);
  if (Math.sign(glo) === Math.sign(ghi) && glo !== 0) return null;
  const r = polish(Math.expm1(brent(g, lo, hi, { fa: glo, fb: ghi }).x), flows);
  if (!(r > -1) || !Number.isFinite(r)) return null;
  return isVerifiedRoot(r, flows) ? r : null;
}

/** The adjacent double above or below r (r finite). */
function adjacent(r: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, r);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + (r >= 0 === up ? 1n : -1n));
  return view.getFloat64(0);
}

/**
 * True when NPV changes sign between r and a neighbouring double above −1: r is then as close to
 * the root as a double can be, even if the residual at r is not small (as when 1 + r is tiny).
 */
function bracketedByNeighbours(r: number, flows: Timed): boolean {
  const sign = (x: number) => Math.sign(scaledTerms(x, flows).npv);
  const at = sign(r);
  if (at === 0) return true;
  const above = adjacent(r, true);
  const below = adjacent(r, false);
  return (Number.isFinite(above) && sign(above) === -at) || (1 + below > 0 && sign(below) === -at);
}

/**
 * Every rate above −100% at which the NPV of the flows is zero, in ascending order, searched
 * for 1 + r between about 1e-15 and 1e15 (rates from −99.9999999999999% to 10^17 %).
 * Roots where the NPV only touches zero (double roots) are reported when the minimum of |NPV|
 * is within rounding of zero.
 */
function allRoots(flows: Timed): number[] {
  const g = scaledNpv(flows);
  const n = 2400;
  const us = Array.from({ length: n + 1 }, (_, i) => U_MIN + ((U_MAX - U_MIN) * i) / n);
  const gs = us.map(g);
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = gs[i]!;
    const b = gs[i + 1]!;
    if (a === 0) found.push(us[i]!);
    else if (Math.sign(a) !== Math.sign(b) && b !== 0) found.push(brent(g, us[i]!, us[i + 1]!, { fa: a, fb: b }).x);
  }
  if (gs[n] === 0) found.push(us[n]!);
  // Local minima of |g| without a sign change may hide two close roots or a double root.
  for (let i = 1; i < n; i++) {
    const [a, b, c] = [gs[i - 1]!, gs[i]!, gs[i + 1]!];
    if (b === 0 || Math.sign(a) !== Math.sign(b) || Math.sign(b) !== Math.sign(c)) continue;
    if (Math.abs(b) > Math.abs(a) || Math.abs(b) > Math.abs(c)) continue;
    const s = Math.sign(b);
    const min = goldenMin((u) => s * g(u), us[i - 1]!, us[i + 1]!);
    if (min.fx < 0) {
      found.push(brent(g, us[i - 1]!, min.x, { fa: a, fb: g(min.x) }).x);
      found.push(brent(g, min.x, us[i + 1]!, { fa: g(min.x), fb: c }).x);
    } else if (isVerifiedRoot(Math.expm1(min.x), flows, 1e-12)) {
      found.push(min.x);
    }
  }
  const rates = found
    .map((u) => polish(Math.expm1(u), flows))
    .filter((r) => isVerifiedRoot(r, flows))
    .sort((x, y) => x - y);
  return rates.filter((r, i) => i === 0 || Math.abs(r - rates[i - 1]!) > 1e-12 * Math.max(1, Math.abs(r)));
}

/**
 * Core rate solver shared by `irr`, `excel.IRR` and `excel.XIRR`: flows at times (in periods,
 * any real ≥ 0). Tries Newton from the guess first; with one sign change, falls back to
 * bracketing and Brent's method, so the unique root is always found. With several sign changes,
 * returns the root nearest the guess. Every rate returned passes {@link isVerifiedRoot}; when
 * none does, the result is a typed "no-root".
 */
export function solveRate(times: readonly number[], values: readonly number[], guess = 0.1): IrrResult {
  const flows = normalise(times, values);
  const changes = signChanges(flows.values);
  if (changes === 0) {
    return {
      ok: false,
      reason: "no-sign-change",
      message: "the flows need at least one positive and one negative value to have a rate of return",
    };
  }
  if (changes === 1) {
    const r = newton(flows, guess);
    const rate = r !== null && isVerifiedRoot(r, flows) ? r : uniqueRoot(flows, guess);
    if (rate === null) {
      return { ok: false, reason: "no-root", message: "the rate of return exists but is too close to −100% (or too large) to represent as a number" };
    }
    return { ok: true, rate, unique: true };
  }
  const roots = allRoots(flows);
  if (roots.length === 0) {
    return {
      ok: false,
      reason: "no-root",
      message: `the flows change sign ${changes} times but NPV is not zero at any rate from −99.99999999999998% to 4 × 10^17 % (1 + r from 2.3 × 10^-16 to 4.3 × 10^15)`,
    };
  }
  const nearest = roots.reduce((best, r) => (Math.abs(r - guess) < Math.abs(best - guess) ? r : best));
  return { ok: true, rate: nearest, unique: false };
}

function toNumbers(flows: readonly MoneyInput[]): number[] {
  return flows.map((v) => toDecimal(v).toNumber());
}

/**
 * Internal rate of return of yearly flows (year 0 first): the rate r > −100% at which
 * Σ flows[t] / (1 + r)^t = 0. Returns a typed result rather than throwing:
 * `{ ok: false, reason: "no-sign-change" }` when every flow has the same sign, and
 * `{ ok: false, reason: "no-root" }` when the flows change sign more than once and NPV is never
 * zero. With one sign change the (unique) root is always found, whatever the guess; with several,
 * the root nearest the guess is returned — use {@link irrAll} to see them all.
 *
 * @example
 * ```ts
 * const r = irr([-1000, 300, 400, 500]);
 * r.ok && r.rate.toFixed(6); // "0.088963"
 * irr([100, 200]).ok;         // false (no sign change)
 * ```
 */
export function irr(flows: readonly MoneyInput[], options: { guess?: number } = {}): IrrResult {
  const values = toNumbers(flows);
  return solveRate(
    values.map((_, t) => t),
    values,
    options.guess ?? 0.1,
  );
}

/**
 * Every internal rate of return above −100% of yearly flows (year 0 first), ascending. Flows
 * with several sign changes can have several IRRs (or none); the list makes that visible.
 *
 * @example
 * ```ts
 * irrAll([-100, 230, -132]).map((r) => r.toFixed(4)); // ["0.1000", "0.2000"]
 * ```
 */
export function irrAll(flows: readonly MoneyInput[]): number[] {
  const values = toNumbers(flows);
  const timed = normalise(
    values.map((_, t) => t),
    values,
  );
  if (signChanges(timed.values) === 0) return [];
  if (signChanges(timed.values) === 1) {
    const r = solveRate(
      values.map((_, t) => t),
      values,
    );
    return r.ok ? [r.rate] : [];
  }
  return allRoots(timed);
}
