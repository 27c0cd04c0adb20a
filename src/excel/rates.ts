import { arity, FinanceError, finite, num } from "./errors";
import { cellsWithBlanks, type ExcelRange } from "./inputs";

/**
 * Excel's `EFFECT(nominal_rate, npery)`: the effective annual rate of a nominal rate compounded
 * npery times a year, (1 + nominal/npery)^npery − 1. npery is truncated to a whole number.
 *
 * @throws FinanceError `#NUM!` when nominal_rate ≤ 0 or npery < 1.
 * @example
 * ```ts
 * excel.EFFECT(0.0525, 4); // 0.0535427 (Microsoft's example)
 * ```
 */
export function EFFECT(nominalRate: number, npery: number): number {
  arity(arguments, 2, "EFFECT");
  const r = num(nominalRate, "nominal_rate");
  const m = Math.trunc(num(npery, "npery"));
  if (r <= 0 || m < 1) throw new FinanceError("#NUM!", `EFFECT needs nominal_rate above 0 and npery of 1 or more (got ${r} and ${m})`);
  return finite(Math.expm1(m * Math.log1p(r / m)), "EFFECT");
}

/**
 * Excel's `NOMINAL(effect_rate, npery)`: the nominal annual rate that, compounded npery times a
 * year, gives the effective rate: npery·((1 + effect)^(1/npery) − 1). The inverse of EFFECT.
 * npery is truncated to a whole number.
 *
 * @throws FinanceError `#NUM!` when effect_rate ≤ 0 or npery < 1.
 * @example
 * ```ts
 * excel.NOMINAL(0.053543, 4); // 0.05250032 (Microsoft's example)
 * ```
 */
export function NOMINAL(effectRate: number, npery: number): number {
  arity(arguments, 2, "NOMINAL");
  const e = num(effectRate, "effect_rate");
  const m = Math.trunc(num(npery, "npery"));
  if (e <= 0 || m < 1) throw new FinanceError("#NUM!", `NOMINAL needs effect_rate above 0 and npery of 1 or more (got ${e} and ${m})`);
  return finite(m * Math.expm1(Math.log1p(e) / m), "NOMINAL");
}

/**
 * Excel's `FVSCHEDULE(principal, schedule)`: the principal grown by a schedule of rates,
 * principal·(1 + r₁)·(1 + r₂)·…. The schedule is a range (nested lists read row by row); blank
 * cells count as 0% (Excel's rule), anything else that is not a number is refused with `#VALUE!`.
 *
 * @example
 * ```ts
 * excel.FVSCHEDULE(1, [0.09, 0.11, 0.1]);      // 1.33089 (Microsoft's example)
 * excel.FVSCHEDULE(1000, [[0.02, null], [0.03]]); // 1050.6 (the blank is a year at 0%)
 * ```
 */
export function FVSCHEDULE(principal: number, schedule: ExcelRange): number {
  arity(arguments, 2, "FVSCHEDULE");
  let value = num(principal, "principal");
  for (const r of cellsWithBlanks(schedule, "schedule")) value *= 1 + (r ?? 0);
  return finite(value, "FVSCHEDULE");
}

/**
 * Excel's `PDURATION(rate, pv, fv)`: the number of periods for an investment of pv to grow to fv
 * at rate per period, (ln fv − ln pv)/ln(1 + rate).
 *
 * @throws FinanceError `#NUM!` unless rate, pv and fv are all above 0.
 * @example
 * ```ts
 * excel.PDURATION(0.025, 2000, 2200);     // 3.86 (Microsoft's example)
 * excel.PDURATION(0.025 / 12, 1000, 1200); // 87.6 (Microsoft's example, in months)
 * ```
 */
export function PDURATION(rate: number, pv: number, fv: number): number {
  arity(arguments, 3, "PDURATION");
  const r = num(rate, "rate");
  const p = num(pv, "pv");
  const f = num(fv, "fv");
  if (r <= 0 || p <= 0 || f <= 0) throw new FinanceError("#NUM!", `PDURATION needs rate, pv and fv all above 0 (got ${r}, ${p}, ${f})`);
  return finite((Math.log(f) - Math.log(p)) / Math.log1p(r), "PDURATION");
}

/**
 * Excel's `RRI(nper, pv, fv)`: the equivalent rate per period for pv to grow to fv over nper
 * periods, (fv/pv)^(1/nper) − 1 (nper may be fractional).
 *
 * @throws FinanceError `#NUM!` when nper ≤ 0, pv is 0, or fv/pv is negative.
 * @example
 * ```ts
 * excel.RRI(96, 10000, 11000); // 0.0009933 (Microsoft's example)
 * excel.RRI(10, 100, 200);     // 0.0717735 (doubling in ten years)
 * ```
 */
export function RRI(nper: number, pv: number, fv: number): number {
  arity(arguments, 3, "RRI");
  const n = num(nper, "nper");
  const p = num(pv, "pv");
  const f = num(fv, "fv");
  if (n <= 0) throw new FinanceError("#NUM!", `nper must be above 0, got ${n}`);
  if (p === 0) throw new FinanceError("#NUM!", "pv of 0 has no growth rate");
  const ratio = f / p;
  if (ratio < 0) throw new FinanceError("#NUM!", "pv and fv of opposite signs have no growth rate");
  return finite(ratio === 0 ? -1 : Math.expm1(Math.log(ratio) / n), "RRI");
}
