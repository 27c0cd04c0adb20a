import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import { compile, type TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import {
  appraise,
  sensitivity,
  type ModelInput,
} from "../src";
import { annualCashflowSpec, cashflowData, cumulativeData, cumulativePositionSpec, distributionSpec, histogramSummary, incentiveGapData, incentiveGapSpec, renderSvg, tornadoChartInput, tornadoSpec } from "../src/entries/report";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const result = appraise(familySupport);
const tornado = tornadoChartInput(
  sensitivity(familySupport, [
    { path: "outcomes.custody.success", low: 0.02, high: 0.06 },
    { path: "costs.key-workers-grant.amount", change: 0.2 },
  ]),
);
const draws = Array.from({ length: 500 }, (_, i) => 4e6 + 1e6 * Math.sin(i * 1.7));
const specs: Record<string, TopLevelSpec> = {
  cashflow: annualCashflowSpec(result),
  cumulative: cumulativePositionSpec(result),
  gap: incentiveGapSpec(result),
  tornado: tornadoSpec(tornado),
  distribution: distributionSpec({ party: "Whole system", draws }),
};

const schema = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("vega-lite/vega-lite-schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

/** Compiles a spec with a logger that keeps every warning and error. */
function compileQuietly(spec: TopLevelSpec): string[] {
  const messages: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => (messages.push(`error ${m.join(" ")}`), logger),
    warn: (...m: unknown[]) => (messages.push(`warn ${m.join(" ")}`), logger),
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger });
  return messages;
}

describe("Vega-Lite specs", () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: valid against the Vega-Lite schema, compiles without warnings, renders SVG with marks`, async () => {
      expect(validate(spec), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(compileQuietly(spec)).toEqual([]);
      const svg = await renderSvg(spec);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
      expect((svg.match(/<path|<rect|<line/g) ?? []).length).toBeGreaterThan(10);
      expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|null,"?undefined/);
    });
  }
});

describe("chart data", () => {
  it("annual cashflow: agency segments add up to the system's net each year", () => {
    const rows = cashflowData(result);
    result.annual.system.net.forEach((net, t) => {
      const sum = rows.filter((r) => r.t === t).reduce((s, r) => s + r.net, 0);
      expect(sum).toBeCloseTo(net.toNumber(), 1);
    });
    expect(new Set(rows.filter((r) => r.role === "investor").map((r) => r.agency))).toEqual(new Set(["County council (investor)"]));
  });
  it("cumulative position ends at each party's NPV over the whole appraisal, paybacks match the appraisal", () => {
    const { points, paybacks } = cumulativeData(result);
    const last = result.horizons.find((h) => h.years === result.years.length)!;
    const end = (party: string) => points.filter((p) => p.party === party).at(-1)!.cumulative;
    expect(end("Whole system")).toBeCloseTo(last.system.npv.toNumber(), 2);
    expect(end("County council (investor)")).toBeCloseTo(last.agencies.council!.npv.toNumber(), 2);
    expect(paybacks).toEqual([
      expect.objectContaining({ party: "County council (investor)", text: "no payback by 2034-35" }),
      expect.objectContaining({ party: "Whole system", t: last.system.discountedPaybackYear, text: `payback ${result.years[last.system.discountedPaybackYear!]}` }),
    ]);
  });
  it("incentive gap: system, investor and beneficiaries together at each horizon, adding up", () => {
    const rows = incentiveGapData(result);
    for (const h of result.horizons) {
      const mine = rows.filter((r) => r.years === h.years);
      expect(mine.map((r) => r.party)).toEqual(["Whole system", "County council (investor)", "Beneficiaries together"]);
      expect(mine[1]!.npv + mine[2]!.npv).toBeCloseTo(mine[0]!.npv, 1);
    }
  });
  it("tornado: bars from the sensitivity module, widest swing first, with the base NPV", () => {
    expect(tornado.base).toBeCloseTo(result.horizons[2]!.system.npv.toNumber(), 2);
    expect(tornado.bars.map((b) => b.label)).toEqual(["outcomes.custody.success", "costs.key-workers-grant.amount"]);
    expect(tornado.bars[0]!.lowInput).toBe("0.02");
  });
  it("histogram: counts every draw once, percentiles in order, share above zero", () => {
    const h = histogramSummary([-2, -1, 0, 1, 2, 3, 4, 5, 6, 7], 5);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(10);
    expect(h.mean).toBe(2.5);
    expect(h.p5).toBeLessThan(h.p95);
    expect(h.probabilityPositive).toBe(0.7);
    expect(histogramSummary([3, 3, 3]).bins).toEqual([{ start: 3, end: 4, count: 3 }]);
    expect(() => histogramSummary([])).toThrow(RangeError);
    expect(() => histogramSummary([1, Number.NaN])).toThrow(/draws\[1\]/);
  });
});

describe("charts of flat data (found by the fuzz: Vega labelled an empty axis 'values from NaN to NaN')", () => {
  // One cost in year 4 and a one-year horizon: every NPV at the horizon is zero.
  const flat = appraise({
    title: "Flat",
    appraisal: { baseYear: "2025-26", priceBase: "2025-26", years: 6, horizons: [1] },
    agencies: [{ id: "a0", name: "Agency a0" }, { id: "a1", name: "Agency a1", sector: "households" }],
    costs: [{ id: "c0", agency: "a1", per: "once", amount: 12305.13, year: 4 }],
  });
  it.each([
    ["incentive gap, all zero", () => incentiveGapSpec(flat)],
    ["cashflow", () => annualCashflowSpec(flat)],
    ["cumulative", () => cumulativePositionSpec(flat)],
    ["tornado with no swing", () => tornadoSpec({ party: "Whole system", base: 0, bars: [{ label: "x", low: 0, high: 0 }] })],
    ["tornado with no swing away from zero", () => tornadoSpec({ party: "Whole system", base: 5e5, bars: [{ label: "x", low: 5e5, high: 5e5 }] })],
    ["distribution of identical draws", () => distributionSpec({ party: "Whole system", draws: [0, 0, 0] })],
    ["distribution of identical non-zero draws", () => distributionSpec({ party: "Whole system", draws: [7e6, 7e6] })],
  ])("%s renders without NaN", async (_, spec) => {
    const svg = await renderSvg(spec());
    expect(svg).toContain("<svg");
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });
});
