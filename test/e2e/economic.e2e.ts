/**
 * The Financial case and Unit metrics sheets recalculated by LibreOffice Calc (headless), and the
 * options section of the HTML report in Chromium. Workbooks are written without cached results,
 * so every formula's value comes from the spreadsheet's own calculation.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { appraise, appraiseLedger, appraiseOptions, buildLedger, financialCase, unitMetrics } from "../../src";
import { buildReportHtml } from "../../src/entries/report";
import { buildWorkbook } from "../../src/entries/xlsx";
import { launchChromium, requireProgram } from "./programs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "its-economic-e2e-"));
const read = (name: string) => JSON.parse(readFileSync(join(ROOT, "examples", name), "utf8"));

function recalculate(file: string, sheets: string[]): Record<string, string[][]> {
  const soffice = requireProgram(["soffice", "libreoffice"], "libreoffice-calc-nogui", "SOFFICE_PATH");
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  const profile = pathToFileURL(join(dir, "lo-profile")).href;
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", dir, file], { stdio: "pipe", timeout: 120_000 });
  const base = file.replace(/\.xlsx$/, "");
  return Object.fromEntries(sheets.map((s) => [s, parse(readFileSync(`${base}-${s}.csv`, "utf8"), { relax_column_count: true }) as string[][]]));
}

describe("workbook in LibreOffice", () => {
  it("family-support: every budget's net and headroom, and the totals, recalculate to the library's cash figures", async () => {
    const ledger = buildLedger(read("family-support.json"));
    const fc = financialCase(ledger);
    const units = unitMetrics(ledger);
    const file = join(dir, "family-support.xlsx");
    const wb = await buildWorkbook(ledger, appraiseLedger(ledger), { cachedValues: false, financialCase: fc, unitMetrics: units });
    writeFileSync(file, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const sheets = recalculate(file, ["Financial case", "Unit metrics"]);
    const rows = sheets["Financial case"]!;
    const n = fc.years.length;
    let checked = 0;
    for (const b of fc.budgets) {
      const mine = rows.filter((r) => r[0] === b.agencyName && r[1] === (b.budgetName ?? b.budget));
      const net = mine.find((r) => r[3] === "Net")!;
      for (let t = 0; t < n; t++) expect(Number(net[4 + t]), `${b.budget} ${fc.years[t]}`).toBeCloseTo(b.net[t]!.toNumber(), 6);
      expect(Number(net[4 + n])).toBeCloseTo(b.total.net.toNumber(), 6);
      checked += n + 1;
      if (b.headroom) {
        const head = mine.find((r) => r[3]!.startsWith("Headroom"))!;
        for (let t = 0; t < n; t++) expect(Number(head[4 + t])).toBeCloseTo(b.headroom[t]!.toNumber(), 6);
        checked += n;
      }
    }
    const pub = rows.find((r) => r[0] === "Public sector")!;
    fc.totals.publicSector.net.forEach((v, t) => expect(Number(pub[4 + t])).toBeCloseTo(v.toNumber(), 6));
    expect(checked).toBeGreaterThan(80);
    // Unit metrics: cost per participant is a formula over the cells beside it.
    const unit = sheets["Unit metrics"]!.find((r) => r[0] === "Intensive family support")!;
    expect(Number(unit[3])).toBeCloseTo(3911.25, 9);
  });
});

describe("HTML report in Chromium", () => {
  it("shows the options ranking, each Appraisal Summary Table and the financial case", async () => {
    const model = read("options.json");
    const ledger = buildLedger(model);
    const html = await buildReportHtml({
      appraisal: appraise(model),
      options: appraiseOptions(model),
      financial: financialCase(ledger),
      unitMetrics: unitMetrics(ledger),
    });
    const file = join(dir, "options.html");
    writeFileSync(file, html);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      const titles = await page.locator("article.ast h3").allTextContents();
      expect(titles).toEqual([
        "Appraisal Summary Table: Add volunteer-supported mentoring",
        "Appraisal Summary Table: Replace advice with intensive resettlement support",
      ]);
      const preferred = await page.locator("#options table").first().locator("tbody tr").nth(1).locator("td").first().textContent();
      expect(preferred).toBe("Replace advice with intensive resettlement support (preferred)");
      // Tables fit the page or scroll inside their own box: nothing wider than the main column.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.locator("#financial").screenshot({ path: join(dir, "financial.png") });
    } finally {
      await browser.close();
    }
  });
});
