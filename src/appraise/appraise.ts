import type { Decimal } from "../money";
import { financialYearLabels } from "../time";
import { discountFactors, type DiscountSchedule, type Timing } from "../discount";
import { InvalidModelError, rangeIssues, ScheduleSchema, type Lens, type Model, type Sector } from "../model";
import { annualFlows, buildLedger, selectEntries, type AnnualFlows, type FactorsBySchedule, type Ledger, type PartyFlows } from "../ledger";
import { applyDeals, type DealSummary, type DealtLedger } from "../deals";
import { metricsAtHorizons, type Metrics } from "./metrics";
import { fundingCliffs, incentiveGaps, positionOf, settlementView, type FundingCliff, type IncentiveGap, type Position, type SettlementView } from "./penalty";

/** Settings that override the model's own `appraisal` block for one run. */
export interface AppraiseOptions {
  /** Horizons in years: 5 covers appraisal years 0..4. */
  horizons?: number[];
  lens?: Lens;
  cashableOnly?: boolean;
  /** Replaces the appraisal's discount schedule (lines with their own `discount` keep theirs). */
  discount?: DiscountSchedule;
  timing?: Timing;
}

/** An agency's metrics at a horizon, with its place in the prevention penalty. */
export type AgencyMetrics = Metrics & { position: Position };

/** Everything measured at one horizon: its first `years` financial years (0..years − 1). */
export interface HorizonResult {
  years: number;
  /** First and last financial year covered, e.g. "2025-26" and "2029-30". */
  from: string;
  to: string;
  /** In words: "5 years (2025-26 to 2029-30)". */
  label: string;
  /** Society: every party (the Green Book's NPSV under the social lens). Transfers net to zero. */
  system: Metrics;
  /** The public sector (Exchequer): public bodies only. */
  publicSector: Metrics;
  agencies: Record<string, AgencyMetrics>;
}

/** One agency's identity and its view within its settlement cycle. */
export interface AgencySummary {
  id: string;
  name: string;
  kind: string | null;
  sector: Sector;
  settlement: SettlementView;
}

/** A discount schedule used by some lines, with its factors for years 0..n − 1. */
export interface ScheduleUse {
  key: string;
  schedule: DiscountSchedule;
  factors: Decimal[];
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
  /** Financial-year labels of appraisal years 0..n − 1. */
  years: string[];
  /** Factors of the appraisal's own schedule, years 0..n − 1. */
  discountFactors: Decimal[];
  /** Every schedule lines use ("appraisal" first), with its factors. */
  schedules: ScheduleUse[];
  agencies: AgencySummary[];
  horizons: HorizonResult[];
  incentiveGaps: IncentiveGap[];
  fundingCliffs: FundingCliff[];
  /** Yearly flows under the chosen lens (real terms, and each year's present value), for tables and charts. */
  annual: PartyFlows;
  /** The same figures without the model's deals (null when it has none): each party before and after. */
  beforeDeals: { horizons: HorizonResult[]; incentiveGaps: IncentiveGap[]; annual: PartyFlows } | null;
  /** What each deal moved between parties, in order. */
  deals: DealSummary[];
  /** The model's assumptions register. */
  notes: string[];
}

function checkOptions(options: AppraiseOptions, years: number, model: Model): void {
  const errors = (options.horizons ?? []).flatMap((h, i) =>
    Number.isInteger(h) && h >= 1 && h <= years
      ? []
      : [{ path: `options.horizons[${i}]`, message: `expected a whole number of years from 1 to ${years}, got ${h}` }],
  );
  if (options.lens !== undefined && !["fiscal", "economic", "social"].includes(options.lens)) {
    errors.push({ path: "options.lens", message: `expected "fiscal", "economic" or "social", got ${JSON.stringify(options.lens)}` });
  }
  if (options.discount !== undefined) {
    // A discount schedule given here is checked as the model's own would be: its shape, and
    // that discounting at it keeps the figures within the range the ledger holds exactly.
    const shape = ScheduleSchema.safeParse(options.discount);
    if (!shape.success)
      errors.push({
        path: "options.discount",
        message: 'expected "stpr", "stpr-health", { rate } with a rate above −1, or a list of { fromYear, rate } bands',
      });
    else {
      const range = rangeIssues({ ...model, appraisal: { ...model.appraisal, discount: shape.data } });
      errors.push(...range.map((e) => ({ path: "options.discount", message: e.message })));
    }
  }
  if (errors.length) throw new InvalidModelError(errors);
}

/**
 * Names a horizon in words: "5 years (2025-26 to 2029-30)".
 *
 * @example
 * ```ts
 * horizonLabel(5, financialYearLabels("2025-26", 9)); // "5 years (2025-26 to 2029-30)"
 * horizonLabel(1, ["2025-26"]);                      // "1 year (2025-26)"
 * ```
 */
export function horizonLabel(years: number, labels: readonly string[]): string {
  const from = labels[0] ?? "";
  const to = labels[years - 1] ?? "";
  return years === 1 ? `1 year (${from})` : `${years} years (${from} to ${to})`;
}

/** How an appraisal of a ledger counts and discounts: the options over the model's own `appraisal` block. */
export interface AppraisalBasis {
  lens: Lens;
  cashableOnly: boolean;
  discount: DiscountSchedule;
  timing: Timing;
  /** Horizons in years, ascending, each once. */
  horizons: number[];
  /** Every schedule the ledger's lines use, with its factors for years 0..n − 1. */
  schedules: ScheduleUse[];
  factors: FactorsBySchedule;
  /** Financial-year labels of years 0..n − 1. */
  years: string[];
}

/**
 * The basis an appraisal of `ledger` with `options` uses (what {@link appraiseLedger} counts
 * and how it discounts). Solvers use it to value a deal's payments the way the appraisal would.
 *
 * @throws InvalidModelError for horizons outside the ledger or an unknown lens.
 * @example
 * ```ts
 * const basis = appraisalBasis(ledger, { discount: { rate: 0 } });
 * basis.factors.appraisal.every((f) => f.eq(1)); // true (undiscounted)
 * ```
 */
export function appraisalBasis(ledger: Ledger, options: AppraiseOptions = {}): AppraisalBasis {
  checkOptions(options, ledger.years, ledger.plan.model);
  const a = ledger.plan.model.appraisal;
  const discount = (options.discount ?? a.discount) as DiscountSchedule;
  const timing = options.timing ?? a.timing;
  const last = ledger.years - 1;
  const schedules: ScheduleUse[] = Object.entries(ledger.schedules).map(([key, schedule]) => {
    const s = key === "appraisal" ? discount : schedule;
    return { key, schedule: s, factors: discountFactors(last, s, { timing }) };
  });
  return {
    lens: options.lens ?? a.lens,
    cashableOnly: options.cashableOnly ?? a.cashableOnly,
    discount,
    timing,
    horizons: [...new Set(options.horizons ?? a.horizons)].sort((x, y) => x - y),
    schedules,
    factors: Object.fromEntries(schedules.map((u) => [u.key, u.factors])),
    years: financialYearLabels(ledger.baseYear, last),
  };
}

/**
 * Appraises a ledger (see {@link appraise}); use this to appraise the same ledger several ways
 * without rebuilding it.
 *
 * @example
 * ```ts
 * const fiscal = appraiseLedger(ledger);
 * const social = appraiseLedger(ledger, { lens: "social" });
 * social.horizons[2].system.npv.minus(fiscal.horizons[2].system.npv).toFixed(0); // "4915143"
 * ```
 */
export function appraiseLedger(ledger: Ledger, options: AppraiseOptions = {}): Appraisal {
  const plan = ledger.plan;
  const model: Model = plan.model;
  const a = model.appraisal;
  const { lens, cashableOnly, discount, timing, horizons, schedules, factors, years } = appraisalBasis(ledger, options);

  const measure = (all: Ledger["entries"]) => {
    const entries = selectEntries(all, { lens, cashableOnly });
    const annual = annualFlows(entries, plan.agencies, ledger.years, factors);
    const at = (flows: AnnualFlows) => metricsAtHorizons(flows, horizons);
    const system = at(annual.system);
    const publicSector = at(annual.publicSector);
    const agencies = plan.agencies.map(({ id }) => at(annual.agencies[id]!));
    const results: HorizonResult[] = horizons.map((h, k) => ({
      years: h,
      from: years[0]!,
      to: years[h - 1]!,
      label: horizonLabel(h, years),
      system: system[k]!,
      publicSector: publicSector[k]!,
      agencies: Object.fromEntries(
        plan.agencies.map(({ id }, i) => {
          const m = agencies[i]![k]!;
          return [id, { ...m, position: positionOf(m) }];
        }),
      ),
    }));
    return { entries, annual, results };
  };

  const base = "beforeDeals" in ledger ? (ledger as DealtLedger).beforeDeals : ledger;
  const dealt: DealtLedger | null = "beforeDeals" in ledger ? (ledger as DealtLedger) : model.deals.length ? applyDeals(ledger) : null;
  const after = measure(dealt ? dealt.entries : ledger.entries);
  const before = dealt ? measure(base.entries) : null;
  return {
    title: model.title,
    baseYear: a.baseYear,
    priceBase: a.priceBase,
    lens,
    cashableOnly,
    discount,
    timing,
    years,
    discountFactors: factors.appraisal as Decimal[],
    schedules,
    agencies: plan.agencies.map((ag) => ({
      id: ag.id,
      name: ag.name,
      kind: ag.kind,
      sector: ag.sector,
      settlement: settlementView(ag, after.annual.agencies[ag.id]!),
    })),
    horizons: after.results,
    incentiveGaps: incentiveGaps(after.results, plan.agencies),
    fundingCliffs: fundingCliffs(plan, after.entries, factors, years),
    annual: after.annual,
    beforeDeals: before ? { horizons: before.results, incentiveGaps: incentiveGaps(before.results, plan.agencies), annual: before.annual } : null,
    deals: dealt ? dealt.deals : [],
    notes: model.notes,
  };
}

/**
 * Appraises a model: for each horizon (N years = the first N financial years), the whole
 * system's (society's), the public sector's and every agency's PV costs, PV savings, PV
 * transfers, NPV, BCR, ROI, payback years and IRR; the prevention penalty (who invests and loses, who
 * gains), incentive gaps with the transfer that would close each, every agency's view inside its
 * settlement cycle, and funding cliffs. Year 0 is undiscounted; Green Book STPR by default.
 *
 * Accepts a parsed model or raw input (a JSON string or object), which is validated first.
 *
 * @throws InvalidModelError listing every problem (with JSON paths) when the input is invalid.
 * @example
 * ```ts
 * const result = appraise(model, { horizons: [1, 5, 10] });
 * result.horizons[2].label;                          // "10 years (2025-26 to 2034-35)"
 * result.horizons[2].agencies.council.npv.toFixed(0); // "-1480748" (the council's 10-year NPV)
 * result.horizons[2].publicSector.npv.toFixed(0);    // "3980078" (the public bodies together)
 * result.horizons[2].system.npv.toFixed(0);          // "1397519" (society: benefits and tax the households lose net out)
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
export function appraiseLenses(
  input: Model | unknown,
  options: Omit<AppraiseOptions, "lens" | "cashableOnly"> = {},
): Record<"fiscal" | "economic" | "social" | "cashable", Appraisal> {
  const ledger = buildLedger(input);
  return {
    fiscal: appraiseLedger(ledger, { ...options, lens: "fiscal", cashableOnly: false }),
    economic: appraiseLedger(ledger, { ...options, lens: "economic", cashableOnly: false }),
    social: appraiseLedger(ledger, { ...options, lens: "social", cashableOnly: false }),
    cashable: appraiseLedger(ledger, { ...options, lens: "fiscal", cashableOnly: true }),
  };
}
