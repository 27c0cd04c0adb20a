/** Scenarios, one-way sensitivity (tornado data) and switching values, all on the exact ledger. */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { appraise, InvalidModelError, loadModel, runScenarios, scenarioTable, sensitivity, setInputs, switchingValue, type ModelInput } from "../src";
import { runs } from "./helpers/runs";

const raw = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
// The example's own distributions are left out here: each test names the inputs it draws.
const family = loadModel({ ...raw, uncertainty: undefined });

describe("scenarios", () => {
  it("appraise the base and every named scenario; options win over the model's block", () => {
    const m = loadModel({ ...raw, uncertainty: { scenarios: { low: { "outcomes.custody.success": 0.01 }, high: { "outcomes.custody.success": 0.08 } } } });
    const runs = runScenarios(m, { low: { "outcomes.custody.success": 0.02 } });
    expect(runs.map((r) => r.name)).toEqual(["base", "low", "high"]);
    const low = appraise(setInputs(family, { "outcomes.custody.success": 0.02 }));
    expect(runs[1]!.appraisal.horizons[2]!.agencies.moj!.npv.equals(low.horizons[2]!.agencies.moj!.npv)).toBe(true);
    const table = scenarioTable(runs);
    expect(table.horizons[2]!.system.high!.gt(table.horizons[2]!.system.base!)).toBe(true);
  });
  it("name the scenario and the path when one is wrong", () => {
    try {
      runScenarios(family, { bad: { "outcomes.custody.sucess": 0.1 } });
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidModelError);
      expect((e as InvalidModelError).errors[0]!.path).toBe("scenarios.bad.outcomes.custody.sucess");
    }
  });
});

describe("sensitivity (tornado)", () => {
  const t = sensitivity(family, [
    { path: "outcomes.custody.success", low: 0.02, high: 0.06 },
    { path: "costs.key-workers-grant.amount", change: 0.2 },
    "outcomes.into-work.success",
  ]);
  it("moves one input at a time and appraises exactly", () => {
    const h = t.horizons.find((x) => x.years === 10)!;
    const bar = h.agencies.moj!.find((b) => b.canonical === "outcomes[1].success")!;
    expect(bar.npvLow.equals(appraise(setInputs(family, { "outcomes[1].success": 0.02 })).horizons[2]!.agencies.moj!.npv)).toBe(true);
    const cost = h.system.find((b) => b.canonical === "costs[1].amount")!;
    expect([cost.low, cost.high]).toEqual([2880, 4320]);
    expect(t.ranges.find((r) => r.canonical === "outcomes[4].success")!.source).toBe("±10%");
  });
  it("sorts bars by swing, widest first; inputs that do not touch an agency have zero swing", () => {
    for (const h of t.horizons) {
      for (const bars of [h.system, ...Object.values(h.agencies)]) {
        for (let i = 1; i < bars.length; i++) expect(bars[i - 1]!.swing.gte(bars[i]!.swing)).toBe(true);
      }
      expect(h.agencies.nhs!.find((b) => b.canonical === "outcomes[1].success")!.swing.isZero()).toBe(true);
    }
  });
  it("takes ranges from the model's distributions (5th to 95th percentile)", () => {
    const m = loadModel({ ...raw, uncertainty: { distributions: { "outcomes.custody.success": { type: "uniform", min: 0.02, max: 0.06 } } } });
    const r = sensitivity(m).ranges[0]!;
    expect(r.low).toBeCloseTo(0.022, 12);
    expect(r.high).toBeCloseTo(0.058, 12);
  });
});

describe("switching values", () => {
  test.prop(
    [
      fc.constantFrom(
        "costs.key-workers-grant.amount",
        "outcomes.care-entry.success",
        "tables.unitCosts.looked-after-child-year.value",
        "outcomes.care-entry.deadweight",
        "outcomes.into-work.values[0].amount",
        "outcomes.custody.success",
      ),
      fc.constantFrom(undefined, "council", "moj", "dwp"),
      fc.constantFrom(1, 5, 10),
    ],
    { numRuns: runs(12) },
  )("put the NPV at zero (to the tolerance), or say it never crosses within the bounds", (path, agency, horizon) => {
    const sv = switchingValue(family, path, { agency, horizon });
    const npvAt = (x: number) => {
      const h = appraise(setInputs(family, { [path]: x }), { horizons: [horizon] }).horizons[0]!;
      return (agency ? h.agencies[agency]! : h.system).npv.toNumber();
    };
    if (sv.found) {
      expect(sv.value).toBeGreaterThanOrEqual(sv.bounds[0]);
      expect(sv.value).toBeLessThanOrEqual(sv.bounds[1]);
      // A sign change within the tolerance either side of the value.
      const step = Math.max(sv.tolerance, 1e-12 * Math.abs(sv.value));
      expect(Math.sign(npvAt(sv.value - step)) * Math.sign(npvAt(sv.value + step))).toBeLessThanOrEqual(0);
      expect(sv.npvAtValue.toNumber()).toBe(npvAt(sv.value));
    } else {
      expect(sv.reason).toBe("never-within-bounds");
      expect(Math.sign(sv.npvAtLow.toNumber())).toBe(Math.sign(sv.npvAtHigh.toNumber()));
    }
  });
  it("finds the system's break-even cost per family over 5 and 10 years", () => {
    const five = switchingValue(family, "costs.key-workers-grant.amount", { horizon: 5 });
    const ten = switchingValue(family, "costs.key-workers-grant.amount", { horizon: 10 });
    expect(five.found && ten.found).toBe(true);
    if (!five.found || !ten.found) return;
    expect(Math.abs(five.npvAtValue.toNumber())).toBeLessThan(1e-3);
    // Over five years the system loses at £3,600 a family, so it breaks even only at less; over ten it gains.
    expect(five.value).toBeLessThan(3600);
    expect(ten.value).toBeGreaterThan(3600);
  });
  it("gives a typed answer when the NPV never crosses zero", () => {
    const sv = switchingValue(family, "outcomes.custody.success", { agency: "council" });
    expect(sv).toMatchObject({ found: false, reason: "never-within-bounds", party: "council", bounds: [0, 1] });
  });
  it("handles whole-number inputs: the first lag at which the system stops paying back in 5 years", () => {
    const m = loadModel({ ...raw, appraisal: { ...raw.appraisal, horizons: [5, 10] } });
    const sv = switchingValue(m, "outcomes.into-work.lag", { horizon: 10, bounds: [0, 10] });
    if (sv.found) {
      expect(Number.isInteger(sv.value)).toBe(true);
      const at = (lag: number) => appraise(setInputs(m, { "outcomes.into-work.lag": lag }), { horizons: [10] }).horizons[0]!.system.npv.toNumber();
      expect(Math.sign(at(sv.value))).not.toBe(Math.sign(at(1)));
      expect(Math.sign(at(sv.value - 1))).toBe(Math.sign(at(1)));
    } else expect(sv.reason).toBe("never-within-bounds");
  });
  it("rejects unknown agencies and empty bounds", () => {
    expect(() => switchingValue(family, "outcomes.custody.success", { agency: "nobody" })).toThrow(/unknown agency/);
    expect(() => switchingValue(family, "outcomes.custody.success", { bounds: [1, 0] })).toThrow(/low < high/);
  });
});
