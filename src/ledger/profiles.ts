import { ONE, ZERO, toDecimal, type Decimal } from "../money";
import { priceFactor } from "../discount";
import { parseFinancialYear } from "../time";
import type { Intervention, Model, Outcome } from "../model";

/** Zero series for years 0..years. */
export function zeros(years: number): Decimal[] {
  return Array.from({ length: years + 1 }, () => ZERO);
}

/** Delivery years [first, last] of an intervention, clipped to the appraisal period. */
export function deliveryYears(v: Intervention, years: number, sourceSpan?: [number, number]): [number, number] {
  const start = v.startYear;
  if (Array.isArray(v.cohort)) return [start, Math.min(years, start + v.cohort.length - 1)];
  if (typeof v.cohort === "number") return [start, Math.min(years, v.endYear ?? start)];
  const lag = v.cohort.lag;
  const last = v.endYear ?? (sourceSpan ? sourceSpan[1] + lag : years);
  return [start, Math.min(years, last)];
}

/**
 * People (or families, cases) starting each intervention in each appraisal year, by intervention id.
 * A cohort drawn from another intervention is that cohort times a share, `lag` years later.
 *
 * @example
 * ```ts
 * cohortSeries(model, 10).get("early-help").series.slice(0, 6).map(Number); // [400, 400, 400, 400, 400, 0]
 * ```
 */
export function cohortSeries(model: Model, years: number): Map<string, { series: Decimal[]; span: [number, number] }> {
  const byId = new Map(model.interventions.map((v) => [v.id, v]));
  const done = new Map<string, { series: Decimal[]; span: [number, number] }>();
  const visit = (v: Intervention): { series: Decimal[]; span: [number, number] } => {
    const cached = done.get(v.id);
    if (cached) return cached;
    const series = zeros(years);
    let span: [number, number];
    if (typeof v.cohort === "number" || Array.isArray(v.cohort)) {
      span = deliveryYears(v, years);
      const sizes = v.cohort;
      for (let t = span[0]; t <= span[1]; t++) series[t] = toDecimal(Array.isArray(sizes) ? sizes[t - span[0]]! : sizes);
    } else {
      const from = visit(byId.get(v.cohort.from)!);
      span = deliveryYears(v, years, from.span);
      const share = toDecimal(v.cohort.share);
      for (let t = span[0]; t <= span[1]; t++) {
        const s = t - v.cohort.lag;
        if (s >= 0) series[t] = from.series[s]!.times(share);
      }
    }
    const result = { series, span };
    done.set(v.id, result);
    return result;
  };
  model.interventions.forEach(visit);
  return done;
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
  return toDecimal(o.reach)
    .times(toDecimal(o.engagement))
    .times(toDecimal(o.success))
    .times(ONE.minus(toDecimal(o.deadweight)))
    .times(toDecimal(o.attribution))
    .times(ONE.minus(toDecimal(o.displacement)));
}

/**
 * Attributable outcomes active in each year: each delivery year's cohort × chain × ramp-up
 * produces outcomes that start `lag` years later and last `persistence.years` years, losing
 * `dropOff` of their effect each year after the first.
 *
 * @example
 * ```ts
 * const cohort = cohortSeries(model, 10).get("early-help");
 * activeOutcomes(model.outcomes[0], cohort, 10).slice(0, 4).map((n) => n.toFixed(3)); // ["0.000", "5.712", "14.280", "24.276"]
 * ```
 */
export function activeOutcomes(o: Outcome, cohort: { series: Decimal[]; span: [number, number] }, years: number): Decimal[] {
  const chain = chainFactor(o);
  const keep = ONE.minus(toDecimal(o.persistence.dropOff));
  const decay: Decimal[] = [ONE];
  for (let j = 1; j < o.persistence.years; j++) decay.push(decay[j - 1]!.times(keep));
  const active = zeros(years);
  for (let y = cohort.span[0]; y <= cohort.span[1]; y++) {
    const size = cohort.series[y]!;
    if (size.isZero()) continue;
    const k = y - cohort.span[0];
    const ramp = k < o.rampUp.length ? toDecimal(o.rampUp[k]!) : ONE;
    const produced = size.times(chain).times(ramp);
    for (let j = 0; j < decay.length; j++) {
      const t = y + o.lag + j;
      if (t > years) break;
      active[t] = active[t]!.plus(produced.times(decay[j]!));
    }
  }
  return active;
}

/**
 * Attributable outcomes first achieved in each year (new results, not those still active): each
 * delivery year's cohort × chain × ramp-up, dated `lag` years after delivery. Payment-by-results
 * and outcomes contracts pay on these.
 *
 * @example
 * ```ts
 * ledger.outcomes["into-work"].produced[1].toFixed(3); // "14.960"
 * ```
 */
export function producedOutcomes(o: Outcome, cohort: { series: Decimal[]; span: [number, number] }, years: number): Decimal[] {
  return activeOutcomes({ ...o, persistence: { years: 1, dropOff: 0 } }, cohort, years);
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
  years: number,
): { factors: Decimal[]; note: string } {
  const { appraisal } = model;
  const basis = appraisal.prices;
  if (item.prices === "nominal" && basis) {
    const base = parseFinancialYear(appraisal.baseYear);
    return {
      factors: Array.from({ length: years + 1 }, (_, t) => priceFactor(base + t, appraisal.priceBase, basis)),
      note: `nominal, deflated to ${appraisal.priceBase} prices`,
    };
  }
  if (item.priceBase && item.priceBase !== appraisal.priceBase && basis) {
    const k = priceFactor(item.priceBase, appraisal.priceBase, basis);
    return { factors: Array.from({ length: years + 1 }, () => k), note: `${item.priceBase} prices × ${k.toSignificantDigits(8).toString()}` };
  }
  return { factors: Array.from({ length: years + 1 }, () => ONE), note: `${appraisal.priceBase} prices` };
}
