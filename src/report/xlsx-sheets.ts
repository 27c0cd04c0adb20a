import type ExcelJS from "exceljs";
import { selectRows, type Ledger } from "../ledger";
import type { Appraisal } from "../appraise";
import { basisWords } from "./columns";
import { displayText } from "./safe";

/**
 * Number formats: money in pounds with thousands separators (whole pounds in the summaries,
 * pence in the ledger; negatives red with a true minus sign), discount factors to 6 places, BCR
 * and ROI to 2, rates and shares as percentages, counts and years as whole numbers.
 */
export const FORMATS = {
  money: '"£"#,##0;[Red]"−£"#,##0;"£"0',
  pence: '"£"#,##0.00;[Red]"−£"#,##0.00;"£"0.00',
  factor: "0.000000",
  rate: "0.00%",
  share: "0.0%",
  ratio: '0.00;[Red]"−"0.00',
  whole: "0",
  number: "General",
} as const;

/** Model text for a cell: control characters (invalid in the file's XML) shown as �, overrides dropped. */
export function cellText(text: string): string {
  return displayText(text);
}

/** Text for a page header or footer: `&` doubled (it starts a code there), kept short. */
export function headerText(text: string, max = 90): string {
  const one = displayText(text, { oneLine: true });
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/&/g, "&&");
}

/**
 * Print set-up every sheet shares: A4 landscape, scaled to fit one page wide (as many pages
 * tall as needed), the given rows repeated at the top of each page, and a header with the model
 * title and the price base (or the sheet's own basis) and a footer with the sheet and page number.
 */
export function printSetup(
  ws: ExcelJS.Worksheet,
  appraisal: Pick<Appraisal, "title" | "priceBase">,
  titleRows?: string,
  basis = `${appraisal.priceBase} prices · present values in £`,
): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = {
    oddHeader: `&L&"-,Bold"${headerText(appraisal.title)}&R${headerText(basis)}`,
    oddFooter: `&L${headerText(ws.name)}&CMade with invest-to-save&RPage &P of &N`,
  };
}

/** The workbook's font (Excel's default; LibreOffice draws it with its metric twin, Carlito). */
export function font(style: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  return { name: "Calibri", size: 11, ...style };
}

/** How many lines text takes in a column `width` characters wide, wrapping at spaces. */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(4, Math.floor(width * 1.2) - 1);
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let line = 0;
    lines++;
    for (const word of paragraph.split(" ")) {
      const w = [...word].length;
      if (line > 0 && line + 1 + w > room) {
        lines++;
        line = w;
      } else line += (line > 0 ? 1 : 0) + w;
      while (line > room) {
        lines++;
        line -= room;
      }
    }
  }
  return Math.max(1, lines);
}

/**
 * Wraps the text of some cells of a row and makes the row tall enough for it (spreadsheets do
 * not grow a row on opening a file, so the height is written): the row's cells then align at
 * the top. Column widths must be set first.
 */
export function fitRow(ws: ExcelJS.Worksheet, row: ExcelJS.Row, wrapColumns: readonly number[], lineHeight = 14.5): void {
  let lines = 1;
  for (const c of wrapColumns) {
    const cell = row.getCell(c);
    cell.alignment = { ...cell.alignment, wrapText: true, vertical: "top" };
    const text = typeof cell.value === "string" ? cell.value : "";
    lines = Math.max(lines, wrappedLines(text, ws.getColumn(c).width ?? 9));
  }
  if (lines > 1) {
    row.height = Math.ceil(lines * lineHeight + 2);
    row.eachCell({ includeEmpty: false }, (cell) => (cell.alignment = { ...cell.alignment, vertical: "top" }));
  }
}

/** A header row: bold, on a light grey band with a rule below, wrapping long titles. */
export function styleHeader(row: ExcelJS.Row, columns: number): void {
  row.font = font({ bold: true });
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEFF2" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF1D1D1F" } } };
    cell.alignment = { vertical: "bottom", wrapText: true };
  }
}

/** Column letter of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Quotes a string for use inside an Excel formula. */
export function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function header(ws: ExcelJS.Worksheet, row: number, titles: readonly string[]): void {
  const r = ws.getRow(row);
  titles.forEach((t, i) => (r.getCell(i + 1).value = t));
  styleHeader(r, titles.length);
}

/** Where the Ledger sheet keeps each column, for SUMIFS formulas. */
export interface LedgerRange {
  sheet: string;
  first: number;
  last: number;
  agency: string;
  year: string;
  kind: string;
  amount: string;
  counted: string;
  /** The row's discount schedule key. */
  discount: string;
}

/**
 * Writes the Ledger sheet: every ledger row (all lenses) with its amount as a number at full
 * precision, and a Counted column (1 when the appraisal's lens and cashable setting count the row).
 */
export function writeLedgerSheet(
  ws: ExcelJS.Worksheet,
  ledger: Ledger,
  appraisal: Pick<Appraisal, "lens" | "cashableOnly" | "title" | "priceBase">,
): LedgerRange {
  const counted = new Set(selectRows(ledger.rows, { lens: appraisal.lens, cashableOnly: appraisal.cashableOnly }));
  const names = new Map(ledger.plan.agencies.map((a) => [a.id, a.name]));
  const titles = [
    "Agency",
    "Agency name",
    "Budget",
    "Year",
    "Financial year",
    "Line",
    "Label",
    "Kind",
    "Lens",
    "Cashable",
    "Category",
    "Intervention",
    "Amount £",
    "Counted",
    "Source",
    "Discount schedule",
  ];
  header(ws, 1, titles);
  ledger.rows.forEach((r, i) => {
    ws.getRow(i + 2).values = [
      r.agency,
      cellText(names.get(r.agency) ?? r.agency),
      r.budget,
      r.year,
      r.financialYear,
      r.line,
      cellText(r.label),
      r.kind,
      r.lens,
      r.cashable ? "yes" : "no",
      r.category ?? "",
      r.intervention ?? "",
      r.amount.toNumber(),
      counted.has(r) ? 1 : 0,
      r.source,
      r.discount,
    ];
  });
  ws.getColumn(13).numFmt = FORMATS.pence;
  [10, 26, 18, 6, 10, 22, 42, 8, 8, 9, 9, 12, 14, 8, 22, 12].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  // Short codes centred, so that a number does not run into the text beside it.
  for (const c of [4, 10, 14]) ws.getColumn(c).alignment = { horizontal: "center" };
  ledger.rows.forEach((_, i) => fitRow(ws, ws.getRow(i + 2), [2, 7]));
  const last = Math.max(2, ledger.rows.length + 1);
  ws.autoFilter = { from: "A1", to: `P${last}` };
  printSetup(ws, appraisal, "1:1");
  return { sheet: ws.name, first: 2, last, agency: "A", year: "D", kind: "H", amount: "M", counted: "N", discount: "P" };
}

/**
 * Writes the Inputs sheet: the appraisal settings, the agencies, and the trace of every ledger
 * line (each named factor behind it — success rate, deadweight, optimism-bias uplift … — on its
 * own row). The model's notes, every input and the reference values are on the Assumptions sheet.
 */
export function writeInputsSheet(ws: ExcelJS.Worksheet, ledger: Ledger, appraisal: Appraisal): void {
  const m = ledger.plan.model;
  let row = 1;
  [26, 44, 26, 24, 16, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const put = (values: (string | number)[], style?: Partial<ExcelJS.Font>) => {
    const r = ws.getRow(row++);
    r.values = values.map((v) => (typeof v === "string" ? cellText(v) : v));
    if (style) r.font = font(style);
    return r;
  };
  put([m.title], { bold: true, size: 14 });
  put([basisWords(appraisal)]);
  row++;
  styleHeader(put(["Setting", "Value"]), 2);
  const d = appraisal.discount;
  const settings: [string, string | number][] = [
    ["Base year", appraisal.baseYear],
    ["Price base", appraisal.priceBase],
    ["Lens", appraisal.lens],
    ["Cashable only", appraisal.cashableOnly ? "yes" : "no"],
    ["Discounting", typeof d === "string" ? d : JSON.stringify(d)],
    ["Timing", appraisal.timing === "mid" ? "mid-year" : "end of year"],
    ["Years appraised", `${ledger.years} (${appraisal.years[0]} to ${appraisal.years[ledger.years - 1]})`],
    ["Horizons", appraisal.horizons.map((h) => h.years).join(", ")],
  ];
  for (const s of settings) put(s);
  row++;
  styleHeader(put(["Agency", "Name", "Kind", "Sector", "Settlement years", "Budgets"]), 6);
  for (const a of m.agencies)
    fitRow(
      ws,
      put([
        a.id,
        a.name,
        a.kind ?? "",
        a.sector,
        a.settlementYears,
        a.budgets.map((b) => `${b.id}${b.fundingEndsYear === undefined ? "" : ` (funding ends year ${b.fundingEndsYear})`}`).join(", "),
      ]),
      [2, 6],
    );
  row++;
  put(["How each ledger line is built"], { bold: true, size: 12 });
  styleHeader(put(["Line", "Label", "Source", "Factor", "Value"]), 5);
  for (const l of ledger.lines) {
    const entries = Object.entries(l.factors);
    if (entries.length === 0) fitRow(ws, put([l.line, l.label, l.source, "", ""]), [2]);
    for (const [k, v] of entries) fitRow(ws, put([l.line, l.label, l.source, k, v]), [2]);
  }
  printSetup(ws, appraisal);
}
