/**
 * The live deal explorer in headless Chromium (Debian's `chromium`, driven by playwright-core):
 * controls are moved as a user moves them (a slider dragged, a value typed), and every figure the
 * page then shows — each party's NPV at each horizon, the public-sector and whole-system totals,
 * the incentive gap, each gainshare's feasible range — equals `appraise` and `gainshareRange` in
 * Node for the same settings, to the penny. No console errors, no network requests; Reset and
 * Copy as model JSON work. Screenshots for docs/outputs.md go to $REPORT_SCREENSHOT_DIR when set.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appraise, formatPounds, gainshareRange, parseModel, roundTo, toJSON, type Model } from "../../src";
import { runCli } from "../../src/cli/program";
import { TEMPLATE_MODEL } from "../../src/entries/xlsx";
import { applyControls, explorerModel, explorerModelFor, PROPOSED_GAINSHARE } from "../../src/report/explorer/controls";
import { installPackage } from "./packed";
import { launchChromium } from "./programs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "its-explorer-e2e-"));
const FAMILY = join(ROOT, "examples/family-support.json");

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

async function explorer(model: string, name: string): Promise<string> {
  const out = join(dir, `${name}.html`);
  let err = "";
  const code = await runCli(["report", model, "--interactive", "--out", out], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
  expect(code, err).toBe(0);
  return out;
}

interface Visit {
  page: Page;
  problems: string[];
}

async function open(file: string, width = 1400): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`console ${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("request", (r) => !r.url().startsWith("file:") && problems.push(`network request: ${r.url()}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 120_000 });
  await settled(page);
  return { page, problems };
}

const settled = (page: Page) => page.evaluate(() => (window as unknown as { explorer: { settled(): Promise<void> } }).explorer.settled());

/** Every NPV cell the page shows: party, horizon, the text and the exact pence. */
const shownNpvs = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("#npv td[data-party]")].map((td) => ({
      party: td.dataset.party!,
      horizon: Number(td.dataset.horizon),
      text: td.textContent!,
      exact: td.dataset.exact!,
      gap: td.classList.contains("gap"),
    })),
  );

/** The same cells from Node's appraisal of the same model. */
function expectedNpvs(model: Model): { party: string; horizon: number; text: string; exact: string; gap: boolean }[] {
  const a = appraise(model);
  const gaps = new Set(a.incentiveGaps.map((g) => `${g.agency}|${g.horizon}`));
  const cell = (party: string, years: number, npv: import("../../src").Decimal) => ({
    party,
    horizon: years,
    text: formatPounds(npv, { places: 0 }),
    exact: roundTo(npv, 2).toFixed(2),
    gap: gaps.has(`${party}|${years}`),
  });
  return [
    ...a.agencies.flatMap((ag) => a.horizons.map((h) => cell(ag.id, h.years, h.agencies[ag.id]!.npv))),
    ...a.horizons.map((h) => cell("public-sector", h.years, h.publicSector.npv)),
    ...a.horizons.map((h) => cell("system", h.years, h.system.npv)),
  ];
}

/** Drags a slider to a value, as a user's move ends: the input event on the range control. */
async function slide(page: Page, path: string, value: number): Promise<void> {
  const id = await page.evaluate((p) => document.querySelector<HTMLElement>(`.control[data-path="${p}"] input[type=range]`)!.id, path);
  await page.locator(`#${id}`).fill(String(value));
  await settled(page);
}

/** Types a value into a control's box (in its display unit: a percentage for a share). */
async function type(page: Page, path: string, text: string): Promise<void> {
  const box = page.locator(`.control[data-path="${path}"] input.box`);
  await box.fill(text);
  await box.press("Enter");
  await box.blur();
  await settled(page);
}

function shot(path: string, name: string): void {
  if (process.env.REPORT_SCREENSHOT_DIR) copyFileSync(path, join(process.env.REPORT_SCREENSHOT_DIR, name));
  process.stdout.write(`explorer screenshot: ${path}\n`);
}

describe("the live deal explorer in headless Chromium", () => {
  it("family support: moving a share, typing a rate and dragging a unit cost gives Node's appraisal to the penny", async () => {
    const raw = JSON.parse(readFileSync(FAMILY, "utf8"));
    const base = explorerModel(raw).model;
    // The path as a user types it (the page's footer names it).
    const { page, problems } = await open(await explorer("examples/family-support.json", "family-support"));
    // As it opens: the model's own figures (the proposed gainshare is at 0%).
    expect(await shownNpvs(page)).toEqual(expectedNpvs(base));
    await page.screenshot({ path: join(dir, "explorer.png") });
    shot(join(dir, "explorer.png"), "explorer.png");

    const shareIndex = base.deals.findIndex((d) => d.id === PROPOSED_GAINSHARE);
    await slide(page, `deals[${shareIndex}].share`, 0.35);
    await type(page, "outcomes[1].success", "5.5");
    await slide(page, "tables.unitCosts[0].value", 70000);
    const values = { [`deals[${shareIndex}].share`]: 0.35, "outcomes[1].success": 0.055, "tables.unitCosts[0].value": 70000 };
    expect(await page.evaluate(() => (window as unknown as { explorer: { overrides(): unknown } }).explorer.overrides())).toEqual(values);
    const set = applyControls(base, values);
    expect(await shownNpvs(page)).toEqual(expectedNpvs(set));
    // The headline cards: whole system and public sector at the chosen horizon, and the gap (none: the share closes it).
    const a = appraise(set);
    const ten = a.horizons.find((h) => h.years === 10)!;
    const cards = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>(".card .value")].map((v) => v.dataset.exact));
    expect(cards.slice(0, 2)).toEqual([roundTo(ten.system.npv, 2).toFixed(2), roundTo(ten.publicSector.npv, 2).toFixed(2)]);
    expect(a.incentiveGaps.filter((g) => g.horizon === 10)).toEqual([]);
    // The feasible range on the share's slider: gainshareRange in Node, for the same settings.
    const range = gainshareRange(set, { deal: PROPOSED_GAINSHARE, horizon: 10, tolerance: 1e-7 });
    expect(range.ok).toBe(true);
    const band = await page.evaluate(() => ({ ...document.querySelector<HTMLElement>(".feasible:not([hidden])")!.dataset }));
    if (range.ok) expect(band).toEqual({ min: range.minShare.toFixed(6), max: range.maxShare.toFixed(6) });
    // The findings follow: no penalty at 10 years any more.
    expect(await page.locator("#findings").innerText()).toMatch(/No prevention penalty|no agency loses/i);
    // The charts were redrawn for these settings.
    const version = await page.evaluate(() => document.body.dataset.version);
    expect(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>("figure[id^=chart-]")].map((f) => f.dataset.version))).toEqual([
      version,
      version,
      version,
    ]);
    expect(await page.locator("figure[id^=chart-] svg").count()).toBe(3);
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.getElementById("controls")!.scrollTop = 0;
    });
    await page.screenshot({ path: join(dir, "explorer-moved.png"), fullPage: true });
    shot(join(dir, "explorer-moved.png"), "explorer-moved.png");
    await page.locator("#controls").screenshot({ path: join(dir, "explorer-controls.png") });
    shot(join(dir, "explorer-controls.png"), "explorer-controls.png");

    // Copy as model JSON: the model as written, with these settings and the proposed gainshare.
    await page.locator("#copy").click();
    const copied = await page.locator("#model-json").inputValue();
    const parsed = parseModel(copied);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(toJSON(appraise(parsed.model))).toEqual(toJSON(a));
    expect(JSON.parse(copied).notes).toEqual(raw.notes);

    // Reset: the model's own values and figures again.
    await page.locator("#reset").click();
    await settled(page);
    expect(await page.evaluate(() => (window as unknown as { explorer: { overrides(): unknown } }).explorer.overrides())).toEqual({});
    expect(await shownNpvs(page)).toEqual(expectedNpvs(base));
    // A value out of range typed into a box is refused, not applied.
    await type(page, "outcomes[1].success", "150");
    expect(await page.locator('.control[data-path="outcomes[1].success"] input.box.bad').count()).toBe(1);
    expect(await shownNpvs(page)).toEqual(expectedNpvs(base));
    expect(problems).toEqual([]);
  });

  it("the template's own gainshare: its range at 10 years, and 'no share closes the gap' at 5", async () => {
    const file = join(dir, "template.json");
    writeFileSync(file, JSON.stringify(TEMPLATE_MODEL));
    const { page, problems } = await open(await explorer(file, "template"));
    const model = explorerModel(TEMPLATE_MODEL).model;
    const ten = gainshareRange(model, { deal: "gainshare", horizon: 10, tolerance: 1e-7 });
    expect(ten.ok).toBe(true);
    const note = page.locator(".range-note");
    if (ten.ok) expect(await note.innerText()).toContain(`${ten.minShare.times(100).toFixed(2)}% to ${ten.maxShare.times(100).toFixed(2)}%`);
    await page.locator("#horizon").selectOption("5");
    await settled(page);
    const five = gainshareRange(model, { deal: "gainshare", horizon: 5, tolerance: 1e-7 });
    expect(five.ok).toBe(false);
    const message = (five as { message: string }).message; // "no share closes the gap at 5 years: …"
    expect(await note.innerText()).toBe(`${message[0]!.toUpperCase()}${message.slice(1)}.`);
    expect(await page.locator(".feasible:not([hidden])").count()).toBe(0);
    await page
      .locator(".control")
      .first()
      .screenshot({ path: join(dir, "explorer-no-share.png") });
    shot(join(dir, "explorer-no-share.png"), "explorer-no-share.png");
    expect(problems).toEqual([]);
  });

  it("a model with options: each option shown with its own controls, to the penny; the copy is the option as a model", async () => {
    const raw = JSON.parse(readFileSync(join(ROOT, "examples/options.json"), "utf8"));
    const { page, problems } = await open(await explorer("examples/options.json", "options"));
    expect(await page.locator("#option-row").isVisible()).toBe(true);
    expect(await page.locator("#option option").allInnerTexts()).toEqual([
      "Business as usual",
      "Add volunteer-supported mentoring",
      "Replace advice with intensive resettlement support",
    ]);
    const bau = explorerModelFor(raw, null).explorer.model;
    expect(await shownNpvs(page)).toEqual(expectedNpvs(bau));

    await page.locator("#option").selectOption("intensive");
    await settled(page);
    const { explorer: intensive } = explorerModelFor(raw, "intensive");
    expect(await page.evaluate(() => (window as unknown as { explorer: { option(): unknown } }).explorer.option())).toBe("intensive");
    expect(await shownNpvs(page)).toEqual(expectedNpvs(intensive.model));
    // One of the option's uncertain inputs, moved as a user drags it.
    const control = await page.evaluate(() => {
      const c = (window as unknown as { explorer: { controls: { path: string; group: string; min: number }[] } }).explorer.controls.find(
        (x) => x.group === "input",
      )!;
      return { path: c.path, min: c.min };
    });
    await slide(page, control.path, control.min);
    const set = applyControls(intensive.model, { [control.path]: control.min });
    expect(await shownNpvs(page)).toEqual(expectedNpvs(set));
    await page.screenshot({ path: join(dir, "explorer-options.png") });
    shot(join(dir, "explorer-options.png"), "explorer-options.png");
    await page.locator("#copy").click();
    const copied = parseModel(await page.locator("#model-json").inputValue());
    expect(copied.ok).toBe(true);
    if (copied.ok) expect(toJSON(appraise(copied.model))).toEqual(toJSON(appraise(set)));
    expect(await page.locator("#copied-note").innerText()).toMatch(/^This is the option as a model of its own/);

    // Back to business as usual: its own figures, at the model's values.
    await page.locator("#option").selectOption("");
    await settled(page);
    expect(await shownNpvs(page)).toEqual(expectedNpvs(bau));
    expect(problems).toEqual([]);
  });

  it("from the packed package: npx invest-to-save report --interactive, with its built bundle", async () => {
    const app = installPackage(inject("tarball"));
    copyFileSync(FAMILY, join(app, "family-support.json"));
    const run = spawnSync("npx", ["--no-install", "invest-to-save", "report", "family-support.json", "--interactive", "--out", "explorer.html"], {
      cwd: app,
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const { page, problems } = await open(join(app, "explorer.html"));
    expect(await shownNpvs(page)).toEqual(expectedNpvs(explorerModel(JSON.parse(readFileSync(FAMILY, "utf8"))).model));
    expect(problems).toEqual([]);
  }, 400_000);
});
