/**
 * The HTML report in headless Chromium (Debian's `chromium`, driven by playwright-core): it loads
 * from file:// with no console errors and no network requests, and every chart draws — both the
 * interactive charts (inlined vega-embed) and the static SVG with JavaScript switched off. The
 * charts are read as drawn (getBoundingClientRect of every SVG text): no label may overlap
 * another, or a payback marker. A model full of script and markup payloads runs none of them.
 * Screenshots go to the temp folder, and to $REPORT_SCREENSHOT_DIR when set
 * (`REPORT_SCREENSHOT_DIR=docs/images npm run test:e2e` refreshes the pictures in docs/outputs.md).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";
import { appraise } from "../../src";
import { cumulativeData } from "../../src/entries/report";
import { launchChromium } from "./programs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "its-report-e2e-"));
const CHARTS = ["cashflow", "cumulative", "incentive-gap", "tornado", "distribution"];

/** The example with distributions on two inputs, so the report has a tornado and a Monte Carlo section. */
function exampleWithUncertainty(): string {
  const model = JSON.parse(readFileSync(join(ROOT, "examples/family-support.json"), "utf8"));
  model.uncertainty = {
    distributions: {
      "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 },
      "outcomes.care-entry.success": { type: "pert", min: 0.03, mode: 0.06, max: 0.09 },
    },
  };
  const path = join(dir, "model.json");
  writeFileSync(path, JSON.stringify(model));
  return path;
}

async function report(args: string[], model = exampleWithUncertainty()): Promise<string> {
  let err = "";
  const code = await runCli(["report", model, ...args], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return args[args.indexOf("--out") + 1]!;
}

interface Visit {
  page: Page;
  problems: string[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

/** Opens a file and records console errors and warnings, page errors and every non-file request. */
async function visit(file: string, javaScriptEnabled = true): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`console ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("request", (r) => !r.url().startsWith("file:") && problems.push(`network request: ${r.url()}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

/** Copies screenshots to $REPORT_SCREENSHOT_DIR when set. */
function keep(shots: Record<string, string>): void {
  for (const [name, path] of Object.entries(shots)) {
    if (process.env.REPORT_SCREENSHOT_DIR) copyFileSync(path, join(process.env.REPORT_SCREENSHOT_DIR, name));
    process.stdout.write(`report screenshot: ${path}\n`);
  }
}

/**
 * Every pair of overlapping labels in the page's charts, as drawn: the boxes of all SVG text
 * (titles, axis labels, legend entries, payback and value labels) in each chart, and the payback
 * markers (the large diamonds), compared pairwise with a pixel of tolerance.
 */
const overlaps = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const figure of document.querySelectorAll<HTMLElement>("figure[data-chart]")) {
      const texts = [...figure.querySelectorAll<SVGTextElement>(".chart-body svg text")]
        .filter((t) => (t.textContent ?? "").trim() !== "" && getComputedStyle(t).visibility !== "hidden" && t.getAttribute("opacity") !== "0")
        .map((t) => ({ what: `"${t.textContent}"`, box: t.getBoundingClientRect() }))
        .filter((t) => t.box.width > 0 && t.box.height > 0);
      const diamonds = [...figure.querySelectorAll<SVGPathElement>(".chart-body svg .mark-symbol path")]
        .map((p) => ({ what: "payback marker", box: p.getBoundingClientRect() }))
        .filter((p) => p.box.width >= 10);
      const hit = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      texts.forEach((a, i) => {
        for (const b of texts.slice(i + 1)) if (hit(a.box, b.box)) found.push(`${figure.id}: ${a.what} overlaps ${b.what}`);
        for (const d of diamonds) if (/payback/.test(a.what) && hit(a.box, d.box)) found.push(`${figure.id}: ${a.what} overlaps a ${d.what}`);
      });
    }
    return found;
  });

/** For each chart: how it was drawn, and how many SVG marks (paths, rects, lines, symbols) it has. */
const chartState = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("figure[data-chart]")].map((f) => ({
      id: f.id,
      rendered: f.dataset.rendered,
      marks: f.querySelectorAll(".chart-body svg path, .chart-body svg rect, .chart-body svg line").length,
      width: f.querySelector(".chart-body svg")?.getBoundingClientRect().width ?? 0,
    })),
  );

describe("HTML report in headless Chromium", () => {
  it("interactive: no console errors, no network, every chart drawn by vega-embed", async () => {
    const file = await report(["--out", join(dir, "report.html"), "--draws", "2000", "--seed", "11"]);
    const { page, problems } = await visit(file);
    await page.waitForFunction(
      () => [...document.querySelectorAll<HTMLElement>("figure[data-chart]")].every((f) => f.dataset.rendered === "interactive"),
      null,
      { timeout: 30_000 },
    );
    const charts = await chartState(page);
    expect(charts.map((c) => c.id)).toEqual(CHARTS);
    for (const c of charts) {
      expect(c.rendered).toBe("interactive");
      expect(c.marks, c.id).toBeGreaterThan(10);
      expect(c.width, c.id).toBeGreaterThan(300);
    }
    // The page fits its column: nothing wider than the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1200);
    // The penalty row: the council at 10 years (at 5 years the whole system does not yet gain either).
    expect(await page.locator("tr.gap").count()).toBe(1);
    const shots = {
      "report-screenshot.png": join(dir, "report-screenshot.png"),
      "report-charts.png": join(dir, "report-charts.png"),
      "report-family-support.png": join(dir, "report-family-support.png"),
    };
    await page.screenshot({ path: shots["report-screenshot.png"], fullPage: false });
    await page.locator("#charts").screenshot({ path: shots["report-charts.png"] });
    await page.screenshot({ path: shots["report-family-support.png"], fullPage: true });
    keep(shots);
    expect(await overlaps(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("Cheshire West: every label readable (no overlaps, interactive and static), full-page screenshot", async () => {
    for (const flag of [[], ["--static"]]) {
      const file = await report(
        ["--out", join(dir, `cheshire-west${flag.length ? "-static" : ""}.html`), ...flag],
        join(ROOT, "examples/cases/cheshire-west.json"),
      );
      const { page, problems } = await visit(file);
      if (!flag.length)
        await page.waitForFunction(
          () => [...document.querySelectorAll<HTMLElement>("figure[data-chart]")].every((f) => f.dataset.rendered === "interactive"),
          null,
          { timeout: 30_000 },
        );
      const paybacks = await page.evaluate(
        () => [...document.querySelectorAll("#cumulative svg text")].filter((t) => /payback/.test(t.textContent ?? "")).length,
      );
      // One label for each investor, the public sector and the whole system.
      expect(paybacks).toBe(cumulativeData(appraise(JSON.parse(readFileSync(join(ROOT, "examples/cases/cheshire-west.json"), "utf8")))).paybacks.length);
      expect(paybacks).toBeGreaterThanOrEqual(5);
      expect(await overlaps(page)).toEqual([]);
      expect(problems).toEqual([]);
      if (!flag.length) {
        const shot = join(dir, "report-cheshire-west.png");
        await page.screenshot({ path: shot, fullPage: true });
        keep({ "report-cheshire-west.png": shot });
      }
    }
  });

  it("static (--static, and with JavaScript off): the pre-rendered SVG charts show", async () => {
    const file = await report(["--out", join(dir, "static.html"), "--draws", "1000", "--seed", "2", "--static"]);
    for (const js of [true, false]) {
      const { page, problems } = await visit(file, js);
      const charts = await chartState(page);
      expect(charts.map((c) => c.id)).toEqual(CHARTS);
      for (const c of charts) {
        expect(c.rendered).toBe("static");
        expect(c.marks, c.id).toBeGreaterThan(10);
      }
      expect(await overlaps(page)).toEqual([]);
      expect(problems).toEqual([]);
    }
  });

  it("runs none of 32 script and markup payloads put in every piece of model text (interactive, static, tooltips)", async () => {
    const file = await report(["--out", join(dir, "payloads.html"), "--draws", "500", "--seed", "3"], payloadModel());
    for (const js of [true, false]) {
      const { page, problems } = await visit(file, js);
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      if (js) {
        await page.waitForFunction(
          () => [...document.querySelectorAll<HTMLElement>("figure[data-chart]")].every((f) => f.dataset.rendered === "interactive"),
          null,
          { timeout: 30_000 },
        );
        // Hover over every mark of every chart so that the tooltips (which show names) are drawn.
        for (const id of CHARTS) {
          const marks = page.locator(`#${id} .chart-body svg path, #${id} .chart-body svg rect`);
          const n = Math.min(await marks.count(), 40);
          for (let i = 0; i < n; i++)
            await marks
              .nth(i)
              .hover({ force: true, timeout: 2000 })
              .catch(() => undefined);
        }
      }
      const state = await page.evaluate(() => ({
        flag: (window as unknown as { __xss?: unknown }).__xss,
        // Elements the page itself never makes, and event-handler attributes anywhere.
        injected: [
          ...document.querySelectorAll("img, iframe, object, embed, video, audio, input, details, marquee, math, link, base, form:not(.vega-bindings)"),
        ].map((e) => e.outerHTML.slice(0, 80)),
        handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
        scripts: [...document.querySelectorAll("script")].filter(
          (sc) =>
            sc.src || (sc.type !== "application/json" && !/vega|vegaEmbed|document\.querySelectorAll\("figure\[data-chart\]"\)/.test(sc.textContent ?? "")),
        ).length,
        javascriptUrls: [...document.querySelectorAll("[href], [src], [xlink\\:href]")].filter((e) =>
          /javascript:/i.test(e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("xlink:href") ?? ""),
        ).length,
        tooltip: document.querySelector("#vg-tooltip-element")?.innerHTML ?? "",
        text: document.body.innerText,
      }));
      expect(state.flag, "a payload ran").toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(state.injected).toEqual([]);
      expect(state.handlers).toEqual([]);
      expect(state.scripts).toBe(0);
      expect(state.javascriptUrls).toBe(0);
      expect(state.tooltip).not.toMatch(/<(img|script|svg|iframe)/i);
      // The payloads are shown as the text they are.
      expect(state.text).toContain(PAYLOADS[1]);
      expect(problems).toEqual([]);
    }
  });
});

/** Script and markup payloads (OWASP XSS filter-evasion cheat sheet style); each sets window.__xss if it runs. */
const PAYLOADS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "<svg onload=window.__xss=1>",
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  "</script><script>window.__xss=1</script>",
  "<!--<script>window.__xss=1</script>-->",
  '<iframe src="javascript:window.top.__xss=1"></iframe>',
  "javascript:window.__xss=1",
  '<a href="javascript:window.__xss=1">click</a>',
  "<body onload=window.__xss=1>",
  "<details open ontoggle=window.__xss=1>",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "{{constructor.constructor('window.__xss=1')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
  "${window.__xss=1}",
  "\u2028\u2029</script><script>window.__xss=1</script>",
  "<style>@import 'http://127.0.0.1:9/x.css';</style>",
  "<link rel=stylesheet href=http://127.0.0.1:9/x.css>",
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  "<input autofocus onfocus=window.__xss=1>",
  '<video><source onerror="window.__xss=1"></video>',
  "<marquee onstart=window.__xss=1>",
  "&lt;script&gt;window.__xss=1&lt;/script&gt;",
  "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
  "<IMG SRC=JaVaScRiPt:window.__xss=1>",
  "<svg><script>window.__xss=1</script></svg>",
  '" onmouseover="window.__xss=1',
  '<svg><a xlink:href="javascript:window.__xss=1"><text x=20 y=20>x</text></a></svg>',
  "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
  "<base href=http://127.0.0.1:9/>",
  "datum.x + (window.__xss=1)",
];

/** The example with a payload in every piece of model text, uncertainty (tornado, Monte Carlo) and a deal. */
function payloadModel(): string {
  const model = JSON.parse(readFileSync(join(ROOT, "examples/family-support.json"), "utf8"));
  let i = 0;
  const next = () => PAYLOADS[i++ % PAYLOADS.length]!;
  model.title = next();
  model.description = PAYLOADS.join(" ");
  model.notes = [...PAYLOADS];
  for (const a of model.agencies) {
    a.name = next();
    for (const b of a.budgets ?? []) b.name = next();
  }
  for (const x of model.interventions) x.name = next();
  for (const c of model.costs) c.label = next();
  for (const o of model.outcomes) {
    o.label = next();
    for (const v of o.values) v.label = next();
  }
  for (const c of model.costShunts) c.label = next();
  for (const u of model.tables.unitCosts) u.label = next();
  for (const row of Object.values(model.tables.optimismBias) as { label?: string }[]) row.label = next();
  model.deals = [{ type: "gainshare", id: "gs", label: next(), from: ["police", "moj"], to: "council", share: 0.3 }];
  model.uncertainty = {
    distributions: {
      "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 },
      "outcomes.care-entry.success": { type: "pert", min: 0.03, mode: 0.06, max: 0.09 },
    },
  };
  const path = join(dir, "payloads.json");
  writeFileSync(path, JSON.stringify(model));
  return path;
}
