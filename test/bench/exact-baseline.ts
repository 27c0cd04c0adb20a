/**
 * The baseline for `appraise_ratio_vs_decimal_loop`: a hand-written Decimal loop that computes the
 * same present values as `appraise` for one model shape — the generated benchmark model of
 * test/bench/models.ts (`sizedModel`: per-participant costs, outcomes with a lag, persistence and
 * drop-off, each valued for two agencies, one of them non-cashable with a realisation rate) — at
 * the same 40 significant digits, with decimal.js used directly.
 *
 * It shares no code with the library: it reads the raw model input, builds cohorts, active
 * outcomes and yearly sums per agency with its own loops, discounts with its own running product
 * of Green Book STPR factors (3.5% over these ten years), and holds amounts to the ledger's 12
 * decimal places the way the ledger documents it. It is what a careful analyst would write for
 * this one model: no ledger rows, no positions, no payback or IRR.
 */
import DecimalJs from "decimal.js";
import type { ModelInput } from "../../src";

const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const ZERO = new D(0);
const ONE = new D(1);
const q = (d: Dec) => (d.decimalPlaces() > 12 ? d.toDecimalPlaces(12, DecimalJs.ROUND_HALF_EVEN) : d);

/** Present values per party at each horizon: [pvCosts, pvSavings, npv] for each agency, then the system. */
export interface BaselinePvs {
  agencies: Record<string, { pvCosts: Dec[]; pvSavings: Dec[]; npv: Dec[] }>;
  system: { pvCosts: Dec[]; pvSavings: Dec[]; npv: Dec[] };
}

/** Computes the benchmark model's PVs by hand (the shape `sizedModel` generates; fiscal lens). */
export function baselinePvs(model: ModelInput): BaselinePvs {
  const years = model.appraisal.years!;
  const horizons = model.appraisal.horizons!;
  // Green Book STPR: 3.5% a year for years 1..30 (these models are 10 years long).
  const df: Dec[] = [ONE];
  const step = new D("1.035");
  for (let t = 1; t < years; t++) df.push(df[t - 1]!.div(step));

  const agencies = model.agencies.map((a) => a.id);
  const index = new Map(agencies.map((id, i) => [id, i]));
  const costs: Dec[][] = agencies.map(() => Array.from({ length: years }, () => ZERO));
  const savings: Dec[][] = agencies.map(() => Array.from({ length: years }, () => ZERO));

  // Cohorts by intervention: a fixed number starting in each delivery year.
  const cohorts = new Map<string, Dec[]>();
  for (const v of model.interventions ?? []) {
    const c: Dec[] = Array.from({ length: years }, () => ZERO);
    const size = new D(v.cohort as number);
    for (let t = v.startYear ?? 0; t <= Math.min(v.endYear ?? years - 1, years - 1); t++) c[t] = size;
    cohorts.set(v.id, c);
  }
  // Per-participant costs over the delivery years.
  for (const c of model.costs ?? []) {
    const cohort = cohorts.get(c.intervention!)!;
    const amount = new D(c.amount as number);
    const row = costs[index.get(c.agency)!]!;
    for (let t = 0; t < years; t++) if (!cohort[t]!.isZero()) row[t] = row[t]!.plus(q(amount.times(cohort[t]!)));
  }
  // Outcomes: cohort × success × (1 − deadweight), lasting `years` years and losing `dropOff` a year.
  for (const o of model.outcomes ?? []) {
    const cohort = cohorts.get(o.intervention)!;
    const chain = new D(o.success as number).times(ONE.minus(o.deadweight as number));
    const keep = ONE.minus(o.persistence!.dropOff as number);
    const lag = o.lag as number;
    const active: Dec[] = Array.from({ length: years }, () => ZERO);
    for (let y = 0; y < years; y++) {
      if (cohort[y]!.isZero()) continue;
      let n = cohort[y]!;
      for (let j = 0; j < (o.persistence!.years as number) && y + lag + j < years; j++) {
        active[y + lag + j] = active[y + lag + j]!.plus(n);
        n = n.times(keep);
      }
    }
    for (const v of o.values) {
      const row = savings[index.get(v.agency)!]!;
      const value = chain.times(v.amount as number);
      for (let t = 0; t < years; t++) {
        if (active[t]!.isZero()) continue;
        // (A non-cashable value's cash and capacity parts both count under the fiscal lens: together, the amount.)
        row[t] = row[t]!.plus(q(value.times(active[t]!)));
      }
    }
  }
  // Present values: yearly sums × discount factor, accumulated to each horizon (N years = years 0..N − 1).
  const pvs = (c: Dec[], s: Dec[]) => {
    const out = { pvCosts: [] as Dec[], pvSavings: [] as Dec[], npv: [] as Dec[] };
    let pc = ZERO;
    let ps = ZERO;
    let t = 0;
    for (const h of horizons) {
      for (; t < h; t++) {
        if (!c[t]!.isZero()) pc = pc.plus(c[t]!.times(df[t]!));
        if (!s[t]!.isZero()) ps = ps.plus(s[t]!.times(df[t]!));
      }
      out.pvCosts.push(pc);
      out.pvSavings.push(ps);
      out.npv.push(ps.minus(pc));
    }
    return out;
  };
  const total = (rows: Dec[][]) => Array.from({ length: years }, (_, t) => rows.reduce((s, r) => s.plus(r[t]!), ZERO));
  return {
    agencies: Object.fromEntries(agencies.map((id, i) => [id, pvs(costs[i]!, savings[i]!)])),
    system: pvs(total(costs), total(savings)),
  };
}
