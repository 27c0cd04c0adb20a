import type { Decimal } from "../money";
import { financialYearLabels } from "../time";
import { discountFactors, type DiscountSchedule, type Timing } from "../discount";
import { InvalidModelError, type Lens, type Model } from "../model";
import { annualFlows, buildLedger, selectRows, type AnnualFlows, type Ledger } from "../ledger";
import { applyDeals, type DealSummary, type DealtLedger } from "../deals";
import { metricsFor, type Metrics } from "./metrics";
import { fundingCliffs, incentiveGaps, positionOf, settlementView, type FundingCliff, type IncentiveGap, type Position, type SettlementView } from "./penalty";

/** Settings that override the model's own `appraisal` block for one run. */
export interface AppraiseOptions {
  horizons?: number[];
  lens?: Lens;
  cashableOnly?: boolean;
  discount?: DiscountSchedule;
  timing?: Timing;
}

/** An agency's metrics at a horizon, with its place in the prevention penalty. */
export type AgencyMetrics = Metrics & { position: Position };

/** Everything measured at one horizon (years 0..years). */
export interface HorizonResult {
  years: number;
  system: Metrics;
  agencies: Record<string, AgencyMetrics>;
}

/** One agency's identity and its view within its settlement cycle. */
export interface AgencySummary {
  id: string;
  name: string;
  kind: string | null;
  settlement: SettlementView;
}

/** The result of {@link appraise}: exact figures for the system and every agency at every horizon. */
export interface Appraisal {
  title: string;
  baseYear: string;
  priceBase: string;
  lens: Lens;
  cashableOnly: boolean;
  discount: DiscountSchedule;
  timing: Timing;
  /** Financial-year labels of appraisal years 0..N. */
  years: string[];
  discountFactors: Decimal[];
  agencies: AgencySummary[];
  horizons: HorizonResult[];
  incentiveGaps: IncentiveGap[];
  fundingCliffs: FundingCliff[];
  /** Undiscounted yearly flows under the chosen lens, for tables and charts. */
  annual: { system: AnnualFlows; agencies: Record<string, AnnualFlows> };
  /** The same figures without the model's deals (null when it has none): each party before and after. */
  beforeDeals: { horizons: HorizonResult[]; incentiveGaps: IncentiveGap[]; annual: { system: AnnualFlows; agencies: Record<string, AnnualFlows> } } | null;
  /** What each deal moved between parties, in order. */
  deals: DealSummary[];
  /** The model's assumptions register. */
  notes: string[];
}

function checkOptions(options: AppraiseOptions, years: number): void {
  const errors = (options.horizons ?? []).flatMap((h, i) =>
    Number.isInteger(h) && h >= 0 && h <= years ? [] : [{ path: `options.horizons[${i}]`, message: `expected a whole number of years from 0 to ${years}, got ${h}` }],
  );
  if (options.lens !== undefined && !["fiscal", "economic", "social"].includes(options.lens)) {
    errors.push({ path: "options.lens", message: `expected "fiscal", "economic" or "social", got ${JSON.stringify(options.lens)}` });
  }
  if (errors.length) throw new InvalidModelError(errors);
}

/**
 * Appraises a ledger (see {@link appraise}); use this to appraise the same ledger several ways
 * without rebuilding it.
 *
 * @example
 * ```ts
 * const fiscal = appraiseLedger(ledger);
 * const social = appraiseLedger(ledger, { lens: "social" });
 * social.horizons[2].system.npv.minus(fiscal.horizons[2].system.npv).toFixed(0); // "2332584"
 * ```
 */
export function appraiseLedger(ledger: Ledger, options: AppraiseOptions = {}): Appraisal {
  const model: Model = ledger.model;
  checkOptions(options, ledger.years);
  const a = model.appraisal;
  const lens = options.lens ?? a.lens;
  const cashableOnly = options.cashableOnly ?? a.cashableOnly;
  const discount = (options.discount ?? a.discount) as DiscountSchedule;
  const timing = options.timing ?? a.timing;
  const horizons = [...new Set(options.horizons ?? a.horizons)].sort((x, y) => x - y);
  const factors = discountFactors(ledger.years, discount, { timing });
  const ids = model.agencies.map((x) => x.id);
  const years = financialYearLabels(ledger.baseYear, ledger.years);

  const measure = (all: Ledger["rows"]) => {
    const rows = selectRows(all, { lens, cashableOnly });
    const annual = annualFlows(rows, ids, ledger.years);
    const results: HorizonResult[] = horizons.map((h) => ({
      years: h,
      system: metricsFor(annual.system, factors, h),
      agencies: Object.fromEntries(
        ids.map((id) => {
          const m = metricsFor(annual.agencies[id]!, factors, h);
          return [id, { ...m, position: positionOf(m) }];
        }),
      ),
    }));
    return { rows, annual, results };
  };

  const base = "beforeDeals" in ledger ? (ledger as DealtLedger).beforeDeals : ledger;
  const dealt: DealtLedger | null = "beforeDeals" in ledger ? (ledger as DealtLedger) : model.deals.length ? applyDeals(ledger) : null;
  const after = measure(dealt ? dealt.rows : ledger.rows);
  const before = dealt ? measure(base.rows) : null;
  return {
    title: model.title,
    baseYear: a.baseYear,
    priceBase: a.priceBase,
    lens,
    cashableOnly,
    discount,
    timing,
    years,
    discountFactors: factors,
    agencies: model.agencies.map((ag) => ({
      id: ag.id,
      name: ag.name,
      kind: ag.kind ?? null,
      settlement: settlementView(ag, after.annual.agencies[ag.id]!, factors),
    })),
    horizons: after.results,
    incentiveGaps: incentiveGaps(after.results),
    fundingCliffs: fundingCliffs(model, after.rows, factors, years),
    annual: after.annual,
    beforeDeals: before ? { horizons: before.results, incentiveGaps: incentiveGaps(before.results), annual: before.annual } : null,
    deals: dealt ? dealt.deals : [],
    notes: model.notes,
  };
}

/**
 * Appraises a model: for each horizon, the system's and every agency's PV costs, PV savings,
 * NPV, BCR, ROI, payback years and IRR; the prevention penalty (who invests and loses, who
 * gains), incentive gaps with the transfer that would close each, every agency's view inside its
 * settlement cycle, and funding cliffs. Year 0 is undiscounted; Green Book STPR by default.
 *
 * Accepts a parsed model or raw input (a JSON string or object), which is validated first.
 *
 * @throws InvalidModelError listing every problem (with JSON paths) when the input is invalid.
 * @example
 * ```ts
 * const result = appraise(model, { horizons: [1, 5, 10] });
 * result.horizons[2].agencies.council.npv.toFixed(0); // "-1480748" (the council's 10-year NPV)
 * result.horizons[2].system.npv.toFixed(0);          // "3980078" (the system's)
 * ```
 */
export function appraise(input: Model | unknown, options: AppraiseOptions = {}): Appraisal {
  return appraiseLedger(buildLedger(input), options);
}

/**
 * The same model under every lens: fiscal, economic, social, and fiscal cashable-only.
 *
 * @example
 * ```ts
 * const lenses = appraiseLenses(model);
 * lenses.social.horizons[0].system.npv.gte(lenses.fiscal.horizons[0].system.npv); // true (the social lens counts more)
 * ```
 */
export function appraiseLenses(input: Model | unknown, options: Omit<AppraiseOptions, "lens" | "cashableOnly"> = {}): Record<"fiscal" | "economic" | "social" | "cashable", Appraisal> {
  const ledger = buildLedger(input);
  return {
    fiscal: appraiseLedger(ledger, { ...options, lens: "fiscal", cashableOnly: false }),
    economic: appraiseLedger(ledger, { ...options, lens: "economic", cashableOnly: false }),
    social: appraiseLedger(ledger, { ...options, lens: "social", cashableOnly: false }),
    cashable: appraiseLedger(ledger, { ...options, lens: "fiscal", cashableOnly: true }),
  };
}
