/**
 * Models for the benchmarks: the Monte Carlo model (5 agencies, 10 years, 10 uncertain inputs)
 * and generated models of a given size for the exact appraisal.
 */
import type { DistributionInput, ModelInput } from "../../src";

type OutcomeInput = NonNullable<ModelInput["outcomes"]>[number];

const outcome = (
  id: string,
  success: number,
  deadweight: number,
  lag: number,
  years: number,
  dropOff: number,
  values: OutcomeInput["values"],
): OutcomeInput => ({
  id,
  intervention: "support",
  engagement: 0.85,
  success,
  deadweight,
  attribution: 0.8,
  lag,
  persistence: { years, dropOff },
  values,
});

/** A family-support style model: a council invests, four other agencies save, 10 years. */
export const MC_MODEL: ModelInput = {
  title: "Benchmark: 5 agencies, 10 years",
  appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [1, 5, 10], years: 10 },
  agencies: [
    { id: "council", name: "Council" },
    { id: "police", name: "Police" },
    { id: "nhs", name: "NHS" },
    { id: "dwp", name: "DWP" },
    { id: "moj", name: "MoJ" },
  ],
  interventions: [{ id: "support", name: "Family support", startYear: 0, endYear: 4, cohort: 500 }],
  costs: [
    { id: "set-up", agency: "council", intervention: "support", per: "once", amount: 300000, year: 0 },
    { id: "key-workers", agency: "council", intervention: "support", per: "participant", amount: 3500, years: [0, 4] },
    { id: "evaluation", agency: "council", per: "year", amount: 50000, years: [0, 4] },
  ],
  outcomes: [
    outcome("care", 0.06, 0.3, 1, 3, 0.1, [{ agency: "council", amount: 60000, cashable: true }]),
    outcome("custody", 0.04, 0.4, 1, 2, 0.3, [
      { agency: "moj", amount: 50000, cashable: false, realisation: 0.5 },
      { agency: "police", amount: 4500, cashable: false, realisation: 0.2 },
    ]),
    outcome("call-outs", 0.3, 0.35, 0, 3, 0.25, [{ agency: "police", amount: 1100, cashable: false, realisation: 0.15 }]),
    outcome("health", 0.25, 0.4, 0, 2, 0.3, [{ agency: "nhs", amount: 1400, cashable: false, realisation: 0.1 }]),
    outcome("work", 0.11, 0.5, 1, 4, 0.2, [{ agency: "dwp", amount: 10000, cashable: true }]),
  ],
};

/** Ten uncertain inputs: rates (PERT, triangular), a unit value (truncated normal), a cost (lognormal), a drop-off (beta; changes timing). */
export const MC_DISTRIBUTIONS: Record<string, DistributionInput> = {
  "outcomes.care.success": { type: "pert", min: 0.03, mode: 0.06, max: 0.1 },
  "outcomes.custody.success": { type: "pert", min: 0.02, mode: 0.04, max: 0.07 },
  "outcomes.call-outs.success": { type: "pert", min: 0.15, mode: 0.3, max: 0.4 },
  "outcomes.health.success": { type: "pert", min: 0.1, mode: 0.25, max: 0.35 },
  "outcomes.work.success": { type: "pert", min: 0.05, mode: 0.11, max: 0.2 },
  "outcomes.care.deadweight": { type: "triangular", min: 0.2, mode: 0.3, max: 0.5 },
  "outcomes.work.deadweight": { type: "triangular", min: 0.3, mode: 0.5, max: 0.7 },
  "outcomes.custody.values[0].amount": { type: "normal", mean: 50000, sd: 6000, min: 30000 },
  "costs.key-workers.amount": { type: "lognormal", mean: 3500, sd: 400 },
  "outcomes.work.persistence.dropOff": { type: "beta", alpha: 4, beta: 16, min: 0, max: 1 },
};

/** A model with `agencies` agencies and `interventions` interventions over `years` years (each: a cost and two outcomes of two values). */
export function sizedModel(agencies: number, interventions: number, years: number): ModelInput {
  const ids = Array.from({ length: agencies }, (_, i) => `a${i}`);
  const vs = Array.from({ length: interventions }, (_, i) => i);
  return {
    title: `Benchmark: ${agencies} agencies × ${interventions} interventions × ${years} years`,
    appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [1, Math.min(5, years), years], years },
    agencies: ids.map((id) => ({ id, name: `Agency ${id}`, settlementYears: 3 })),
    interventions: vs.map((i) => ({ id: `v${i}`, name: `Intervention ${i}`, startYear: i % 3, endYear: Math.min(years - 1, (i % 3) + 4), cohort: 100 + i })),
    costs: vs.map((i) => ({ id: `c${i}`, agency: ids[i % agencies]!, intervention: `v${i}`, per: "participant" as const, amount: 2000 + 10 * i })),
    outcomes: vs.flatMap((i) =>
      [0, 1].map((k) => ({
        id: `o${i}-${k}`,
        intervention: `v${i}`,
        success: 0.1 + 0.01 * k,
        deadweight: 0.3,
        lag: k,
        persistence: { years: 3, dropOff: 0.2 },
        values: [0, 1].map((j) => ({
          agency: ids[(i + k + j + 1) % agencies]!,
          amount: 3000 + 100 * j,
          cashable: j === 0,
          realisation: j === 0 ? undefined : 0.3,
        })),
      })),
    ),
  };
}

/** A model with `lines` ledger lines over `years` years: half recurring costs, half outcome savings, across 10 agencies. */
export function linesModel(lines: number, years: number): ModelInput {
  const ids = Array.from({ length: 10 }, (_, i) => `a${i}`);
  const half = Math.floor(lines / 2);
  return {
    title: `Benchmark: ${lines} lines × ${years} years`,
    appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [1, 10, years], years },
    agencies: ids.map((id) => ({ id, name: `Agency ${id}` })),
    interventions: [{ id: "v", name: "Programme", startYear: 0, endYear: years - 1, cohort: 1000 }],
    costs: Array.from({ length: half }, (_, i) => ({
      id: `c${i}`,
      agency: ids[i % 10]!,
      per: "year" as const,
      amount: 1000 + i,
      years: [0, years - 1] as [number, number],
    })),
    outcomes: Array.from({ length: lines - half }, (_, i) => ({
      id: `o${i}`,
      intervention: "v",
      success: 0.05,
      persistence: { years: 5, dropOff: 0.1 },
      values: [{ agency: ids[(i + 3) % 10]!, amount: 500 + i, cashable: true }],
    })),
  };
}
