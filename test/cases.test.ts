/**
 * Worked examples of real programmes (examples/cases/): each model file is valid, reproduces its
 * published headline to the paper's rounding, stops reproducing it when one input moves (so the
 * checks can fail), runs from the CLI, and docs/cases.md shows what the code computes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseModel, setInputs } from "../src";
import { runCli } from "../src/cli/program";
import { CASES } from "../examples/cases/index";
import { loadCase } from "../examples/cases/lib";
import { DOCS, fillDocs } from "../examples/cases/write-docs";

const DIR = new URL("../examples/cases/", import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

/**
 * Inputs that, moved, must break the published headline: together they make every check of a case
 * fail at least once, so no check passes whatever the model says.
 */
const BREAKERS: Record<string, Record<string, number>[]> = {
  "troubled-families-2015-20": [
    { "interventions.families.cohort[0]": 70000 },
    { "outcomes.jsa.values[0].amount": 6000 },
    { "outcomes.childrens-social-care.values[0].amount": 11000 },
  ],
  "troubled-families-pbr-2012-15": [{ "interventions.families.cohort[0]": 30000 }, { "deals[0].capPerCase": 3500 }],
  "cheshire-west": [{ "costs.council-investment.series[0]": 9000000 }, { "outcomes.savings.rampUp[0]": 0.1 }],
  "whole-place-national": [
    { "outcomes.net-benefit.rampUp[3]": 0.7 },
    { "outcomes.net-benefit.values[0].amount": 1400000000 },
    { "outcomes.net-benefit.success": 0.9 },
    { "costs.pilot-support.amount": 5000000 },
  ],
  "core-cities-inactivity": [
    { "outcomes.into-work.success": 0.3 },
    { "outcomes.into-work.values[0].amount": 6000 },
    { "outcomes.into-work.values[1].amount": 9000 },
  ],
  "demos-reform-dividend": [{ "costs.pay-nhs.amount": 11000000000 }, { "costs.pay-nhs.growth": 0.03 }, { "interventions.reform.cohort[8]": 380 }],
  "lpsa-reward-grant": [{ "outcomes.gcse.success": 0.03 }, { "deals[0].maximum.rate": 0.03 }],
  "greater-manchester-earn-back": [
    { "outcomes.extra-tax.values[0].amount": 90000000 },
    { "deals[0].years[1]": 25 },
    { "costs.infrastructure.amount": 350000000 },
  ],
  "juno-loan": [{ "deals[0].rate": 0.06 }, { "deals[0].principal": 900000 }],
};

describe("worked examples of real programmes", () => {
  it("every model file in examples/cases passes parseModel and has a case study", () => {
    for (const f of files) {
      const parsed = parseModel(JSON.parse(readFileSync(new URL(f, DIR), "utf8")));
      expect(parsed.ok ? [] : parsed.errors, f).toEqual([]);
    }
    expect(CASES.map((c) => `${c.id}.json`).sort()).toEqual([...files].sort());
  });

  for (const study of CASES) {
    it(`${study.title}: reproduces the published headline`, () => {
      const checks = study.headline(loadCase(study.id));
      expect(checks.length).toBeGreaterThan(0);
      for (const c of checks) expect(c.ok, `${c.figure}: published ${c.published}, model ${c.computed}`).toBe(true);
    });
  }

  for (const [id, breakers] of Object.entries(BREAKERS)) {
    it(`${id}: every headline check fails when one input moves`, () => {
      const study = CASES.find((c) => c.id === id)!;
      const model = loadCase(id);
      const failed = new Set<string>();
      for (const overrides of breakers) {
        const broken = study.headline(setInputs(model, overrides)).filter((c) => !c.ok);
        expect(broken.length, `moving ${JSON.stringify(overrides)} should break the headline`).toBeGreaterThan(0);
        for (const c of broken) failed.add(c.figure);
      }
      expect([...failed].sort()).toEqual(study.headline(model).map((c) => c.figure).sort());
    });
  }

  it("the pooled place budget's checks are invariants: a shunt and a pot never change the system", () => {
    const study = CASES.find((c) => c.id === "pooled-place-budget")!;
    const moved = setInputs(loadCase(study.id), { "costShunts.discharge-home-care.amount": 5000, "deals[0].savingsReturn.share": 0.9 });
    expect(study.headline(moved).every((c) => c.ok)).toBe(true);
  });

  it("each case file runs from the CLI: invest-to-save appraise <file> exits 0", async () => {
    for (const f of files) {
      let out = "";
      let err = "";
      const code = await runCli(["appraise", new URL(f, DIR).pathname], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
      expect({ f, code, err }).toEqual({ f, code: 0, err: "" });
      expect(out).toMatch(/Whole system/);
    }
  });

  it("docs/cases.md shows the figures the code computes (npx tsx examples/cases/write-docs.ts)", () => {
    const text = readFileSync(DOCS, "utf8");
    expect(fillDocs(text)).toBe(text);
  });
});
