import { solveAnnuityPeriods, solveAnnuityRate } from "../metrics/annuity";
import { arity, FinanceError, finite, num, opt, timing } from "./errors";

// Every function here works in Excel's time-value equation, with Excel's signs (money received
// positive, money paid out negative) and t = 1 when payments fall at the start of each period:
//
//     pv·(1 + r)^n + pmt·(1 + r·t)·((1 + r)^n − 1)/r + fv = 0        (pv + pmt·n + fv = 0 at r = 0)

/**
 * (1 + r)^n and (1 + r)^n − 1: through ln(1 + r) without cancellation when r is small; below −100%
 * by a direct power, which is a number only for a whole n (as in Excel and LibreOffice).
 */
function growth(r: number, n: number): { g: number; gm1: number } {
  if (r > -1) {
    const l = Math.log1p(r);
    return { g: Math.exp(n * l), gm1: Math.expm1(n * l) };
  }
  const g = (1 + r) ** n;
  return { g, gm1: g - 1 };
}

/** The level payment (unchecked arithmetic: may be non-finite). */
function payment(r: number, n: number, pv: number, fv: number, t: 0 | 1): number {
  if (r === 0) return -(pv + fv) / n;
  const { g, gm1 } = growth(r, n);
  return (-(pv * g + fv) * r) / ((1 + r * t) * gm1);
}

/** The future value (unchecked arithmetic): minus the balance after n periods. */
function futureValue(r: number, n: number, pmt: number, pv: number, t: 0 | 1): number {
  if (r === 0) return -(pv + pmt * n);
  const { g, gm1 } = growth(r, n);
  return -(pv * g + (pmt * (1 + r * t) * gm1) / r);
}

/**
 * Excel's `PMT(rate, nper, pv, [fv], [type])`: the level payment per period that pays off `pv`
 * (and leaves `fv`) over `nper` periods: pmt = −(pv·(1 + r)^n + fv)·r / ((1 + r·t)·((1 + r)^n − 1)),
 * or −(pv + fv)/n at a rate of 0. Money paid out is negative: a £800,000 loan gives a negative
 * payment. `type` 0 (or omitted) puts payments at the end of each period; any other number at
 * the start, as in Excel.
 *
 * @throws FinanceError `#NUM!` when nper is 0 or the result is not a finite number.
 * @example
 * ```ts
 * excel.PMT(0.05, 10, 800000);       // -103603.66
 * excel.PMT(0.05, 10, 800000, 0, 1); // -98670.15 (paid at the start of each year)
 * ```
 */
export function PMT(rate: number, nper: number, pv: number, fv?: number | null, type?: number | null): number {
  arity(arguments, 5, "PMT");
  const r = num(rate, "rate");
  const n = num(nper, "nper");
  const p = num(pv, "pv");
  const f = opt(fv, 0, "fv");
  const t = timing(type);
  if (n === 0) throw new FinanceError("#NUM!", "nper must not be 0");
  return finite(payment(r, n, p, f, t), "PMT");
}

/**
 * Excel's `PV(rate, nper, pmt, [fv], [type])`: the present value of a series of level payments,
 * pv = −(fv + pmt·(1 + r·t)·((1 + r)^n − 1)/r) / (1 + r)^n, or −(fv + pmt·n) at a rate of 0.
 *
 * @example
 * ```ts
 * excel.PV(0.05, 10, -103603.66); // 800000.00
 * ```
 */
export function PV(rate: number, nper: number, pmt: number, fv?: number | null, type?: number | null): number {
  arity(arguments, 5, "PV");
  const r = num(rate, "rate");
  const n = num(nper, "nper");
  const m = num(pmt, "pmt");
  const f = opt(fv, 0, "fv");
  const t = timing(type);
  if (r === 0) return finite(-(f + m * n), "PV");
  const { g, gm1 } = growth(r, n);
  return finite(-(f + (m * (1 + r * t) * gm1) / r) / g, "PV");
}

/**
 * Excel's `FV(rate, nper, pmt, [pv], [type])`: the value after nper periods of a present amount
 * and level payments, fv = −(pv·(1 + r)^n + pmt·(1 + r·t)·((1 + r)^n − 1)/r), or −(pv + pmt·n) at
 * a rate of 0. For a loan (pv positive, payments negative) it is minus the balance still owed.
 *
 * @example
 * ```ts
 * excel.FV(0.06 / 12, 10, -200, -500, 1); // 2581.4033740602
 * ```
 */
export function FV(rate: number, nper: number, pmt: number, pv?: number | null, type?: number | null): number {
  arity(arguments, 5, "FV");
  const r = num(rate, "rate");
  const n = num(nper, "nper");
  const m = num(pmt, "pmt");
  const p = opt(pv, 0, "pv");
  return finite(futureValue(r, n, m, p, timing(type)), "FV");
}

/**
 * Excel's `RATE(nper, pmt, pv, [fv], [type], [guess])`: the interest rate per period that solves
 * the time-value equation. Like Excel it starts Newton's method from `guess` (default 10%); where
 * that fails — as Excel's 20 iterations often do, giving `#NUM!` — it finds the true rate by
 * bracketing and Brent's method, so **wherever a rate above −100% exists it is returned, whatever
 * the guess**. With several rates (possible when the flows change sign twice, e.g. a balloon
 * repayment), the one Newton reaches from the guess, or else the one nearest the guess.
 * See `annuityRate` for a typed result that also says whether the rate is unique.
 *
 * @throws FinanceError `#NUM!` when nper ≤ 0 or no rate above −100% exists.
 * @example
 * ```ts
 * excel.RATE(48, -200, 8000) * 12; // 0.0924 (a 4-year loan of £8,000 at £200 a month: 9.24% a year)
 * excel.RATE(360, -665.3, 100000); // 0.005833 (Excel's Newton from 10% fails here; the true rate)
 * excel.RATE(10, 0, -3500, 10000); // 0.110690854 (numpy-financial's test value 0.1107)
 * ```
 */
export function RATE(nper: number, pmt: number, pv: number, fv?: number | null, type?: number | null, guess?: number | null): number {
  arity(arguments, 6, "RATE");
  const n = num(nper, "nper");
  const m = num(pmt, "pmt");
  const p = num(pv, "pv");
  const f = opt(fv, 0, "fv");
  const t = timing(type);
  const g = opt(guess, 0.1, "guess");
  if (!(n > 0)) throw new FinanceError("#NUM!", `nper must be above 0, got ${n}`);
  const result = solveAnnuityRate({ n, pmt: m, pv: p, fv: f, t }, g);
  if (result.ok) return finite(result.rate, "RATE");
  // With nothing paid or owed every rate fits; Excel and LibreOffice return the guess.
  if (result.reason === "every-rate" && g > -1) return g;
  throw new FinanceError("#NUM!", result.message);
}

/**
 * Excel's `NPER(rate, pmt, pv, [fv], [type])`: the number of periods (possibly fractional) for the
 * payments to take `pv` to `fv`: n = ln((pmt·(1 + r·t) − fv·r) / (pmt·(1 + r·t) + pv·r)) / ln(1 + r),
 * or −(pv + fv)/pmt at a rate of 0. See `annuityPeriods` for a typed result.
 *
 * @throws FinanceError `#NUM!` when no number of periods fits (typically a payment that does not
 *   cover the interest), when every number does, or when rate ≤ −100%.
 * @example
 * ```ts
 * excel.NPER(0.01, -100, -1000, 10000, 1); // 59.6738656742946 (Microsoft's example)
 * excel.NPER(0.05, -10000, 100000);        // 14.2067
 * ```
 */
export function NPER(rate: number, pmt: number, pv: number, fv?: number | null, type?: number | null): number {
  arity(arguments, 5, "NPER");
  const r = num(rate, "rate");
  const m = num(pmt, "pmt");
  const p = num(pv, "pv");
  const f = opt(fv, 0, "fv");
  const t = timing(type);
  if (!(r > -1)) throw new FinanceError("#NUM!", `rate must be above −100%, got ${r}`);
  const result = solveAnnuityPeriods(r, m, p, f, t);
  if (!result.ok) throw new FinanceError("#NUM!", result.message);
  return finite(result.periods, "NPER");
}

/** Interest in payment `per` (unchecked arithmetic), by Excel's definition through FV. */
function interest(r: number, per: number, pmt: number, pv: number, t: 0 | 1): number {
  if (per === 1) return t === 1 ? 0 : -pv * r;
  // The balance before this payment's interest: after per − 1 payments (end of period), or after
  // per − 1 payments made at the start of periods 1 … per − 1 (start of period).
  return t === 1 ? (futureValue(r, per - 2, pmt, pv, 1) - pmt) * r : futureValue(r, per - 1, pmt, pv, 0) * r;
}

function periodArgs(args: IArguments, fn: string, rate: unknown, per: unknown, nper: unknown, pv: unknown, fv: unknown, type: unknown) {
  arity(args, 6, fn);
  const r = num(rate, "rate");
  const k = num(per, "per");
  const n = num(nper, "nper");
  const p = num(pv, "pv");
  const f = opt(fv, 0, "fv");
  const t = timing(type);
  if (!(k >= 1 && k < n + 1)) throw new FinanceError("#NUM!", `per must be from 1 to below nper + 1 (${n + 1}), got ${k}`);
  const pmt = payment(r, n, p, f, t);
  if (!Number.isFinite(pmt)) throw new FinanceError("#NUM!", "the payment is not a finite number");
  return { r, k, p, t, pmt };
}

/**
 * Excel's `IPMT(rate, per, nper, pv, [fv], [type])`: the interest part of payment number `per`
 * (1 to nper) of a level-payment loan. End of period (type 0): the rate times the balance owed
 * after per − 1 payments, r·FV(r, per − 1, pmt, pv). Start of period (type 1): the first payment
 * falls before any interest, so it is 0 for per = 1 and r·(FV(r, per − 2, pmt, pv, 1) − pmt)
 * after. With Excel's signs the interest on a loan received (pv > 0) is negative.
 *
 * @throws FinanceError `#NUM!` unless 1 ≤ per < nper + 1 (Excel's range).
 * @example
 * ```ts
 * excel.IPMT(0.1 / 12, 1, 36, 8000);  // -66.67 (Microsoft's example: first month's interest)
 * excel.IPMT(0.1, 3, 3, 8000);        // -292.45 (last year's interest)
 * ```
 */
export function IPMT(rate: number, per: number, nper: number, pv: number, fv?: number | null, type?: number | null): number {
  const { r, k, p, t, pmt } = periodArgs(arguments, "IPMT", rate, per, nper, pv, fv, type);
  return finite(interest(r, k, pmt, p, t), "IPMT");
}

/**
 * Excel's `PPMT(rate, per, nper, pv, [fv], [type])`: the principal part of payment number `per`,
 * PMT − IPMT, so that IPMT + PPMT = PMT in every period.
 *
 * @throws FinanceError `#NUM!` unless 1 ≤ per < nper + 1.
 * @example
 * ```ts
 * excel.PPMT(0.1 / 12, 1, 24, 2000);  // -75.62 (Microsoft's example)
 * excel.PPMT(0.08, 10, 10, 200000);   // -27598.05
 * ```
 */
export function PPMT(rate: number, per: number, nper: number, pv: number, fv?: number | null, type?: number | null): number {
  const { r, k, p, t, pmt } = periodArgs(arguments, "PPMT", rate, per, nper, pv, fv, type);
  return finite(pmt - interest(r, k, pmt, p, t), "PPMT");
}

/** Arguments of CUMIPMT and CUMPRINC, checked and truncated as Excel does. */
function cumulativeArgs(args: IArguments, fn: string, rate: unknown, nper: unknown, pv: unknown, start: unknown, end: unknown, type: unknown) {
  arity(args, 6, fn);
  const r = num(rate, "rate");
  const n = Math.trunc(num(nper, "nper"));
  const p = num(pv, "pv");
  const s = Math.trunc(num(start, "start_period"));
  const e = Math.trunc(num(end, "end_period"));
  const t = Math.trunc(num(type, "type"));
  if (r <= 0 || n <= 0 || p <= 0) throw new FinanceError("#NUM!", `${fn} needs rate, nper and pv above 0 (got ${r}, ${n}, ${p})`);
  if (s < 1 || e < 1 || s > e) throw new FinanceError("#NUM!", `${fn} needs 1 ≤ start_period ≤ end_period (got ${s} and ${e})`);
  if (e > n) throw new FinanceError("#NUM!", `end_period (${e}) is after the last period (${n})`);
  if (t !== 0 && t !== 1) throw new FinanceError("#NUM!", `type must be 0 (end of period) or 1 (beginning), got ${t}`);
  return { r, n, p, s, e, t: t as 0 | 1 };
}

/**
 * Principal repaid in payments s … e of a loan of pv over n periods with no balloon, in closed form:
 * the balance falls by pv·(1 + r)^(s−1)·((1 + r)^c − 1)/((1 + r)^n − 1) over c = e − s + 1 payments
 * at the end of each period (one period earlier with payments at the start, whose first payment is
 * all principal).
 */
function principalRepaid(r: number, n: number, pv: number, s: number, e: number, t: 0 | 1): number {
  const u = Math.log1p(r);
  const whole = Math.expm1(n * u);
  if (t === 0) return (-pv * Math.exp((s - 1) * u) * Math.expm1((e - s + 1) * u)) / whole;
  if (s >= 2) return (-pv * Math.exp((s - 2) * u) * Math.expm1((e - s + 1) * u)) / whole;
  return payment(r, n, pv, 0, 1) - (pv * Math.expm1((e - 1) * u)) / whole;
}

/**
 * Excel's `CUMPRINC(rate, nper, pv, start_period, end_period, type)`: the principal repaid in
 * payments start … end of a loan of pv over nper periods (no balloon), the sum of PPMT over those
 * periods (computed in closed form). As in Excel: nper, the periods and type are truncated to
 * whole numbers; `type` is required and must be 0 or 1; the result is negative (money paid out).
 *
 * @throws FinanceError `#NUM!` when rate, nper or pv ≤ 0; start < 1, end < 1, start > end or
 *   end > nper; or type is not 0 or 1.
 * @example
 * ```ts
 * excel.CUMPRINC(0.09 / 12, 360, 125000, 13, 24, 0); // -934.1071234 (Microsoft's example: the second year)
 * excel.CUMPRINC(0.05, 10, 800000, 1, 10, 0);        // -800000 (all of it over the whole term)
 * ```
 */
export function CUMPRINC(rate: number, nper: number, pv: number, startPeriod: number, endPeriod: number, type: number): number {
  const { r, n, p, s, e, t } = cumulativeArgs(arguments, "CUMPRINC", rate, nper, pv, startPeriod, endPeriod, type);
  return finite(principalRepaid(r, n, p, s, e, t), "CUMPRINC");
}

/**
 * Excel's `CUMIPMT(rate, nper, pv, start_period, end_period, type)`: the interest paid in payments
 * start … end of a loan of pv over nper periods (no balloon), the sum of IPMT over those periods:
 * the payments made less the principal they repaid (see CUMPRINC for the rules on arguments).
 *
 * @throws FinanceError `#NUM!` as CUMPRINC.
 * @example
 * ```ts
 * excel.CUMIPMT(0.09 / 12, 360, 125000, 13, 24, 0); // -11135.23213 (Microsoft's example: the second year)
 * excel.CUMIPMT(0.09 / 12, 360, 125000, 1, 1, 0);   // -937.5 (the first month)
 * ```
 */
export function CUMIPMT(rate: number, nper: number, pv: number, startPeriod: number, endPeriod: number, type: number): number {
  const { r, n, p, s, e, t } = cumulativeArgs(arguments, "CUMIPMT", rate, nper, pv, startPeriod, endPeriod, type);
  return finite((e - s + 1) * payment(r, n, p, 0, t) - principalRepaid(r, n, p, s, e, t), "CUMIPMT");
}

/**
 * Excel's `ISPMT(rate, per, nper, pv)`: the interest in period `per` of a loan repaid in **equal
 * instalments of principal** (not level payments), counting periods from 0: pv·rate·(per/nper − 1).
 * Period 0 bears interest on the whole loan; no range is enforced on `per`, as in Excel.
 *
 * @throws FinanceError `#DIV/0!` when nper is 0.
 * @example
 * ```ts
 * excel.ISPMT(0.1, 0, 4, 4000); // -400 (interest before any principal is repaid)
 * excel.ISPMT(0.1, 1, 3, 8000000); // -533333.33 (Microsoft's example)
 * ```
 */
export function ISPMT(rate: number, per: number, nper: number, pv: number): number {
  arity(arguments, 4, "ISPMT");
  const r = num(rate, "rate");
  const k = num(per, "per");
  const n = num(nper, "nper");
  const p = num(pv, "pv");
  if (n === 0) throw new FinanceError("#DIV/0!", "nper of 0 divides by zero");
  return finite(p * r * (k / n - 1), "ISPMT");
}
