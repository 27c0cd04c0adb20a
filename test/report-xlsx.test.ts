import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { appraiseLedger, buildLedger, loadModel, modelInputs, referenceValues, type ModelInput } from "../src";
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
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Summary", "Assumptions", "Flows", "Ledger", "Inputs"]);
  });

  it("summary cells are live SUMPRODUCT formulas over the right flow row and the discount factor row", () => {
    const factorRow = flows.getColumn(1).values.indexOf("Discount factor");
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
      expect(formulaOf(summary.getCell(`G${r}`)).formula).toBe(`IF((C${r}+MAX(-E${r},0))=0,"",(D${r}+MAX(E${r},0))/(C${r}+MAX(-E${r},0)))`);
      expect(formulaOf(summary.getCell(`H${r}`)).formula).toBe(`IF((C${r}+MAX(-E${r},0))=0,"",F${r}/(C${r}+MAX(-E${r},0)))`);
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
        expect(cached("G")).toEqual(m.bcr === null ? "" : m.bcr.toNumber());
        expect(cached("H")).toEqual(m.roi === null ? "" : m.roi.toNumber());
        row++;
      }
      row++;
    }
  });

  it("flows are SUMIFS over the ledger's counted rows; the system sums the agencies; factors are running products", () => {
    const council = flows.getColumn(1).values.indexOf("County council");
    expect(formulaOf(flows.getCell(`C${council}`)).formula).toMatch(
      /^-SUMIFS\(Ledger!\$M\$2:\$M\$\d+,Ledger!\$A\$2:\$A\$\d+,"council",Ledger!\$D\$2:\$D\$\d+,C\$2,Ledger!\$H\$2:\$H\$\d+,"cost",Ledger!\$N\$2:\$N\$\d+,1\)$/,
    );
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

  it("records the inputs: settings, agencies and line traces", () => {
    const inputs = wb.getWorksheet("Inputs")!;
    const text: string[] = [];
    inputs.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    for (const a of result.agencies) expect(text).toContain(a.name);
    for (const l of ledger.lines) expect(text).toContain(l.line);
    expect(text).toContain("optimismBiasUplift");
  });

  it("Assumptions: the notes register, every input (path, value, unit, note) and every reference value with its source", () => {
    const sheet = wb.getWorksheet("Assumptions")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const text = rows.flat().map(String);
    for (const note of result.notes) expect(text).toContain(note);
    const inputs = modelInputs(ledger.plan.model);
    expect(inputs.length).toBeGreaterThan(100);
    for (const input of inputs) expect(text, input.path).toContain(input.path);
    const success = rows.find((r) => r[0] === "outcomes.custody.success")!;
    expect(success.slice(1, 4)).toEqual(["Fewer custodial sentences: success rate", 0.04, "share (0–1)"]);
    // The reference-values section, after the inputs.
    const prison = rows.filter((r) => r[0] === "tables.unitCosts.prison-place-year.value").at(-1)!;
    expect(prison).toEqual([
      "tables.unitCosts.prison-place-year.value",
      "A prison place, one year",
      51000,
      "£, 2023-24 prices",
      "ASSUMED illustrative value in the range of published HMPPS costs",
    ]);
    const stpr = rows.find((r) => r[1] === "Green Book STPR (standard), years 0–30")!;
    expect(stpr).toEqual([
      "(library)",
      "Green Book STPR (standard), years 0–30",
      0.035,
      "discount rate a year (0.035 = 3.5%)",
      "HM Treasury, The Green Book (2022), Table 8 / Annex A6: long-term discount rates",
    ]);
    const numbers = new Map<unknown, number>();
    sheet.eachRow((row) => !numbers.has(row.getCell(1).value) && numbers.set(row.getCell(1).value, row.number));
    const cell = (path: string) => sheet.getCell(`C${numbers.get(path)}`);
    expect(cell("outcomes.custody.success").numFmt).toBe("0.0%");
    expect(cell("costs.key-workers-grant.amount").numFmt).toBe('"£"#,##0.00;[Red]"−£"#,##0.00;"£"0.00');
  });

  it("formats for print and audit: £ with separators, ratios to 2 places, rates as %, empty cells with a note, print set-up", async () => {
    const written = await buildWorkbook(ledger, result);
    const s = written.getWorksheet("Summary")!;
    expect(s.getCell("F6").numFmt).toBe('"£"#,##0;[Red]"−£"#,##0;"£"0');
    expect(s.getCell("G6").numFmt).toBe('0.00;[Red]"−"0.00');
    expect(s.getCell("H6").numFmt).toBe('0.00;[Red]"−"0.00');
    // The police at 1 year bear no costs: BCR and ROI are empty cells with the reason in a note.
    const police = 7;
    expect(s.getCell(`B${police}`).value).toBe("Police force");
    expect(s.getCell(`G${police}`).result).toBe("");
    expect(String(s.getCell(`G${police}`).note)).toMatch(/bears no costs/);
    expect(String(s.getCell(`H${police}`).note)).toMatch(/bears no costs/);
    expect(String(s.getCell(`I${police}`).note)).toMatch(/nothing to pay back/);
    // Nothing in a numeric column is the text "n/a".
    written.eachSheet((ws) =>
      ws.eachRow((row) => row.eachCell((c) => expect(c.text === "n/a" || (c.result as unknown) === "n/a", `${ws.name}!${c.address}`).toBe(false))),
    );
    // The whole system pays back (discounted) in 2030-31 over 10 years.
    const systemRow = 6 + 2 * (result.agencies.length + 3) + result.agencies.length + 1;
    expect([s.getCell(`B${systemRow}`).value, s.getCell(`I${systemRow}`).value]).toEqual(["Whole system", "2030-31"]);
    expect(written.getWorksheet("Flows")!.getCell("C5").numFmt).toBe("0.00%");
    for (const ws of written.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
      expect(ws.headerFooter.oddHeader).toContain("Early help for families: a council-funded family support service");
      expect(ws.headerFooter.oddHeader).toContain("2025-26 prices");
    }
    expect(s.pageSetup.printTitlesRow).toBe("5:5");
    expect(written.getWorksheet("Ledger")!.pageSetup.printTitlesRow).toBe("1:1");
    expect(written.getWorksheet("Flows")!.pageSetup.printTitlesRow).toBe("2:3");
  });

  it("model text is text: a formula-like name stays a string, control characters cannot break the file, & cannot start a header code", async () => {
    const hostile = {
      ...familySupport,
      title: "R&D <b> &P",
      agencies: familySupport.agencies.map((a, i) =>
        i === 0 ? { ...a, name: '=HYPERLINK("http://x","y")' } : i === 1 ? { ...a, name: "Police\u0001\u001b[2J force" } : a,
      ),
    } as ModelInput;
    const l = buildLedger(hostile);
    const bytes = await (await buildWorkbook(l, appraiseLedger(l))).xlsx.writeBuffer();
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(bytes as ArrayBuffer);
    const s = back.getWorksheet("Summary")!;
    expect(s.getCell("B6").value).toBe('=HYPERLINK("http://x","y")');
    expect(s.getCell("B6").type).toBe(ExcelJS.ValueType.String);
    expect(s.getCell("B7").value).toBe("Police\ufffd\ufffd[2J force");
    expect(s.headerFooter.oddHeader).toContain("R&&D <b> &&P");
    // No formula anywhere is built from a name: formulas refer to ids and cells only.
    back.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (c.type === ExcelJS.ValueType.Formula) expect(c.formula).not.toMatch(/HYPERLINK|Police/);
        }),
      ),
    );
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

describe("Assumptions sheet: bundled reference values", () => {
  it("lists each { ref } value the model names with its published figure, source and rebasing, and notes it at the input", async () => {
    const options = loadModel(JSON.parse(readFileSync(new URL("../examples/options.json", import.meta.url), "utf8")));
    const refs = referenceValues(options);
    const wellby = refs.find((r) => r.path === "outcomes.reoffending.values[2].amount")!;
    expect(wellby).toMatchObject({ name: "Value of a wellbeing-adjusted life year (WELLBY)", value: "13000", unit: "£ per WELLBY, 2019 prices" });
    expect(wellby.source).toMatch(/^HM Treasury, Wellbeing guidance for appraisal/);
    expect(wellby.note).toMatch(/^Used as 0\.1 units, rebased to the price base × 1\.2\d+ \(.*GDP deflator.*\): \d+\.\d\d\.$/);
    expect(modelInputs(options).find((r) => r.path === "outcomes.reoffending.values[2].amount")!.note).toMatch(
      /From the reference value wellby: 0\.1 × 13000 at 2019 prices/,
    );
    expect(refs.some((r) => r.name.startsWith("GDP deflator"))).toBe(true);
    const l = buildLedger(options);
    const sheet = (await buildWorkbook(l, appraiseLedger(l))).getWorksheet("Assumptions")!;
    const text: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => text.push(String(c.value))));
    expect(text.some((t) => /^HM Treasury, Wellbeing guidance for appraisal.*Used as 0\.1 units/.test(t))).toBe(true);
  });
});

describe("XLSX workbook: the uncertainty block in the Assumptions sheet", () => {
  it("names a scenario's inputs by the scenario (found by the fuzz: 'Correlation NaN')", async () => {
    const model = { ...familySupport, uncertainty: { scenarios: { low: { "outcomes.custody.success": 0.02 } }, correlations: [] } } as ModelInput;
    const l = buildLedger(model);
    const wb = await buildWorkbook(l, appraiseLedger(l));
    const labels: string[] = [];
    wb.getWorksheet("Assumptions")!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && labels.push(cell.value))));
    expect(labels).toContain('Scenario "low": outcomes custody success');
    expect(labels.join("\n")).not.toMatch(/NaN/);
  });
});
