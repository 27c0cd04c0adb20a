import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { InvalidModelError, loadModel, modelJsonSchema, parseModel, type ModelInput } from "../src";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const base = (): ModelInput => structuredClone(familySupport);
const errorsOf = (input: unknown) => {
  const r = parseModel(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};
const expectError = (input: unknown, path: string, pattern: RegExp) => {
  const errors = errorsOf(input);
  expect(
    errors.some((e) => e.path === path && pattern.test(e.message)),
    JSON.stringify(errors),
  ).toBe(true);
};

describe("parseModel", () => {
  it("accepts the family-support example and fills in defaults", () => {
    const r = parseModel(familySupport);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.model.agencies[1]!.budgets).toEqual([{ id: "core", name: "Core budget" }]);
    expect(r.model.outcomes[0]!.reach).toBe(1);
    expect(r.model.appraisal.timing).toBe("end");
  });
  it("reads JSON text and reports malformed JSON", () => {
    expect(parseModel(JSON.stringify(familySupport)).ok).toBe(true);
    expectError("{ not json", "", /not valid JSON/);
  });
  it("reads bytes: UTF-8 with or without a byte-order mark; invalid UTF-8 is refused with its byte offset", () => {
    const bytes = new TextEncoder().encode(JSON.stringify(familySupport, null, 2));
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(parseModel(bytes).ok).toBe(true);
    expect(parseModel(bom).ok).toBe(true);
    expect(parseModel(bom.buffer).ok).toBe(true);
    expect(parseModel(`\ufeff${JSON.stringify(familySupport)}`).ok).toBe(true); // text read with the BOM kept
    const latin1 = bytes.slice();
    latin1[120] = 0xe9; // "é" in Latin-1: a lead byte with no continuation
    expectError(latin1, "", /^not valid UTF-8: byte 0x.. at byte offset 12[01] \(line \d+\)/);
    expectError(new Uint8Array([0x7b, 0x22, 0xc3]), "", /byte 0xC3 at byte offset 2/); // cut short
    expectError(new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d]), "", /byte 0xC0 at byte offset 1/); // overlong "/"
    expectError(new Uint8Array([0x7b, 0x0a, 0xed, 0xa0, 0x80]), "", /at byte offset 3 \(line 2\)/); // a UTF-16 surrogate
    expectError(new Uint8Array([0xef, 0xbb, 0xbf]), "", /not valid JSON/);
  });
  it("names the path and what was expected for shape errors", () => {
    const m = base() as any;
    m.outcomes[0].success = 1.4;
    m.agencies[2].settlementYears = "three";
    m.interventions[0].cohort = [400, -5];
    delete m.appraisal.priceBase;
    m.outcomes[1].values[0].sucess = 1;
    const errors = errorsOf(m);
    const paths = errors.map((e) => e.path);
    expect(paths).toContain("outcomes[0].success");
    expect(paths).toContain("agencies[2].settlementYears");
    expect(paths).toContain("interventions[0].cohort[1]");
    expect(paths).toContain("appraisal.priceBase");
    expect(paths).toContain("outcomes[1].values[0].sucess");
    expect(errors.find((e) => e.path === "outcomes[0].success")!.message).toMatch(/1\.4/);
    expect(errors.find((e) => e.path === "appraisal.priceBase")!.message).toMatch(/required/);
    expect(errors.find((e) => e.path === "outcomes[1].values[0].sucess")!.message).toMatch(/unknown field/);
  });
  it("reports unknown agency, budget, intervention and unit-cost references", () => {
    const m = base() as any;
    m.costs[0].agency = "cuncil";
    m.costs[1].budget = "nope";
    m.outcomes[0].intervention = "missing";
    m.outcomes[1].values[0].unitCost = "missing";
    m.costShunts[0].to = "ghost";
    const errors = errorsOf(m);
    expect(errors.find((e) => e.path === "costs[0].agency")!.message).toMatch(/unknown agency "cuncil".*council/);
    expect(errors.find((e) => e.path === "costs[1].budget")!.message).toMatch(/no budget "nope"/);
    expect(errors.some((e) => e.path === "outcomes[0].intervention")).toBe(true);
    expect(errors.some((e) => e.path === "outcomes[1].values[0].unitCost")).toBe(true);
    expect(errors.some((e) => e.path === "costShunts[0].to")).toBe(true);
  });
  it("reports duplicate ids", () => {
    const m = base() as any;
    m.agencies[3].id = "police";
    m.agencies[0].budgets[1].id = "early-help";
    expectError(m, "agencies[3].id", /duplicate agency id "police"/);
    expectError(m, "agencies[0].budgets[1].id", /duplicate budget id/);
  });
  it("reports years outside the appraisal period and shares outside 0–1", () => {
    const m = base() as any;
    m.costs[1].years = [0, 12];
    m.agencies[0].budgets[1].fundingEndsYear = 30;
    m.appraisal.horizons = [1, 5, 20];
    expectError(m, "costs[1].years[1]", /outside the appraisal period 0..9 \(10 years/);
    expectError(m, "agencies[0].budgets[1].fundingEndsYear", /outside/);
    expectError(m, "appraisal.horizons[2]", /a 20-year horizon is longer than the appraisal \(appraisal.years is 10\)/);
    // Shape errors are reported first (references are checked once the shape is right).
    m.outcomes[2].deadweight = -0.1;
    expectError(m, "outcomes[2].deadweight", /≥ 0/);
  });
  it("reports a missing price basis for conversions", () => {
    const m = base() as any;
    delete m.appraisal.prices;
    expectError(m, "costs[3].prices", /needs appraisal.prices/);
    expectError(m, "tables.unitCosts[0].priceBase", /needs appraisal.prices/);
  });
  it("reports circular and dangling cohort references", () => {
    const m = base() as any;
    m.interventions.push(
      { id: "step-down", name: "Step-down", cohort: { from: "follow-on", share: 0.5 } },
      { id: "follow-on", name: "Follow-on", cohort: { from: "step-down", share: 0.5 } },
      { id: "orphan", name: "Orphan", cohort: { from: "nowhere", share: 0.5 } },
    );
    expectError(m, "interventions[1].cohort.from", /circular cohort reference: step-down → follow-on → step-down/);
    expectError(m, "interventions[3].cohort.from", /unknown intervention "nowhere"/);
  });
  it("reports lines with no amount or two", () => {
    const m = base() as any;
    delete m.costs[0].amount;
    m.outcomes[2].values[0].unitCost = "prison-place-year";
    expectError(m, "costs[0]", /exactly one of amount or series/);
    expectError(m, "outcomes[2].values[0]", /exactly one of amount or unitCost/);
  });
  it("never throws on junk", () => {
    for (const junk of [null, undefined, 42, "x", [], {}, { title: 1 }, { agencies: "all" }, [[[]]]]) {
      const r = parseModel(junk);
      expect(r.ok).toBe(false);
    }
  });
  it("names the valid types for an unknown deal or distribution type (never throws)", () => {
    // Regression: zod reports an unknown discriminator with no branches, which once crashed the
    // error formatter ("Reduce of empty array with no initial value").
    for (const type of ["social-impact-bond", "foo", 1, null, {}, [], undefined]) {
      const m = base() as any;
      m.deals = [{ type, id: "x" }];
      m.uncertainty = { distributions: { "outcomes.custody.success": { type, value: 0.1 } } };
      if (type === undefined) {
        delete m.deals[0].type;
        delete m.uncertainty.distributions["outcomes.custody.success"].type;
      }
      const errors = errorsOf(m);
      const deal = errors.find((e) => e.path === "deals[0].type");
      const dist = errors.find((e) => e.path === "uncertainty.distributions.outcomes.custody.success.type");
      expect(deal?.message, JSON.stringify(errors)).toMatch(/^(required \()?expected one of "gainshare", "pooled-budget", .*"loan", "grant"/);
      expect(dist?.message, JSON.stringify(errors)).toMatch(
        /^(required \()?expected one of "fixed", "uniform", "triangular", "pert", "normal", "lognormal", "beta"/,
      );
      if (type !== undefined) expect(deal!.message).toMatch(/, got /);
    }
    // A whole distribution that is an empty object, or not an object at all.
    const m = base() as any;
    m.uncertainty = { distributions: { a: {}, b: null, c: 3 } };
    const errors = errorsOf(m);
    expect(errors.find((e) => e.path === "uncertainty.distributions.a.type")?.message).toMatch(/required \(expected one of "fixed"/);
    expect(errors.some((e) => e.path === "uncertainty.distributions.b")).toBe(true);
    expect(errors.some((e) => e.path === "uncertainty.distributions.c")).toBe(true);
  });
  it("loadModel throws InvalidModelError listing every error", () => {
    try {
      loadModel({ title: "x" });
      throw new Error("should have thrown");
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidModelError);
      expect((e as InvalidModelError).errors.map((x) => x.path)).toEqual(expect.arrayContaining(["appraisal", "agencies"]));
      expect((e as Error).message).toMatch(/appraisal: required/);
    }
  });
});

describe("model JSON Schema", () => {
  it("describes the model file for editors", () => {
    const schema = modelJsonSchema() as any;
    expect(schema.title).toBe("invest-to-save model");
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(expect.arrayContaining(["title", "appraisal", "agencies"]));
    expect(schema.properties.outcomes.items.properties.deadweight).toBeDefined();
    expect(JSON.stringify(schema)).not.toMatch(/NaN|Infinity/);
  });
});
