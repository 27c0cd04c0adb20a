import { ZERO, type Decimal } from "../money";
import type { AnnualFlows, FactorsBySchedule, LedgerEntry, Plan, PlanAgency } from "../ledger";
import { paybackYear } from "../metrics";
import type { Metrics } from "./metrics";

/**
 * Where a party stands in the prevention penalty at a horizon:
 * - an `investor` bears costs of the interventions and `gains`, `loses` or `breaks-even`;
 * - a `payer` bears no costs and receives no savings but pays money out (a commissioner paying
 *   on results, an outcomes fund, a funder's grant, a household losing benefit payments);
 * - a `beneficiary` receives savings (or money from a deal) without bearing costs, and gains or,
 *   when it passes on more than it saves, loses;
 * - `uninvolved` otherwise.
 */
export type Position = "investor-loses" | "investor-gains" | "investor-breaks-even" | "payer" | "beneficiary-gains" | "beneficiary-loses" | "uninvolved";

/**
 * Classifies a party's metrics.
 *
 * @example
 * ```ts
 * positionOf({ pvCosts: new Decimal(10), pvSavings: new Decimal(0), pvTransfers: new Decimal(0), npv: new Decimal(-4) }); // "investor-loses"
 * positionOf({ pvCosts: new Decimal(0), pvSavings: new Decimal(0), pvTransfers: new Decimal(-5), npv: new Decimal(-5) }); // "payer"
 * ```
 */
export function positionOf(m: Pick<Metrics, "pvCosts" | "pvSavings" | "pvTransfers" | "npv">): Position {
  if (m.pvCosts.gt(0)) return m.npv.gt(0) ? "investor-gains" : m.npv.lt(0) ? "investor-loses" : "investor-breaks-even";
  if (!m.pvSavings.gt(0) && m.pvTransfers.lt(0)) return "payer";
  if (m.npv.gt(0)) return "beneficiary-gains";
  if (m.npv.lt(0)) return "beneficiary-loses";
  return "uninvolved";
}

/** An agency that loses while the system gains, at one horizon, and what would close the gap. */
export interface IncentiveGap {
  horizon: number;
  agency: string;
  agencyNpv: Decimal;
  /** Society's NPV at this horizon (positive: the system gains). */
  systemNpv: Decimal;
  /** The public sector's NPV at this horizon. */
  publicSectorNpv: Decimal | null;
  /** Smallest present-value transfer to the agency that brings it to break-even (= −agencyNpv). */
  transferNeeded: Decimal;
  /** Organisations with NPV > 0 at this horizon, who could fund the transfer. */
  gainers: string[];
  /**
   * transferNeeded as a share of the gainers' PV savings, counting transfers they gain (benefits
   * not paid, tax received) as deals do: the gainshare rate that would close the gap; null when
   * they have none.
   */
  shareOfGainersSavings: Decimal | null;
}

/**
 * The incentive-gap rule: society gains while this organisation loses. Households are not budget
 * holders who could strike or fund a deal, so they never count.
 *
 * @example
 * ```ts
 * isIncentiveGap(new Decimal(5), new Decimal(-1), "public");     // true
 * isIncentiveGap(new Decimal(5), new Decimal(-1), "households"); // false
 * ```
 */
export function isIncentiveGap(systemNpv: Decimal, agencyNpv: Decimal, sector: string): boolean {
  return systemNpv.gt(0) && agencyNpv.lt(0) && sector !== "households";
}

/**
 * Finds incentive gaps: at each horizon where the whole system's (society's) NPV is positive,
 * every organisation whose own NPV is negative, with the transfer that would bring it to zero.
 * Organisations are public bodies, businesses and third-sector bodies: households are not budget
 * holders who could strike or fund a deal, so they are never counted as gaps or gainers (their
 * positions are still reported).
 *
 * @example
 * ```ts
 * incentiveGaps(result.horizons, ledger.plan.agencies).map((g) => `${g.agency} needs ${g.transferNeeded.toFixed(0)} at ${g.horizon}y`);
 * // ["council needs 1480748 at 10y"]
 * ```
 */
export function incentiveGaps(
  horizons: readonly { years: number; system: Metrics; publicSector?: Metrics; agencies: Record<string, Metrics> }[],
  parties: readonly { id: string; sector: string }[],
): IncentiveGap[] {
  const gaps: IncentiveGap[] = [];
  const organisations = new Set(parties.filter((p) => p.sector !== "households").map((p) => p.id));
  for (const h of horizons) {
    if (!h.system.npv.gt(0)) continue;
    const entries = Object.entries(h.agencies).filter(([id]) => organisations.has(id));
    const gainers = entries.filter(([, m]) => m.npv.gt(0));
    const gainerSavings = gainers.reduce((s, [, m]) => s.plus(m.pvSavings).plus(m.pvTransfers.isPositive() ? m.pvTransfers : ZERO), ZERO);
    for (const [id, m] of entries) {
      if (!isIncentiveGap(h.system.npv, m.npv, "organisation")) continue;
      const need = m.npv.neg();
      gaps.push({
        horizon: h.years,
        agency: id,
        agencyNpv: m.npv,
        systemNpv: h.system.npv,
        publicSectorNpv: h.publicSector?.npv ?? null,
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
 * Measures an agency against its settlement cycle: what it sees inside the budget period (its
 * first `settlementYears` years, the same counting as a horizon), and whether its payback falls
 * inside it.
 *
 * @example
 * ```ts
 * const view = settlementView(ledger.plan.agencies[0], result.annual.agencies.council);
 * view.npvInSettlement.toFixed(0); // "-1834500" (the council's one-year settlement sees only year 0)
 * view.paybackInSettlement;        // false
 * ```
 */
export function settlementView(agency: Pick<PlanAgency, "settlementYears">, flows: AnnualFlows): SettlementView {
  const n = Math.min(agency.settlementYears, flows.net.length);
  let npv = ZERO;
  for (let t = 0; t < n; t++) npv = npv.plus(flows.pv.net[t]!);
  const payback = paybackYear(flows.net);
  return {
    years: agency.settlementYears,
    npvInSettlement: npv,
    paybackYear: payback,
    paybackInSettlement: payback !== null && payback < agency.settlementYears,
  };
}

/** Time-limited funding that stops before the savings it pays for have matured. */
export interface FundingCliff {
  agency: string;
  budget: string;
  /** Last funded appraisal year, and its financial-year label. */
  fundingEndsYear: number;
  fundingEndsFinancialYear: string;
  /** Interventions with costs charged to this budget, and those whose cohorts are drawn from them. */
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
 * with when the interventions it pays for mature. An intervention whose cohort is drawn from a
 * funded one (`cohort: { from }`) counts as funded too: its results exist because of the money.
 * It is measured for the whole system: savings are resource savings, and transfers between
 * parties (cost shunts, benefits not paid) net out.
 *
 * @example
 * ```ts
 * const cliffs = fundingCliffs(ledger.plan, selectEntries(ledger.entries), { appraisal: discountFactors(9) }, result.years);
 * cliffs.map((c) => [c.budget, c.fundingEndsFinancialYear, c.systemDiscountedPaybackYear, c.cliff]);
 * // [["families-grant", "2027-28", 5, true]]
 * ```
 */
export function fundingCliffs(
  plan: Pick<Plan, "agencies" | "interventions">,
  entries: readonly LedgerEntry[],
  factors: FactorsBySchedule,
  labels: readonly string[],
): FundingCliff[] {
  const out: FundingCliff[] = [];
  const years = labels.length;
  for (const agency of plan.agencies) {
    for (const budget of agency.budgets) {
      if (budget.fundingEndsYear === null) continue;
      const end = budget.fundingEndsYear;
      const funded = new Set(
        entries.flatMap((e) =>
          e.line.agency === agency.id && e.line.budget === budget.id && e.line.kind === "cost" && e.line.intervention !== null ? [e.line.intervention] : [],
        ),
      );
      if (funded.size === 0) continue;
      // Interventions fed (directly or through others) by a funded one.
      for (let grew = true; grew; ) {
        grew = false;
        for (const [id, v] of Object.entries(plan.interventions)) {
          if (v.from !== null && funded.has(v.from) && !funded.has(id)) {
            funded.add(id);
            grew = true;
          }
        }
      }
      // A transfer's two sides cancel for the whole system, so only costs and savings count.
      const mine = entries.filter((e) => e.line.intervention !== null && funded.has(e.line.intervention) && e.line.kind !== "transfer");
      let costsAfter = ZERO;
      let savingsAfter = ZERO;
      let savingsAll = ZERO;
      const net = labels.map(() => ZERO);
      for (const e of mine) {
        const f = factors[e.line.discount]!;
        for (let t = 0; t < years; t++) {
          const v = e.amounts[t];
          if (!v) continue;
          const pv = v.times(f[t]!);
          net[t] = net[t]!.plus(pv);
          if (e.line.kind === "saving") {
            savingsAll = savingsAll.plus(pv);
            if (t > end) savingsAfter = savingsAfter.plus(pv);
          } else if (t > end) costsAfter = costsAfter.minus(pv);
        }
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
