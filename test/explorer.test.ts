/**
 * The live deal explorer's controls and figures (src/report/explorer/controls.ts), in Node: the
 * page runs the same functions on the same model, and test/e2e/explorer.e2e.ts checks in
 * Chromium that what it shows is what these give.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { appraise, appraiseOptions, gainshareRange, loadModel, optionModel, parseModel, toJSON } from "../src";
import { TEMPLATE_MODEL } from "../src/entries/xlsx";
import {
  applyControls,
  explorerChoices,
  explorerControls,
  explorerFigures,
  explorerModel,
  explorerModelFor,
  modelWithControls,
  PROPOSED_GAINSHARE,
} from "../src/report/explorer/controls";
import { buildExplorerHtml } from "../src/report/explorer/html";
import { runCli } from "../src/cli/program";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Record<string, unknown>;
const npvs = (m: Parameters<typeof appraise>[0]) => {
  const a = appraise(m);
  return a.horizons.map((h) => ({
    years: h.years,
    system: h.system.npv.toString(),
    publicSector: h.publicSector.npv.toString(),
    ...Object.fromEntries(Object.entries(h.agencies).map(([k, v]) => [k, v.npv.toString()])),
  }));
};

describe("the explorer's model", () => {
  it("proposes a gainshare at 0% when the model has a gap and no gainshare: the figures are the model's own", () => {
    const raw = read("examples/family-support.json");
    const { model, proposed } = explorerModel(raw);
    expect(proposed).toBe(PROPOSED_GAINSHARE);
    const deal = model.deals.at(-1)!;
    expect(deal).toMatchObject({ type: "gainshare", id: PROPOSED_GAINSHARE, from: ["police", "moj", "nhs", "dwp", "hmt"], to: ["council"], share: 0 });
    expect(npvs(model)).toEqual(npvs(loadModel(raw)));
  });

  it("uses the model's own gainshare when it has one, and proposes none where no party loses", () => {
    expect(explorerModel(TEMPLATE_MODEL).proposed).toBeNull();
    expect(explorerModel(read("examples/cases/lpsa-reward-grant.json")).proposed).toBeNull();
  });
});

describe("the explorer's controls", () => {
  it("family support: the proposed share, then each input named in the scenarios or distributions, over its range", () => {
    const { model } = explorerModel(read("examples/family-support.json"));
    const controls = explorerControls(model);
    const share = controls[0]!;
    expect(share).toMatchObject({ path: "deals[0].share", group: "deal", min: 0, max: 1, value: 0, unit: "share", gainshare: PROPOSED_GAINSHARE });
    expect(share.label).toBe("Proposed gainshare — share of savings passed back");
    const inputs = controls.filter((c) => c.group === "input");
    const named = new Set([...Object.keys(model.uncertainty!.distributions!), ...Object.values(model.uncertainty!.scenarios!).flatMap((s) => Object.keys(s))]);
    expect(inputs).toHaveLength(named.size);
    for (const c of inputs) {
      expect(c.min <= c.value && c.value <= c.max, c.path).toBe(true);
      expect(c.step).toBeGreaterThan(0);
    }
    // Scenario values are within their input's range; a triangular distribution's ends are the range's.
    const custody = inputs.find((c) => c.path === "outcomes[1].success")!;
    expect([custody.min, custody.max, custody.label]).toEqual([0.02, 0.07, "Fewer custodial sentences: success rate"]);
    const unit = inputs.find((c) => c.path === "tables.unitCosts[0].value")!;
    expect(unit.unit).toBe("money");
    expect(unit.min).toBeGreaterThan(0);
    expect(inputs.find((c) => c.path === "tables.optimismBias.2.costs")!.unit).toBe("rate");
  });

  it("payment by results: the price per case and each year's attachment share; tiers; outcome prices", () => {
    const pbr = explorerControls(loadModel(read("examples/cases/troubled-families-pbr-2012-15.json"))).filter((c) => c.group === "deal");
    expect(pbr.map((c) => c.path)).toEqual(["deals[0].perCase", "deals[0].attachmentShare[0]", "deals[0].attachmentShare[1]", "deals[0].attachmentShare[2]"]);
    expect(pbr[0]).toMatchObject({ min: 0, max: 8000, value: 4000, unit: "money" });
    const every = explorerControls(loadModel(read("test/fixtures/every-field.json")))
      .filter((c) => c.group === "deal")
      .map((c) => c.path);
    expect(every).toEqual(
      expect.arrayContaining([
        "deals[8].maximum.rate",
        "deals[8].threshold",
        "deals[9].maximum.amount",
        "deals[1].share",
        "deals[2].tiers[0].share",
        "deals[2].tiers[1].share",
        "deals[5].results[0].amount[0]",
        "deals[5].results[1].amount",
        "deals[11].payers[0].prices[1].price",
        "deals[10].share",
      ]),
    );
  });
});

describe("the explorer's figures", () => {
  it("are appraise of the model with the controls set, and each gainshare's range from gainshareRange", () => {
    const { model } = explorerModel(read("examples/family-support.json"));
    const values = { "deals[0].share": 0.35, "outcomes[1].success": 0.055, "tables.unitCosts[0].value": 70000 };
    const set = applyControls(model, values);
    const f = explorerFigures(set, { horizon: 10 });
    expect(toJSON(f.appraisal)).toEqual(toJSON(appraise(set)));
    const range = gainshareRange(set, { deal: PROPOSED_GAINSHARE, horizon: 10, tolerance: 1e-7 });
    expect(f.ranges).toHaveLength(1);
    expect(f.ranges[0]!.range.ok && range.ok && [f.ranges[0]!.range.minShare.toFixed(6), f.ranges[0]!.range.maxShare.toFixed(6)]).toEqual(
      range.ok && [range.minShare.toFixed(6), range.maxShare.toFixed(6)],
    );
    // The council's break-even share: at it, the council is within a penny of 0.
    if (range.ok)
      expect(
        appraise(applyControls(set, { "deals[0].share": Number(range.minShare.toFixed(7)) + 1e-7 }), { horizons: [10] }).horizons[0]!.agencies.council!.npv.gte(
          -0.01,
        ),
      ).toBe(true);
  });

  it("say when no share closes the gap", () => {
    const f = explorerFigures(explorerModel(TEMPLATE_MODEL).model, { horizon: 5 });
    expect(f.ranges[0]!.range).toMatchObject({ ok: false, reason: "no-deal-closes-gap" });
  });
});

describe("copy as model JSON", () => {
  it("is the model as its author wrote it, with the controls' values, and the proposed gainshare once it is above 0%", () => {
    const raw = read("examples/family-support.json");
    const explorer = explorerModel(raw);
    const atZero = JSON.parse(modelWithControls(raw, explorer, { "outcomes[1].success": 0.05 }));
    expect(atZero.deals ?? []).toEqual([]);
    expect(atZero.outcomes[1].success).toBe(0.05);
    const values = { "deals[0].share": 0.3, "outcomes[1].success": 0.05, "outcomes[0].persistence.dropOff": 0.2 };
    const text = modelWithControls(raw, explorer, values);
    const copied = parseModel(text);
    expect(copied.ok).toBe(true);
    if (copied.ok) expect(toJSON(appraise(copied.model))).toEqual(toJSON(appraise(applyControls(explorer.model, values))));
    expect(JSON.parse(text).description).toBe(raw.description);
  });
});

describe("the model's options", () => {
  it("business as usual, then each option; none for a model without options", () => {
    expect(explorerChoices(read("examples/options.json"))).toEqual([
      { id: null, name: "Business as usual" },
      { id: "mentoring", name: "Add volunteer-supported mentoring" },
      { id: "intensive", name: "Replace advice with intensive resettlement support" },
    ]);
    expect(explorerChoices(read("examples/family-support.json"))).toEqual([]);
  });

  it("an option is appraised as appraiseOptions appraises it; its controls move its own inputs; the copy is the option as a model", () => {
    const raw = read("examples/options.json");
    const { explorer, file } = explorerModelFor(raw, "intensive");
    expect(npvs(explorer.model)).toEqual(npvs(optionModel(raw, "intensive")));
    // The option's NPSV against business as usual, as appraiseOptions reports it, from the two models the explorer shows.
    const horizon = appraise(explorer.model).horizons.at(-1)!.years;
    const bau = explorerModelFor(raw, null).explorer.model;
    const npsv = (m: Parameters<typeof appraise>[0]) => appraise(m, { lens: "social" }).horizons.find((h) => h.years === horizon)!.system.npv;
    const reported = appraiseOptions(raw, { horizon }).options.find((o) => o.id === "intensive")!;
    expect(npsv(explorer.model).minus(npsv(bau)).toFixed(2)).toBe(reported.vsBau.npsv.toFixed(2));
    // Move one of the option's uncertain inputs; the copy appraises to the same figures.
    const control = explorerControls(explorer.model).find((c) => c.group === "input")!;
    const values = { [control.path]: control.min };
    const copied = parseModel(modelWithControls(file, explorer, values));
    expect(copied.ok).toBe(true);
    if (copied.ok) {
      expect(copied.model.options).toEqual([]);
      expect(toJSON(appraise(copied.model))).toEqual(toJSON(appraise(applyControls(explorer.model, values))));
    }
    // Business as usual copies the author's own file.
    expect(explorerModelFor(raw, null).file).toBe(raw);
  });
});

describe("the explorer page", () => {
  it("keeps model text inert: a title cannot close the script that holds the model", () => {
    const raw = read("examples/family-support.json");
    raw.title = "</script><script>alert(1)</script><!--";
    const html = buildExplorerHtml(raw, { scripts: { vega: "", vegaLite: "", vegaEmbed: "", explorer: "" } });
    expect(html.match(/<script>alert/g)).toBeNull();
    expect(html).toContain("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- — deal explorer</title>");
    const json = /<script type="application\/json" id="explorer-model">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json).model.title).toBe(raw.title);
  });
});

describe("report --interactive", () => {
  const cli = async (args: string[]) => {
    let err = "";
    const code = await runCli(args, { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
    return { code, err };
  };
  it("writes one page holding the model, the chart libraries and the explorer's bundle; refuses --static and --draws", async () => {
    const dir = mkdtempSync(join(tmpdir(), "its-explorer-"));
    const out = join(dir, "explorer.html");
    const r = await cli(["report", join(ROOT, "examples/family-support.json"), "--interactive", "--out", out, "--horizons", "5,10"]);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(out, "utf8");
    const embedded = JSON.parse(/<script type="application\/json" id="explorer-model">(.*?)<\/script>/s.exec(html)![1]!);
    expect(embedded.model.id).toBe("family-support");
    expect(embedded.options).toEqual({ horizons: [5, 10] });
    expect(html).toContain("vegaEmbed");
    expect(html.match(/<script>/g)!.length).toBe(4);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // nothing fetched
    expect((await cli(["report", join(ROOT, "examples/family-support.json"), "--interactive", "--static", "--out", out])).code).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
