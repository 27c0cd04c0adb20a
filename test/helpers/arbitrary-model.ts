/**
 * fast-check arbitraries for whole, valid model files: random agencies (of every sector), budgets,
 * interventions, costs, savings and outcome values (some transfers from another party, some on
 * their own discount schedule), outcomes and cost shunts that always pass `parseModel`. Shared by
 * the property tests. Inside, `years` is the last appraisal year (the model has years + 1).
 */
import { fc } from "@fast-check/vitest";
import type { ModelInput } from "../../src";

const share = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
const money = fc.integer({ min: 0, max: 5_000_000 }).map((p) => p / 100);
const lens = fc.constantFrom("fiscal" as const, "economic" as const, "social" as const);
const sectors = ["public", "households", "business", "third-sector"] as const;
/** Mostly the appraisal's schedule; sometimes the health schedule or a flat rate of the line's own. */
const lineDiscount = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom("stpr-health" as const, { rate: 0.05 }) },
);

/** Between 0 and `max` items, the i-th made by `make(i)`. */
function listOf<T>(max: number, make: (i: number) => fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc
    .integer({ min: 0, max })
    .chain((n) => (n === 0 ? fc.constant<T[]>([]) : fc.tuple(...Array.from({ length: n }, (_, i) => make(i))).map((t) => [...t] as T[])));
}

export interface ModelShape {
  agencies?: { min: number; max: number };
  years?: { min: number; max: number };
  withShunts?: boolean;
}

/** A random valid model input. */
export function arbitraryModel(shape: ModelShape = {}): fc.Arbitrary<ModelInput> {
  const agencies = shape.agencies ?? { min: 1, max: 5 };
  const yearsRange = shape.years ?? { min: 1, max: 15 };
  return fc
    .record({
      nAgencies: fc.integer(agencies),
      years: fc.integer(yearsRange),
      nInterventions: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .chain(({ nAgencies, years, nInterventions }) => {
      const agencyIds = Array.from({ length: nAgencies }, (_, i) => `a${i}`);
      const interventionIds = Array.from({ length: nInterventions }, (_, i) => `v${i}`);
      const year = fc.integer({ min: 0, max: years });
      const span = fc.tuple(year, year).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
      const agencyRef = fc
        .integer({ min: 0, max: nAgencies - 1 })
        .chain((i) => fc.record({ agency: fc.constant(`a${i}`), budget: fc.constantFrom(`b0`, ...(i % 2 === 0 ? ["b1"] : [])) }));
      const intervention = (id: string) =>
        fc
          .record({
            id: fc.constant(id),
            name: fc.constant(`Intervention ${id}`),
            startYear: fc.integer({ min: 0, max: Math.max(0, years - 1) }),
            cohort: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 3 })),
          })
          .map((v) => (Array.isArray(v.cohort) ? { ...v, cohort: v.cohort.slice(0, years - v.startYear + 1) } : v));
      /** Who pays or saves, and when: the timing fields costs and direct savings share. */
      const scheduled = fc
        .record({
          ref: agencyRef,
          intervention: fc.constantFrom(...interventionIds),
          kind: fc.constantFrom("year", "participant", "once", "series"),
          amount: money,
          years: span,
          year,
          series: fc.array(money, { minLength: 1, maxLength: years + 1 }),
          growth: fc.integer({ min: -100, max: 100 }).map((g) => g / 1000),
        })
        .map((c) => ({
          agency: c.ref.agency,
          budget: c.ref.budget,
          intervention: c.intervention,
          ...(c.kind === "series"
            ? { series: c.series }
            : c.kind === "once"
              ? { per: "once" as const, amount: c.amount, year: c.year }
              : { per: c.kind as "year" | "participant", amount: c.amount, years: c.years, growth: c.growth }),
        }));
      const cost = (i: number) =>
        fc.tuple(scheduled, fc.constantFrom("revenue" as const, "capital" as const)).map(([c, category]) => ({ id: `c${i}`, ...c, category }));
      /** Sometimes a transfer from another party (benefits not paid, tax received). */
      const transferFrom = fc.option(fc.integer({ min: 0, max: nAgencies - 1 }), { freq: 3 });
      const transfer = (agency: string, from: number | null) => (from === null || `a${from}` === agency ? {} : { transferFrom: `a${from}` });
      const saving = (i: number) =>
        fc.tuple(scheduled, lens, fc.boolean(), share, transferFrom, lineDiscount).map(([c, l, cashable, realisation, from, discount]) => ({
          id: `sv${i}`,
          ...c,
          lens: l,
          cashable,
          ...(cashable ? {} : { realisation }),
          ...transfer(c.agency, from),
          ...(discount === undefined ? {} : { discount }),
        }));
      const value = fc
        .record({ ref: agencyRef, amount: money, lens, cashable: fc.boolean(), realisation: share, from: transferFrom, discount: lineDiscount })
        .map((v) => ({
          agency: v.ref.agency,
          budget: v.ref.budget,
          amount: v.amount,
          lens: v.lens,
          cashable: v.cashable,
          ...(v.cashable ? {} : { realisation: v.realisation }),
          ...transfer(v.ref.agency, v.from),
          ...(v.discount === undefined ? {} : { discount: v.discount }),
        }));
      const outcome = (i: number) =>
        fc.record({
          id: fc.constant(`o${i}`),
          intervention: fc.constantFrom(...interventionIds),
          reach: share,
          engagement: share,
          success: share,
          deadweight: share,
          attribution: share,
          displacement: share,
          rampUp: fc.array(share, { maxLength: 3 }),
          lag: fc.integer({ min: 0, max: 3 }),
          persistence: fc.record({ years: fc.integer({ min: 1, max: 6 }), dropOff: share }),
          values: fc.array(value, { minLength: 1, maxLength: 3 }),
        });
      const shunt = (i: number) =>
        fc
          .record({ from: agencyRef, to: agencyRef, amount: money, years: span })
          .filter((s) => s.from.agency !== s.to.agency)
          .map((s) => ({
            id: `s${i}`,
            from: s.from.agency,
            to: s.to.agency,
            amount: s.amount,
            years: s.years,
          }));
      return fc
        .record({
          interventions: fc.tuple(...interventionIds.map(intervention)),
          costs: listOf(4, cost),
          savings: listOf(2, saving),
          outcomes: listOf(4, outcome),
          costShunts: shape.withShunts === false || nAgencies < 2 ? fc.constant([]) : listOf(2, shunt),
          horizons: fc.uniqueArray(fc.integer({ min: 1, max: years + 1 }), { minLength: 1, maxLength: 3 }),
          sectors: fc.array(fc.constantFrom(...sectors), { minLength: nAgencies, maxLength: nAgencies }),
        })
        .map(
          (parts): ModelInput => ({
            title: "Random model",
            appraisal: { baseYear: "2025-26", priceBase: "2025-26", years: years + 1, horizons: parts.horizons },
            agencies: agencyIds.map((id, i) => ({
              id,
              name: `Agency ${id}`,
              // The first agency is always public, so every model has a public sector.
              ...(i === 0 || parts.sectors[i] === "public" ? {} : { sector: parts.sectors[i] }),
              settlementYears: 1 + (i % 3),
              budgets: i % 2 === 0 ? [{ id: "b0" }, { id: "b1" }] : [{ id: "b0" }],
            })),
            interventions: [...parts.interventions],
            costs: [...parts.costs],
            savings: [...parts.savings],
            outcomes: [...parts.outcomes],
            costShunts: [...parts.costShunts],
          }),
        );
    });
}
