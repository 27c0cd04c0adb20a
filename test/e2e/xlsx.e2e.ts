/**
 * The XLSX workbook recalculated by a real spreadsheet: LibreOffice Calc (Debian's
 * `libreoffice-calc-nogui`) opens the file headless — recalculating every formula on load — and
 * converts each sheet to CSV. Every Summary cell must equal the library's own figure to the penny,
 * and every Flows cell the library's yearly flows. Workbooks are written WITHOUT cached results,
 * so a match can only come from the spreadsheet's own calculation.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { appraiseLedger, buildLedger, type Appraisal, type AppraiseOptions, type Metrics } from "../../src";
import { buildWorkbook } from "../../src/entries/xlsx";
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
  const rows = sheets.Summary!.slice(5).filter((r) => r[0] !== "");
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
      if (m.bcr === null) expect(r[6], `${where} BCR`).toBe("n/a");
      else expect(Number(r[6]), `${where} BCR`).toBeCloseTo(m.bcr.toNumber(), 9);
    }
  }
  expect(i).toBe(rows.length);
  // Flows: each party's costs, savings, transfers and net by year; the discount factors.
  const flows = sheets.Flows!;
  const factors = flows.find((r) => r[0]?.startsWith("Discount factor"))!;
  a.discountFactors.forEach((f, t) => expect(Number(factors[2 + t]), `factor ${t}`).toBeCloseTo(f.toNumber(), 12));
  for (const [party, annual] of [...a.agencies.map((ag) => [ag.name, a.annual.agencies[ag.id]!] as const), ["Public sector", a.annual.publicSector] as const, ["Whole system", a.annual.system] as const]) {
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
