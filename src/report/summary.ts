import { Decimal, roundSeriesConserving, ZERO } from "../money";
import { isIncentiveGap, type Appraisal, type HorizonResult, type Position } from "../appraise";

/** The unit money is rounded to in a summary: pence, whole pounds, thousands or millions of pounds. */
export type MoneyUnit = "pence" | "pounds" | "thousands" | "millions";

/**
 * The precision, in pounds, that each {@link MoneyUnit} is rounded to: the precision it is shown
 * at (millions are shown to one decimal place, £0.1m), so figures are rounded once and columns
 * add up as printed.
 */
export const UNIT_SIZE: Record<MoneyUnit, string> = { pence: "0.01", pounds: "1", thousands: "1000", millions: "100000" };

/** One party (an agency, or the whole system) at one horizon, rounded for presentation. */
export interface SummaryRow {
  /** Horizon in years: the first `horizon` financial years (0..horizon − 1). */
  horizon: number;
  /** Agency id, `"public-sector"` for the public bodies together, or `"system"` for the whole system (society). */
  party: string;
  name: string;
  position: Position | "public-sector" | "system";
  /**
   * Money rounded to the chosen unit: each figure is the exact value rounded down or up (within
   * one unit), each column of agency figures adds up to the system figure (largest-remainder
   * rounding), and each row's NPV equals its rounded savings − costs + transfers wherever the
   * column's total allows.
   */
  pvCosts: Decimal;
  pvSavings: Decimal;
  pvTransfers: Decimal;
  npv: Decimal;
  /** Exact ratios (round when shown); null when there are no costs. */
  bcr: Decimal | null;
  roi: Decimal | null;
  /** Appraisal year of payback (undiscounted / discounted) and its financial-year label, or null. */
  paybackYear: number | null;
  paybackFinancialYear: string | null;
  discountedPaybackYear: number | null;
  discountedPaybackFinancialYear: string | null;
  irr: number | null;
  /** True for an agency that loses while the system gains at this horizon: the prevention penalty. */
  incentiveGap: boolean;
}

/** Options for {@link summaryRows}. */
export interface SummaryOptions {
  /** Rounding unit for money (default `"pence"`). */
  unit?: MoneyUnit;
  /** Horizons to summarise (default the appraisal's own; pass `appraisal.beforeDeals.horizons` for the view before deals). */
  horizons?: readonly HorizonResult[];
}

const MONEY = ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const;
const PARTS = ["pvCosts", "pvSavings", "pvTransfers"] as const;

/**
 * Flattens an appraisal into one row per horizon × party (every agency, then the public sector,
 * then the whole system), with
 * money rounded so that each column of agency figures **adds up exactly** to the system figure
 * (largest-remainder rounding, {@link roundSeriesConserving}); each figure is within one unit of
 * the exact value, and each row's NPV is its rounded savings − costs + transfers wherever the
 * column's total allows. The public-sector row is the sum of the public bodies' rounded rows. This
 * is what the text, CSV and Markdown tables print.
 *
 * @example
 * ```ts
 * const rows = summaryRows(appraise(model), { unit: "pounds" });
 * rows.filter((r) => r.horizon === 10 && r.party !== "system" && r.party !== "public-sector").reduce((s, r) => s.plus(r.npv), ZERO)
 *   .equals(rows.find((r) => r.horizon === 10 && r.party === "system")!.npv); // true
 * ```
 */
export function summaryRows(appraisal: Pick<Appraisal, "agencies" | "horizons" | "years">, options: SummaryOptions = {}): SummaryRow[] {
  const unit = UNIT_SIZE[options.unit ?? "pence"];
  const fy = (y: number | null) => (y === null ? null : (appraisal.years[y] ?? null));
  const out: SummaryRow[] = [];
  for (const h of options.horizons ?? appraisal.horizons) {
    const ids = appraisal.agencies.map((a) => a.id);
    const rounded = Object.fromEntries(
      PARTS.map((k) => [
        k,
        roundSeriesConserving(
          ids.map((id) => h.agencies[id]![k]),
          { unit },
        ),
      ]),
    ) as Record<(typeof MONEY)[number], Decimal[]>;
    rounded.npv = roundNpvColumn(
      ids.map((id) => h.agencies[id]!.npv),
      ids.map((_, i) => rounded.pvSavings[i]!.minus(rounded.pvCosts[i]!).plus(rounded.pvTransfers[i]!)),
      unit,
    );
    appraisal.agencies.forEach((a, i) => {
      const m = h.agencies[a.id]!;
      out.push({
        horizon: h.years,
        party: a.id,
        name: a.name,
        position: m.position,
        pvCosts: rounded.pvCosts[i]!,
        pvSavings: rounded.pvSavings[i]!,
        pvTransfers: rounded.pvTransfers[i]!,
        npv: rounded.npv[i]!,
        bcr: m.bcr,
        roi: m.roi,
        paybackYear: m.paybackYear,
        paybackFinancialYear: fy(m.paybackYear),
        discountedPaybackYear: m.discountedPaybackYear,
        discountedPaybackFinancialYear: fy(m.discountedPaybackYear),
        irr: m.irr,
        incentiveGap: isIncentiveGap(h.system.npv, m.npv, a.sector),
      });
    });
    const publicIds = appraisal.agencies.map((a, i) => ({ a, i })).filter(({ a }) => a.sector === "public");
    const part = (k: (typeof MONEY)[number]) => publicIds.reduce((sum, { i }) => sum.plus(rounded[k][i]!), ZERO);
    const ps = h.publicSector;
    out.push({
      horizon: h.years,
      party: "public-sector",
      name: "Public sector",
      position: "public-sector",
      pvCosts: part("pvCosts"),
      pvSavings: part("pvSavings"),
      pvTransfers: part("pvTransfers"),
      npv: part("npv"),
      bcr: ps.bcr,
      roi: ps.roi,
      paybackYear: ps.paybackYear,
      paybackFinancialYear: fy(ps.paybackYear),
      discountedPaybackYear: ps.discountedPaybackYear,
      discountedPaybackFinancialYear: fy(ps.discountedPaybackYear),
      irr: ps.irr,
      incentiveGap: false,
    });
    const s = h.system;
    // The system's figure is the sum of the rounded agency figures, which is the rounded sum of
    // the exact agency figures (= the rounded exact system figure), so the column adds up.
    const total = (k: (typeof MONEY)[number]) => rounded[k].reduce((a, b) => a.plus(b), ZERO);
    out.push({
      horizon: h.years,
      party: "system",
      name: "Whole system",
      position: "system",
      pvCosts: total("pvCosts"),
      pvSavings: total("pvSavings"),
      pvTransfers: total("pvTransfers"),
      npv: total("npv"),
      bcr: s.bcr,
      roi: s.roi,
      paybackYear: s.paybackYear,
      paybackFinancialYear: fy(s.paybackYear),
      discountedPaybackYear: s.discountedPaybackYear,
      discountedPaybackFinancialYear: fy(s.discountedPaybackYear),
      irr: s.irr,
      incentiveGap: false,
    });
  }
  return out;
}

/**
 * Rounds a column of NPVs like {@link roundSeriesConserving} (each value to the unit below or
 * above it, the column adding up to the rounded total), but hands the spare units first to the
 * rows where that makes the NPV equal its rounded savings − costs + transfers, and last to rows
 * where it would break that, so rows add across wherever the column allows.
 */
function roundNpvColumn(exact: readonly Decimal[], fromParts: readonly Decimal[], unit: string): Decimal[] {
  const u = new Decimal(unit);
  const floors = exact.map((v) => v.div(u).floor());
  const target = exact
    .reduce((a, b) => a.plus(b), ZERO)
    .div(u)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  let left = target.minus(floors.reduce((a, b) => a.plus(b), ZERO)).toNumber();
  const tier = (i: number) => {
    const parts = fromParts[i]!.div(u);
    return parts.equals(floors[i]!.plus(1)) ? 0 : parts.equals(floors[i]!) ? 2 : 1;
  };
  const order = exact
    .map((v, i) => ({ i, tier: tier(i), rem: v.div(u).minus(floors[i]!) }))
    .sort((a, b) => a.tier - b.tier || b.rem.comparedTo(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left -= 1;
  }
  return floors.map((f) => f.times(u));
}

/**
 * Words for a party's position in the prevention penalty.
 *
 * @example
 * ```ts
 * positionWords("investor-loses"); // "investor, loses"
 * ```
 */
export function positionWords(position: Position | "public-sector" | "system"): string {
  return {
    "investor-loses": "investor, loses",
    "investor-gains": "investor, gains",
    "investor-breaks-even": "investor, breaks even",
    payer: "payer",
    "beneficiary-gains": "beneficiary, gains",
    "beneficiary-loses": "beneficiary, loses",
    uninvolved: "not affected",
    "public-sector": "public bodies together",
    system: "whole system",
  }[position];
}
