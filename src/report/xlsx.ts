import type ExcelJS from "exceljs";
import { ZERO, type Decimal } from "../money";
import { discountFactors, discountRates } from "../discount";
import { selectRows, type Ledger } from "../ledger";
import type { Appraisal, Metrics } from "../appraise";
import { basisWords } from "./columns";
import { loadPeer } from "./peers";
import {
  cellText,
  columnLetter,
  fitRow,
  font,
  FORMATS,
  formulaText,
  printSetup,
  styleHeader,
  writeInputsSheet,
  writeLedgerSheet,
  type LedgerRange,
} from "./xlsx-sheets";
import { writeAssumptionsSheet } from "./xlsx-assumptions";
import { summaryRows } from "./summary";
import { horizonWords } from "./words";
import { writeFinancialSheet, writeOptionsSheet, writeUnitMetricsSheet } from "./xlsx-economic";
import type { FinancialCase, UnitMetrics } from "../appraise";
import type { OptionsAppraisal } from "../options";

/** Options for {@link buildWorkbook}. */
export interface WorkbookOptions {
  /**
   * Store the library's figures as each formula's cached result, so a viewer that does not
   * recalculate still shows numbers (default true). Excel and LibreOffice recalculate on opening.
   */
  cachedValues?: boolean;
  /** Add an Options sheet: each option against business as usual and its Appraisal Summary Table. */
  optionsAppraisal?: OptionsAppraisal;
  /** Add a Financial case sheet: cash by budget and year, with live net, headroom and total formulas. */
  financialCase?: FinancialCase;
  /** Add a Unit metrics sheet: cost per participant and per outcome. */
  unitMetrics?: UnitMetrics;
}

type Flow = "costs" | "savings" | "transfers";
const FLOWS: Flow[] = ["costs", "savings", "transfers"];
const FIRST_YEAR_COL = 3; // column C holds year 0 on the Flows sheet

/** Row numbers of the Flows sheet's blocks. */
interface FlowsLayout {
  /** The discount factor row of each schedule key. */
  factorRows: Record<string, number>;
  /** Per party (agency id, "public-sector" or "system"): a row per flow and schedule, and the net row. */
  rows: Record<string, { flows: Record<Flow, Record<string, number>>; net: number }>;
}

/** Undiscounted sums of the counted ledger rows by agency, flow, schedule and year (the cached values of the SUMIFS). */
function sumsBySchedule(rows: Ledger["rows"], years: number): Map<string, number[]> {
  const out = new Map<string, Decimal[]>();
  for (const r of rows) {
    const flow: Flow = r.kind === "cost" ? "costs" : r.kind === "saving" ? "savings" : "transfers";
    const key = `${r.agency}|${flow}|${r.discount}`;
    let v = out.get(key);
    if (!v) out.set(key, (v = Array.from({ length: years }, () => ZERO)));
    v[r.year] = v[r.year]!.plus(r.kind === "cost" ? r.amount.neg() : r.amount);
  }
  return new Map([...out].map(([k, v]) => [k, v.map((d) => d.toNumber())]));
}

/**
 * Writes the Flows sheet: for each discount schedule the lines use, its rates and factors (live
 * formulas: each year's end-of-year factor is the previous one ÷ (1 + that year's rate), the
 * Green Book running product; mid-year factors take each year's flows half a year later), then
 * for each agency, the public sector and the whole system its costs, savings and transfers by
 * year and schedule, and its net. Agency cells are SUMIFS over the Ledger sheet's counted rows;
 * the public sector sums the public bodies, the system every agency.
 */
function writeFlowsSheet(ws: ExcelJS.Worksheet, ledger: Ledger, a: Appraisal, range: LedgerRange, cached: boolean): FlowsLayout {
  const n = ledger.years;
  const col = (t: number) => columnLetter(FIRST_YEAR_COL + t);
  const value = (formula: string, result: number | Decimal) =>
    cached ? { formula, result: typeof result === "number" ? result : result.toNumber() } : { formula };
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 28;
  for (let t = 0; t <= n; t++) ws.getColumn(FIRST_YEAR_COL + t).width = 13;
  ws.getCell("A1").value = `Flows by agency and year: real £ at ${a.priceBase} prices (+ money to the agency), from the Ledger sheet's counted rows`;
  ws.getCell("A1").font = font({ bold: true, size: 12 });
  ws.getCell("A2").value = "Year";
  ws.getCell("A3").value = "Financial year";
  for (let t = 0; t < n; t++) {
    ws.getCell(`${col(t)}2`).value = t;
    ws.getCell(`${col(t)}3`).value = a.years[t] ?? "";
    ws.getCell(`${col(t)}2`).alignment = { horizontal: "right" };
    ws.getCell(`${col(t)}3`).alignment = { horizontal: "right" };
  }
  styleHeader(ws.getRow(3), FIRST_YEAR_COL + n - 1);
  // Discount rates (inputs) and factors (formulas), one block per schedule. Rates run one year
  // past the appraisal: a mid-year factor for year t uses year t + 1's rate.
  const layout: FlowsLayout = { factorRows: {}, rows: {} };
  const several = a.schedules.length > 1;
  const named = (key: string, text: string) => (several ? `${text} (${key === "appraisal" ? "appraisal's" : key})` : text);
  let row = 5;
  for (const use of a.schedules) {
    const [rateRow, endRow, factorRow] = [row, row + 1, row + 2];
    const rates = discountRates(n, use.schedule);
    const endFactors = discountFactors(n - 1, use.schedule, { timing: "end" });
    ws.getCell(`A${rateRow}`).value = named(use.key, "Discount rate");
    ws.getCell(`B${rateRow}`).value = typeof use.schedule === "string" ? use.schedule : JSON.stringify(use.schedule);
    ws.getCell(`B${endRow}`).value = "running product of 1 ÷ (1 + rate)";
    ws.getCell(`A${endRow}`).value = named(use.key, "End-of-year factor");
    ws.getCell(`A${factorRow}`).value = named(use.key, a.timing === "mid" ? "Discount factor (mid-year)" : "Discount factor");
    ws.getCell(`B${factorRow}`).value = "used for present values";
    // The rate one year past the appraisal is only used by mid-year factors.
    for (let t = 0; t <= (a.timing === "mid" ? n : n - 1); t++) {
      ws.getCell(`${col(t)}${rateRow}`).value = rates[t]!.toNumber();
      ws.getCell(`${col(t)}${rateRow}`).numFmt = FORMATS.rate;
      if (t === n) continue;
      const endCell = ws.getCell(`${col(t)}${endRow}`);
      endCell.value = t === 0 ? 1 : value(`${col(t - 1)}${endRow}/(1+${col(t)}${rateRow})`, endFactors[t]!);
      const f = ws.getCell(`${col(t)}${factorRow}`);
      if (a.timing === "mid") f.value = value(`${col(t)}${endRow}/SQRT(1+${col(t + 1)}${rateRow})`, use.factors[t]!);
      else f.value = t === 0 ? 1 : value(`${col(t)}${endRow}`, use.factors[t]!);
      endCell.numFmt = FORMATS.factor;
      f.numFmt = FORMATS.factor;
    }
    ws.getRow(factorRow).font = font({ bold: true });
    layout.factorRows[use.key] = factorRow;
    row += 4;
  }

  row++;
  ws.getRow(row).values = ["Agency", "Flow"];
  styleHeader(ws.getRow(row++), FIRST_YEAR_COL + n - 1);
  const r = range;
  const sumifs = (id: string, t: number, kind: string, schedule: string) =>
    `SUMIFS(${r.sheet}!$${r.amount}$${r.first}:$${r.amount}$${r.last},${r.sheet}!$${r.agency}$${r.first}:$${r.agency}$${r.last},${formulaText(id)},${r.sheet}!$${r.year}$${r.first}:$${r.year}$${r.last},${col(t)}$2,${r.sheet}!$${r.kind}$${r.first}:$${r.kind}$${r.last},${formulaText(kind)},${r.sheet}!$${r.counted}$${r.first}:$${r.counted}$${r.last},1${several ? `,${r.sheet}!$${r.discount}$${r.first}:$${r.discount}$${r.last},${formulaText(schedule)}` : ""})`;
  const counted = selectRows(ledger.rows, { lens: a.lens, cashableOnly: a.cashableOnly });
  const sums = sumsBySchedule(counted, n);
  const publicIds = a.agencies.filter((ag) => ag.sector === "public").map((ag) => ag.id);
  const parties = [
    ...a.agencies.map((ag) => ({ id: ag.id, name: ag.name, members: null as string[] | null })),
    { id: "public-sector", name: "Public sector", members: publicIds },
    { id: "system", name: "Whole system", members: a.agencies.map((ag) => ag.id) },
  ];
  for (const p of parties) {
    const flows = p.id === "system" ? a.annual.system : p.id === "public-sector" ? a.annual.publicSector : a.annual.agencies[p.id]!;
    const rows: FlowsLayout["rows"][string] = { flows: { costs: {}, savings: {}, transfers: {} }, net: 0 };
    layout.rows[p.id] = rows;
    for (const flow of FLOWS) {
      for (const use of a.schedules) {
        const at = row++;
        rows.flows[flow][use.key] = at;
        ws.getCell(`A${at}`).value = cellText(p.name);
        ws.getCell(`B${at}`).value = named(use.key, `${flow[0]!.toUpperCase()}${flow.slice(1)}`);
        for (let t = 0; t < n; t++) {
          const ids = p.members ?? [p.id];
          const sum = ids.reduce((s, id) => s + (sums.get(`${id}|${flow}|${use.key}`)?.[t] ?? 0), 0);
          const cachedValue = p.members ? Math.round(sum * 1e6) / 1e6 : sum;
          let formula: string;
          // Totals are rounded to a millionth of a pound: transfers that cancel leave 1e-11, shown as "−£0".
          if (p.members) formula = p.members.length ? `ROUND(${p.members.map((id) => `${col(t)}${layout.rows[id]!.flows[flow][use.key]}`).join("+")},6)` : "0";
          else formula = flow === "costs" ? `-${sumifs(p.id, t, "cost", use.key)}` : sumifs(p.id, t, flow === "savings" ? "saving" : "transfer", use.key);
          const c = ws.getCell(`${col(t)}${at}`);
          c.value = value(formula, cachedValue);
          c.numFmt = FORMATS.money;
        }
        fitRow(ws, ws.getRow(at), [1]);
      }
    }
    rows.net = row++;
    ws.getCell(`A${rows.net}`).value = cellText(p.name);
    ws.getCell(`B${rows.net}`).value = "Net";
    for (let t = 0; t < n; t++) {
      const terms = a.schedules
        .map((u) => `${col(t)}${rows.flows.savings[u.key]}-${col(t)}${rows.flows.costs[u.key]}+${col(t)}${rows.flows.transfers[u.key]}`)
        .join("+");
      const c = ws.getCell(`${col(t)}${rows.net}`);
      c.value = value(terms, flows.net[t]!);
      c.numFmt = FORMATS.money;
    }
    ws.getRow(rows.net).font = font({ bold: true });
    fitRow(ws, ws.getRow(rows.net), [1]);
    for (let c = 1; c < FIRST_YEAR_COL + n; c++) ws.getRow(rows.net).getCell(c).border = { top: { style: "thin" } };
    row++;
  }
  if (a.timing === "mid") {
    ws.getCell(`${col(n)}2`).value = n;
    ws.getCell(`${col(n)}3`).value = "(rate only)";
  }
  printSetup(ws, a, "2:3");
  return layout;
}

/** Why a cell is left empty: the note a reader sees on it. */
const NO_COSTS = "Empty: this party bears no costs (and pays no net transfers) over the horizon, so a ratio to costs is not defined.";

/**
 * Writes the Summary sheet: for each horizon, every agency, the public sector and the whole
 * system with PV costs, PV savings, PV transfers, NPV, BCR and ROI as live formulas — for each
 * schedule, SUMPRODUCT of the party's flows over the horizon's years with that schedule's factor
 * row — so the workbook recalculates if an analyst edits the Ledger or the rates; then the
 * discounted payback year. A ratio with no costs, and a payback that does not come or is not
 * needed, is an empty cell with a note saying why. Rows where a party loses while the whole
 * system gains (the prevention penalty) are shaded, with a note.
 */
function writeSummarySheet(ws: ExcelJS.Worksheet, a: Appraisal, flows: FlowsLayout, cached: boolean): void {
  ws.getCell("A1").value = cellText(a.title);
  ws.getCell("A1").font = font({ bold: true, size: 14 });
  ws.getCell("A2").value = basisWords(a);
  ws.getCell("A3").value =
    "Every money figure and ratio below is a live formula over the Flows sheet (agency × year flows and discount factors), which sums the Ledger sheet.";
  ws.getCell("A3").font = font({ italic: true, color: { argb: "FF5F6368" } });
  [10, 36, 15, 15, 15, 15, 8, 8, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const titles = ["Horizon (years)", "Party", "PV costs", "PV savings", "PV transfers", "NPV", "BCR", "ROI", "Discounted payback"];
  let row = 5;
  ws.getRow(row).values = titles;
  styleHeader(ws.getRow(row++), titles.length);
  for (const c of [1, 3, 4, 5, 6, 7, 8, 9])
    ws.getRow(5).getCell(c).alignment = { horizontal: c === 1 ? "center" : "right", vertical: "bottom", wrapText: true };
  const col = (t: number) => columnLetter(FIRST_YEAR_COL + t);
  const rounded = summaryRows(a, { unit: "pence" });
  for (const h of a.horizons) {
    const parties: [string, string, Metrics][] = [
      ...a.agencies.map((ag): [string, string, Metrics] => [ag.id, ag.name, h.agencies[ag.id]!]),
      ["public-sector", "Public sector", h.publicSector],
      ["system", "Whole system", h.system],
    ];
    for (const [id, name, m] of parties) {
      const rows = flows.rows[id]!;
      const last = h.years - 1;
      const pv = (flow: Flow) =>
        a.schedules
          .map(
            (u) =>
              `SUMPRODUCT(Flows!$${col(0)}$${rows.flows[flow][u.key]}:$${col(last)}$${rows.flows[flow][u.key]},Flows!$${col(0)}$${flows.factorRows[u.key]}:$${col(last)}$${flows.factorRows[u.key]})`,
          )
          .join("+");
      const cell = (c: string, formula: string, result: number | string, format: string) => {
        const x = ws.getCell(`${c}${row}`);
        x.value = cached ? { formula, result } : { formula };
        x.numFmt = format;
        return x;
      };
      ws.getCell(`A${row}`).value = h.years;
      ws.getCell(`A${row}`).alignment = { horizontal: "center" };
      ws.getCell(`B${row}`).value = cellText(name);
      cell("C", pv("costs"), m.pvCosts.toNumber(), FORMATS.money);
      cell("D", pv("savings"), m.pvSavings.toNumber(), FORMATS.money);
      cell("E", pv("transfers"), m.pvTransfers.toNumber(), FORMATS.money);
      cell("F", `D${row}-C${row}+E${row}`, m.npv.toNumber(), FORMATS.money);
      // BCR and ROI as the library defines them: net transfers received count as benefits, paid as costs.
      const costs = `(C${row}+MAX(-E${row},0))`;
      const bcr = cell("G", `IF(${costs}=0,"",(D${row}+MAX(E${row},0))/${costs})`, m.bcr === null ? "" : m.bcr.toNumber(), FORMATS.ratio);
      const roi = cell("H", `IF(${costs}=0,"",F${row}/${costs})`, m.roi === null ? "" : m.roi.toNumber(), FORMATS.ratio);
      if (m.bcr === null) bcr.note = NO_COSTS;
      if (m.roi === null) roi.note = NO_COSTS;
      const summary = rounded.find((r) => r.horizon === h.years && r.party === id);
      const payback = ws.getCell(`I${row}`);
      payback.alignment = { horizontal: "right" };
      if (m.discountedPaybackYear === 0 && m.pvCosts.isZero())
        payback.note = "Empty: nothing to pay back — this party bears no costs and its position is never below zero.";
      else if (m.discountedPaybackYear === null) payback.note = `Empty: no discounted payback within ${horizonWords(h.years, a.years)}.`;
      else payback.value = a.years[m.discountedPaybackYear] ?? "";
      const r = ws.getRow(row);
      if (id === "system" || id === "public-sector") {
        r.font = font({ bold: true });
        if (id === "public-sector") for (let c = 1; c <= titles.length; c++) r.getCell(c).border = { top: { style: "thin" } };
      } else if (summary?.incentiveGap) {
        for (let c = 1; c <= titles.length; c++) r.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDECEA" } };
        ws.getCell(`B${row}`).note = "Prevention penalty: this party loses while the whole system gains over this horizon.";
      }
      fitRow(ws, r, [2]);
      row++;
    }
    row++;
  }
  const foot = [
    "Shaded row: the party loses while the whole system gains over that horizon (the prevention penalty).",
    "Empty BCR and ROI: the party bears no costs, so a ratio to costs is not defined. Empty payback: none within the horizon, or nothing to pay back. Each empty cell's note says which.",
  ];
  for (const text of foot) {
    const c = ws.getCell(`A${row++}`);
    c.value = text;
    c.font = font({ italic: true, size: 10, color: { argb: "FF5F6368" } });
  }
  ws.views = [{ state: "frozen", ySplit: 5 }];
  printSetup(ws, a, "5:5");
}

/**
 * Builds an XLSX workbook an analyst can audit and a finance director can print: **Summary**
 * (PV costs, PV savings, PV transfers, NPV, BCR and ROI per party and horizon as live formulas,
 * and the discounted payback year), **Assumptions** (the model's notes, every input with its
 * path, value, unit and note, and every reference value with its source), **Flows** (discount
 * rates and factors, and each party's costs, savings, transfers and net by year as SUMIFS over
 * the ledger), **Ledger** (every ledger row, with a Counted flag for the appraisal's lens) and
 * **Inputs** (settings, agencies and each ledger line's trace). Money is in £ with thousands
 * separators, ratios to 2 places, rates as percentages; a figure that does not exist is an empty
 * cell with a note saying why. Every sheet prints A4 landscape, one page wide, its header rows
 * repeated, with the model title and price base in the page header. Model text is written as
 * text, never as a formula. Formula cells carry the library's figures as cached results unless
 * `cachedValues` is false.
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
  const { default: Excel } = await loadPeer("buildWorkbook", ["exceljs"], () => import("exceljs"));
  const wb = new Excel.Workbook();
  wb.creator = "invest-to-save";
  wb.calcProperties.fullCalcOnLoad = true;
  // Sheets in reading order: Summary first (what a spreadsheet opens on), then the working.
  const summary = wb.addWorksheet("Summary");
  const assumptions = wb.addWorksheet("Assumptions");
  const flowsSheet = wb.addWorksheet("Flows", { views: [{ state: "frozen", xSplit: 2, ySplit: 3 }] });
  const ledgerSheet = wb.addWorksheet("Ledger", { views: [{ state: "frozen", ySplit: 1 }] });
  const inputs = wb.addWorksheet("Inputs");
  const range = writeLedgerSheet(ledgerSheet, ledger, appraisal);
  const flows = writeFlowsSheet(flowsSheet, ledger, appraisal, range, cached);
  writeSummarySheet(summary, appraisal, flows, cached);
  writeAssumptionsSheet(assumptions, ledger.plan.model, appraisal);
  writeInputsSheet(inputs, ledger, appraisal);
  if (options.optionsAppraisal?.options.length) writeOptionsSheet(wb.addWorksheet("Options"), options.optionsAppraisal);
  if (options.financialCase) writeFinancialSheet(wb.addWorksheet("Financial case"), options.financialCase, cached);
  if (options.unitMetrics) writeUnitMetricsSheet(wb.addWorksheet("Unit metrics"), options.unitMetrics);
  // The economic-case sheets say their own basis in their first rows (the financial case is cash).
  for (const ws of wb.worksheets.slice(5))
    printSetup(ws, appraisal, undefined, ws.name === "Financial case" ? "cash £ (nominal)" : `${appraisal.priceBase} price base`);
  // Every font names the workbook's typeface: a bare { bold: true } prints in a serif in Calc.
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.font && !cell.font.name) cell.font = font(cell.font);
      }),
    ),
  );
  return wb;
}
