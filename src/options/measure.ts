import { ZERO, type Decimal } from "../money";
import { loadModel, type Lens, type Model } from "../model";
import { buildLedger } from "../ledger";
import { appraiseLedger, type Appraisal, type Metrics } from "../appraise";
import type { CostsSavings, OptionFigures, OptionsSettings } from "./types";

/* One alternative's figures (business as usual or an option), exactly, and their differences. */

/** The model with every optimism-bias adjustment taken out (grades at 0, categories dropped). */
function withoutOptimismBias(model: Model): Model {
  const grades = model.tables.optimismBias;
  return loadModel({
    ...model,
    costs: model.costs.map(({ optimismBias: _, ...c }) => c),
    tables: {
      ...model.tables,
      ...(grades ? { optimismBias: Object.fromEntries(Object.entries(grades).map(([k, g]) => [k, { ...g, costs: 0, benefits: 0 }])) } : {}),
    },
  });
}

function hasOptimismBias(model: Model): boolean {
  return (
    model.costs.some((c) => c.optimismBias || c.confidence !== undefined) ||
    model.savings.some((s) => s.confidence !== undefined) ||
    model.outcomes.some((o) => o.confidence !== undefined)
  );
}

const cb = (m: Metrics): CostsSavings => {
  // Net transfers received count as benefits and paid as costs (as the library's BCR does).
  const pvSavings = m.pvTransfers.isPositive() ? m.pvSavings.plus(m.pvTransfers) : m.pvSavings;
  const pvCosts = m.pvTransfers.isNegative() ? m.pvCosts.minus(m.pvTransfers) : m.pvCosts;
  return { pvCosts, pvSavings, net: m.npv };
};

export function bcrOf(pvSavings: Decimal, pvCosts: Decimal): { bcr: Decimal | null; note: string | null } {
  if (pvCosts.gt(0)) return { bcr: pvSavings.div(pvCosts), note: null };
  if (pvCosts.isZero() && pvSavings.isZero()) return { bcr: null, note: "no costs or benefits" };
  if (!pvCosts.gt(0) && !pvSavings.isNegative()) return { bcr: null, note: "costs no more and benefits no less: it dominates" };
  return { bcr: null, note: "costs no more but benefits lower: a saving, not a benefit-cost ratio" };
}

export interface Measured {
  figures: OptionFigures;
  social: Appraisal;
  own: Appraisal;
}

export function measure(model: Model, horizon: number, lens: Lens, settings: OptionsSettings): Measured {
  const ledger = buildLedger(model);
  const common = {
    horizons: [horizon],
    ...(settings.discount !== undefined ? { discount: settings.discount } : {}),
    ...(settings.timing ? { timing: settings.timing } : {}),
  };
  const by = {} as Record<Lens, Appraisal>;
  for (const l of ["fiscal", "economic", "social"] as const) by[l] = appraiseLedger(ledger, { ...common, lens: l, cashableOnly: false });
  const own = by[lens];
  const social = by.social.horizons[0]!;
  const fiscal = by.fiscal.horizons[0]!;
  let optimismBias = { costs: ZERO, benefits: ZERO };
  if (hasOptimismBias(model)) {
    const plain = appraiseLedger(buildLedger(withoutOptimismBias(model)), { ...common, lens: "social", cashableOnly: false }).horizons[0]!.system;
    optimismBias = { costs: social.system.pvCosts.minus(plain.pvCosts), benefits: plain.pvSavings.minus(social.system.pvSavings) };
  }
  const { bcr, note } = bcrOf(social.system.pvSavings, social.system.pvCosts);
  return {
    social: by.social,
    own,
    figures: {
      pvCosts: social.system.pvCosts,
      pvSavings: social.system.pvSavings,
      npsv: social.system.npv,
      bcr,
      bcrNote: note,
      byLens: { fiscal: cb(by.fiscal.horizons[0]!.system), economic: cb(by.economic.horizons[0]!.system), social: cb(social.system) },
      publicSector: cb(fiscal.publicSector),
      publicSectorNetCost: fiscal.publicSector.npv.neg(),
      agencies: Object.fromEntries(Object.entries(own.horizons[0]!.agencies).map(([id, m]) => [id, m.npv])),
      optimismBias,
    },
  };
}

export function minus(a: OptionFigures, b: OptionFigures): OptionFigures {
  const d = (x: CostsSavings, y: CostsSavings): CostsSavings => ({
    pvCosts: x.pvCosts.minus(y.pvCosts),
    pvSavings: x.pvSavings.minus(y.pvSavings),
    net: x.net.minus(y.net),
  });
  const pvCosts = a.pvCosts.minus(b.pvCosts);
  const pvSavings = a.pvSavings.minus(b.pvSavings);
  const { bcr, note } = bcrOf(pvSavings, pvCosts);
  return {
    pvCosts,
    pvSavings,
    npsv: a.npsv.minus(b.npsv),
    bcr,
    bcrNote: note,
    byLens: { fiscal: d(a.byLens.fiscal, b.byLens.fiscal), economic: d(a.byLens.economic, b.byLens.economic), social: d(a.byLens.social, b.byLens.social) },
    publicSector: d(a.publicSector, b.publicSector),
    publicSectorNetCost: a.publicSectorNetCost.minus(b.publicSectorNetCost),
    agencies: Object.fromEntries(Object.keys(a.agencies).map((id) => [id, a.agencies[id]!.minus(b.agencies[id] ?? ZERO)])),
    optimismBias: { costs: a.optimismBias.costs.minus(b.optimismBias.costs), benefits: a.optimismBias.benefits.minus(b.optimismBias.benefits) },
  };
}
