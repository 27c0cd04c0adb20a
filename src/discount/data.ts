/**
 * Reference data for discounting, kept as data with its source so that it can be checked and
 * replaced without touching code.
 */

/** One band of a discount schedule: `rate` applies to every year from `fromYear` onwards
 * (until the next band starts). Rates are real, as decimals (0.035 = 3.5%). */
export interface DiscountBand {
  fromYear: number;
  rate: number | string;
}

/** A named, sourced discount schedule. */
export interface ScheduleData {
  id: string;
  title: string;
  source: string;
  bands: readonly DiscountBand[];
}

/**
 * HM Treasury Green Book social time preference rate (STPR), real. Years 0–30 at 3.5%, then
 * 3.0% (31–75), 2.5% (76–125), 2.0% (126–200), 1.5% (201–300) and 1.0% from year 301.
 *
 * @example
 * ```ts
 * STPR.bands.map((b) => b.rate); // ["0.035", "0.03", "0.025", "0.02", "0.015", "0.01"]
 * ```
 */
export const STPR: ScheduleData = {
  id: "stpr",
  title: "Green Book STPR (standard)",
  source: "HM Treasury, The Green Book (2022), Table 8 / Annex A6: long-term discount rates",
  bands: [
    { fromYear: 0, rate: "0.035" },
    { fromYear: 31, rate: "0.03" },
    { fromYear: 76, rate: "0.025" },
    { fromYear: 126, rate: "0.02" },
    { fromYear: 201, rate: "0.015" },
    { fromYear: 301, rate: "0.01" },
  ],
};

/**
 * Green Book schedule for health effects valued in QALYs/wellbeing: pure time preference and
 * catastrophic risk only (1.5% falling over the same bands).
 *
 * @example
 * ```ts
 * discountFactors(1, STPR_HEALTH.bands)[1].toFixed(6); // "0.985222"
 * ```
 */
export const STPR_HEALTH: ScheduleData = {
  id: "stpr-health",
  title: "Green Book STPR for health effects",
  source: "HM Treasury, The Green Book (2022), Table 8 / Annex A6: rates for health effects",
  bands: [
    { fromYear: 0, rate: "0.015" },
    { fromYear: 31, rate: "0.0129" },
    { fromYear: 76, rate: "0.0107" },
    { fromYear: 126, rate: "0.0086" },
    { fromYear: 201, rate: "0.0064" },
    { fromYear: 301, rate: "0.0043" },
  ],
};

/**
 * The named schedules the library knows, by id.
 *
 * @example
 * ```ts
 * Object.keys(SCHEDULES); // ["stpr", "stpr-health"]
 * ```
 */
export const SCHEDULES = { stpr: STPR, "stpr-health": STPR_HEALTH } as const;
