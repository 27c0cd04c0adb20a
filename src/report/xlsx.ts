import type ExcelJS from "exceljs";
import type { Decimal } from "../money";
import { discountFactors, discountRates, type DiscountSchedule } from "../discount";
import type { Ledger } from "../ledger";
import type { Appraisal, Metrics } from "../appraise";
import { basisWords } from "./columns";
import { columnLetter, FORMATS, formulaText, writeInputsSheet, writeLedgerSheet, type LedgerRange } from "./xlsx-sheets";

/** Options for {@link buildWorkbook}. */
export interface WorkbookOptions {
  /**
   * Store the library's figures as each formula's cached result, so a viewer that does not
   * recalculate still shows numbers (default true). Excel and LibreOffice recalculate on opening.
   */
  cachedValues?: boolean;
}

type Flow = "costs" | "savings" | "transfers";
const FLOWS: Flow[] = ["costs", "savings", "transfers"];
const FIRST_YEAR_COL = 3; // column C holds year 0 on the Flows sheet

/** Row numbers of the Flows sheet's blocks. */
interface FlowsLayout {
  factorRow: number;
  rows: Record<string, Record<Flow | "net", number>>; // agency id or "system"
}

/**
 * Writes the Flows sheet: discount rates and factors (live formulas: each year's factor is the
 * previous one ÷ (1 + that year's rate), the Green Book running product), then for each agency and
 * for the whole system its costs, savings, transfers and net by year. Agency cells are SUMIFS over
 * the Ledger sheet's counted rows; system cells sum the agencies.
 */
function writeFlowsSheet(ws: ExcelJS.Worksheet, ledger: Ledger, a: Appraisal, range: LedgerRange, cached: boolean): FlowsLayout {
  const n = ledger.years;
  const col = (t: number) => columnLetter(FIRST_YEAR_COL + t);
  const value = (formula: string, result: number | Decimal) => (cached ? { formula, result: typeof result === "number" ? result : result.toNumber() } : { formula });
  ws.getCell("A1").value = `Flows by agency and year: real £ at ${a.priceBase} prices (+ money to the agency), from the Ledger sheet's counted rows`;
  ws.getCell("A1").font = { bold: true };
  ws.getCell("A2").value = "Year";
  ws.getCell("A3").value = "Financial year";
  for (let t = 0; t <= n; t++) {
    ws.getCell(`${col(t)}2`).value = t;
    ws.getCell(`${col(t)}3`).value = a.years[t] ?? "";
  }
  ws.getRow(3).font = { bold: true };
  // Discount rates (inputs) and factors (formulas).
  const rates = discountRates(n, a.discount as DiscountSchedule);
  const [rateRow, endRow, factorRow] = [5, 6, 7];
  ws.getCell(`A${rateRow}`).value = "Discount rate";
  ws.getCell(`A${endRow}`).value = "End-of-year factor";
  ws.getCell(`A${factorRow}`).value = a.timing === "mid" ? "Discount factor (mid-year)" : "Discount factor";
  ws.getCell(`B${factorRow}`).value = "used for present values";
  const endFactors = discountFactors(n, a.discount as DiscountSchedule, { timing: "end" });
  for (let t = 0; t <= n; t++) {
    ws.getCell(`${col(t)}${rateRow}`).value = rates[t]!.toNumber();
    ws.getCell(`${col(t)}${rateRow}`).numFmt = FORMATS.rate;
    const endCell = ws.getCell(`${col(t)}${endRow}`);
    endCell.value = t === 0 ? 1 : value(`${col(t - 1)}${endRow}/(1+${col(t)}${rateRow})`, endFactors[t]!);
    const f = ws.getCell(`${col(t)}${factorRow}`);
    if (t === 0) f.value = 1;
    else if (a.timing === "mid") f.value = value(`${col(t - 1)}${endRow}/SQRT(1+${col(t)}${rateRow})`, a.discountFactors[t]!);
    else f.value = value(`${col(t)}${endRow}`, a.discountFactors[t]!);
    endCell.numFmt = FORMATS.factor;
    f.numFmt = FORMATS.factor;
  }
  ws.getRow(factorRow).font = { bold: true };

  const layout: FlowsLayout = { factorRow, rows: {} };
  let row = factorRow + 2;
  ws.getRow(row).values = ["Agency", "Flow"];
  ws.getRow(row++).font = { bold: true };
  const sumifs = (id: string, t: number, kind: string) =>
    `SUMIFS(${range.sheet}!$${range.amount}$${range.first}:$${range.amount}$${range.last},${range.sheet}!$${range.agency}$${range.first}:$${range.agency}$${range.last},${formulaText(id)},${range.sheet}!$${range.year}$${range.first}:$${range.year}$${range.last},${col(t)}$2,${range.sheet}!$${range.kind}$${range.first}:$${range.kind}$${range.last},${formulaText(kind)},${range.sheet}!$${range.counted}$${range.first}:$${range.counted}$${range.last},1)`;
  const parties = [...a.agencies.map((ag) => ({ id: ag.id, name: ag.name })), { id: "system", name: "Whole system" }];
  for (const p of parties) {
    const flows = p.id === "system" ? a.annual.system : a.annual.agencies[p.id]!;
    const rows = { costs: row, savings: row + 1, transfers: row + 2, net: row + 3 };
    layout.rows[p.id] = rows;
    for (const flow of [...FLOWS, "net" as const]) {
      const r = rows[flow];
      ws.getCell(`A${r}`).value = p.name;
      ws.getCell(`B${r}`).value = flow === "net" ? "Net" : `${flow[0]!.toUpperCase()}${flow.slice(1)}`;
      for (let t = 0; t <= n; t++) {
        let formula: string;
        if (flow === "net") formula = `${col(t)}${rows.savings}-${col(t)}${rows.costs}+${col(t)}${rows.transfers}`;
        else if (p.id === "system") formula = a.agencies.map((ag) => `${col(t)}${layout.rows[ag.id]![flow]}`).join("+");
        else if (flow === "costs") formula = `-${sumifs(p.id, t, "cost")}`;
        else formula = sumifs(p.id, t, flow === "savings" ? "saving" : "transfer");
        const c = ws.getCell(`${col(t)}${r}`);
        c.value = value(formula, flows[flow][t]!);
        c.numFmt = FORMATS.money;
      }
    }
    ws.getRow(rows.net).font = { bold: true };
    row += 5;
  }
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 22;
  for (let t = 0; t <= n; t++) ws.getColumn(FIRST_YEAR_COL + t).width = 15;
  return layout;
}

/**
 * Writes the Summary sheet: for each horizon, every agency and the whole system with PV costs,
 * PV savings, PV transfers, NPV and BCR as live formulas — SUMPRODUCT of the party's flows over
 * years 0..horizon with the discount factor row — so the workbook recalculates if an analyst
 * edits the Ledger or the rates.
 */
function writeSummarySheet(ws: ExcelJS.Worksheet, a: Appraisal, flows: FlowsLayout, cached: boolean): void {
  ws.getCell("A1").value = a.title;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = basisWords(a);
  ws.getCell("A3").value = "Every figure below is a live formula over the Flows sheet (agency × year block and discount factor row), which sums the Ledger sheet.";
  const titles = ["Horizon (years)", "Party", "PV costs £", "PV savings £", "PV transfers £", "NPV £", "BCR"];
  let row = 5;
  ws.getRow(row).values = titles;
  ws.getRow(row++).font = { bold: true };
  const col = (t: number) => columnLetter(FIRST_YEAR_COL + t);
  for (const h of a.horizons) {
    const parties: [string, string, Metrics][] = [...a.agencies.map((ag): [string, string, Metrics] => [ag.id, ag.name, h.agencies[ag.id]!]), ["system", "Whole system", h.system]];
    for (const [id, name, m] of parties) {
      const rows = flows.rows[id]!;
      const pv = (flowRow: number) => `SUMPRODUCT(Flows!$${col(0)}$${flowRow}:$${col(h.years)}$${flowRow},Flows!$${col(0)}$${flows.factorRow}:$${col(h.years)}$${flows.factorRow})`;
      const cell = (c: string, formula: string, result: number | string) => {
        const x = ws.getCell(`${c}${row}`);
        x.value = cached ? { formula, result } : { formula };
        x.numFmt = c === "G" ? FORMATS.ratio : FORMATS.money;
      };
      ws.getCell(`A${row}`).value = h.years;
      ws.getCell(`B${row}`).value = name;
      cell("C", pv(rows.costs), m.pvCosts.toNumber());
      cell("D", pv(rows.savings), m.pvSavings.toNumber());
      cell("E", pv(rows.transfers), m.pvTransfers.toNumber());
      cell("F", `D${row}-C${row}+E${row}`, m.npv.toNumber());
      // BCR as the library defines it: net transfers received count as benefits, paid as costs.
      cell("G", `IF(C${row}+MAX(-E${row},0)=0,"n/a",(D${row}+MAX(E${row},0))/(C${row}+MAX(-E${row},0)))`, m.bcr === null ? "n/a" : m.bcr.toNumber());
      if (id === "system") ws.getRow(row).font = { bold: true };
      row++;
    }
    row++;
  }
  [16, 36, 18, 18, 18, 18, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/**
 * Builds an XLSX workbook an analyst can audit: **Summary** (PV costs, PV savings, PV transfers,
 * NPV and BCR per agency and horizon as live formulas), **Flows** (discount rates and factors,
 * and each agency's costs, savings, transfers and net by year as SUMIFS over the ledger),
 * **Ledger** (every ledger row, tidy, with a Counted flag for the appraisal's lens) and
 * **Inputs** (settings, agencies, the assumptions register and each line's trace). Formula
 * cells carry the library's figures as cached results unless `cachedValues` is false.
 * Portable (exceljs, loaded on first use, has a browser build); write the file with
 * `workbook.xlsx.writeBuffer()`.
 *
 * @example
 * ```ts
 * const workbook = await buildWorkbook(ledger, appraiseLedger(ledger));
 * workbook.worksheets.map((w) => w.name).includes("Summary"); // true
 * const bytes = await workbook.xlsx.writeBuffer(); // the .xlsx file, ready to save
 * ```
 */
export async function buildWorkbook(ledger: Ledger, appraisal: Appraisal, options: WorkbookOptions = {}): Promise<ExcelJS.Workbook> {
  const cached = options.cachedValues ?? true;
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  wb.creator = "invest-to-save";
  wb.calcProperties.fullCalcOnLoad = true;
  // Sheets in reading order: Summary first (what a spreadsheet opens on), then the working.
  const summary = wb.addWorksheet("Summary");
  const flowsSheet = wb.addWorksheet("Flows", { views: [{ state: "frozen", xSplit: 2, ySplit: 3 }] });
  const ledgerSheet = wb.addWorksheet("Ledger", { views: [{ state: "frozen", ySplit: 1 }] });
  const inputs = wb.addWorksheet("Inputs");
  const range = writeLedgerSheet(ledgerSheet, ledger, appraisal);
  const flows = writeFlowsSheet(flowsSheet, ledger, appraisal, range, cached);
  writeSummarySheet(summary, appraisal, flows, cached);
  writeInputsSheet(inputs, ledger, appraisal);
  return wb;
}
