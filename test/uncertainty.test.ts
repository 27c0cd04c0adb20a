import { runs } from "./helpers/runs";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { quantile as ssQuantile, sampleRankCorrelation } from "simple-statistics";
import {
  appraise,
  betaCdf,
  getInput,
  InvalidModelError,
  loadModel,
  moments,
  normalCdf,
  normalQuantile,
  parseDistribution,
  quantileOf,
  quantiles,
  summariseDraws,
  resolveInput,
  setInputs,
  simulate,
  support,
  toJSON,
  uncertainInputs,
  type DistributionInput,
  type ModelInput,
} from "../src";
import { checkUncertainty } from "../src/uncertainty/resolve";
import { blockStream, seedStream } from "../src/uncertainty/rng";
import { Sampler } from "../src/uncertainty/sampler";

const raw = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
// The example's own distributions are left out here: each test names the inputs it draws.
const family = loadModel({ ...raw, uncertainty: undefined });

describe("input paths", () => {
  it("resolve by position, by id and by table key, to one canonical spelling", () => {
    expect(resolveInput(family, "outcomes.custody.success").canonical).toBe("outcomes[1].success");
    expect(resolveInput(family, "outcomes[1].success").canonical).toBe("outcomes[1].success");
    expect(resolveInput(family, "outcomes[custody].values[1].amount").value).toBe(4500);
    expect(getInput(family, "agencies.council.settlementYears")).toBe(1);
    expect(getInput(family, "tables.unitCosts.prison-place-year.value")).toBe(51000);
    expect(getInput(family, "tables.optimismBias.3.benefits")).toBe(0.2);
    expect(getInput(family, "outcomes.police-demand.persistence.dropOff")).toBe(0.25);
    expect(getInput(family, "interventions.early-help.cohort[4]")).toBe(400);
  });
  it("read ids that contain dots", () => {
    const m = loadModel({ ...raw, costs: raw.costs!.map((c, i) => (i === 0 ? { ...c, id: "set.up" } : c)) });
    expect(resolveInput(m, "costs.set.up.amount").canonical).toBe("costs[0].amount");
    expect(resolveInput(m, "costs[set.up].amount").canonical).toBe("costs[0].amount");
  });
  it("give implied defaults for absent optional inputs", () => {
    expect(getInput(family, "costs.set-up.growth")).toBe(0);
    expect(getInput(family, "outcomes.police-demand.values[0].realisation")).toBe(0.15);
    expect(() => getInput(family, "outcomes.into-work.values[0].realisation")).toThrow(/has no "realisation"/);
  });
  it("name the path and say what is there when a path is wrong", () => {
    const err = (p: string) => {
      try {
        resolveInput(family, p);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidModelError);
        return (e as InvalidModelError).errors[0]!;
      }
      throw new Error("no error");
    };
    expect(err("outcomes.custdy.success")).toMatchObject({ path: "outcomes.custdy.success", message: expect.stringContaining("custody") });
    expect(err("outcomes[9].success").message).toContain("5 items");
    expect(err("outcomes.custody").message).toContain("not a number");
    expect(err("outcomes.custody.sucess").message).toContain("success");
  });
  it("set inputs on a copy, re-validated", () => {
    const low = setInputs(family, { "outcomes.custody.success": 0.02, "costs[1].amount": "3700.50" });
    expect(getInput(low, "outcomes[1].success")).toBe(0.02);
    expect(getInput(low, "costs[1].amount")).toBe(3700.5);
    expect(getInput(family, "outcomes[1].success")).toBe(0.04);
    expect(() => setInputs(family, { "outcomes.custody.success": 1.2 })).toThrow(/share from 0 to 1/);
    expect(() => setInputs(family, { "outcomes.custody.lag": 1.5 })).toThrow(/whole number/);
  });
});

describe("distributions", () => {
  it("normal quantile and distribution function agree with reference values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(betaCdf(0.5, 2, 3)).toBeCloseTo(0.6875, 14);
  });
  test.prop([fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true })])("Φ(Φ⁻¹(p)) = p", (p) => {
    expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThanOrEqual(1e-13 * Math.max(1e-3, Math.min(p, 1 - p)) + 1e-15);
  });
  it("reject bad parameters with the field at fault", () => {
    expect(() => parseDistribution({ type: "triangular", min: 3, mode: 2, max: 4 })).toThrow(/mode: expected min ≤ mode/);
    expect(() => parseDistribution({ type: "lognormal", mu: 0 } as DistributionInput)).toThrow(/mu and sigma/);
    expect(() => uncertainInputs(family, { "outcomes.custody.success": { type: "normal", mean: 0.04, sd: 0.01 } })).toThrow(/truncate it/);
    expect(() => uncertainInputs(family, { "outcomes.custody.success": { type: "uniform", min: 0.1, max: 1.5 } })).toThrow(/share from 0 to 1/);
  });

  const cases: DistributionInput[] = [
    { type: "uniform", min: -2, max: 10 },
    { type: "triangular", min: 1, mode: 2, max: 6 },
    { type: "pert", min: 0, mode: 0.3, max: 1 },
    { type: "pert", min: 10, mode: 10, max: 20, lambda: 6 },
    { type: "beta", alpha: 0.5, beta: 2 },
    { type: "beta", alpha: 3, beta: 5, min: 100, max: 200 },
    { type: "normal", mean: 1, sd: 2 },
    { type: "normal", mean: 0, sd: 1, min: 2, max: 4 },
    { type: "normal", mean: 0.04, sd: 0.05, min: 0, max: 1 },
    { type: "lognormal", mu: 0, sigma: 0.5 },
    { type: "lognormal", mean: 3600, sd: 500 },
  ];
  it.each(cases)("samples %o with the right mean, sd and support, and its quantiles split the draws", (input) => {
    const d = parseDistribution(input);
    const sampler = new Sampler([d]);
    const rng = seedStream(11);
    const n = 200_000;
    const x = new Float64Array(n);
    const one = new Float64Array(1);
    for (let i = 0; i < n; i++) {
      sampler.sample(rng, one);
      x[i] = one[0]!;
    }
    const [lo, hi] = support(d);
    const { mean, sd } = moments(d);
    let s = 0;
    let below = 0;
    const q25 = quantileOf(d, 0.25);
    let outside = 0;
    for (const v of x) {
      if (!(v >= lo && v <= hi)) outside++;
      s += v;
      if (v <= q25) below++;
    }
    expect(outside).toBe(0);
    const m = s / n;
    let ss = 0;
    for (const v of x) ss += (v - m) ** 2;
    expect(Math.abs(m - mean)).toBeLessThan(5 * (sd / Math.sqrt(n)) + 1e-12);
    expect(Math.abs(Math.sqrt(ss / (n - 1)) - sd)).toBeLessThan(0.02 * sd + 1e-12);
    expect(Math.abs(below / n - 0.25)).toBeLessThan(0.005);
  });
  it("round whole-number inputs", () => {
    const sampler = new Sampler([parseDistribution({ type: "uniform", min: 0, max: 4 })], [true]);
    const out = new Float64Array(1);
    const rng = seedStream(2);
    for (let i = 0; i < 100; i++) {
      sampler.sample(rng, out);
      expect(Number.isInteger(out[0])).toBe(true);
    }
  });
});

describe("random streams", () => {
  it("give block b the seed's base stream jumped b times, and differ by seed", () => {
    const s = seedStream(5);
    s.jump();
    s.jump();
    expect(blockStream(5, 2).next()).toBe(s.next());
    expect(seedStream(5).next()).not.toBe(seedStream(6).next());
    expect(() => seedStream(-1)).toThrow(/seed/);
    expect(() => seedStream(1.5)).toThrow(/seed/);
  });
});

const DISTRIBUTIONS = {
  "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 },
  "outcomes.care-entry.persistence.dropOff": { type: "pert", min: 0, mode: 0.1, max: 0.4 },
  "outcomes.into-work.success": { type: "beta", alpha: 11, beta: 89 },
  "tables.unitCosts.prison-place-year.value": { type: "normal", mean: 51000, sd: 5000, min: 30000 },
  "costs.key-workers-grant.amount": { type: "lognormal", mean: 3600, sd: 300 },
} as const satisfies Record<string, DistributionInput>;

describe("simulate", () => {
  const run = (seed: number, draws = 3000) => simulate(family, { draws, seed, distributions: DISTRIBUTIONS, keepDraws: true });

  it("is deterministic per seed, and different seeds differ", () => {
    const a = run(42);
    expect(run(42)).toEqual(a);
    expect(run(43).horizons[2]!.system.mean).not.toBe(a.horizons[2]!.system.mean);
  });
  it("a shorter run is a prefix of a longer one (blocks do not depend on the total)", () => {
    const a = run(9, 2500);
    const b = run(9, 5000);
    expect(Array.from(b.samples!.system[1]!.subarray(0, 2500))).toEqual(Array.from(a.samples!.system[1]!));
  });
  it("summarises consistently: probabilities in [0, 1], ordered percentiles, system = Σ agencies", () => {
    const r = run(1);
    for (const h of r.horizons) {
      for (const s of [h.system, ...Object.values(h.agencies)]) {
        expect(s.probabilityPositive).toBeGreaterThanOrEqual(0);
        expect(s.probabilityPositive).toBeLessThanOrEqual(1);
        expect(s.min <= s.p5 && s.p5 <= s.p10 && s.p10 <= s.p25 && s.p25 <= s.p50 && s.p50 <= s.p75 && s.p75 <= s.p90 && s.p90 <= s.p95 && s.p95 <= s.max).toBe(
          true,
        );
      }
      for (const p of [...Object.values(h.incentiveGap), h.incentiveGapAny]) expect(p >= 0 && p <= 1).toBe(true);
      expect(h.incentiveGapAny).toBeGreaterThanOrEqual(Math.max(...Object.values(h.incentiveGap)));
    }
    const k = 1;
    const sys = r.samples!.system[k]!;
    for (let d = 0; d < sys.length; d += 97) {
      const sum = family.agencies.reduce((s, a) => s + r.samples!.agencies[a.id]![k]![d]!, 0);
      expect(Math.abs(sum - sys[d]!)).toBeLessThanOrEqual(1e-6);
    }
    expect(r.samples!.inputs["outcomes.custody.success"]!.length).toBe(3000);
  });
  it("each kept draw is the exact NPV of the model with that draw's inputs", () => {
    const r = simulate(family, { draws: 40, seed: 5, distributions: DISTRIBUTIONS, keepDraws: true });
    for (const d of [0, 17, 39]) {
      const values = Object.fromEntries(Object.keys(DISTRIBUTIONS).map((p) => [p, r.samples!.inputs[p]![d]!]));
      const exact = appraise(setInputs(family, values));
      exact.horizons.forEach((h, k) => {
        expect(Math.abs(r.samples!.system[k]![d]! - h.system.npv.toNumber())).toBeLessThanOrEqual(1e-9 * Math.abs(h.system.npv.toNumber()) + 1e-10);
        expect(Math.abs(r.samples!.agencies.council![k]![d]! - h.agencies.council!.npv.toNumber())).toBeLessThanOrEqual(
          1e-9 * Math.abs(h.agencies.council!.npv.toNumber()) + 1e-10,
        );
      });
    }
  });
  it("the exact path gives the same figures as the fast path", () => {
    const fast = simulate(family, { draws: 30, seed: 8, distributions: DISTRIBUTIONS });
    const exact = simulate(family, { draws: 30, seed: 8, distributions: DISTRIBUTIONS, method: "exact" });
    expect(exact.method).toBe("exact");
    fast.horizons.forEach((h, k) => expect(Math.abs(h.system.p50 - exact.horizons[k]!.system.p50)).toBeLessThanOrEqual(1e-9 * Math.abs(h.system.p50)));
  });
  it("reports progress and stops when aborted", () => {
    const seen: number[] = [];
    simulate(family, { draws: 3000, distributions: DISTRIBUTIONS, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1024, 2048, 3000]);
    const ac = new AbortController();
    expect(() => simulate(family, { draws: 5000, distributions: DISTRIBUTIONS, signal: ac.signal, onProgress: () => ac.abort() })).toThrow(/abort/i);
  });
  it("uses the model's uncertainty block, and options override it", () => {
    const withBlock = loadModel({ ...raw, uncertainty: { distributions: { "outcomes.custody.success": { type: "uniform", min: 0.01, max: 0.02 } } } });
    const a = simulate(withBlock, { draws: 500 });
    expect(a.inputs.map((i) => i.canonical)).toEqual(["outcomes[1].success"]);
    const b = simulate(withBlock, { draws: 500, distributions: { "outcomes[1].success": { type: "fixed", value: 0.05 } } });
    expect(b.inputs[0]!.distribution).toEqual({ type: "fixed", value: 0.05 });
    expect(b.horizons[0]!.system.sd).toBe(0);
  });
  it("rejects bad settings with a clear message", () => {
    expect(() => simulate(family, { draws: 0 })).toThrow(/draws/);
    expect(() => simulate(family, { draws: 10, seed: -3 })).toThrow(/seed/);
    expect(() => simulate(family, { draws: 10, horizons: [11] })).toThrow(/horizons/);
  });
  it("refuses distributions that draw beyond what numbers (or model inputs) can hold (found by the fuzz)", () => {
    const refused = (distributions: Record<string, DistributionInput>) => {
      try {
        simulate(family, { draws: 10, distributions });
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidModelError);
        return (e as InvalidModelError).errors;
      }
      throw new Error("expected the simulation to be refused");
    };
    // Its mean was reported as Infinity, which stopped toJSON with an internal error.
    expect(refused({ "costs[0].amount": { type: "lognormal", mean: 5e-324, sd: 0.999999999999 } })).toEqual([
      {
        path: 'options.distributions["costs[0].amount"]',
        message: "this lognormal distribution's values or spread are too large to represent as numbers; narrow it",
      },
    ]);
    expect(refused({ "costs[0].amount": { type: "normal", mean: 0, sd: 1e14 } })[0]!.message).toMatch(
      /can draw 3750000000000000, beyond the 10\^15 in size any model input may be/,
    );
    expect(refused({ "interventions[0].cohort[0]": { type: "lognormal", mu: 10, sigma: 3 } })[0]!.message).toMatch(/beyond the 10\^15/);
    // Each input in range, but their product is not: the draw that leaves the range is named.
    const growth = refused({ "costs.key-workers-grant.growth": { type: "uniform", min: 1e9, max: 1e10 } });
    expect(growth[0]!.path).toBe("uncertainty.distributions");
    expect(growth[0]!.message).toMatch(
      /^draw 1 \(costs\.key-workers-grant\.growth = [\d.]+\) gives a net present value of about -?[\d.]+e\+\d+, beyond the £10\^24 the ledger holds exactly/,
    );
    // A beta with tiny shape parameters once drew 0 / 0 = NaN (both gamma variates underflowed),
    // which reached the kept draws and stopped toJSON. Now it draws its ends, 0 or 1.
    const tiny = simulate(family, {
      draws: 200,
      seed: 17,
      keepDraws: true,
      distributions: {
        "outcomes.custody.success": { type: "beta", alpha: 0.003, beta: 6.256951161716951e-61 },
        "outcomes.custody.lag": { type: "beta", alpha: 0.01, beta: 1e-300, min: 0, max: 3 },
      },
    });
    const drawn = [...tiny.samples!.inputs!["outcomes.custody.success"]!, ...tiny.samples!.inputs!["outcomes.custody.lag"]!];
    expect(drawn.every((x) => x === 0 || x === 1 || x === 3)).toBe(true);
    expect(JSON.stringify(toJSON(tiny))).not.toMatch(/NaN|null/);
    // A lognormal on a money input within reason is fine.
    expect(simulate(family, { draws: 10, distributions: { "costs[0].amount": { type: "lognormal", mean: 250000, sd: 50000 } } }).draws).toBe(10);
  });
});

describe("checkUncertainty", () => {
  it("lists every bad path and value in the model's block", () => {
    const m = loadModel({
      ...raw,
      uncertainty: {
        scenarios: { low: { "outcomes.custody.success": 2, "outcomes.nope.success": 0.1 } },
        distributions: { "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 } },
      },
    });
    expect(checkUncertainty(m).map((e) => e.path)).toEqual([
      'uncertainty.scenarios.low["outcomes.custody.success"]',
      'uncertainty.scenarios.low["outcomes.nope.success"]',
    ]);
    expect(checkUncertainty(family)).toEqual([]);
  });
  it("accepts the example model's own block, and simulate uses it on the fast path", () => {
    const own = loadModel(raw);
    expect(checkUncertainty(own)).toEqual([]);
    const r = simulate(own, { draws: 2000, seed: 1 });
    expect(r.method).toBe("fast");
    expect(r.inputs).toHaveLength(9);
    expect(r.horizons[0]!.system.sd).toBeGreaterThan(0);
  });
});

describe("summaries", () => {
  const levels = [0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1];
  test.prop([fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom("spread", "lumpy", "tail")], { numRuns: runs(40) })(
    "percentiles equal simple-statistics' quantile exactly (spread, lumpy and heavy-tailed draws)",
    (n, seed, shape) => {
      const rng = seedStream(seed);
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const u = rng.next() / 2 ** 32 + 0.5;
        x[i] = shape === "spread" ? u * 1e6 - 3e5 : shape === "lumpy" ? Math.round(u * 4) * 1000 : Math.exp(12 * u) * (u < 0.3 ? -1 : 1);
      }
      expect(quantiles(x, levels)).toEqual(ssQuantile(Array.from(x), levels));
    },
  );
  it("all-equal draws give that value for every statistic, sd 0", () => {
    const s = summariseDraws(new Float64Array(5000).fill(0.1 + 0.2));
    for (const v of [s.mean, s.min, s.max, s.p5, s.p50, s.p95]) expect(v).toBe(0.1 + 0.2);
    expect(s.sd).toBe(0);
  });
});

describe("correlated inputs (Gaussian copula on rank correlations)", () => {
  const distributions = {
    "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 },
    "outcomes.into-work.success": { type: "pert", min: 0.05, mode: 0.11, max: 0.2 },
    "outcomes.care-entry.success": { type: "uniform", min: 0.03, max: 0.1 },
    "tables.unitCosts.prison-place-year.value": { type: "lognormal", mean: 51000, sd: 6000 },
  } as const;
  it.each([0.7, -0.4])("gives the asked rank correlation (%d) and keeps each input's distribution", (rho) => {
    const r = simulate(family, {
      draws: 20_000,
      seed: 3,
      distributions,
      keepDraws: true,
      correlations: [
        { between: ["outcomes.custody.success", "outcomes.into-work.success"], rho },
        { between: ["outcomes.care-entry.success", "tables.unitCosts.prison-place-year.value"], rho: 0.3 },
      ],
    });
    const x = r.samples!.inputs;
    expect(sampleRankCorrelation(Array.from(x["outcomes.custody.success"]!), Array.from(x["outcomes.into-work.success"]!))).toBeCloseTo(rho, 1);
    expect(
      Math.abs(sampleRankCorrelation(Array.from(x["outcomes.care-entry.success"]!), Array.from(x["tables.unitCosts.prison-place-year.value"]!)) - 0.3),
    ).toBeLessThan(0.03);
    expect(Math.abs(sampleRankCorrelation(Array.from(x["outcomes.custody.success"]!), Array.from(x["outcomes.care-entry.success"]!)))).toBeLessThan(0.03);
    for (const [path, d] of Object.entries(distributions)) {
      const v = x[path]!;
      const m = v.reduce((s, y) => s + y, 0) / v.length;
      const want = moments(parseDistribution(d));
      expect(Math.abs(m - want.mean)).toBeLessThan((5 * want.sd) / Math.sqrt(v.length));
      expect(Math.abs(below(v, quantileOf(parseDistribution(d), 0.1)) - 0.1)).toBeLessThan(0.01);
    }
    expect(r.correlations).toHaveLength(2);
  });
  it("is deterministic per seed and identical with the model's block or options", () => {
    const correlations = [{ between: ["outcomes.custody.success", "outcomes.into-work.success"] as [string, string], rho: 0.5 }];
    const a = simulate(family, { draws: 3000, seed: 9, distributions, correlations });
    const inModel = loadModel({ ...raw, uncertainty: { distributions, correlations } });
    const b = simulate(inModel, { draws: 3000, seed: 9 });
    expect(b.horizons).toEqual(a.horizons);
  });
  it("rejects correlations that name inputs without distributions, or that cannot hold together", () => {
    expect(() =>
      simulate(family, { draws: 10, distributions, correlations: [{ between: ["outcomes.custody.success", "outcomes.health-crises.success"], rho: 0.5 }] }),
    ).toThrow(/no distribution to correlate/);
    expect(() =>
      simulate(family, {
        draws: 10,
        distributions,
        correlations: [
          { between: ["outcomes.custody.success", "outcomes.into-work.success"], rho: 0.9 },
          { between: ["outcomes.custody.success", "outcomes.care-entry.success"], rho: 0.9 },
          { between: ["outcomes.into-work.success", "outcomes.care-entry.success"], rho: -0.9 },
        ],
      }),
    ).toThrow(/not positive definite/);
  });
});

function below(v: Float64Array, q: number): number {
  let k = 0;
  for (const y of v) if (y <= q) k++;
  return k / v.length;
}
