import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appraise, type ModelInput } from "../src";
import { buildReportHtml, reportCharts } from "../src/entries/report";
import { escapeHtml } from "../src/report/html-parts";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput & { description: string };
const result = appraise(familySupport);
const draws = Array.from({ length: 400 }, (_, i) => 4e6 + 1e6 * Math.sin(i * 1.3));
const input = {
  appraisal: result,
  description: familySupport.description,
  tornado: { party: "Whole system", base: 3.98e6, bars: [{ label: "outcomes.custody.success", low: 2.1e6, high: 5.4e6 }] },
  simulation: { parties: [{ party: "Whole system", mean: 4e6, p5: 2.6e6, p95: 5.4e6, probabilityPositive: 1, draws }], note: "400 test draws" },
};
const fakeScripts = {
  vega: "window.vega = {};",
  vegaLite: "window.vegaLite = {}; // </script> inside a bundle",
  vegaEmbed: "window.vegaEmbed = function () {};",
};

/** Every src/href attribute value in a page. */
const links = (html: string) => [...html.matchAll(/\s(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]!);

describe("buildReportHtml", async () => {
  const page = await buildReportHtml(input);
  const interactive = await buildReportHtml(input, { scripts: fakeScripts });

  it("is one self-contained page: no external scripts, styles, images or links", () => {
    for (const html of [page, interactive]) {
      expect(links(html).filter((l) => /^(https?:)?\/\//i.test(l))).toEqual([]);
      expect(html).not.toMatch(/<link\b|@import|url\(\s*["']?https?:/i);
      expect(html.startsWith("<!doctype html>")).toBe(true);
    }
  });
  it("has the headline, the penalty in words, a table per horizon and the assumptions register", () => {
    expect(page).toContain("<h1>Early help for families: a council-funded family support service</h1>");
    expect(page).toContain('<div class="label">Whole-system NPV</div><div class="value">£1.4m</div>');
    expect(page).toContain('<div class="label">Public-sector NPV</div><div class="value">£4.0m</div>');
    expect(page).toContain('<div class="label">County council NPV</div><div class="value neg">−£1.5m</div>');
    expect(page).toContain("passing back £1.5m in present value");
    expect(page.match(/<h3>\d+ years? \(/g)).toHaveLength(3);
    expect(page.match(/<tr class="gap">/g)).toHaveLength(1);
    for (const note of result.notes) expect(page).toContain(escapeHtml(note));
    expect(page).toContain("Funding cliff");
  });
  it("draws every chart as static SVG with its spec alongside", () => {
    const ids = reportCharts(input).map((c) => c.id);
    expect(ids).toEqual(["cashflow", "cumulative", "incentive-gap", "tornado", "distribution"]);
    for (const id of ids) {
      const figure = page.match(new RegExp(`<figure class="chart" id="${id}"[^>]*>([\\s\\S]*?)</figure>`))?.[1] ?? "";
      expect(figure).toMatch(/^<div class="chart-body"><svg /);
      expect(figure).toContain(`<script type="application/json" id="spec-${id}">`);
    }
    expect(page).not.toContain("vegaEmbed(");
  });
  it("inlines the chart bundles only when given, closing no script early", () => {
    expect(interactive).toContain("vegaEmbed(target, spec");
    expect(interactive).toContain("// <\\/script> inside a bundle");
    const specText = interactive.match(/<script type="application\/json" id="spec-cashflow">([\s\S]*?)<\/script>/)![1]!;
    expect(JSON.parse(specText).title.text).toBe("Annual cashflow by agency");
  });
  it("escapes model text", async () => {
    const odd = await buildReportHtml({ appraisal: appraise({ ...familySupport, title: `<img src=x onerror="alert(1)">` }) });
    expect(odd).toContain("<h1>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</h1>");
    expect(odd).not.toContain("<img");
  });
  it("with deals: what each deal moved and every party's NPV before and after, the system unchanged", async () => {
    const dealt = appraise({
      ...familySupport,
      deals: [{ type: "gainshare", id: "gs", label: "Gainshare to the council", from: ["police", "moj"], to: "council", share: 0.3 }],
    } as ModelInput);
    const html = await buildReportHtml({ appraisal: dealt });
    const section = html.match(/<section id="deals">([\s\S]*?)<\/section>/)?.[1] ?? "";
    expect(section).toContain("<strong>Gainshare to the council</strong> (gainshare)");
    const cells = (row: string) => [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]!);
    const council = cells(section.match(/<tr><td>County council<\/td>(.*?)<\/tr>/)![1]!);
    expect(council).toHaveLength(2 * dealt.horizons.length);
    expect(council[4]).toBe("−1,480,748"); // 10 years before the deal, as without deals
    const system = cells(section.match(/<tr class="system"><td>Whole system<\/td>(.*?)<\/tr>/)![1]!);
    for (let i = 0; i < system.length; i += 2) expect(system[i]).toBe(system[i + 1]);
    expect(html).toMatch(/With the deals, County council&#39;s net present value over 10 years \(2025-26 to 2034-35\) moves from −£1\.5m to /);
  });
  it("shows the Monte Carlo table and leaves out the uncertainty section when there is none", async () => {
    expect(page).toContain('<td>Whole system</td><td class="num">£4.0m</td><td class="num">£2.6m</td><td class="num">£5.4m</td><td class="num">100.0%</td>');
    const plain = await buildReportHtml({ appraisal: result });
    expect(plain).not.toContain('id="uncertainty"');
    expect(plain).not.toContain('id="deals"');
  });
});

describe("buildReportHtml with hostile model text", () => {
  const payloads = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '"><iframe src=javascript:alert(1)>',
    "</script><script>alert(1)</script>",
    "\u2028</script>",
  ];
  it("writes every payload as text: no element, attribute or script comes from the model", async () => {
    const hostile = appraise({
      ...familySupport,
      title: payloads[0]!,
      notes: payloads,
      agencies: familySupport.agencies.map((a, i) => ({ ...a, name: payloads[i % payloads.length]! })),
    } as ModelInput);
    const html = await buildReportHtml({ appraisal: hostile, description: payloads.join(" ") }, { scripts: fakeScripts });
    expect(html).not.toMatch(/<(img|iframe|svg onload)/i);
    // No tag carries an event handler: with attribute values (escaped, so holding no quote) set
    // aside, no "on…=" is left inside a tag. Payload text shows "onerror=" only as escaped text.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
    // The only script elements are the chart specs (JSON) and the inlined bundles.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts.filter((a) => a !== "" && !/^type="application\/json" id="spec-[a-z-]+"$/.test(a))).toEqual([]);
    expect(scripts.filter((a) => a === "")).toHaveLength(4);
    for (const spec of html.matchAll(/<script type="application\/json" id="spec-[a-z-]+">([\s\S]*?)<\/script>/g))
      expect(() => JSON.parse(spec[1]!)).not.toThrow();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
