/**
 * The options comparison, the financial case and unit metrics in every output: the CLI
 * (`appraise --options / --financial / --unit-metrics`, text, Markdown, CSV, JSON), the HTML
 * report and the XLSX workbook.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program";
import { appraise, appraiseOptions, buildLedger, appraiseLedger, financialCase, unitMetrics, type ModelInput } from "../src";
import { buildReportHtml } from "../src/entries/report";
import { buildWorkbook } from "../src/entries/xlsx";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OPTIONS = join(ROOT, "examples/options.json");
const FAMILY = join(ROOT, "examples/family-support.json");
const dir = mkdtempSync(join(tmpdir(), "its-economic-"));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe("CLI", () => {
  it("appraise --options: the ranking and an Appraisal Summary Table per option", async () => {
    const r = await cli(["appraise", OPTIONS, "--options"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Replace advice with intensive resettlement support \(preferred\)/);
    expect(r.out.match(/Appraisal Summary Table: /g)).toHaveLength(2);
    for (const s of ["Monetised costs and benefits", "Who pays and who gains", "Optimism bias", "Switching values", "Risk", "Effects not valued in money"])
      expect(r.out).toContain(s);
  });

  it("appraise --options --format json|csv|md", async () => {
    const json = JSON.parse((await cli(["appraise", OPTIONS, "--options", "--format", "json"])).out) as { options: { ranking: { preferred: string } } };
    expect(json.options.ranking.preferred).toBe("intensive");
    const csv = parse((await cli(["appraise", OPTIONS, "--options", "--format", "csv"])).out, { relax_column_count: true }) as string[][];
    expect(csv[0]!.slice(0, 5)).toEqual(["table", "Option", "PV costs £", "PV savings £", "NPSV £"]);
    expect(Number(csv[2]![4])).toBe(Math.round(appraiseOptions(JSON.parse(readFileSync(OPTIONS, "utf8"))).options[1]!.vsBau.npsv.toNumber()));
    const md = (await cli(["appraise", OPTIONS, "--options", "--format", "md"])).out;
    expect(md).toMatch(/^# Resettlement support/);
    expect(md).toContain("| Option | PV costs £ |");
  });

  it("appraise --options with --mc-draws gives Monte Carlo risk ranges", async () => {
    const r = await cli(["appraise", OPTIONS, "--options", "--mc-draws", "200"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Chance NPSV > 0");
    expect((await cli(["appraise", OPTIONS, "--mc-draws", "200"])).code).toBe(2);
  });

  it("appraise --options on a model without options is a usage error", async () => {
    const r = await cli(["appraise", FAMILY, "--options"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/has no options/);
  });

  it("validate builds each option, so a bad override path is caught with its path", async () => {
    expect((await cli(["validate", OPTIONS])).out).toMatch(/2 options/);
    const bad = JSON.parse(readFileSync(OPTIONS, "utf8")) as { options: { set?: Record<string, number> }[] };
    bad.options[0]!.set = { "costs.nothing.amount": 3 };
    const file = join(dir, "bad-options.json");
    writeFileSync(file, JSON.stringify(bad));
    const r = await cli(["validate", file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('options[0].set["costs.nothing.amount"]: costs has no item with id "nothing"');
  });

  it("appraise --financial and --unit-metrics", async () => {
    const r = await cli(["appraise", FAMILY, "--financial", "--unit-metrics", "--unit", "thousands"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("Net cash by budget: cash of each year: 2025-26 prices inflated at 2% a year");
    expect(r.out).toContain("Funding available and headroom");
    expect(r.out).toContain("Cost per participant £");
    const json = JSON.parse((await cli(["appraise", FAMILY, "--financial", "--format", "json"])).out) as {
      financial: { budgets: { budget: string; spend: string[] }[] };
    };
    expect(json.financial.budgets.find((b) => b.budget === "families-grant")!.spend.slice(0, 3)).toEqual(["1512000", "1542240", "1573084.8"]);
    // CSV: numbers plain, columns adding up: the public-sector row is the sum of the public budgets.
    const rows = parse((await cli(["appraise", FAMILY, "--financial", "--format", "csv"])).out, { relax_column_count: true }) as string[][];
    const net = rows.filter((x) => x[0]!.startsWith("Net cash"));
    const total = net.find((x) => x[1] === "Public sector")!;
    const budgets = net.filter((x) => x[1] !== "Public sector" && x[1] !== "All organisations");
    for (let c = 4; c < total.length; c++) expect(budgets.reduce((s, x) => s + Number(x[c]), 0)).toBe(Number(total[c]));
  });
});

describe("HTML report and workbook", () => {
  const model = JSON.parse(readFileSync(OPTIONS, "utf8")) as ModelInput;

  it("the report has the options, financial-case and unit-metrics sections, model text escaped", async () => {
    const hostile = structuredClone(model) as ModelInput & { options: { name: string }[] };
    hostile.options[0]!.name = "<script>alert(1)</script>";
    const ledger = buildLedger(hostile);
    const html = await buildReportHtml({
      appraisal: appraise(hostile),
      options: appraiseOptions(hostile),
      financial: financialCase(ledger),
      unitMetrics: unitMetrics(ledger),
    });
    for (const id of ["options", "financial", "unit-metrics"]) expect(html).toContain(`<section id="${id}">`);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<article class="ast">/g)).toHaveLength(2);
  });

  it("the workbook has Options, Financial case and Unit metrics sheets with live totals", async () => {
    const ledger = buildLedger(model);
    const fc = financialCase(ledger);
    const wb = await buildWorkbook(ledger, appraiseLedger(ledger), {
      optionsAppraisal: appraiseOptions(model),
      financialCase: fc,
      unitMetrics: unitMetrics(ledger),
    });
    const bytes = await wb.xlsx.writeBuffer();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as ArrayBuffer);
    expect(back.worksheets.map((w) => w.name)).toEqual(["Summary", "Assumptions", "Flows", "Ledger", "Inputs", "Options", "Financial case", "Unit metrics"]);
    const sheet = back.getWorksheet("Financial case")!;
    // The probation budget: spent, received, net (a formula), available, headroom (a formula).
    const net = sheet.getRow(7);
    expect(net.getCell(4).value).toBe("Net");
    expect((net.getCell(5).value as { formula: string }).formula).toBe("E6-E5");
    const probation = fc.budgets.find((b) => b.budget === "probation")!;
    expect((net.getCell(5).value as { result: number }).result).toBeCloseTo(probation.net[0]!.toNumber(), 6);
    const headroom = sheet.getRow(9);
    expect((headroom.getCell(5).value as { formula: string }).formula).toBe("E8+E7");
    expect(back.getWorksheet("Options")!.getCell("A1").value).toMatch(/^Options against business as usual/);
  });
});

it("examples/options.json writes its report and workbook from the CLI", async () => {
  const html = join(dir, "options.html");
  const xlsx = join(dir, "options.xlsx");
  expect((await cli(["report", OPTIONS, "--out", html, "--static"])).code).toBe(0);
  expect(readFileSync(html, "utf8")).toContain("Appraisal Summary Table: Add volunteer-supported mentoring");
  expect((await cli(["export", OPTIONS, "--xlsx", xlsx])).code).toBe(0);
});
