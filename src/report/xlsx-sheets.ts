import type ExcelJS from "exceljs";
import { selectRows, type Ledger } from "../ledger";
import type { Appraisal } from "../appraise";
import { basisWords } from "./columns";

/** Number formats: money to the penny, discount factors to 10 places, ratios plain. */
export const FORMATS = { money: "#,##0.00;-#,##0.00", factor: "0.0000000000", rate: "0.0000", ratio: "0.000000" } as const;

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

const bold = { bold: true } as const;

function header(ws: ExcelJS.Worksheet, row: number, titles: readonly string[]): void {
  const r = ws.getRow(row);
  titles.forEach((t, i) => (r.getCell(i + 1).value = t));
  r.font = bold;
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
export function writeLedgerSheet(ws: ExcelJS.Worksheet, ledger: Ledger, appraisal: Pick<Appraisal, "lens" | "cashableOnly">): LedgerRange {
  const counted = new Set(selectRows(ledger.rows, { lens: appraisal.lens, cashableOnly: appraisal.cashableOnly }));
  const names = new Map(ledger.plan.agencies.map((a) => [a.id, a.name]));
  const titles = ["Agency", "Agency name", "Budget", "Year", "Financial year", "Line", "Label", "Kind", "Lens", "Cashable", "Category", "Intervention", "Amount £", "Counted", "Source", "Discount schedule"];
  header(ws, 1, titles);
  ledger.rows.forEach((r, i) => {
    ws.getRow(i + 2).values = [
      r.agency, names.get(r.agency) ?? r.agency, r.budget, r.year, r.financialYear, r.line, r.label, r.kind, r.lens,
      r.cashable ? "yes" : "no", r.category ?? "", r.intervention ?? "", r.amount.toNumber(), counted.has(r) ? 1 : 0, r.source, r.discount,
    ];
  });
  ws.getColumn(13).numFmt = FORMATS.money;
  [10, 16, 12, 6, 12, 22, 40, 9, 9, 9, 9, 14, 16, 9, 24, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = Math.max(2, ledger.rows.length + 1);
  ws.autoFilter = { from: "A1", to: `P${last}` };
  return { sheet: ws.name, first: 2, last, agency: "A", year: "D", kind: "H", amount: "M", counted: "N", discount: "P" };
}

/**
 * Writes the Inputs sheet: the appraisal settings, the agencies, the assumptions register and
 * the trace of every ledger line (each named factor on its own row).
 */
export function writeInputsSheet(ws: ExcelJS.Worksheet, ledger: Ledger, appraisal: Appraisal): void {
  const m = ledger.plan.model;
  let row = 1;
  const put = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const r = ws.getRow(row++);
    r.values = values;
    if (font) r.font = font;
  };
  put([m.title], { bold: true, size: 14 });
  put([basisWords(appraisal)]);
  row++;
  put(["Setting", "Value"], bold);
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
  put(["Agency", "Name", "Kind", "Sector", "Settlement years", "Budgets"], bold);
  for (const a of m.agencies) put([a.id, a.name, a.kind ?? "", a.sector, a.settlementYears, a.budgets.map((b) => `${b.id}${b.fundingEndsYear === undefined ? "" : ` (funding ends year ${b.fundingEndsYear})`}`).join(", ")]);
  row++;
  put(["Assumptions register"], bold);
  if (m.notes.length === 0) put(["(none recorded)"]);
  m.notes.forEach((n, i) => put([i + 1, n]));
  row++;
  put(["Line", "Label", "Source", "Factor", "Value"], bold);
  for (const l of ledger.lines) {
    const entries = Object.entries(l.factors);
    if (entries.length === 0) put([l.line, l.label, l.source, "", ""]);
    for (const [k, v] of entries) put([l.line, l.label, l.source, k, v]);
  }
  [24, 44, 26, 22, 30].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}
