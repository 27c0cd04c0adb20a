import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv from "ajv";
import { compile, type TopLevelSpec } from "vega-lite";
import { fc, test } from "@fast-check/vitest";
import { placeLabels, textWidth } from "../src/report/charts/labels";
import { describe, expect, it } from "vitest";
import { appraise, loadModel, sensitivity, type ModelInput } from "../src";
import {
  annualCashflowSpec,
  cashflowData,
  cumulativeData,
  cumulativePositionSpec,
  distributionSpec,
  histogramSummary,
  incentiveGapData,
  incentiveGapSpec,
  partyStyles,
  PARTY_COLOURS,
  renderSvg,
  tornadoChartInput,
  tornadoSpec,
} from "../src/entries/report";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const result = appraise(familySupport);
const tornado = tornadoChartInput(
  sensitivity(familySupport, [
    { path: "outcomes.custody.success", low: 0.02, high: 0.06 },
    { path: "costs.key-workers-grant.amount", change: 0.2 },
  ]),
  { model: loadModel(familySupport) },
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
    error: (...m: unknown[]) => {
      messages.push(`error ${m.join(" ")}`);
      return logger;
    },
    warn: (...m: unknown[]) => {
      messages.push(`warn ${m.join(" ")}`);
      return logger;
    },
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
    expect(new Set(rows.filter((r) => r.role === "investor").map((r) => r.agency))).toEqual(new Set(["County council"]));
  });
  it("cumulative position ends at each party's NPV over the whole appraisal, paybacks match the appraisal", () => {
    const { points, paybacks } = cumulativeData(result);
    const last = result.horizons.find((h) => h.years === result.years.length)!;
    const end = (party: string) => points.filter((p) => p.party === party).at(-1)!.cumulative;
    expect(end("Whole system")).toBeCloseTo(last.system.npv.toNumber(), 2);
    expect(end("County council")).toBeCloseTo(last.agencies.council!.npv.toNumber(), 2);
    expect(end("Public sector")).toBeCloseTo(last.publicSector.npv.toNumber(), 2);
    expect(paybacks).toEqual([
      expect.objectContaining({ party: "County council", text: "no payback by 2034-35" }),
      expect.objectContaining({
        party: "Public sector",
        t: last.publicSector.discountedPaybackYear,
        text: `payback ${result.years[last.publicSector.discountedPaybackYear!]}`,
      }),
      expect.objectContaining({
        party: "Whole system",
        t: last.system.discountedPaybackYear,
        text: `payback ${result.years[last.system.discountedPaybackYear!]}`,
      }),
    ]);
  });
  it("incentive gap: the whole system, the public sector and every party at each horizon, adding up", () => {
    const rows = incentiveGapData(result);
    for (const h of result.horizons) {
      const mine = rows.filter((r) => r.years === h.years);
      expect(mine.map((r) => r.party)).toEqual(["Whole system", "Public sector", ...result.agencies.map((a) => a.name)]);
      const parties = mine.filter((r) => !r.total).reduce((s, r) => s + r.npv, 0);
      expect(parties).toBeCloseTo(mine[0]!.npv, 1);
      expect(mine[1]!.npv).toBeCloseTo(h.publicSector.npv.toNumber(), 2);
    }
  });
  it("tornado: bars from the sensitivity module, widest swing first, with the base NPV", () => {
    expect(tornado.base).toBeCloseTo(result.horizons[2]!.system.npv.toNumber(), 2);
    expect(tornado.bars.map((b) => b.label)).toEqual(["Fewer custodial sentences: success rate", "Key workers (grant-funded years): cost per participant"]);
    expect(tornado.bars.map((b) => [b.lowInput, b.highInput])).toEqual([
      ["2%", "6%"],
      ["£2,880", "£4,320"],
    ]);
    const bare = tornadoChartInput(sensitivity(familySupport, [{ path: "outcomes[1].success", low: 0.02, high: 0.06 }]));
    expect(bare.bars[0]).toMatchObject({ label: "outcomes[1].success", lowInput: "0.02" });
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

const cheshireWest = JSON.parse(readFileSync(new URL("../examples/cases/cheshire-west.json", import.meta.url), "utf8")) as ModelInput;

/** The colour each party gets in a spec's colour scale (every layer). */
function colours(spec: TopLevelSpec): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const scale = (node as { scale?: { domain?: unknown[]; range?: unknown[] } }).scale;
    const range = scale?.range;
    if ((node as { field?: string }).field && Array.isArray(scale?.domain) && Array.isArray(range) && String(range[0]).startsWith("#")) {
      scale.domain.forEach((d, i) => {
        const before = out.get(String(d));
        expect(before === undefined || before === range[i], `${String(d)} has two colours in one chart`).toBe(true);
        out.set(String(d), String(range[i]));
      });
    }
    Object.values(node).forEach(visit);
  };
  visit(spec);
  return out;
}

describe("chart style", () => {
  for (const [name, model] of [
    ["family-support", familySupport],
    ["cheshire-west", cheshireWest],
  ] as const) {
    it(`${name}: one colour per party across every chart; the whole system and the public sector in the same neutral greys`, () => {
      const a = appraise(model);
      const maps = [annualCashflowSpec(a), cumulativePositionSpec(a), incentiveGapSpec(a)].map(colours);
      const styles = partyStyles(a);
      for (const m of maps) {
        expect(m.size).toBeGreaterThan(2);
        for (const [party, colour] of m) expect(colour, party).toBe(styles.find((s) => s.name === party)!.colour);
        expect(m.get("Whole system")).toBe("#222222");
        if (m.has("Public sector")) expect(m.get("Public sector")).toBe("#8c8c8c");
      }
      // Agencies take palette colours in model order: no grey, no two alike.
      const agencyColours = styles.filter((s) => !s.neutral).map((s) => s.colour);
      expect(new Set(agencyColours).size).toBe(agencyColours.length);
      expect(agencyColours).toEqual(PARTY_COLOURS.slice(0, agencyColours.length));
    });
  }
  it("repeated or reserved agency names are made unique, so colours cannot collide", () => {
    const twins = appraise({
      ...familySupport,
      agencies: familySupport.agencies.map((ag, i) => ({ ...ag, name: i < 2 ? "Same" : i === 2 ? "Whole system" : ag.name })),
    } as ModelInput);
    expect(
      partyStyles(twins)
        .slice(0, 3)
        .map((s) => s.name),
    ).toEqual(["Same (council)", "Same (police)", "Whole system (moj)"]);
  });
  it("money axes read in pounds as the text writes them (£3m, £500k, −£2m), never 3M or 0M", async () => {
    for (const spec of [annualCashflowSpec(result), cumulativePositionSpec(result), incentiveGapSpec(result), specs.tornado!, specs.distribution!]) {
      const svg = await renderSvg(spec);
      const ticks = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!).filter((t) => /£/.test(t));
      expect(ticks.length, JSON.stringify(spec.title)).toBeGreaterThan(3);
      for (const t of ticks.filter((x) => /^−?£[\d.]+(k|m|bn)?$/.test(x) || /\d[MkG]$/.test(x))) expect(t).toMatch(/^(−?£(\d+(\.\d+)?)(k|m|bn)?|£0)$/);
      expect(svg).not.toMatch(/>−?\d+(\.\d+)?[MG]</);
    }
    expect((await renderSvg(cumulativePositionSpec(result))).match(/>(−£2m|£2m|£0)</g)?.length).toBeGreaterThanOrEqual(3);
  });
  it("long legend names wrap onto more lines", async () => {
    const svg = await renderSvg(annualCashflowSpec(appraise(cheshireWest)));
    // "Residents moving off out-of-work benefits (households)" is drawn as three lines (tspans).
    const entry = svg.match(/<text[^>]*>(?:(?!<\/text>).)*Residents moving off(?:(?!<\/text>).)*<\/text>/)?.[0] ?? "";
    expect((entry.match(/<tspan/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });
  it("Cheshire West's payback labels: each placed, none overlapping another or a marker, inside the plot", () => {
    const spec = cumulativePositionSpec(appraise(cheshireWest)) as unknown as {
      layer: { data?: { values?: Record<string, unknown>[] }; mark: { type: string; align?: string } }[];
      width: number;
      height: number;
    };
    const texts = spec.layer
      .filter((l) => l.mark.type === "text")
      .flatMap((l) => (l.data?.values ?? []).map((v) => ({ text: String(v.text), lx: Number(v.lx), ly: Number(v.ly), align: l.mark.align })));
    expect(texts.length).toBe(cumulativeData(appraise(cheshireWest)).paybacks.length);
    const boxes = texts.map((t) => {
      const w = textWidth(t.text, 11, true);
      const x0 = t.align === "left" ? t.lx : t.lx - w;
      return { x0, x1: x0 + w, y0: t.ly - 7, y1: t.ly + 7 };
    });
    boxes.forEach((b, i) => {
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(spec.width);
      boxes.slice(i + 1).forEach((o) => expect(b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1, `${texts[i]!.text} overlaps`).toBe(false));
    });
  });
});

test.prop(
  [
    fc.array(fc.record({ x: fc.integer({ min: 0, max: 600 }), y: fc.integer({ min: 0, max: 300 }), text: fc.string({ minLength: 1, maxLength: 30 }) }), {
      maxLength: 12,
    }),
  ],
  { numRuns: 60 },
)("placeLabels: placed labels stay inside the plot and never overlap one another or a marker", (labels) => {
  const placed = placeLabels(labels, { width: 620, height: 300, fontSize: 11 });
  const boxes = placed.flatMap((p) => (p ? [p.box] : []));
  for (const [i, b] of boxes.entries()) {
    expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 620 && b.y1 <= 300).toBe(true);
    for (const o of boxes.slice(i + 1)) expect(b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1).toBe(false);
    for (const l of labels) expect(b.x0 < l.x + 7 && l.x - 7 < b.x1 && b.y0 < l.y + 7 && l.y - 7 < b.y1).toBe(false);
  }
});

describe("charts of flat data (found by the fuzz: Vega labelled an empty axis 'values from NaN to NaN')", () => {
  // One cost in year 4 and a one-year horizon: every NPV at the horizon is zero.
  const flat = appraise({
    title: "Flat",
    appraisal: { baseYear: "2025-26", priceBase: "2025-26", years: 6, horizons: [1] },
    agencies: [
      { id: "a0", name: "Agency a0" },
      { id: "a1", name: "Agency a1", sector: "households" },
    ],
    costs: [{ id: "c0", agency: "a1", per: "once", amount: 12305.13, year: 4 }],
  });
  // No flows at all: the whole system is the only party shown (its line's width was NaN).
  const empty = appraise({
    title: "Empty",
    appraisal: { baseYear: "2025-26", priceBase: "2025-26", years: 2, horizons: [1] },
    agencies: [{ id: "a0", name: "Agency a0" }],
  });
  it.each([
    ["cashflow of a model with no flows", () => annualCashflowSpec(empty)],
    ["cumulative position of a model with no flows", () => cumulativePositionSpec(empty)],
    ["incentive gap of a model with no flows", () => incentiveGapSpec(empty)],
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
