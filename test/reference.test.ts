/**
 * Green Book reference values: the bundled tables and their sources, `{ ref }` amounts rebased
 * and cited, HM Treasury's deflator by name, optimism bias by project category, and outcomes
 * stated as rates with and without the intervention.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  appraise,
  buildLedger,
  chainRates,
  dataVersions,
  Decimal,
  GDP_DEFLATOR,
  loadModel,
  lookupReference,
  optimismBiasUplift,
  parseModel,
  REFERENCE_TABLES,
  setInputs,
  type ModelInput,
} from "../src";
import { runs } from "./helpers/runs";
import { arbitraryModel } from "./helpers/arbitrary-model";

/** A small model: the NHS pays £1m in year 0 and values health outcomes. */
function model(parts: Partial<ModelInput> = {}): ModelInput {
  return {
    title: "Reference values",
    appraisal: { baseYear: "2024-25", priceBase: "2024-25", horizons: [5], years: 5 },
    agencies: [
      { id: "nhs", name: "NHS" },
      { id: "people", name: "Patients", sector: "households" },
    ],
    interventions: [{ id: "service", name: "Service", cohort: [100] }],
    costs: [{ id: "delivery", agency: "nhs", intervention: "service", per: "once", amount: 1_000_000 }],
    outcomes: [
      {
        id: "health",
        intervention: "service",
        success: 0.1,
        values: [
          { agency: "people", label: "QALYs gained", amount: { ref: "qaly" }, lens: "social", discount: "stpr-health" },
          { agency: "people", label: "Life satisfaction", amount: { ref: "wellby" }, lens: "social" },
        ],
      },
    ],
    ...parts,
  } as ModelInput;
}

const errorsOf = (input: unknown) => {
  const r = parseModel(input);
  return r.ok ? [] : r.errors;
};

describe("bundled tables", () => {
  it("dataVersions lists every table with its source, edition, date and unit", () => {
    const rows = dataVersions();
    expect(rows.map((r) => r.id)).toEqual(["stpr", "stpr-health", ...REFERENCE_TABLES.map((t) => t.id)]);
    expect(rows.map((r) => r.id)).toEqual(
      expect.arrayContaining(["gdp-deflator", "optimism-bias", "qaly", "wellby", "vpf", "carbon", "distributional-weights", "mteb"]),
    );
    for (const r of rows) {
      for (const field of [r.title, r.source, r.url, r.edition, r.date, r.unit, r.file]) expect(field.length).toBeGreaterThan(0);
      expect(r.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
    }
    // Money tables state their price year.
    for (const id of ["qaly", "wellby", "vpf", "carbon"]) expect(rows.find((r) => r.id === id)?.priceYear).toMatch(/^\d{4}(-\d{2})?$/);
  });

  it("holds the published figures", () => {
    // HM Treasury, Wellbeing guidance for appraisal (July 2021): £13,000 (£10,000 to £16,000), 2019 prices.
    expect(
      ["low", "central", "high"].map((s) => {
        const r = lookupReference({ ref: "wellby", scenario: s });
        return r.ok && r.value.value;
      }),
    ).toEqual(["10000", "13000", "16000"]);
    // The Green Book (2022): £70,000 per QALY; 2020-21 prices (HM Treasury, answer to HL5283).
    const q = lookupReference({ ref: "qaly" });
    expect(q.ok && [q.value.value, q.value.priceYear]).toEqual(["70000", "2020-21"]);
    // Supplementary guidance on optimism bias, Table 2: standard buildings 24% capex, equipment/development 200%.
    expect(optimismBiasUplift("standard-buildings").uplift.toString()).toBe("0.24");
    expect(optimismBiasUplift("equipment-development").uplift.toString()).toBe("2");
    expect(optimismBiasUplift("standard-civil-engineering", { dimension: "duration" }).uplift.toString()).toBe("0.2");
    // HMT GDP deflator, December 2025 release: calendar 2024 = 100.
    expect(GDP_DEFLATOR.index["2024"]).toBe("100");
  });

  it("answers an unknown name, scenario or year with the field at fault", () => {
    expect(lookupReference({ ref: "qualy" })).toMatchObject({ ok: false, field: "ref" });
    expect(lookupReference({ ref: "wellby", scenario: "upper" })).toMatchObject({ ok: false, field: "scenario" });
    expect(lookupReference({ ref: "carbon", scenario: "central" })).toMatchObject({ ok: false, field: "year" });
    expect(lookupReference({ ref: "carbon", year: 2051 })).toMatchObject({ ok: false, field: "year" });
  });
});

describe("{ ref } amounts", () => {
  it("rebases the QALY and WELLBY values to the price base with the bundled deflator and cites them", () => {
    const parsed = loadModel(model());
    // Independent arithmetic on the HMT series (December 2025 release): 2020 = 85.2137, 2019 = 81.1085, 2024 = 100.
    const qaly = parsed.outcomes[0]!.values[0]!.amount;
    const wellby = parsed.outcomes[0]!.values[1]!.amount;
    expect(Number(qaly)).toBeCloseTo((70000 * 100) / 85.2137, 6);
    expect(Number(wellby)).toBeCloseTo((13000 * 100) / 81.1085, 6);
    const ledger = buildLedger(parsed);
    const line = ledger.lines.find((l) => l.label === "QALYs gained")!;
    expect(line.factors.reference).toMatch(/^qaly: £70,000 in 2020-21 prices × 1\.17352\d* = £82,146\.\d\d$/);
    expect(line.factors.referenceSource).toContain("Green Book");
    expect(line.factors.referenceRebasing).toContain("HM Treasury GDP deflator");
    // The ledger's value: 100 people × 0.1 success × the rebased QALY value, in year 0.
    const row = ledger.rows.find((r) => r.label === "QALYs gained" && r.year === 0)!;
    expect(row.amount.toFixed(6)).toBe(new Decimal(qaly!).times(10).toFixed(6));
  });

  it("uses the model's own price basis when it has one", () => {
    const parsed = loadModel(model({ appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [5], years: 5, prices: { inflation: 0.02 } } }));
    // £13,000 in 2019 (read as 2019-20) prices at 2% a year for six years.
    expect(parsed.outcomes[0]!.values[1]!.amount).toBe(new Decimal(13000).times(new Decimal(1.02).pow(6)).toString());
    expect(parsed.references.map((r) => r.ref)).toEqual(["qaly", "wellby"]);
  });

  it("takes scenarios and years", () => {
    const parsed = loadModel(
      model({
        costs: [
          { id: "delivery", agency: "nhs", per: "once", amount: { ref: "vpf" } },
          { id: "carbon", agency: "nhs", per: "once", amount: { ref: "carbon", scenario: "high", year: 2030 } },
        ],
        outcomes: [],
        interventions: [],
        appraisal: { baseYear: "2023-24", priceBase: "2023-24", horizons: [1], years: 1 },
      }),
    );
    // DfT TAG data book v2.03, A4.1.1: £2,474,341 (2023 prices) — no rebasing at a 2023-24 price base.
    expect(parsed.costs[0]!.amount).toBe("2474341");
    // DESNZ (2023) Table 3: £441.75/tCO2e in 2030, high, 2022 prices; × 96.2507 / 90.5005.
    expect(Number(parsed.costs[1]!.amount)).toBeCloseTo((441.75 * 96.2507) / 90.5005, 8);
  });

  it("reports unknown names, scenarios and uncovered years with their paths", () => {
    const bad = model();
    const values = (bad.outcomes![0] as { values: { amount: unknown }[] }).values;
    values[0]!.amount = { ref: "qualy" };
    values[1]!.amount = { ref: "wellby", scenario: "median" };
    expect(errorsOf(bad).map((e) => e.path)).toEqual(["outcomes[0].values[0].amount.ref", "outcomes[0].values[1].amount.scenario"]);
    // A price base the bundled outturn does not reach, and no appraisal.prices.
    const late = model({ appraisal: { baseYear: "2026-27", priceBase: "2026-27", horizons: [5], years: 5 } });
    const errors = errorsOf(late);
    expect(errors.map((e) => e.path)).toEqual(["outcomes[0].values[0].amount", "outcomes[0].values[1].amount"]);
    expect(errors[0]!.message).toMatch(/no value for 2026-27.*appraisal\.prices/);
    // A reference is already in the price base.
    const based = model();
    (based.outcomes![0] as { values: Record<string, unknown>[] }).values[0]!.priceBase = "2020-21";
    expect(errorsOf(based).map((e) => e.path)).toEqual(["outcomes[0].values[0].priceBase"]);
    // Unknown fields in a reference.
    const odd = model();
    (odd.outcomes![0] as { values: { amount: unknown }[] }).values[0]!.amount = { ref: "qaly", price: 1 };
    expect(errorsOf(odd)[0]!.path).toBe("outcomes[0].values[0].amount");
  });

  it("keeps the citation through a re-parse and drops it when the value is overridden", () => {
    const parsed = loadModel(model());
    const again = loadModel(structuredClone(parsed));
    expect(again.references).toEqual(parsed.references);
    const changed = setInputs(parsed, { "outcomes[0].values[0].amount": 90000 });
    expect(changed.references.map((r) => r.ref)).toEqual(["wellby"]);
    expect(buildLedger(changed).lines.find((l) => l.label === "QALYs gained")!.factors.reference).toBeUndefined();
  });
});

describe('appraisal.prices: { deflator: "hmt" }', () => {
  it("uses the bundled series, extended by forecast values and then constant inflation", () => {
    const parsed = loadModel(
      model({
        appraisal: {
          baseYear: "2025-26",
          priceBase: "2025-26",
          horizons: [3],
          years: 3,
          prices: { deflator: "hmt", forecast: { "2025-26": 103 }, inflation: 0.02 },
        },
        costs: [{ id: "delivery", agency: "nhs", years: [0, 2], amount: 1000, prices: "nominal" }],
        outcomes: [],
        interventions: [],
      }),
    );
    const prices = parsed.appraisal.prices as { deflator: Record<string, string>; source: string };
    expect(prices.deflator["2024-25"]).toBe("100");
    expect(prices.deflator["2025-26"]).toBe("103");
    expect(prices.deflator["2027-28"]).toBe("107.1612");
    expect(prices.source).toMatch(/HM Treasury GDP deflator.*forecast.*2026-27 onwards projected at 2% a year/);
    // Nominal £1,000 a year in 2025-26 prices: 1000, 1000/1.02, 1000/1.02².
    const rows = buildLedger(parsed).rows.map((r) => r.amount.neg().toFixed(6));
    expect(rows).toEqual(["1000.000000", new Decimal(1000).div(1.02).toFixed(6), new Decimal(1000).div(1.0404).toFixed(6)]);
  });

  it("reports years it does not cover", () => {
    const late = model({
      appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [3], years: 3, prices: { deflator: "hmt" } },
      costs: [{ id: "delivery", agency: "nhs", years: [0, 2], amount: 1000, prices: "nominal" }],
      outcomes: [],
      interventions: [],
    });
    const errors = errorsOf(late);
    expect(errors.map((e) => e.path)).toEqual(["appraisal.prices.deflator", "appraisal.prices.deflator", "appraisal.prices.deflator"]);
    expect(errors.map((e) => e.message)).toEqual([
      "the deflator has no value for 2025-26",
      "the deflator has no value for 2026-27",
      "the deflator has no value for 2027-28",
    ]);
    expect(errorsOf({ ...late, appraisal: { ...late.appraisal, prices: { deflator: "hmt", inflation: -2 } } })[0]!.path).toBe("appraisal.prices.inflation");
  });
});

describe("optimism bias by project category", () => {
  it("reproduces the guidance's worked example: 51% upper bound, 92% mitigated, about 4%", () => {
    // HM Treasury supplementary guidance on optimism bias (Mott MacDonald 2002): non-standard
    // buildings, £100m capital, (100% − 92%) × 51% = 4.08% ≈ the 4% lower bound.
    const ob = optimismBiasUplift("non-standard-buildings", { mitigation: 0.92 });
    expect(ob.uplift.toString()).toBe("0.0408");
    expect(new Decimal(100e6).times(ob.uplift.plus(1)).toString()).toBe("104080000");
    expect(optimismBiasUplift("non-standard-buildings", { stage: "full-business-case" }).uplift.toString()).toBe("0.04");
    expect(optimismBiasUplift("non-standard-buildings", { stage: "strategic-outline-case" }).uplift.toString()).toBe("0.51");
  });

  it("uplifts a cost line and says so in its trace", () => {
    const m = model({
      costs: [
        {
          id: "build",
          agency: "nhs",
          per: "once",
          amount: 1_000_000,
          category: "capital",
          optimismBias: { category: "non-standard-buildings", mitigation: 0.5 },
        },
      ],
    });
    const ledger = buildLedger(m);
    expect(ledger.rows.find((r) => r.line === "cost:build")!.amount.toString()).toBe("-1255000");
    expect(ledger.lines.find((l) => l.line === "cost:build")!.factors.optimismBias).toMatch(/upper bound 51% × \(1 − 0\.5 mitigation\) = 25\.5%/);
  });

  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: runs(50) })(
    "more mitigation never raises the uplift, and it stays between the bounds' floor (0) and the upper bound",
    (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const u = (m: number) => optimismBiasUplift("standard-civil-engineering", { mitigation: m }).uplift;
      expect(u(hi).lte(u(lo))).toBe(true);
      expect(u(lo).lte(0.44) && u(hi).gte(0)).toBe(true);
    },
  );

  it("rejects a grade and a category on the same line, and mitigation with a stage", () => {
    const both = model({
      costs: [
        {
          id: "b",
          agency: "nhs",
          per: "once",
          amount: 1,
          confidence: "2",
          optimismBias: { category: "standard-buildings", mitigation: 0.2, stage: "full-business-case" },
        },
      ],
      tables: { optimismBias: { "2": { costs: 0.1 } } },
    });
    expect(errorsOf(both).map((e) => e.path)).toEqual(["costs[0].optimismBias", "costs[0].optimismBias.stage"]);
    expect(
      errorsOf(model({ costs: [{ id: "b", agency: "nhs", per: "once", amount: 1, optimismBias: { category: "outsourcing", dimension: "duration" } }] }))[0]!
        .path,
    ).toBe("costs[0].optimismBias.dimension");
  });
});

describe("outcome rates with and without the intervention", () => {
  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("lower" as const, "higher" as const)], {
    numRuns: runs(100),
  })("success × (1 − deadweight) is the net effect, the change in the better direction", (w, wo, better) => {
    const r = chainRates({ success: undefined, deadweight: 0, rate: { with: w, without: wo, better } });
    const net = new Decimal(r.success).times(new Decimal(1).minus(r.deadweight));
    const expected = better === "lower" ? new Decimal(wo).minus(w) : new Decimal(w).minus(wo);
    expect(net.minus(expected).abs().lt(1e-30)).toBe(true);
  });

  it("reconviction 8% against 72%: the same ledger as a net effect of 0.64 stated by hand", () => {
    const base = (outcome: Record<string, unknown>) =>
      model({
        outcomes: [{ id: "reoffending", intervention: "service", engagement: 0.8, attribution: 0.9, values: [{ agency: "nhs", amount: 10000 }], ...outcome }],
      });
    const byRate = loadModel(base({ rate: { with: 0.08, without: 0.72 } }));
    expect(byRate.outcomes[0]!.rate!.better).toBe("lower");
    const byHand = buildLedger(base({ success: 0.64 }));
    const a = buildLedger(byRate)
      .rows.filter((r) => r.kind === "saving")
      .map((r) => r.amount.toFixed(6));
    expect(a).toEqual(byHand.rows.filter((r) => r.kind === "saving").map((r) => r.amount.toFixed(6)));
    expect(a).toEqual(["460800.000000"]); // 100 × 0.8 × 0.64 × 0.9 × £10,000
    expect(buildLedger(byRate).lines.find((l) => l.line === "outcome:reoffending:0")!.factors.rate).toMatch(/lower is better.*net effect 0\.64/);
    // Scenarios can move the rates.
    const worse = setInputs(byRate, { "outcomes.reoffending.rate.with": 0.5 });
    expect(appraise(worse).horizons[0]!.system.pvSavings.toFixed(0)).toBe("158400"); // 100 × 0.8 × 0.22 × 0.9 × £10,000
  });

  it("asks for rate or success, not both and not neither", () => {
    const m = (o: Record<string, unknown>) => model({ outcomes: [{ id: "x", intervention: "service", values: [{ agency: "nhs", amount: 1 }], ...o }] });
    expect(errorsOf(m({ rate: { with: 0.1, without: 0.2 }, success: 0.1 }))[0]!.path).toBe("outcomes[0].success");
    expect(errorsOf(m({ rate: { with: 0.1, without: 0.2 }, deadweight: 0.3 }))[0]!.path).toBe("outcomes[0].deadweight");
    expect(errorsOf(m({}))[0]!.path).toBe("outcomes[0].success");
  });
});

describe("references on random models", () => {
  const refLike = fc.oneof(
    fc.record({ ref: fc.constantFrom("qaly", "wellby", "vpf", "carbon", "nope") }, { requiredKeys: ["ref"] }),
    fc.record(
      {
        ref: fc.constantFrom("wellby", "carbon"),
        scenario: fc.constantFrom("low", "central", "high", "mid"),
        year: fc.integer({ min: 2015, max: 2055 }),
        units: fc.oneof(fc.double({ min: -1, max: 3, noNaN: true }), fc.constant("0.5")),
      },
      { requiredKeys: ["ref"] },
    ),
    fc.jsonValue({ maxDepth: 2 }).map((v) => ({ ref: v })),
  );
  test.prop([arbitraryModel(), refLike, fc.nat()], { numRuns: runs(150) })(
    "parseModel never throws: a number with its citation, or errors with paths",
    (input, ref, pick) => {
      const m = structuredClone(input) as ModelInput & { appraisal: Record<string, unknown> };
      m.appraisal.prices = { deflator: "hmt", inflation: 0.02 };
      const sites = [...(m.costs ?? []), ...(m.savings ?? [])].filter((c) => c.amount !== undefined);
      if (sites.length === 0) return;
      (sites[pick % sites.length] as { amount: unknown }).amount = ref;
      const r = parseModel(m);
      if (r.ok) {
        expect(r.model.references.length).toBe(1);
        expect(Number.isFinite(Number(r.model.references[0]!.value))).toBe(true);
      } else for (const e of r.errors) expect(e.path.length + e.message.length).toBeGreaterThan(0);
    },
  );
});
