/**
 * The XLSX workbook and the CSV files in a real spreadsheet, LibreOffice Calc (Debian's
 * `libreoffice-calc-nogui`), headless:
 *
 * - the workbook recalculated: LibreOffice opens the file — recalculating every formula on load —
 *   and converts each sheet to CSV. Every Summary cell must equal the library's own figure to the
 *   penny, and every Flows cell the library's yearly flows. Workbooks are written WITHOUT cached
 *   results, so a match can only come from the spreadsheet's own calculation;
 * - the workbook printed: converted to PDF, counted with `pdfinfo` (poppler-utils), the Summary on
 *   one page, every page one sheet wide; with $WORKBOOK_PAGES_DIR set, the pages are also drawn as
 *   PNG with `pdftoppm` (`WORKBOOK_PAGES_DIR=docs/images npm run test:e2e` refreshes docs/outputs.md);
 * - hostile names: CSV files opened with formula evaluation on, and the workbook, keep a name such
 *   as =HYPERLINK("http://x","y") as text, while numbers (negative ones too) stay numbers.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { appraiseLedger, buildLedger, type Appraisal, type AppraiseOptions, type Metrics } from "../../src";
import { buildWorkbook } from "../../src/entries/xlsx";
import { runCli } from "../../src/cli/program";
import { requireProgram } from "./programs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "its-xlsx-e2e-"));
const example = () => JSON.parse(readFileSync(join(ROOT, "examples/family-support.json"), "utf8"));

/** Recalculates a workbook in LibreOffice and returns each sheet as rows of text cells. */
function recalculate(file: string): Record<string, string[][]> {
  const soffice = requireProgram(["soffice", "libreoffice"], "libreoffice-calc-nogui", "SOFFICE_PATH");
  // CSV filter: comma, double quote, UTF-8, from line 1, raw values (not as shown), every sheet (-1).
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  const profile = pathToFileURL(join(dir, "lo-profile")).href;
  execFileSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", dir, file], { stdio: "pipe", timeout: 120_000 });
  const base = file.replace(/\.xlsx$/, "");
  return Object.fromEntries(["Summary", "Flows"].map((s) => [s, parse(readFileSync(`${base}-${s}.csv`, "utf8"), { relax_column_count: true }) as string[][]]));
}

/** Pence as the library presents them (half away from zero), from a spreadsheet's number text. */
const pence = (text: string) => {
  const n = Number(text);
  expect(Number.isFinite(n), `not a number: ${JSON.stringify(text)}`).toBe(true);
  return (Math.sign(n) * Math.round(Math.abs(n) * 100)) / 100;
};

async function check(name: string, model: unknown, options: AppraiseOptions): Promise<{ cells: number; maxDiff: number }> {
  const ledger = buildLedger(model);
  const a: Appraisal = appraiseLedger(ledger, options);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, new Uint8Array((await (await buildWorkbook(ledger, a, { cachedValues: false })).xlsx.writeBuffer()) as ArrayBuffer));
  const sheets = recalculate(file);
  let cells = 0;
  let maxDiff = 0;
  const same = (text: string, exact: { toNumber(): number; toFixed(p: number): string }, where: string) => {
    expect(pence(text).toFixed(2), where).toBe(Number(exact.toFixed(2)).toFixed(2));
    maxDiff = Math.max(maxDiff, Math.abs(Number(text) - exact.toNumber()));
    cells++;
  };
  // Summary: from row 6, per horizon each agency, then the public sector and the whole system, a blank row between horizons.
  // (The notes under the table start with words, not a horizon.)
  const rows = sheets.Summary!.slice(5).filter((r) => /^\d+$/.test(r[0] ?? ""));
  let i = 0;
  for (const h of a.horizons) {
    const parties: [string, Metrics][] = [
      ...a.agencies.map((ag): [string, Metrics] => [ag.name, h.agencies[ag.id]!]),
      ["Public sector", h.publicSector],
      ["Whole system", h.system],
    ];
    for (const [party, m] of parties) {
      const r = rows[i++]!;
      const where = `${name} ${h.years}y ${party}`;
      expect([r[0], r[1]]).toEqual([String(h.years), party]);
      same(r[2]!, m.pvCosts, `${where} PV costs`);
      same(r[3]!, m.pvSavings, `${where} PV savings`);
      same(r[4]!, m.pvTransfers, `${where} PV transfers`);
      same(r[5]!, m.npv, `${where} NPV`);
      // A ratio with no costs is an empty cell (its note says why), never the text "n/a".
      if (m.bcr === null) expect(r[6], `${where} BCR`).toBe("");
      else expect(Number(r[6]), `${where} BCR`).toBeCloseTo(m.bcr.toNumber(), 9);
      if (m.roi === null) expect(r[7], `${where} ROI`).toBe("");
      else expect(Number(r[7]), `${where} ROI`).toBeCloseTo(m.roi.toNumber(), 9);
    }
  }
  expect(i).toBe(rows.length);
  // Flows: each party's costs, savings, transfers and net by year; the discount factors.
  const flows = sheets.Flows!;
  const factors = flows.find((r) => r[0]?.startsWith("Discount factor"))!;
  a.discountFactors.forEach((f, t) => expect(Number(factors[2 + t]), `factor ${t}`).toBeCloseTo(f.toNumber(), 12));
  for (const [party, annual] of [
    ...a.agencies.map((ag) => [ag.name, a.annual.agencies[ag.id]!] as const),
    ["Public sector", a.annual.publicSector] as const,
    ["Whole system", a.annual.system] as const,
  ]) {
    for (const flow of ["costs", "savings", "transfers", "net"] as const) {
      const label = flow === "net" ? "Net" : `${flow[0]!.toUpperCase()}${flow.slice(1)}`;
      const r = flows.find((x) => x[0] === party && x[1] === label)!;
      annual[flow].forEach((v, t) => same(r[2 + t]!, v, `${name} ${party} ${flow} year ${t}`));
    }
  }
  return { cells, maxDiff };
}

describe("XLSX recalculated by LibreOffice Calc", () => {
  it("family-support (fiscal, STPR): every Summary and Flows cell equals the library to the penny", async () => {
    const r = await check("family-support", example(), {});
    process.stdout.write(`family-support: ${r.cells} money cells equal to the penny; largest difference £${r.maxDiff.toExponential(2)}\n`);
    expect(r.cells).toBeGreaterThan(300);
  });

  it("40 years (crossing the STPR band at year 31), social lens, mid-year timing", async () => {
    const model = example();
    model.appraisal.years = 40;
    model.appraisal.horizons = [5, 30, 31, 40];
    const r = await check("long-social-mid", model, { lens: "social", timing: "mid" });
    process.stdout.write(`long-social-mid: ${r.cells} money cells equal to the penny; largest difference £${r.maxDiff.toExponential(2)}\n`);
    expect(r.cells).toBeGreaterThan(1000);
  });
});

const soffice = () => requireProgram(["soffice", "libreoffice"], "libreoffice-calc-nogui", "SOFFICE_PATH");
const profileArg = () => `-env:UserInstallation=${pathToFileURL(join(dir, "lo-profile")).href}`;

/** Text of each page of a PDF (pdftotext puts a form feed between pages). */
function pdfPages(pdf: string): string[] {
  const pdftotext = requireProgram(["pdftotext"], "poppler-utils", "PDFTOTEXT_PATH");
  return execFileSync(pdftotext, ["-layout", pdf, "-"], { encoding: "utf8" })
    .split("\f")
    .filter((p) => p.trim() !== "");
}

describe("XLSX printed by LibreOffice Calc", () => {
  it("family-support: A4 landscape, the Summary on one page, each sheet one page wide, header and footer on every page", async () => {
    const ledger = buildLedger(example());
    const a = appraiseLedger(ledger);
    const file = join(dir, "print.xlsx");
    writeFileSync(file, new Uint8Array((await (await buildWorkbook(ledger, a)).xlsx.writeBuffer()) as ArrayBuffer));
    execFileSync(soffice(), [profileArg(), "--headless", "--convert-to", "pdf", "--outdir", dir, file], { stdio: "pipe", timeout: 120_000 });
    const pdf = join(dir, "print.pdf");
    const pdfinfo = requireProgram(["pdfinfo"], "poppler-utils", "PDFINFO_PATH");
    const info = execFileSync(pdfinfo, [pdf], { encoding: "utf8" });
    const count = Number(info.match(/Pages:\s+(\d+)/)![1]);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/); // landscape
    const pages = pdfPages(pdf);
    expect(pages).toHaveLength(count);
    // Each page's footer names its sheet; every sheet is one page wide, so no sheet's columns
    // spill onto extra pages: the page count per sheet is its rows' worth only.
    const sheetOf = (page: string) =>
      page
        .trim()
        .split("\n")
        .at(-1)!
        .trim()
        .split(/\s{2,}/)[0]!;
    const perSheet = new Map<string, number>();
    for (const p of pages) perSheet.set(sheetOf(p), (perSheet.get(sheetOf(p)) ?? 0) + 1);
    expect([...perSheet.keys()]).toEqual(["Summary", "Assumptions", "Flows", "Ledger", "Inputs"]);
    expect(perSheet.get("Summary")).toBe(1);
    expect(perSheet.get("Flows")).toBe(1);
    for (const p of pages) {
      expect(p).toContain("Early help for families: a council-funded family support service");
      expect(p).toContain("2025-26 prices");
      expect(p).toMatch(new RegExp(`Page \\d+ of ${count}`));
    }
    // The Summary page carries every party's 10-year NPV, in pounds with separators.
    expect(pages[0]).toContain("−£1,480,748");
    expect(pages[0]).toContain("£1,397,519");
    expect(pages[0]).not.toContain("n/a");
    process.stdout.write(`workbook printed: ${count} pages (${[...perSheet].map(([k, v]) => `${k} ${v}`).join(", ")}); before issue 15 it printed as 42\n`);
    expect(count).toBeLessThanOrEqual(20);
    if (process.env.WORKBOOK_PAGES_DIR) {
      const pdftoppm = requireProgram(["pdftoppm"], "poppler-utils", "PDFTOPPM_PATH");
      execFileSync(pdftoppm, ["-r", "100", "-png", "-f", "1", "-l", String(count), pdf, join(dir, "workbook-page")]);
      const wanted = new Map([
        ["Summary", 0],
        ["Assumptions", 0],
        ["Flows", 0],
        ["Ledger", 0],
      ]);
      pages.forEach((p, i) => {
        const sheet = sheetOf(p);
        if (wanted.get(sheet) === 0) wanted.set(sheet, i + 1);
      });
      const pngs = readdirSync(dir)
        .filter((f) => f.startsWith("workbook-page"))
        .sort();
      for (const [sheet, page] of wanted) {
        const png = pngs[page - 1]!;
        copyFileSync(join(dir, png), join(process.env.WORKBOOK_PAGES_DIR, `workbook-${sheet.toLowerCase()}.png`));
      }
    }
  });
});

/** Hostile names: each must reach a spreadsheet as the text written, never as a formula. */
const HOSTILE = ['=HYPERLINK("http://x","y")', "+1+2", "-3+4", "@SUM(1,2)", "\t=5+6", "\r=7+8", "=1+1"];

function hostileModel(): string {
  const model = example();
  model.agencies = model.agencies.map((a: { name: string }, i: number) => (i < HOSTILE.length ? { ...a, name: HOSTILE[i] } : a));
  model.costs[0].label = '=HYPERLINK("http://x","cost")';
  const path = join(dir, "hostile.json");
  writeFileSync(path, JSON.stringify(model));
  return path;
}

/** Opens a file in LibreOffice (CSV with formula evaluation on) and reads every cell back from an xlsx copy. */
async function openInCalc(file: string, csv: boolean): Promise<ExcelJS.Workbook> {
  // CSV import: comma, double quote, UTF-8, line 1, standard columns, default language, quoted
  // fields not forced to text, special numbers detected, …, token 13: evaluate formulas = true.
  const args = [
    profileArg(),
    "--headless",
    ...(csv ? ["--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"] : []),
    "--convert-to",
    "xlsx",
    "--outdir",
    join(dir, "calc"),
    file,
  ];
  execFileSync(soffice(), args, { stdio: "pipe", timeout: 120_000 });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "calc", file.replace(/^.*[\\/]/, "").replace(/\.(csv|xlsx)$/, ".xlsx")));
  return wb;
}

function cells(wb: ExcelJS.Workbook): ExcelJS.Cell[] {
  const out: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(c))));
  return out;
}

describe("hostile names in a spreadsheet (LibreOffice Calc, formulas evaluated)", () => {
  const cli = async (args: string[]) => {
    let out = "";
    let err = "";
    const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
    expect(code, err).toBe(0);
    return out;
  };
  it("appraise --format csv: names open as text, money stays numeric (negatives too)", async () => {
    const model = hostileModel();
    const file = join(dir, "summary.csv");
    writeFileSync(file, await cli(["appraise", model, "--format", "csv"]));
    const wb = await openInCalc(file, true);
    const all = cells(wb);
    expect(all.filter((c) => c.type === ExcelJS.ValueType.Formula).map((c) => `${c.address} ${JSON.stringify(c.value)}`)).toEqual([]);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const names = new Set<unknown>();
    let negatives = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      names.add(row.getCell(col("name")).value);
      for (const k of ["pv_costs", "pv_savings", "pv_transfers", "npv"]) {
        const v = row.getCell(col(k)).value;
        expect(typeof v, `${k} row ${r}`).toBe("number");
        if ((v as number) < 0) negatives++;
      }
    });
    // Calc keeps each as text with the apostrophe (turning a carriage return in a cell into a line feed).
    for (const h of HOSTILE) expect(names.has(`'${h.replace("\r", "\n")}`), h).toBe(true);
    expect(negatives).toBeGreaterThan(5);
  });
  it("export --csv: ledger rows keep hostile names and labels as text, amounts numeric", async () => {
    const model = hostileModel();
    const file = join(dir, "ledger.csv");
    await cli(["export", model, "--csv", file]);
    const wb = await openInCalc(file, true);
    expect(cells(wb).filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const first = ws.getRow(2);
    expect(first.getCell(header.indexOf("agency_name") + 1).value).toBe(`'${HOSTILE[0]}`);
    expect(first.getCell(header.indexOf("label") + 1).value).toBe(`'=HYPERLINK("http://x","cost")`);
    expect(first.getCell(header.indexOf("amount") + 1).value).toBe(-262500);
  });
  it("export --xlsx: the workbook's text cells stay text in LibreOffice", async () => {
    const model = hostileModel();
    const file = join(dir, "hostile.xlsx");
    await cli(["export", model, "--xlsx", file]);
    const wb = await openInCalc(file, false);
    const summary = wb.getWorksheet("Summary")!;
    expect(summary.getCell("B6").value).toBe(HOSTILE[0]);
    expect(summary.getCell("B6").type).toBe(ExcelJS.ValueType.String);
    for (const c of cells(wb).filter((x) => x.type === ExcelJS.ValueType.Formula)) expect(c.formula, c.address).not.toMatch(/HYPERLINK|http/);
  });
});
