import { ONE, toDecimal, type Decimal, type MoneyInput } from "../money";
import { SCHEDULES, type DiscountBand } from "./data";

/**
 * How to discount:
 * - `"stpr"` (default): Green Book social time preference rate, 3.5% falling to 1% by band.
 * - `"stpr-health"`: Green Book rates for health effects (1.5% falling).
 * - `{ rate }`: one constant rate for every year, e.g. `{ rate: 0.035 }`.
 * - a list of bands `[{ fromYear: 0, rate: 0.035 }, { fromYear: 31, rate: 0.03 }]`, the first
 *   starting at year 0 (or 1), each later one starting after the one before.
 */
export type DiscountSchedule = "stpr" | "stpr-health" | { rate: MoneyInput } | readonly DiscountBand[];

/**
 * When in each year the flows are assumed to happen:
 * - `"end"` (default, Green Book style): year 0 is now and undiscounted; year t is discounted
 *   t whole years, by the running product of the rates for years 1..t.
 * - `"mid"`: flows are spread evenly through each year, so every year's flows are taken at its
 *   middle, t + ½: factor(t) / √(1 + r_{t+1}), year 0 included (its flows are half a year away
 *   on average). Every year is treated alike, so moving all flows one year later multiplies every
 *   present value by the same 1 / (1 + r) under either timing (at a constant rate).
 */
export type Timing = "end" | "mid";

/** Options shared by the discounting functions. */
export interface DiscountOptions {
  schedule?: DiscountSchedule;
  timing?: Timing;
}

/** Resolves a schedule to validated bands with Decimal rates, sorted by start year. */
function bandsOf(schedule: DiscountSchedule): { fromYear: number; rate: Decimal }[] {
  let raw: readonly DiscountBand[];
  if (typeof schedule === "string") {
    const data = SCHEDULES[schedule];
    if (!data) throw new RangeError(`unknown discount schedule "${String(schedule)}"`);
    raw = data.bands;
  } else if (Array.isArray(schedule)) {
    raw = schedule;
  } else if (schedule && typeof schedule === "object" && "rate" in schedule) {
    raw = [{ fromYear: 0, rate: schedule.rate as DiscountBand["rate"] }];
  } else {
    throw new RangeError('expected a discount schedule: "stpr", "stpr-health", { rate } or a list of bands');
  }
  if (raw.length === 0) throw new RangeError("a discount schedule needs at least one band");
  return raw.map((b, i) => {
    if (!Number.isInteger(b.fromYear) || b.fromYear < 0) {
      throw new RangeError(`bands[${i}].fromYear must be a whole number ≥ 0, got ${b.fromYear}`);
    }
    if (i === 0 && b.fromYear > 1) throw new RangeError(`bands[0].fromYear must be 0 or 1, got ${b.fromYear}`);
    if (i > 0 && b.fromYear <= raw[i - 1]!.fromYear) {
      throw new RangeError(`bands[${i}].fromYear must be after bands[${i - 1}].fromYear`);
    }
    const rate = toDecimal(b.rate);
    if (rate.lte(-1)) throw new RangeError(`bands[${i}].rate must be above −1 (−100%), got ${rate.toString()}`);
    return { fromYear: b.fromYear, rate };
  });
}

/**
 * The discount rate that applies in each year 0..years (year 0's rate is never used for
 * discounting; it is reported for completeness).
 *
 * @example
 * ```ts
 * discountRates(32).slice(29).map(Number); // [0.035, 0.035, 0.03, 0.03]
 * ```
 */
export function discountRates(years: number, schedule: DiscountSchedule = "stpr"): Decimal[] {
  checkYears(years);
  const bands = bandsOf(schedule);
  const out: Decimal[] = [];
  let b = 0;
  for (let t = 0; t <= years; t++) {
    while (b + 1 < bands.length && bands[b + 1]!.fromYear <= t) b++;
    out.push(bands[b]!.rate);
  }
  return out;
}

/**
 * Discount factors for years 0..years (an array of length years + 1, with year 0 = 1).
 * Each factor is the **running product** of the year rates, as the Green Book specifies:
 * DF(t) = DF(t − 1) / (1 + r_t). Within a single band this equals 1 / (1 + r)^t; across band
 * edges it does not (from year 31 under STPR).
 *
 * @example
 * ```ts
 * discountFactors(2).map((f) => f.toFixed(6)); // ["1.000000", "0.966184", "0.933511"]
 * discountFactors(1, { rate: 0.1 })[1].toString(); // "0.9090909090909090909090909090909090909091"
 * ```
 */
export function discountFactors(years: number, schedule: DiscountSchedule = "stpr", options: { timing?: Timing } = {}): Decimal[] {
  checkYears(years);
  const timing = options.timing ?? "end";
  // The Green Book schedules are asked for again and again (every appraisal): kept once worked out.
  const key = typeof schedule === "string" ? `${schedule}|${timing}` : null;
  const known = key ? named.get(key) : undefined;
  if (known && known.length > years) return known.slice(0, years + 1);
  const rates = discountRates(years + 1, schedule);
  const end: Decimal[] = [ONE];
  for (let t = 1; t <= years; t++) end.push(end[t - 1]!.div(ONE.plus(rates[t]!)));
  const out = timing === "end" ? end : end.map((f, t) => f.div(ONE.plus(rates[t + 1]!).sqrt()));
  if (key && years <= 1000) named.set(key, out.slice());
  return out;
}

/** Factors of the named schedules ("stpr", "stpr-health") by timing, as long as asked for so far. */
const named = new Map<string, Decimal[]>();

/**
 * Discount factors as plain float64 numbers, for fast paths (Monte Carlo, charts). Computed from
 * the exact factors, so each is the nearest double to the exact value.
 *
 * @example
 * ```ts
 * discountFactorsFloat(1)[1]; // 0.9661835748792271
 * ```
 */
export function discountFactorsFloat(years: number, schedule: DiscountSchedule = "stpr", options: { timing?: Timing } = {}): Float64Array {
  return Float64Array.from(discountFactors(years, schedule, options), (d) => d.toNumber());
}

function checkYears(years: number): void {
  if (!Number.isInteger(years) || years < 0 || years > 10_000) {
    throw new RangeError(`years must be a whole number from 0 to 10000, got ${years}`);
  }
}
