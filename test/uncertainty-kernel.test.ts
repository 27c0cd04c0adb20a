/**
 * The float64 fast path against the exact Decimal ledger: for any values of the drawn inputs, the
 * kernel's NPVs must equal `appraise` on the model with those values set, to 1e-9 of the gross
 * present value counted (which bounds |NPV|; for family-support also 1e-9 of |NPV| itself).
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import {
  appraise,
  centralValue,
  parseDistribution,
  compileNpv,
  loadModel,
  resolveInput,
  setInputs,
  simulate,
  type Model,
  type ModelInput,
  type ResolvedInput,
} from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";
import { runs } from "./helpers/runs";

// The example's own distributions are left out here: each test names the inputs it draws.
const family = loadModel({
  ...(JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput),
  uncertainty: undefined,
});
type Lens = "fiscal" | "economic" | "social";

/** Exact NPVs (system first, then the public sector, then agencies, by horizon) and the gross PV scale of each. */
function exactFigures(model: Model, opts: { lens?: Lens; cashableOnly?: boolean } = {}) {
  const r = appraise(model, opts);
  const ids = model.agencies.map((a) => a.id);
  const npv: number[] = [];
  const scale: number[] = [];
  const push = (m: {
    npv: { toNumber(): number };
    pvCosts: { toNumber(): number };
    pvSavings: { toNumber(): number };
    pvTransfers: { toNumber(): number };
  }) => {
    npv.push(m.npv.toNumber());
    scale.push(Math.abs(m.pvCosts.toNumber()) + Math.abs(m.pvSavings.toNumber()) + Math.abs(m.pvTransfers.toNumber()));
  };
  r.horizons.forEach((h) => push(h.system));
  r.horizons.forEach((h) => push(h.publicSector));
  ids.forEach((id) => r.horizons.forEach((h) => push(h.agencies[id]!)));
  return { npv, scale };
}

function expectClose(fast: Float64Array, exact: { npv: number[]; scale: number[] }, strict = false) {
  exact.npv.forEach((x, i) => {
    // 1e-9 relative, plus 1e-8 absolute (a millionth of a penny): the exact ledger holds each row
    // to 12 decimal places, so a figure summing thousands of rows can differ from the unrounded
    // float by ~1e-10 when it is itself close to zero.
    const tol = 1e-9 * (strict ? Math.abs(x) : exact.scale[i]!) + 1e-8;
    expect(Math.abs(fast[i]! - x), `figure ${i}: fast ${fast[i]} vs exact ${x}`).toBeLessThanOrEqual(tol);
  });
}

function fastAt(model: Model, inputs: ResolvedInput[], theta: number[], opts: { lens?: Lens; cashableOnly?: boolean } = {}) {
  const kernel = compileNpv(model, inputs, opts);
  expect(kernel.method).toBe("fast");
  const out = new Float64Array(kernel.outputs);
  kernel.evaluate(Float64Array.from(theta), out);
  return out;
}

const FAMILY_INPUTS = [
  "outcomes.custody.success",
  "outcomes.care-entry.deadweight",
  "outcomes.into-work.attribution",
  "outcomes.health-crises.engagement",
  "outcomes.police-demand.reach",
  "outcomes.custody.displacement",
  "outcomes.care-entry.persistence.dropOff",
  "outcomes.into-work.persistence.years",
  "outcomes.custody.lag",
  "outcomes.care-entry.rampUp[1]",
  "outcomes.into-work.values[0].amount",
  "outcomes.custody.values[1].realisation",
  "tables.unitCosts.prison-place-year.value",
  "tables.optimismBias.2.benefits",
  "tables.optimismBias.3.costs",
  "costs.key-workers-grant.amount",
  "costs.evaluation.growth",
  "costShunts.talking-therapies.amount",
  "interventions.early-help.cohort[2]",
];

describe("fast path = exact ledger (family-support)", () => {
  const inputs = FAMILY_INPUTS.map((p) => resolveInput(family, p));

  it("at the model's own values, to 1e-9 of each NPV, under every lens", () => {
    for (const opts of [{}, { lens: "economic" as const }, { lens: "social" as const }, { cashableOnly: true }]) {
      expectClose(
        fastAt(
          family,
          inputs,
          inputs.map((i) => i.value),
          opts,
        ),
        exactFigures(family, opts),
        true,
      );
    }
  });

  const value = (i: ResolvedInput) =>
    i.domain.integer
      ? fc.integer({ min: Math.max(i.domain.min, 0), max: Math.min(i.domain.max, 8) })
      : i.domain.max === 1
        ? fc.double({ min: 0, max: 1, noNaN: true })
        : fc.double({ min: i.domain.minOpen ? -0.5 : 0, max: Math.max(2 * Math.abs(i.value), 1), noNaN: true });

  test.prop([fc.tuple(...inputs.map(value)), fc.constantFrom<Lens>("fiscal", "economic", "social"), fc.boolean()], { numRuns: runs(40) })(
    "at any values of 19 inputs (scale and shape), every lens",
    (theta, lens, cashableOnly) => {
      const drawn = setInputs(family, Object.fromEntries(inputs.map((i, k) => [i.canonical, theta[k]!])));
      expectClose(fastAt(family, inputs, theta, { lens, cashableOnly }), exactFigures(drawn, { lens, cashableOnly }));
    },
  );

  it("every distribution fixed at its central value: each percentile is the exact NPV", () => {
    const distributions = {
      "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.05, max: 0.07 },
      "outcomes.care-entry.persistence.dropOff": { type: "pert", min: 0, mode: 0.15, max: 0.4 },
      "tables.unitCosts.prison-place-year.value": { type: "normal", mean: 48000, sd: 6000, min: 30000 },
      "outcomes.into-work.success": { type: "beta", alpha: 11, beta: 89 },
      "costs.key-workers-grant.amount": { type: "lognormal", mean: 3800, sd: 400 },
      "outcomes.custody.lag": { type: "uniform", min: 1, max: 3 },
    } as const;
    const fixed = Object.fromEntries(Object.entries(distributions).map(([p, d]) => [p, { type: "fixed" as const, value: centralValue(parseDistribution(d)) }]));
    const mc = simulate(family, { draws: 300, seed: 3, distributions: fixed });
    expect(mc.method).toBe("fast");
    const exact = appraise(setInputs(family, Object.fromEntries(Object.entries(fixed).map(([p, d]) => [p, d.value]))));
    mc.horizons.forEach((h, k) => {
      const parties: [string, { npv: { toNumber(): number } }, (typeof h)["system"]][] = [
        ["system", exact.horizons[k]!.system, h.system],
        ...family.agencies.map(
          (a) => [a.id, exact.horizons[k]!.agencies[a.id]!, h.agencies[a.id]!] as [string, { npv: { toNumber(): number } }, (typeof h)["system"]],
        ),
      ];
      for (const [who, e, s] of parties) {
        const x = e.npv.toNumber();
        for (const v of [s.mean, s.min, s.max, s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95]) {
          expect(Math.abs(v - x), `${who} at ${h.years}y`).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(x), 1));
        }
        expect(s.sd).toBe(0);
        expect(s.probabilityPositive).toBe(x > 0 ? 1 : 0);
      }
    });
  });
});

/** Paths of every input the fast path supports in a model (a sample for random models). */
function supportedPaths(model: Model): string[] {
  const paths: string[] = [];
  model.outcomes.forEach((o, i) => {
    for (const k of ["reach", "engagement", "success", "deadweight", "attribution", "displacement", "lag", "persistence.years", "persistence.dropOff"])
      paths.push(`outcomes[${i}].${k}`);
    o.rampUp.forEach((_, k) => paths.push(`outcomes[${i}].rampUp[${k}]`));
    o.values.forEach((v, j) => {
      if (v.amount !== undefined) paths.push(`outcomes[${i}].values[${j}].amount`);
      if (!v.cashable) paths.push(`outcomes[${i}].values[${j}].realisation`);
    });
  });
  model.costs.forEach((c, i) => {
    if (c.amount !== undefined) paths.push(`costs[${i}].amount`);
    if (c.series) c.series.forEach((_, k) => paths.push(`costs[${i}].series[${k}]`));
    else paths.push(`costs[${i}].growth`);
  });
  model.savings.forEach((c, i) => {
    if (c.amount !== undefined) paths.push(`savings[${i}].amount`);
    if (c.series) c.series.forEach((_, k) => paths.push(`savings[${i}].series[${k}]`));
    else paths.push(`savings[${i}].growth`);
    if (!c.cashable) paths.push(`savings[${i}].realisation`);
  });
  model.costShunts.forEach((s, i) => s.amount !== undefined && paths.push(`costShunts[${i}].amount`));
  model.interventions.forEach((v, i) => {
    if (typeof v.cohort === "number") paths.push(`interventions[${i}].cohort`);
    else if (Array.isArray(v.cohort)) v.cohort.forEach((_, k) => paths.push(`interventions[${i}].cohort[${k}]`));
  });
  return paths;
}

describe("fast path = exact ledger (random models)", () => {
  test.prop(
    [arbitraryModel(), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), fc.constantFrom<Lens>("fiscal", "economic", "social"), fc.boolean()],
    { numRuns: runs(60) },
  )("with random inputs drawn at random values", (input, stream, lens, cashableOnly) => {
    const model = loadModel(input);
    const u = stream[Symbol.iterator]();
    const next = () => u.next().value as number;
    const paths = supportedPaths(model).filter(() => next() < 0.5);
    const inputs = paths.map((p) => resolveInput(model, p));
    const theta = inputs.map((i) => {
      const r = next();
      if (i.domain.integer) return Math.max(i.domain.min, Math.round(r * 5));
      if (i.domain.max === 1) return r;
      if (i.domain.minOpen) return r - 0.5; // growth rates from −50% to +50%
      return r * 2 * Math.max(1, Math.abs(i.value));
    });
    const drawn = setInputs(model, Object.fromEntries(inputs.map((i, k) => [i.canonical, theta[k]!])));
    expectClose(fastAt(model, inputs, theta, { lens, cashableOnly }), exactFigures(drawn, { lens, cashableOnly }));
  });

  it("falls back to the exact ledger for inputs outside the fast path, with the reason", () => {
    const withRate = loadModel({ ...family, appraisal: { ...family.appraisal, discount: { rate: 0.035 } } });
    const rate = [resolveInput(withRate, "appraisal.discount.rate")];
    const kernel = compileNpv(withRate, rate);
    expect(kernel.method).toBe("exact");
    expect(kernel.reasons[0]).toContain("appraisal.discount.rate");
    const out = new Float64Array(kernel.outputs);
    kernel.evaluate(Float64Array.of(0.05), out);
    expectClose(out, exactFigures(setInputs(withRate, { "appraisal.discount.rate": 0.05 })), true);
  });
});

describe("simulate on random models (properties)", () => {
  test.prop([arbitraryModel(), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), fc.integer({ min: 0, max: 2 ** 40 })], { numRuns: runs(25) })(
    "probabilities lie in [0, 1], percentiles are ordered, results repeat per seed",
    (input, stream, seed) => {
      const model = loadModel(input);
      const u = stream[Symbol.iterator]();
      const next = () => u.next().value as number;
      const distributions = Object.fromEntries(
        supportedPaths(model)
          .filter(() => next() < 0.3)
          .map((p) => {
            const i = resolveInput(model, p);
            if (i.domain.integer) return [p, { type: "uniform" as const, min: i.domain.min, max: i.domain.min + 4 }];
            const hi = i.domain.max === 1 ? 1 : 2 * Math.max(1, Math.abs(i.value));
            const lo = i.domain.minOpen ? -0.5 : 0;
            const mode = lo + next() * (hi - lo);
            return [p, { type: "triangular" as const, min: lo, mode, max: hi }];
          }),
      );
      const r = simulate(model, { draws: 300, seed, distributions });
      expect(r.method).toBe("fast");
      for (const h of r.horizons) {
        for (const s of [h.system, ...Object.values(h.agencies)]) {
          expect(s.probabilityPositive >= 0 && s.probabilityPositive <= 1).toBe(true);
          expect(s.min <= s.p5 && s.p5 <= s.p50 && s.p50 <= s.p95 && s.p95 <= s.max).toBe(true);
          expect(Number.isFinite(s.mean) && Number.isFinite(s.sd)).toBe(true);
        }
        for (const p of Object.values(h.incentiveGap)) expect(p >= 0 && p <= h.incentiveGapAny).toBe(true);
      }
      expect(simulate(model, { draws: 300, seed, distributions })).toEqual(r);
    },
  );
});
