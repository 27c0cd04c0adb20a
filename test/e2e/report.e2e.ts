/**
 * The HTML report in headless Chromium (Debian's `chromium`, driven by playwright-core): it loads
 * from file:// with no console errors and no network requests, and every chart draws — both the
 * interactive charts (inlined vega-embed) and the static SVG with JavaScript switched off.
 * Screenshots go to the temp folder, and to $REPORT_SCREENSHOT_DIR when set
 * (`REPORT_SCREENSHOT_DIR=docs npm run test:e2e` refreshes the pictures in docs/outputs.md).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program";
import { requireProgram } from "./programs";

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

async function report(args: string[]): Promise<string> {
  let err = "";
  const code = await runCli(["report", exampleWithUncertainty(), ...args], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return args[args.indexOf("--out") + 1]!;
}

interface Visit {
  page: Page;
  problems: string[];
}

let browser: Browser;
beforeAll(async () => {
  const executablePath = requireProgram(["chromium", "chromium-browser"], "chromium", "CHROMIUM_PATH");
  browser = await chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
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
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>("figure[data-chart]")].every((f) => f.dataset.rendered === "interactive"), null, { timeout: 30_000 });
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
    const shots = { "report-screenshot.png": join(dir, "report-screenshot.png"), "report-charts.png": join(dir, "report-charts.png") };
    await page.screenshot({ path: shots["report-screenshot.png"], fullPage: false });
    await page.locator("#charts").screenshot({ path: shots["report-charts.png"] });
    for (const [name, path] of Object.entries(shots)) {
      if (process.env.REPORT_SCREENSHOT_DIR) copyFileSync(path, join(process.env.REPORT_SCREENSHOT_DIR, name));
      process.stdout.write(`report screenshot: ${path}\n`);
    }
    expect(problems).toEqual([]);
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
      expect(problems).toEqual([]);
    }
  });
});
