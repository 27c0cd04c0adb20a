import { ZERO, type Decimal } from "../money";
import { financialYearLabels } from "../time";
import { discountFactors, type DiscountSchedule } from "../discount";
import { LEDGER_LIMIT, loadModel, type Model } from "../model";
import { buildLedger, type Ledger } from "../ledger";

/**
 * The unit figures programmes publish, per intervention: participants, cost per participant,
 * outcomes achieved by year and cost per outcome achieved. Costs are the cost lines that name the
 * intervention (any agency; before deals, which move money without adding cost); outcomes are
 * attributable outcomes newly achieved — net of deadweight, attribution and displacement, after
 * ramp-up and lag — counted in the year they are achieved.
 */

/** One outcome of an intervention: net outcomes achieved by year and what each cost. */
export interface OutcomeUnitMetrics {
  outcome: string;
  label: string;
  /** Attributable outcomes newly achieved in each year. */
  achieved: Decimal[];
  total: Decimal;
  /** The intervention's real cost ÷ outcomes achieved (null when none are, or so few that the quotient passes £10^24). */
  costPerOutcome: Decimal | null;
  /** The same with present values. */
  pvCostPerOutcome: Decimal | null;
}

/** Unit metrics of one intervention over the years shown. */
export interface InterventionUnitMetrics {
  intervention: string;
  name: string;
  /** People (or families, cases) starting in each year. */
  participants: Decimal[];
  totalParticipants: Decimal;
  /** Real cost of the cost lines naming the intervention, by year (undiscounted, appraisal prices). */
  costs: Decimal[];
  totalCost: Decimal;
  /** Present value of those costs (each line on its own discount schedule). */
  pvCost: Decimal;
  /** totalCost ÷ totalParticipants (null without participants, or with so few that the quotient passes £10^24). */
  costPerParticipant: Decimal | null;
  pvCostPerParticipant: Decimal | null;
  outcomes: OutcomeUnitMetrics[];
}

/** The result of {@link unitMetrics}. */
export interface UnitMetrics {
  /** Financial years covered. */
  years: string[];
  priceBase: string;
  interventions: InterventionUnitMetrics[];
  /** Real cost of cost lines that name no intervention (not in any unit cost), and its present value. */
  unattributed: { cost: Decimal; pvCost: Decimal; lines: string[] };
}

const zeros = (n: number) => Array.from({ length: n }, () => ZERO);
const total = (xs: readonly Decimal[]) => xs.reduce((a, b) => a.plus(b), ZERO);
/**
 * a ÷ b, or null when b is zero, or when b is so small (a vanishing share of a cohort) that the
 * quotient is not a sum of money the ledger could hold (beyond £10^24, `LEDGER_LIMIT`).
 */
const per = (a: Decimal, b: Decimal) => {
  if (b.isZero()) return null;
  const q = a.div(b);
  return q.abs().gt(LEDGER_LIMIT) ? null : q;
};

/**
 * Unit metrics per intervention: participants, cost per participant (real and present value),
 * net outcomes achieved by year and cost per outcome achieved. Over the whole ledger unless
 * `years` limits it (years 0..years − 1).
 *
 * @throws InvalidModelError when the input is not a valid model.
 * @example
 * ```ts
 * const u = unitMetrics(model);
 * const help = u.interventions[0]!;
 * help.totalParticipants.toString();      // "2000"
 * help.costPerParticipant?.toFixed(2);   // "3911.25" (£3,600 a family plus 5% optimism bias, and the set-up)
 * help.outcomes.find((o) => o.outcome === "custody")!.total.toFixed(2); // "28.56" (5 cohorts × 400 × 0.85 × 0.04 × 0.6 × 0.7)
 * u.unattributed.lines;                  // ["cost:evaluation"]
 * ```
 */
export function unitMetrics(input: Model | Ledger | unknown, options: { years?: number } = {}): UnitMetrics {
  const ledger: Ledger =
    typeof input === "object" && input !== null && "entries" in input && "plan" in input ? (input as Ledger) : buildLedger(loadModel(input));
  const model = ledger.plan.model;
  const n = Math.max(1, Math.min(options.years ?? ledger.years, ledger.years));
  const timing = model.appraisal.timing;
  const factors = new Map<string, Decimal[]>();
  const factorsOf = (key: string) => {
    let f = factors.get(key);
    if (!f) {
      const schedule = (key === "appraisal" ? model.appraisal.discount : ledger.schedules[key]) as DiscountSchedule;
      factors.set(key, (f = discountFactors(ledger.years - 1, schedule, { timing })));
    }
    return f;
  };
  const costs = new Map<string | null, { real: Decimal[]; pv: Decimal; lines: Set<string> }>();
  for (const e of ledger.entries) {
    if (e.line.kind !== "cost") continue;
    const key = e.line.intervention;
    let c = costs.get(key);
    if (!c) costs.set(key, (c = { real: zeros(n), pv: ZERO, lines: new Set() }));
    c.lines.add(e.line.id);
    const f = factorsOf(e.line.discount);
    for (let t = 0; t < n; t++) {
      const a = e.amounts[t];
      if (!a) continue;
      c.real[t] = c.real[t]!.minus(a);
      c.pv = c.pv.minus(a.times(f[t]!));
    }
  }
  const interventions = model.interventions.map((v): InterventionUnitMetrics => {
    const participants = (ledger.cohorts[v.id] ?? zeros(n)).slice(0, n);
    const c = costs.get(v.id) ?? { real: zeros(n), pv: ZERO, lines: new Set<string>() };
    const totalParticipants = total(participants);
    const totalCost = total(c.real);
    return {
      intervention: v.id,
      name: v.name,
      participants,
      totalParticipants,
      costs: c.real,
      totalCost,
      pvCost: c.pv,
      costPerParticipant: per(totalCost, totalParticipants),
      pvCostPerParticipant: per(c.pv, totalParticipants),
      outcomes: model.outcomes
        .filter((o) => o.intervention === v.id)
        .map((o) => {
          const achieved = (ledger.outcomes[o.id]?.produced ?? zeros(n)).slice(0, n);
          const sum = total(achieved);
          return { outcome: o.id, label: o.label ?? o.id, achieved, total: sum, costPerOutcome: per(totalCost, sum), pvCostPerOutcome: per(c.pv, sum) };
        }),
    };
  });
  const none = costs.get(null);
  return {
    years: financialYearLabels(ledger.baseYear, n - 1),
    priceBase: ledger.priceBase,
    interventions,
    unattributed: { cost: none ? total(none.real) : ZERO, pvCost: none?.pv ?? ZERO, lines: none ? [...none.lines] : [] },
  };
}
