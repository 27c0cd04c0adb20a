/**
 * Level-payment annuities (loans, savings plans, leases) in the spreadsheet's time-value
 * equation, with typed answers for the two questions that may have none: the rate (RATE) and the
 * number of periods (NPER). The `excel` functions of the same names use these solvers.
 *
 * The equation, in Excel's signs (money received positive, money paid out negative), with
 * t = 1 for payments at the start of each period and 0 for the end:
 *
 *     pv·(1 + r)^n + pmt·(1 + r·t)·((1 + r)^n − 1)/r + fv = 0        (pv + pmt·n + fv = 0 at r = 0)
 */
import { bracket, brent, scanRoots } from "./roots";

/** When each level payment falls: at the end of its period (Excel `type` 0) or the start (1). */
export type PaymentTiming = "end" | "start";

/** The terms of a level-payment annuity, in Excel's signs: money received positive, paid out negative. */
export interface AnnuityTerms {
  /** Interest rate per period (0.05 is 5%). */
  rate: number;
  /** Number of periods (may be fractional, as in Excel). */
  periods: number;
  /** The level payment each period (a loan's repayment is negative to the borrower). */
  payment: number;
  /** Value now (a loan received is positive to the borrower). */
  presentValue: number;
  /** Balance left after the last payment (default 0). */
  futureValue?: number;
  /** Payments at the end of each period (default) or at the start. */
  timing?: PaymentTiming;
}

/**
 * The rate per period of an annuity, or why there is none. `unique: true` means the search found
 * no other rate above −100% (1 + r from about 2.3e−16 to 4.3e15).
 */
export type AnnuityRateResult = { ok: true; rate: number; unique: boolean } | { ok: false; reason: "no-root" | "every-rate"; message: string };

/** The number of periods of an annuity, or why there is none. */
export type AnnuityPeriodsResult = { ok: true; periods: number } | { ok: false; reason: "never" | "every-period"; message: string };

/** Terms as numbers: n periods, payment, present and future value, t = 1 for start-of-period. */
export interface Annuity {
  n: number;
  pmt: number;
  pv: number;
  fv: number;
  t: 0 | 1;
}

const U_MIN = -36; // 1 + r ≈ 2.3e-16
const U_MAX = 36; // 1 + r ≈ 4.3e15

/**
 * The equation divided by (1 + r)^n (the present-value form: zero at the same rates) with its
 * slope in r and the sum of its terms' sizes, the scale against which a residual is judged.
 */
function presentValueForm(r: number, { n, pmt, pv, fv, t }: Annuity): { g: number; dg: number; scale: number } {
  const u = Math.log1p(r);
  const v = Math.exp(-n * u); // (1 + r)^−n
  const a = r === 0 ? n : -Math.expm1(-n * u) / r; // annuity factor (1 − v)/r
  // Its slope, (n·v/(1 + r) − a)/r, loses digits for tiny r: there use the series −n(n+1)/2 + n(n+1)(n+2)/3·r.
  const da = Math.abs(r) < 1e-7 ? (-n * (n + 1)) / 2 + ((n * (n + 1) * (n + 2)) / 3) * r : ((n * v) / (1 + r) - a) / r;
  const k = 1 + r * t;
  return {
    g: pv + pmt * k * a + fv * v,
    dg: pmt * t * a + pmt * k * da - (fv * n * v) / (1 + r),
    scale: Math.abs(pv) + Math.abs(pmt * k * a) + Math.abs(fv * v),
  };
}

/**
 * The equation in u = ln(1 + r), divided by max(1, (1 + r)^n) so that it never overflows for
 * 1 + r between about 1e−308 and 1e308: same sign and roots as the equation itself.
 */
function scaledForm(u: number, { n, pmt, pv, fv, t }: Annuity): { s: number; scale: number } {
  const r = Math.expm1(u);
  const m = n * u;
  const k = t === 1 ? Math.exp(u) : 1; // 1 + r·t, keeping its digits when 1 + r is tiny
  if (m >= 0) {
    const w = Math.exp(-m);
    const a = r === 0 ? n : -Math.expm1(-m) / r;
    return { s: pv + pmt * k * a + fv * w, scale: Math.abs(pv) + Math.abs(pmt * k * a) + Math.abs(fv) * w };
  }
  const w = Math.exp(m);
  const b = Math.expm1(m) / r;
  return { s: pv * w + pmt * k * b + fv, scale: Math.abs(pv) * w + Math.abs(pmt * k * b) + Math.abs(fv) };
}

function isRoot(r: number, a: Annuity, tolerance = 1e-9): boolean {
  if (!(r > -1) || !Number.isFinite(r)) return false;
  const { s, scale } = scaledForm(Math.log1p(r), a);
  return scale > 0 && Math.abs(s) <= tolerance * scale;
}

/** Newton's method in r from the guess, as a spreadsheet's RATE does; null if it does not settle on a root. */
function newton(a: Annuity, guess: number): number | null {
  let r = guess;
  for (let i = 0; i < 100; i++) {
    if (!(r > -1) || !Number.isFinite(r)) return null;
    const { g, dg } = presentValueForm(r, a);
    if (dg === 0 || !Number.isFinite(g) || !Number.isFinite(dg)) return null;
    const next = r - g / dg;
    if (Math.abs(next - r) <= 1e-15 * Math.max(1, Math.abs(r))) return isRoot(next, a) ? next : null;
    r = next;
  }
  return isRoot(r, a) ? r : null;
}

/** One Newton step from r if it lowers the residual (polishes a root found by bracketing). */
function polish(r: number, a: Annuity): number {
  const { g, dg } = presentValueForm(r, a);
  if (dg === 0 || !Number.isFinite(g) || !Number.isFinite(dg)) return r;
  const next = r - g / dg;
  if (!(next > -1)) return r;
  return Math.abs(presentValueForm(next, a).g) < Math.abs(g) ? next : r;
}

/** Every rate above −100% that solves the equation, ascending: a scan in ln(1 + r), then Brent. */
function allRates(a: Annuity): number[] {
  const f = (u: number) => scaledForm(u, a).s;
  const { roots, touches } = scanRoots(f, U_MIN, U_MAX, 2400);
  // Every candidate is checked against the equation: a "root" where the scaled form merely
  // underflows to 0 (far out in ln(1 + r)) is not one.
  const found = [...roots.filter((u) => isRoot(Math.expm1(u), a)), ...touches.filter((u) => isRoot(Math.expm1(u), a, 1e-12))]
    .map((u) => polish(Math.expm1(u), a))
    .filter((r) => r > -1 && Number.isFinite(r))
    .sort((x, y) => x - y);
  return found.filter((r, i) => i === 0 || Math.abs(r - found[i - 1]!) > 1e-12 * Math.max(1, Math.abs(r)));
}

/**
 * The one rate of terms known to have exactly one: widen a bracket in u = ln(1 + r) from the guess
 * until the equation changes sign, then Brent. Null only when the rate is beyond float64's reach.
 */
function onlyRate(a: Annuity, guess: number): number | null {
  const f = (u: number) => scaledForm(u, a).s;
  const u0 = Math.log1p(Math.max(-0.99, Math.min(guess, 1e6)));
  const b = bracket(f, u0 - 0.5, u0 + 0.5, -700, 700);
  if (b === null) return null;
  const r = polish(Math.expm1(brent(f, b.lo, b.hi, { fa: b.flo, fb: b.fhi }).x), a);
  return isRoot(r, a) ? r : null;
}

/**
 * For a whole number of periods the equation is the NPV of flows (pv, pmt, …, pmt + fv), or
 * (pv + pmt, pmt, …, fv) with payments at the start: by Descartes' rule of signs it has at most as
 * many rates above −100% as those flows have sign changes (exactly one when there is one); −1
 * when every flow is zero. Null for a fractional number of periods, where the rule does not apply.
 */
function signChanges({ n, pmt, pv, fv, t }: Annuity): number | null {
  if (!Number.isInteger(n) || n < 1) return null;
  const signs = t === 0 ? [pv, n > 1 ? pmt : 0, pmt + fv] : [pv + pmt, n > 1 ? pmt : 0, fv];
  if (signs.every((x) => x === 0)) return -1; // the equation is 0 at every rate
  let changes = 0;
  let last = 0;
  for (const x of signs) {
    const s = Math.sign(x);
    if (s === 0) continue;
    if (last !== 0 && s !== last) changes++;
    last = s;
  }
  return changes;
}

/**
 * Solves the equation for the rate (the core of `annuityRate` and `excel.RATE`). Newton's method
 * from the guess first, as spreadsheets do, kept only if it lands on a true root; otherwise every
 * root is found by a scan in ln(1 + r) with Brent's method and the one nearest the guess returned.
 * So where a rate exists it is found, whatever the guess. `n` must be positive.
 */
export function solveAnnuityRate(a: Annuity, guess = 0.1): AnnuityRateResult {
  const bound = signChanges(a);
  if ((a.pv === 0 && a.pmt === 0 && a.fv === 0) || bound === -1) {
    return { ok: false, reason: "every-rate", message: "the payments exactly cancel the present and future values at any rate, so every rate fits" };
  }
  if (bound === 0) {
    return { ok: false, reason: "no-root", message: "the present value, payments and future value all have the same sign, so no rate balances them" };
  }
  const fromGuess = guess > -1 ? newton(a, guess) : null;
  if (bound === 1) {
    const rate = fromGuess ?? onlyRate(a, guess);
    if (rate !== null) return { ok: true, rate, unique: true };
    return { ok: false, reason: "no-root", message: "the rate exists but is too close to −100% (or too large) to represent as a number" };
  }
  const rates = allRates(a);
  if (fromGuess !== null) {
    const unique = rates.length === 1 && Math.abs(rates[0]! - fromGuess) <= 1e-9 * Math.max(1, Math.abs(fromGuess));
    return { ok: true, rate: fromGuess, unique };
  }
  if (rates.length === 0) {
    return { ok: false, reason: "no-root", message: "no rate above −100% makes these payments repay this present value and future value" };
  }
  const nearest = rates.reduce((best, r) => (Math.abs(r - guess) < Math.abs(best - guess) ? r : best));
  return { ok: true, rate: nearest, unique: rates.length === 1 };
}

/**
 * Solves the equation for the number of periods (the core of `annuityPeriods` and `excel.NPER`):
 * n = ln((pmt·(1 + r·t) − fv·r) / (pmt·(1 + r·t) + pv·r)) / ln(1 + r), or −(pv + fv)/pmt at r = 0.
 * `r` must be above −1.
 */
export function solveAnnuityPeriods(r: number, pmt: number, pv: number, fv: number, t: 0 | 1): AnnuityPeriodsResult {
  const never: AnnuityPeriodsResult = {
    ok: false,
    reason: "never",
    message: "no number of periods balances these terms (the payment does not cover the interest, or the values cannot meet)",
  };
  const every: AnnuityPeriodsResult = {
    ok: false,
    reason: "every-period",
    message: "the payment exactly covers the interest on a balance that never changes: any number of periods fits",
  };
  if (r === 0) {
    if (pmt === 0) return pv + fv === 0 ? every : never;
    return { ok: true, periods: -(pv + fv) / pmt || 0 };
  }
  const k = pmt * (1 + r * t);
  const numerator = k - fv * r;
  const denominator = k + pv * r;
  if (denominator === 0) return numerator === 0 ? every : never;
  const ratio = numerator / denominator;
  if (!(ratio > 0)) return never;
  // Near 1, ln(num/den) = ln(1 + (num − den)/den) with num − den = −r·(pv + fv) keeps the digits
  // that num/den − 1 would lose; elsewhere the ratio itself is the accurate one.
  const n = (Math.abs(ratio - 1) < 0.5 ? Math.log1p((-r * (pv + fv)) / denominator) : Math.log(ratio)) / Math.log1p(r);
  return Number.isFinite(n) ? { ok: true, periods: n || 0 } : never;
}

function check(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  return value;
}

function annuityOf(terms: Omit<AnnuityTerms, "rate">): Annuity {
  const n = check(terms.periods, "periods");
  if (!(n > 0)) throw new RangeError(`periods must be above 0, got ${n}`);
  if (terms.timing !== undefined && terms.timing !== "end" && terms.timing !== "start") {
    throw new RangeError(`timing must be "end" or "start", got ${String(terms.timing)}`);
  }
  return {
    n,
    pmt: check(terms.payment, "payment"),
    pv: check(terms.presentValue, "presentValue"),
    fv: check(terms.futureValue ?? 0, "futureValue"),
    t: terms.timing === "start" ? 1 : 0,
  };
}

/**
 * The interest rate per period at which level payments repay a present value (and leave a future
 * value): Excel's RATE as a typed result. Where a rate exists it is found, whatever the guess:
 * Newton's method from the guess (default 10%) as in a spreadsheet, then, if that fails, a scan
 * of every rate above −100% with Brent's method. When the terms have several rates, the one
 * Newton reaches from the guess (or else the nearest the guess) is returned with `unique: false`.
 *
 * @throws RangeError for a non-finite number or periods ≤ 0.
 * @example
 * ```ts
 * // £8,000 borrowed, repaid at £200 a month for 4 years: the monthly rate
 * const r = annuityRate({ periods: 48, payment: -200, presentValue: 8000 });
 * r.ok && r.rate.toFixed(6);                                           // "0.007701"
 * annuityRate({ periods: 10, payment: 100, presentValue: 800 }).ok;   // false (money in both ways: no rate)
 * ```
 */
export function annuityRate(terms: Omit<AnnuityTerms, "rate">, options: { guess?: number } = {}): AnnuityRateResult {
  const a = annuityOf(terms);
  return solveAnnuityRate(a, check(options.guess ?? 0.1, "guess"));
}

/**
 * The number of periods in which level payments repay a present value (and leave a future value):
 * Excel's NPER as a typed result. `{ ok: false, reason: "never" }` when no number of periods
 * balances the terms — typically a payment that does not even cover the interest.
 *
 * @throws RangeError for a non-finite number or a rate of −100% or below.
 * @example
 * ```ts
 * const n = annuityPeriods({ rate: 0.05, payment: -10000, presentValue: 100000 });
 * n.ok && n.periods.toFixed(4);                                                // "14.2067"
 * annuityPeriods({ rate: 0.05, payment: -4000, presentValue: 100000 }).ok;    // false (interest alone is £5,000 a year)
 * ```
 */
export function annuityPeriods(terms: Omit<AnnuityTerms, "periods">): AnnuityPeriodsResult {
  const r = check(terms.rate, "rate");
  if (!(r > -1)) throw new RangeError(`rate must be above −1 (−100%), got ${r}`);
  if (terms.timing !== undefined && terms.timing !== "end" && terms.timing !== "start") {
    throw new RangeError(`timing must be "end" or "start", got ${String(terms.timing)}`);
  }
  return solveAnnuityPeriods(
    r,
    check(terms.payment, "payment"),
    check(terms.presentValue, "presentValue"),
    check(terms.futureValue ?? 0, "futureValue"),
    terms.timing === "start" ? 1 : 0,
  );
}
