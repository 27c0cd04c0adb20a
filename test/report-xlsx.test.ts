import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { appraiseLedger, buildLedger, type ModelInput } from "../src";
import { buildWorkbook } from "../src/entries/xlsx";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const ledger = buildLedger(familySupport);
const result = appraiseLedger(ledger);

/** Writes the workbook to bytes and reads it back, as a spreadsheet would receive it. */
async function roundTrip(cachedValues = true): Promise<ExcelJS.Workbook> {
  const bytes = await (await buildWorkbook(ledger, result, { cachedValues })).xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  return wb;
}

type Formula = { formula: string; result?: unknown };
const formulaOf = (cell: ExcelJS.Cell) => cell.value as Formula;

describe("XLSX workbook", async () => {
  const wb = await roundTrip();
  const summary = wb.getWorksheet("Summary")!;
  const flows = wb.getWorksheet("Flows")!;
  const ledgerSheet = wb.getWorksheet("Ledger")!;

  it("has the sheets in reading order", () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Summary", "Flows", "Ledger", "Inputs"]);
  });

  it("summary cells are live SUMPRODUCT formulas over the right flow row and the discount factor row", () => {
    const factorRow = flows.getColumn(1).values.findIndex((v) => v === "Discount factor");
    let checked = 0;
    summary.eachRow((row, r) => {
      const horizon = row.getCell(1).value;
      if (typeof horizon !== "number" || r <= 5) return;
      const party = row.getCell(2).value as string;
      (["C", "D", "E"] as const).forEach((col, k) => {
        const f = formulaOf(summary.getCell(`${col}${r}`)).formula;
        const m = f.match(/^SUMPRODUCT\(Flows!\$C\$(\d+):\$([A-Z]+)\$(\d+),Flows!\$C\$(\d+):\$([A-Z]+)\$(\d+)\)$/);
        expect(m, f).not.toBeNull();
        const [, row1, lastCol, row2, fRow1, fLastCol] = m!;
        expect(row1).toBe(row2);
        expect(Number(fRow1)).toBe(factorRow);
        expect(lastCol).toBe(fLastCol);
        // The range ends at the horizon's last year: column C is year 0, an N-year horizon ends at year N − 1.
        expect(flows.getCell(`${lastCol}2`).value).toBe(horizon - 1);
            expect(flows.getCell(`A${row1}`).value).toBe(party);
        expect(flows.getCell(`B${row1}`).value).toBe(["Costs", "Savings", "Transfers"][k]);
      });
      expect(formulaOf(summary.getCell(`F${r}`)).formula).toBe(`D${r}-C${r}+E${r}`);
      expect(formulaOf(summary.getCell(`G${r}`)).formula).toMatch(/^IF\(C\d+\+MAX\(-E\d+,0\)=0,"n\/a",/);
      checked++;
    });
    expect(checked).toBe(result.horizons.length * (result.agencies.length + 2));
  });

  it("cached results are the library's figures, to the penny", async () => {
    // Checked on the workbook as written, with cell.result: exceljs's value getter and its reader
    // leave out a cached result of 0 (the file itself has <v>0</v>).
    const summary = (await buildWorkbook(ledger, result)).getWorksheet("Summary")!;
    let row = 6;
    for (const h of result.horizons) {
      for (const m of [...result.agencies.map((a) => h.agencies[a.id]!), h.publicSector, h.system]) {
        const cached = (col: string) => summary.getCell(`${col}${row}`).result;
        expect(cached("C")).toBeCloseTo(m.pvCosts.toNumber(), 2);
        expect(cached("D")).toBeCloseTo(m.pvSavings.toNumber(), 2);
        expect(cached("E")).toBeCloseTo(m.pvTransfers.toNumber(), 2);
        expect(cached("F")).toBeCloseTo(m.npv.toNumber(), 2);
        expect(cached("G")).toEqual(m.bcr === null ? "n/a" : m.bcr.toNumber());
        row++;
      }
      row++;
    }
  });

  it("flows are SUMIFS over the ledger's counted rows; the system sums the agencies; factors are running products", () => {
    const council = flows.getColumn(1).values.findIndex((v) => v === "County council");
    expect(formulaOf(flows.getCell(`C${council}`)).formula).toMatch(/^-SUMIFS\(Ledger!\$M\$2:\$M\$\d+,Ledger!\$A\$2:\$A\$\d+,"council",Ledger!\$D\$2:\$D\$\d+,C\$2,Ledger!\$H\$2:\$H\$\d+,"cost",Ledger!\$N\$2:\$N\$\d+,1\)$/);
    expect(formulaOf(flows.getCell("D6")).formula).toBe("C6/(1+D5)");
    expect(formulaOf(flows.getCell("D7")).formula).toBe("D6");
    expect(flows.getCell("D5").value).toBe(0.035);
    expect(ledgerSheet.rowCount).toBe(ledger.rows.length + 1);
    const amount = ledgerSheet.getCell("M2").value as number;
    expect(amount).toBe(ledger.rows[0]!.amount.toNumber());
  });

  it("without cached values, formula cells carry no result (a spreadsheet must calculate them)", async () => {
    const bare = await roundTrip(false);
    expect(formulaOf(bare.getWorksheet("Summary")!.getCell("F6")).result).toBeUndefined();
  });

  it("records the inputs: settings, agencies, assumptions register and line traces", () => {
    const inputs = wb.getWorksheet("Inputs")!;
    const text: string[] = [];
    inputs.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    for (const note of result.notes) expect(text).toContain(note);
    for (const a of result.agencies) expect(text).toContain(a.name);
    for (const l of ledger.lines) expect(text).toContain(l.line);
    expect(text).toContain("optimismBiasUplift");
  });

  it("writes mid-year factors as formulas too", async () => {
    const mid = appraiseLedger(ledger, { timing: "mid" });
    const wbMid = await buildWorkbook(ledger, mid);
    // Every year's flows half a year later: year t's end-of-year factor ÷ √(1 + year t + 1's rate).
    const f0 = wbMid.getWorksheet("Flows")!.getCell("C7").value as Formula;
    expect(f0.formula).toBe("C6/SQRT(1+D5)");
    expect(f0.result).toBeCloseTo(mid.discountFactors[0]!.toNumber(), 12);
    const f = wbMid.getWorksheet("Flows")!.getCell("D7").value as Formula;
    expect(f.formula).toBe("D6/SQRT(1+E5)");
    expect(f.result).toBeCloseTo(mid.discountFactors[1]!.toNumber(), 12);
  });
});
