/**
 * The range of money the ledger holds exactly (src/model/range.ts): inputs beyond it are refused
 * at parse time with a path-named error, and within it the agencies sum to the system to the
 * penny, however large the amounts.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { appraise, Decimal, parseModel, sum, toJSON, type ModelInput } from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";
import { jsonConservationProblems } from "./helpers/conservation";
import { runs } from "./helpers/runs";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const base = (): any => structuredClone(familySupport);
const errorsOf = (input: unknown) => {
  const r = parseModel(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};

/** |Σ agencies − system| and |Σ public bodies − public sector| at every horizon, every money figure. */
function largestGap(input: unknown): Decimal {
  const a = appraise(input, { lens: "social" });
  let gap = new Decimal(0);
  for (const h of a.horizons) {
    for (const k of ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const) {
      const all = sum(Object.values(h.agencies).map((m) => m[k]));
      const pub = sum(a.agencies.filter((x) => x.sector === "public").map((x) => h.agencies[x.id]![k]));
      gap = Decimal.max(gap, all.minus(h.system[k]).abs(), pub.minus(h.publicSector[k]).abs());
    }
  }
  for (const k of ["costs", "savings", "transfers", "net"] as const) {
    for (let t = 0; t < a.annual.system.net.length; t++) {
      const all = sum(Object.values(a.annual.agencies).map((f) => f[k][t]!));
      // Undiscounted yearly sums are exact: no gap at all.
      expect(all.equals(a.annual.system[k][t]!)).toBe(true);
    }
  }
  return gap;
}

describe("the range of money", () => {
  it("refuses one amount beyond £10^15 at its path, as a number or a string (once 1e40 broke conservation)", () => {
    for (const amount of [1e40, 1e100, "1e400", -2e15, "1000000000000001"]) {
      const m = base();
      m.costShunts[0].amount = amount;
      const errors = errorsOf(m);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.path).toBe("costShunts[0].amount");
      expect(errors[0]!.message).toMatch(/no larger than £10\^15/);
    }
    const m = base();
    m.costShunts[0].amount = 1e15;
    expect(parseModel(m).ok).toBe(true);
    m.costs[0].amount = "-1e15";
    expect(parseModel(m).ok).toBe(true);
  });
  it("refuses a line whose product of factors could pass £10^24, at the line's path", () => {
    const m = base();
    m.interventions[0].cohort = 1e21; // participants × £3,600 a head
    const errors = errorsOf(m);
    expect(errors.map((e) => e.path)).toContain("costs[1]");
    expect(errors.find((e) => e.path === "costs[1]")!.message).toMatch(
      /this cost could reach £.* × 10\^\d+ over the appraisal, beyond the £10\^24 the ledger holds exactly/,
    );
    const growth = base();
    growth.costs[1].growth = 1e6; // (1 + 10^6)^9 a year
    expect(errorsOf(growth).map((e) => e.path)).toEqual(["costs[1]"]);
    const inflation = base();
    inflation.appraisal.prices = { inflation: 1e9 }; // unit costs in 2023-24 prices, × (1 + 10^9)^2
    expect(errorsOf(inflation).map((e) => e.path)).toEqual(["outcomes[0].values[0]", "outcomes[1].values[0]"]); // the two unit costs
    inflation.appraisal.prices = { inflation: 1e6 }; // × 10^12: large, but held exactly
    expect(parseModel(inflation).ok).toBe(true);
  });
  it("refuses many lines over many years that together pass £10^24, naming the largest", () => {
    const m = base();
    m.appraisal.years = 500;
    m.interventions[0].cohort = 100_000;
    // Thirty costs of up to £10^15 a participant, for 100,000 participants, over 500 years.
    m.costs = Array.from({ length: 30 }, (_, i) => ({
      id: `c${i}`,
      agency: "council",
      intervention: "early-help",
      per: "participant",
      amount: i === 7 ? 1e15 : 9e14,
    }));
    const errors = errorsOf(m);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: "costs[7]" });
    expect(errors[0]!.message).toMatch(
      /^the model's lines together could reach £1\.4 × 10\^24 over the appraisal, beyond the £10\^24 the ledger holds exactly; this cost is the largest, at up to £5\.0 × 10\^22$/,
    );
    m.costs = m.costs.slice(0, 20);
    expect(parseModel(m).ok).toBe(true);
  });
  it("refuses discounting at a negative rate that would multiply amounts beyond the range, at the schedule's path", () => {
    const m = base();
    m.appraisal.years = 500;
    m.appraisal.horizons = [1, 500];
    m.appraisal.discount = { rate: -0.5 };
    const errors = errorsOf(m);
    expect(errors).toEqual([
      { path: "appraisal.discount", message: expect.stringMatching(/discounting at -50\.0% a year over 500 years multiplies amounts by up to 3\.3 × 10\^150/) },
    ]);
    // As an appraisal option too (the CLI's --discount).
    expect(() => appraise(familySupport, { discount: { rate: -0.99 } })).toThrow(/options\.discount: discounting at -99\.0% a year over 10 years/);
    expect(() => appraise(familySupport, { discount: { rate: "x" } as never })).toThrow(/options\.discount: expected "stpr"/);
    expect(appraise(familySupport, { discount: { rate: -0.5 } }).horizons[2]!.system.npv.isPositive()).toBe(true);
  });
  it("refuses a price index that is not positive, at its year", () => {
    const m = base();
    m.appraisal.prices = {
      deflator: Object.fromEntries(
        ["2023-24", "2024-25", "2025-26", "2026-27", "2027-28", "2028-29", "2029-30", "2030-31", "2031-32", "2032-33", "2033-34", "2034-35"].map((y, i) => [
          y,
          90 + i,
        ]),
      ),
    };
    expect(parseModel(m).ok).toBe(true);
    m.appraisal.prices.deflator["2024-25"] = 0;
    expect(errorsOf(m)).toEqual([{ path: "appraisal.prices.deflator.2024-25", message: "a price index must be positive, got 0" }]);
  });
  it("at the top of the range, agencies still sum to the system to the penny", () => {
    const m = base();
    m.costShunts[0].amount = 1e15; // over four years, beside family support's own £10^7
    m.costs[0].amount = "999999999999999.99";
    expect(largestGap(m).lt("0.000001")).toBe(true);
    expect(jsonConservationProblems(toJSON(appraise(m)))).toEqual([]);
  });
  /** A random valid model with its money scaled by 10^k and its cohorts by 10^j. */
  const scaled = fc.tuple(arbitraryModel(), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 8 })).map(([m, k, j]) => {
    const up = (x: unknown, p: number) => (x === undefined ? x : new Decimal(x as number).times(new Decimal(10).pow(p)).toString());
    const copy = structuredClone(m) as any;
    for (const c of [...copy.costs, ...copy.savings, ...copy.costShunts]) {
      if (c.amount !== undefined) c.amount = up(c.amount, k);
      if (c.series) c.series = c.series.map((x: number) => up(x, k));
    }
    for (const o of copy.outcomes) for (const v of o.values) v.amount = up(v.amount, k);
    for (const v of copy.interventions) v.cohort = Array.isArray(v.cohort) ? v.cohort.map((c: number) => c * 10 ** j) : v.cohort * 10 ** j;
    return copy as ModelInput;
  });
  test.prop([scaled], { numRuns: runs(40) })("within the range, agencies sum to the system (and public bodies to the public sector) to the penny", (input) => {
    const parsed = parseModel(input);
    if (!parsed.ok) {
      // Refused only for the range, each error at a path.
      for (const e of parsed.errors) expect(e.message).toMatch(/£10\^(15|24)/);
      return;
    }
    expect(largestGap(parsed.model).lt("0.000001")).toBe(true);
    expect(jsonConservationProblems(toJSON(appraise(parsed.model)))).toEqual([]);
  });
});
