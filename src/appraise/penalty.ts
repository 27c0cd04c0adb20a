import { ZERO, type Decimal } from "../money";
import type { Agency, Model } from "../model";
import type { AnnualFlows, LedgerRow } from "../ledger";
import { paybackYear } from "../metrics";
import type { Metrics } from "./metrics";

/**
 * Where a party stands in the prevention penalty at a horizon:
 * an `investor` bears costs, a `beneficiary` bears none but receives savings or transfers;
 * each either `gains` (NPV > 0), `loses` (NPV < 0) or breaks even.
 */
export type Position =
  | "investor-loses"
  | "investor-gains"
  | "investor-breaks-even"
  | "beneficiary-gains"
  | "beneficiary-loses"
  | "uninvolved";

/**
 * Classifies a party's metrics.
 *
 * @example
 * ```ts
 * positionOf({ pvCosts: new Decimal(10), npv: new Decimal(-4) } as Metrics); // "investor-loses"
 * ```
 */
export function positionOf(m: Pick<Metrics, "pvCosts" | "pvSavings" | "pvTransfers" | "npv">): Position {
  if (m.pvCosts.gt(0)) return m.npv.gt(0) ? "investor-gains" : m.npv.lt(0) ? "investor-loses" : "investor-breaks-even";
  if (m.npv.gt(0)) return "beneficiary-gains";
  if (m.npv.lt(0)) return "beneficiary-loses";
  return "uninvolved";
}

/** An agency that loses while the system gains, at one horizon, and what would close the gap. */
export interface IncentiveGap {
  horizon: number;
  agency: string;
  agencyNpv: Decimal;
  systemNpv: Decimal;
  /** Smallest present-value transfer to the agency that brings it to break-even (= −agencyNpv). */
  transferNeeded: Decimal;
  /** Agencies with NPV > 0 at this horizon, who could fund the transfer. */
  gainers: string[];
  /** transferNeeded as a share of the gainers' PV savings: the gainshare rate that would close the gap; null when they have none. */
  shareOfGainersSavings: Decimal | null;
}

/**
 * Finds incentive gaps: at each horizon where the system NPV is positive, every agency whose own
 * NPV is negative, with the transfer that would bring it to zero.
 *
 * @example
 * ```ts
 * incentiveGaps(result.horizons).map((g) => `${g.agency} needs ${g.transferNeeded.toFixed(0)} at ${g.horizon}y`);
 * // ["council needs 2676145 at 5y", "council needs 1480748 at 10y"]
 * ```
 */
export function incentiveGaps(horizons: readonly { years: number; system: Metrics; agencies: Record<string, Metrics> }[]): IncentiveGap[] {
  const gaps: IncentiveGap[] = [];
  for (const h of horizons) {
    if (!h.system.npv.gt(0)) continue;
    const entries = Object.entries(h.agencies);
    const gainers = entries.filter(([, m]) => m.npv.gt(0));
    const gainerSavings = gainers.reduce((s, [, m]) => s.plus(m.pvSavings), ZERO);
    for (const [id, m] of entries) {
      if (!m.npv.lt(0)) continue;
      const need = m.npv.neg();
      gaps.push({
        horizon: h.years,
        agency: id,
        agencyNpv: m.npv,
        systemNpv: h.system.npv,
        transferNeeded: need,
        gainers: gainers.map(([g]) => g),
        shareOfGainersSavings: gainerSavings.gt(0) ? need.div(gainerSavings) : null,
      });
    }
  }
  return gaps;
}

/** An agency's view within its own budget settlement. */
export interface SettlementView {
  /** Settlement length in years (years 0..years − 1 are inside it). */
  years: number;
  /** The agency's NPV counting only years inside its settlement. */
  npvInSettlement: Decimal;
  /** Payback year over the whole appraisal, or null. */
  paybackYear: number | null;
  /** Does the agency's own money come back inside its settlement? */
  paybackInSettlement: boolean;
}

/**
 * Measures an agency against its settlement cycle: what it sees inside the budget period, and
 * whether its payback falls inside it.
 *
 * @example
 * ```ts
 * const view = settlementView(model.agencies[0], flows.agencies.council, result.discountFactors);
 * view.npvInSettlement.toFixed(0); // "-1834500" (the council's one-year settlement sees only year 0)
 * view.paybackInSettlement;        // false
 * ```
 */
export function settlementView(agency: Agency, flows: AnnualFlows, factors: readonly Decimal[]): SettlementView {
  const last = Math.min(agency.settlementYears - 1, flows.net.length - 1);
  let npv = ZERO;
  for (let t = 0; t <= last; t++) npv = npv.plus(flows.net[t]!.times(factors[t]!));
  const payback = paybackYear(flows.net);
  return { years: agency.settlementYears, npvInSettlement: npv, paybackYear: payback, paybackInSettlement: payback !== null && payback <= agency.settlementYears - 1 };
}

/** Time-limited funding that stops before the savings it pays for have matured. */
export interface FundingCliff {
  agency: string;
  budget: string;
  /** Last funded appraisal year, and its financial-year label. */
  fundingEndsYear: number;
  fundingEndsFinancialYear: string;
  /** Interventions with costs charged to this budget. */
  interventions: string[];
  /** PV of those interventions' costs falling after the funding ends (who pays for them?). */
  pvCostsAfterEnd: Decimal;
  /** PV of those interventions' savings (all agencies) arising after the funding ends. */
  pvSavingsAfterEnd: Decimal;
  /** pvSavingsAfterEnd as a share of those interventions' PV savings; null when there are none. */
  shareOfSavingsAfterEnd: Decimal | null;
  /** Discounted payback year of those interventions for the whole system, or null. */
  systemDiscountedPaybackYear: number | null;
  /** True when funding ends before the system's discounted payback (or it never pays back). */
  cliff: boolean;
}

/**
 * Finds funding cliffs: for each budget with a `fundingEndsYear`, compares the end of funding
 * with when the interventions it pays for mature.
 *
 * @example
 * ```ts
 * const cliffs = fundingCliffs(model, selectRows(ledger.rows), result.discountFactors, result.years);
 * cliffs.map((c) => [c.budget, c.fundingEndsFinancialYear, c.systemDiscountedPaybackYear, c.cliff]);
 * // [["families-grant", "2027-28", 5, true]]
 * ```
 */
export function fundingCliffs(model: Model, rows: readonly LedgerRow[], factors: readonly Decimal[], labels: readonly string[]): FundingCliff[] {
  const out: FundingCliff[] = [];
  for (const agency of model.agencies) {
    for (const budget of agency.budgets) {
      if (budget.fundingEndsYear === undefined) continue;
      const end = budget.fundingEndsYear;
      const funded = new Set(
        rows.filter((r) => r.agency === agency.id && r.budget === budget.id && r.kind === "cost" && r.intervention).map((r) => r.intervention!),
      );
      if (funded.size === 0) continue;
      const mine = rows.filter((r) => r.intervention !== null && funded.has(r.intervention) && r.kind !== "transfer" && r.year < factors.length);
      let costsAfter = ZERO;
      let savingsAfter = ZERO;
      let savingsAll = ZERO;
      const net = factors.map(() => ZERO);
      for (const r of mine) {
        const pv = r.amount.times(factors[r.year]!);
        net[r.year] = net[r.year]!.plus(pv);
        if (r.kind === "saving") {
          savingsAll = savingsAll.plus(pv);
          if (r.year > end) savingsAfter = savingsAfter.plus(pv);
        } else if (r.year > end) costsAfter = costsAfter.minus(pv);
      }
      const payback = paybackYear(net);
      out.push({
        agency: agency.id,
        budget: budget.id,
        fundingEndsYear: end,
        fundingEndsFinancialYear: labels[end] ?? String(end),
        interventions: [...funded].sort(),
        pvCostsAfterEnd: costsAfter,
        pvSavingsAfterEnd: savingsAfter,
        shareOfSavingsAfterEnd: savingsAll.isZero() ? null : savingsAfter.div(savingsAll),
        systemDiscountedPaybackYear: payback,
        cliff: payback === null || payback > end,
      });
    }
  }
  return out;
}
