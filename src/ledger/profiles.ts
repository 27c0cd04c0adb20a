import { ONE, toDecimal, type Decimal } from "../money";
import { priceFactor } from "../discount";
import { parseFinancialYear } from "../time";
import { chainRates, type Intervention, type Model, type Outcome } from "../model";

/**
 * Delivery years [first, last] of an intervention, clipped to the appraisal period (0..lastYear).
 *
 * @example
 * ```ts
 * deliveryYears(model.interventions[0], 9); // [0, 4] (five cohorts from 2025-26)
 * ```
 */
export function deliveryYears(v: Intervention, lastYear: number, sourceSpan?: [number, number]): [number, number] {
  const start = v.startYear;
  if (Array.isArray(v.cohort)) return [start, Math.min(lastYear, start + v.cohort.length - 1)];
  if (typeof v.cohort === "number") return [start, Math.min(lastYear, v.endYear ?? start)];
  const lag = v.cohort.lag;
  const last = v.endYear ?? (sourceSpan ? sourceSpan[1] + lag : lastYear);
  return [start, Math.min(lastYear, last)];
}

/**
 * The benefit chain's product for one outcome: reach × engagement × success × (1 − deadweight) × attribution × (1 − displacement).
 *
 * @example
 * ```ts
 * chainFactor(model.outcomes[0]).toString(); // "0.02856" (0.85 engaged × 0.06 success × 0.7 after deadweight × 0.8 attribution)
 * ```
 */
export function chainFactor(o: Outcome): Decimal {
  const r = chainRates(o);
  return toDecimal(o.reach)
    .times(toDecimal(o.engagement))
    .times(toDecimal(r.success))
    .times(ONE.minus(toDecimal(r.deadweight)))
    .times(toDecimal(o.attribution))
    .times(ONE.minus(toDecimal(o.displacement)));
}

/**
 * Multiplier from an amount's own prices to the appraisal price base, by year: constant for real
 * amounts in another price base, year by year for nominal (cash) amounts, 1 otherwise.
 *
 * @example
 * ```ts
 * priceMultipliers(model, { prices: "nominal" }, 2).factors.map((f) => f.toFixed(4)); // ["1.0000", "0.9804", "0.9612"]
 * ```
 */
export function priceMultipliers(
  model: Model,
  item: { priceBase?: string; prices?: "real" | "nominal" },
  lastYear: number,
): { factors: Decimal[]; note: string } {
  const { appraisal } = model;
  const basis = appraisal.prices;
  if (item.prices === "nominal" && basis) {
    const base = parseFinancialYear(appraisal.baseYear);
    return {
      factors: Array.from({ length: lastYear + 1 }, (_, t) => priceFactor(base + t, appraisal.priceBase, basis)),
      note: `nominal, deflated to ${appraisal.priceBase} prices${"source" in basis && basis.source ? ` (${basis.source})` : ""}`,
    };
  }
  if (item.priceBase && item.priceBase !== appraisal.priceBase && basis) {
    const k = priceFactor(item.priceBase, appraisal.priceBase, basis);
    return { factors: Array.from({ length: lastYear + 1 }, () => k), note: `${item.priceBase} prices × ${k.toSignificantDigits(8).toString()}` };
  }
  return { factors: Array.from({ length: lastYear + 1 }, () => ONE), note: `${appraisal.priceBase} prices` };
}
