/**
 * Worked examples of real programmes (examples/cases/): each model file is valid, reproduces its
 * published headline to the paper's rounding, stops reproducing it when one input moves (so the
 * checks can fail), runs from the CLI, and docs/cases.md shows what the code computes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appraise, parseModel, setInputs, ZERO } from "../src";
import { runCli } from "../src/cli/program";
import { CASES } from "../examples/cases/index";
import { loadCase } from "../examples/cases/lib";
import { DOCS, fillDocs } from "../examples/cases/write-docs";

const DIR = new URL("../examples/cases/", import.meta.url);
/** Tests that appraise every case (the docs check runs every switching value and gainshare solve): seconds on a busy 2-core machine. */
const ALL_CASES_TIMEOUT = 120_000;
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
      expect([...failed].sort()).toEqual(
        study
          .headline(model)
          .map((c) => c.figure)
          .sort(),
      );
    });
  }

  // The published periods, as horizons of N financial years (years 0..N − 1) from each model's base year.
  const PUBLISHED_PERIODS: Record<string, [number, string][]> = {
    "troubled-families-2015-20": [
      [5, "5 years (2015-16 to 2019-20)"],
      [7, "7 years (2015-16 to 2021-22)"],
    ],
    "troubled-families-pbr-2012-15": [[3, "3 years (2012-13 to 2014-15)"]],
    "cheshire-west": [[5, "5 years (2013-14 to 2017-18)"]],
    "whole-place-national": [[5, "5 years (2013-14 to 2017-18)"]],
    "demos-reform-dividend": [[10, "10 years (2025-26 to 2034-35)"]],
    "lpsa-reward-grant": [[3, "3 years (2001-02 to 2003-04)"]],
    "greater-manchester-earn-back": [[30, "30 years (2015-16 to 2044-45)"]],
    "juno-loan": [[11, "11 years (2022-23 to 2032-33)"]],
  };

  it(
    "each published period is a horizon of that many financial years in the model",
    () => {
      for (const [id, periods] of Object.entries(PUBLISHED_PERIODS)) {
        const result = appraise(loadCase(id));
        for (const [years, label] of periods) expect(result.horizons.find((h) => h.years === years)?.label, id).toBe(label);
      }
    },
    ALL_CASES_TIMEOUT,
  );

  it(
    "transfers net to zero for society; the public sector plus everyone outside it is society",
    () => {
      for (const study of CASES) {
        const result = appraise(loadCase(study.id));
        const outside = result.agencies.filter((a) => a.sector !== "public");
        for (const h of result.horizons) {
          expect(h.system.pvTransfers.isZero(), `${study.id} at ${h.years} years`).toBe(true);
          const others = outside.reduce((s, a) => s.plus(h.agencies[a.id]!.npv), ZERO);
          // Exact up to Decimal's last digits (present values are rounded products): far below a penny.
          expect(h.system.npv.minus(h.publicSector.npv).minus(others).abs().lt(1e-9), `${study.id} at ${h.years} years`).toBe(true);
          if (outside.length === 0) expect(h.publicSector.npv.equals(h.system.npv)).toBe(true);
        }
      }
    },
    ALL_CASES_TIMEOUT,
  );

  it(
    "a party that only pays out (a funder, a commissioner, households losing benefits) reads as a payer",
    () => {
      let payers = 0;
      for (const study of CASES) {
        const result = appraise(loadCase(study.id));
        for (const h of result.horizons) {
          for (const [id, m] of Object.entries(h.agencies)) {
            if (m.pvCosts.isZero() && !m.pvSavings.gt(0) && m.pvTransfers.isNegative()) {
              expect(m.position, `${study.id}: ${id} at ${h.years} years`).toBe("payer");
              payers++;
            }
          }
        }
      }
      expect(payers).toBeGreaterThan(0);
    },
    ALL_CASES_TIMEOUT,
  );

  it(
    "parties outside the public sector: households are never in an incentive gap, Juno CIC is outside the public-sector view",
    () => {
      for (const study of CASES) {
        const result = appraise(loadCase(study.id));
        const households = new Set(result.agencies.filter((a) => a.sector === "households").map((a) => a.id));
        for (const g of result.incentiveGaps) {
          expect(households.has(g.agency)).toBe(false);
          for (const id of g.gainers) expect(households.has(id)).toBe(false);
        }
      }
      const juno = appraise(loadCase("juno-loan"));
      expect(juno.agencies.find((a) => a.id === "juno")!.sector).toBe("third-sector");
      const h = juno.horizons.find((x) => x.years === 11)!;
      expect(h.publicSector.npv.equals(h.agencies.lcr!.npv.plus(h.agencies.councils!.npv))).toBe(true);
      expect(h.agencies.lcr!.position).toBe("payer");
      expect(h.agencies.juno!.position).toBe("investor-gains");
    },
    ALL_CASES_TIMEOUT,
  );

  it("the pooled place budget's checks are invariants: a shunt and a pot never change the system", () => {
    const study = CASES.find((c) => c.id === "pooled-place-budget")!;
    const moved = setInputs(loadCase(study.id), { "costShunts.discharge-home-care.amount": 5000, "deals[0].savingsReturn.share": 0.9 });
    expect(study.headline(moved).every((c) => c.ok)).toBe(true);
  });

  it(
    "each case file runs from the CLI: invest-to-save appraise <file> exits 0",
    async () => {
      for (const f of files) {
        let out = "";
        let err = "";
        const code = await runCli(["appraise", new URL(f, DIR).pathname], {
          stdout: { write: (s: string) => (out += s) },
          stderr: { write: (s: string) => (err += s) },
        });
        expect({ f, code, err }).toEqual({ f, code: 0, err: "" });
        expect(out).toMatch(/Whole system/);
      }
    },
    ALL_CASES_TIMEOUT,
  );

  it(
    "docs/cases.md shows the figures the code computes (npx tsx examples/cases/write-docs.ts)",
    () => {
      const text = readFileSync(DOCS, "utf8");
      expect(fillDocs(text)).toBe(text);
    },
    ALL_CASES_TIMEOUT,
  );
});
