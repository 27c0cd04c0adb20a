import type ExcelJS from "exceljs";
import { parseModel, type ModelError } from "../model";
import { toDecimal } from "../money";
import { financialYearLabels } from "../time";
import { loadPeer } from "./peers";
import { cellRef } from "./workbook-read";
import { ID_SOURCES, MODEL_WORKBOOK, subListOf, yearLabel, type Column, type Section } from "./workbook-layout";
import { itemRows, sectionItems, type OutRow } from "./workbook-rows";
import { TEMPLATE_MODEL } from "./workbook-example";

/**
 * Writing a model workbook: the fill-in template (`invest-to-save template --xlsx`), or an
 * existing model laid out as that template (`--from model.json`). See workbook-layout.ts.
 */

/** Result of {@link buildModelWorkbook}: the workbook, or why the model cannot be written. */
export type ModelWorkbookResult = { ok: true; workbook: ExcelJS.Workbook } | { ok: false; errors: ModelError[] };

/** Options for {@link buildModelWorkbook}. */
export interface ModelWorkbookOptions {
  /** Year columns to offer on the Costs, Savings, Cost shunts and Deals sheets (default: the model's years, at least 10). */
  years?: number;
}

const COLOURS = {
  title: "FF1F3864",
  own: "FFDDEBF7", // the item's own columns
  sub: "FFE2EFDA", // sub-list columns (budgets, values, tiers…)
  year: "FFFFF2CC", // year columns
  help: "FF595959",
  line: "FFBFBFBF",
};
/** The font of every cell (Excel's default; LibreOffice shows its metric twin, Carlito). */
const FONT = "Calibri";
/** Rows below the data that keep the drop-downs and formats, ready for more items. */
const SPARE_ROWS = 200;
const SPARE_ROWS_IN_SECTION = 5;
const MAX_TITLE_COLUMNS = 12;

function formatOf(c: Column, value: unknown): string | undefined {
  switch (c.kind) {
    case "money":
    case "amount":
      return typeof value === "number" && !Number.isInteger(value) ? "£#,##0.00" : "£#,##0";
    case "share":
    case "rate":
      return "0.0##%";
    case "int":
      return "0";
    case "number":
    case "grade":
    case "countOrList":
    case "moneyOrList":
    case "shareOrList":
    case "numbers":
    case "shares":
    case "bool":
    case "schedule":
      return undefined;
    default:
      return "@"; // text: what is typed stays text (an id, a year label, a text starting with =)
  }
}

/** Column width in characters: the label, the kind of value, not too wide. */
function widthOf(c: Column): number {
  const base =
    c.kind === "text" ? 26 : c.kind === "ids" || c.kind === "schedule" || c.kind === "fyIndex" || c.kind === "choiceOrWeights" ? 20 : c.kind === "id" ? 16 : 13;
  return Math.min(30, Math.max(base, c.label.length + 2));
}

/** Lines the help text takes in a column of this width (8pt text in a column of n characters holds about 1.45 n). */
const helpLines = (text: string, width: number, scale = 1.45) => {
  const perLine = Math.max(8, Math.floor(width * scale));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    if (used > 0 && used + 1 + word.length > perLine) {
      lines++;
      used = word.length;
    } else used += (used > 0 ? 1 : 0) + word.length;
  }
  return lines;
};

function header(ws: ExcelJS.Worksheet, row: number, col: number, label: string, help: string, fill: string): void {
  const cell = ws.getCell(row, col);
  cell.value = {
    richText: [
      { text: label, font: { name: FONT, bold: true, size: 10, color: { argb: "FF000000" } } },
      { text: `\n${help}`, font: { name: FONT, size: 8, color: { argb: COLOURS.help } } },
    ],
  };
  cell.alignment = { wrapText: true, vertical: "top" };
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  cell.border = { bottom: { style: "thin", color: { argb: COLOURS.line } }, right: { style: "hair", color: { argb: COLOURS.line } } };
}

function title(ws: ExcelJS.Worksheet, row: number, section: Section, width: number): void {
  const cell = ws.getCell(row, 1);
  cell.value = {
    richText: [
      { text: section.title, font: { name: FONT, bold: true, size: 13, color: { argb: COLOURS.title } } },
      { text: `\n${section.intro}`, font: { name: FONT, size: 9, color: { argb: COLOURS.help } } },
    ],
  };
  cell.alignment = { wrapText: true, vertical: "top" };
  const span = Math.max(1, Math.min(width, MAX_TITLE_COLUMNS));
  if (span > 1) ws.mergeCells(row, 1, row, span);
  let chars = 0;
  for (let c = 1; c <= span; c++) chars += ws.getColumn(c).width ?? 9;
  ws.getRow(row).height = 21 + 12 * helpLines(section.intro, chars, 1.3);
}

/** A list validation: the choices of an enum, TRUE/FALSE, or the ids of another table. */
function validationOf(c: Column, idRanges: Map<string, string>): ExcelJS.DataValidation | null {
  const base = { allowBlank: true, showErrorMessage: true } as const;
  if (c.choices && c.kind === "enum")
    return {
      ...base,
      type: "list",
      formulae: [`"${c.choices.join(",")}"`],
      errorStyle: "stop",
      errorTitle: c.label,
      error: `Choose one of: ${c.choices.join(", ")}`,
    };
  if (c.choices && c.kind === "choiceOrWeights")
    return {
      ...base,
      type: "list",
      formulae: [`"${c.choices.join(",")}"`],
      errorStyle: "information",
      error: `Choose one of ${c.choices.join(", ")}, or type weights such as "council: 2; nhs: 1"`,
    };
  if (c.kind === "bool") return { ...base, type: "list", formulae: ['"TRUE,FALSE"'], errorStyle: "stop", errorTitle: c.label, error: "TRUE or FALSE" };
  if (c.kind === "share")
    return {
      ...base,
      type: "decimal",
      operator: "between",
      formulae: [0, 1],
      errorStyle: "stop",
      errorTitle: c.label,
      error: "A share from 0 to 1 (0% to 100%)",
    };
  if (c.ids && c.kind === "id") {
    const range = idRanges.get(c.ids);
    if (range)
      return {
        ...base,
        type: "list",
        formulae: [range],
        errorStyle: "warning",
        errorTitle: c.label,
        error: `Not an id listed on the ${ID_SOURCES[c.ids].sheet} sheet (yet): keep it only if you will add it there.`,
      };
  }
  return null;
}

/** exceljs keeps a sheet's drop-downs here, by address or range (its typings do not declare it). */
function addValidation(ws: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation): void {
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, validation);
}

/** Where each section's data rows are, so drop-downs can list another table's ids. */
interface Placed {
  section: Section;
  columns: Map<string, number>;
  firstRow: number;
  lastRow: number;
}

/** Writes a table section from `row`; returns the next free row. */
function writeTable(
  ws: ExcelJS.Worksheet,
  section: Section,
  items: Record<string, unknown>[],
  row: number,
  years: { count: number; label: (t: number) => string },
  spare: number,
  placed: Placed[],
): number {
  const seriesYears = section.series ? Math.max(years.count, ...items.map((i) => (Array.isArray(i.series) ? i.series.length : 0))) : 0;
  const width = section.columns.length + seriesYears;
  const headerRow = row + 1;
  const columns = new Map<string, number>();
  let helpHeight = 1;
  section.columns.forEach((c, i) => {
    const fill = subListOf(c.path) === null ? COLOURS.own : COLOURS.sub;
    header(ws, headerRow, i + 1, c.label, c.help, fill);
    columns.set(c.path, i + 1);
    const w = widthOf(c);
    const column = ws.getColumn(i + 1);
    column.width = Math.max(column.width ?? 0, w);
    helpHeight = Math.max(helpHeight, helpLines(c.help, column.width ?? w));
  });
  for (let t = 0; t < seriesYears; t++) {
    const fy = years.label(t);
    header(ws, headerRow, section.columns.length + 1 + t, yearLabel(t), t === 0 ? `${fy}. ${section.series!.help}` : fy, COLOURS.year);
    ws.getColumn(section.columns.length + 1 + t).width = Math.max(ws.getColumn(section.columns.length + 1 + t).width ?? 0, 11);
  }
  ws.getRow(headerRow).height = 15 + 10 * helpHeight;
  title(ws, row, section, width);
  let r = headerRow + 1;
  const rows: OutRow[] = items.flatMap((item) => itemRows(section, item));
  for (const out of rows) {
    let lines = 1;
    section.columns.forEach((c, i) => {
      const v = out.cells.get(c.path);
      const cell = ws.getCell(r, i + 1);
      if (v !== null && v !== undefined) cell.value = v;
      const fmt = formatOf(c, v);
      if (fmt) cell.numFmt = fmt;
      cell.alignment = { vertical: "top" };
      // Long text wraps (the row is made tall enough below).
      if (c.kind === "text" && typeof v === "string" && v.length > 20) {
        cell.alignment = { wrapText: true, vertical: "top" };
        lines = Math.max(lines, Math.min(6, helpLines(v, ws.getColumn(i + 1).width ?? 10, 1.05)));
      }
    });
    // Wrapped text needs its row to be tall enough (spreadsheets do not grow rows they open).
    if (lines > 1) ws.getRow(r).height = 15 * lines + 1;
    out.series.forEach((v, t) => {
      const cell = ws.getCell(r, section.columns.length + 1 + t);
      if (v !== null) cell.value = v;
      cell.numFmt = "£#,##0";
      cell.alignment = { vertical: "top" };
    });
    r++;
  }
  const last = r - 1 + spare;
  // Formats for the rows still to be filled in.
  for (let x = r; x <= Math.min(last, r + SPARE_ROWS_IN_SECTION); x++) {
    section.columns.forEach((c, i) => {
      const fmt = formatOf(c, undefined);
      if (fmt) ws.getCell(x, i + 1).numFmt = fmt === "£#,##0" ? "£#,##0.00" : fmt;
    });
  }
  placed.push({ section, columns, firstRow: headerRow + 1, lastRow: last });
  return last + 1;
}

/** Writes the Appraisal form (one row per setting) from `row`; returns the next free row. */
function writeForm(ws: ExcelJS.Worksheet, section: Section, model: Record<string, unknown>, row: number): number {
  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 44;
  ws.getColumn(3).width = 64;
  title(ws, row, section, 3);
  header(ws, row + 1, 1, "Setting", "", COLOURS.own);
  header(ws, row + 1, 2, "Value", "", COLOURS.own);
  header(ws, row + 1, 3, "What it means", "", COLOURS.own);
  ws.getRow(row + 1).height = 18;
  const [item] = sectionItems(section, model);
  const [out] = itemRows(section, item!);
  let r = row + 2;
  for (const c of section.columns) {
    const name = ws.getCell(r, 1);
    name.value = c.label;
    name.font = { name: FONT, bold: true };
    name.alignment = { vertical: "top" };
    const v = out!.cells.get(c.path);
    const cell = ws.getCell(r, 2);
    if (v !== null && v !== undefined) cell.value = v;
    const fmt = formatOf(c, v);
    if (fmt) cell.numFmt = fmt;
    cell.alignment = { horizontal: "left", vertical: "top", wrapText: c.kind === "text" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFFF0" } };
    cell.border = { bottom: { style: "hair", color: { argb: COLOURS.line } } };
    const help = ws.getCell(r, 3);
    help.value = c.help;
    help.font = { name: FONT, size: 9, color: { argb: COLOURS.help } };
    help.alignment = { wrapText: true, vertical: "top" };
    const valueLines = c.kind === "text" && typeof v === "string" ? helpLines(v, 44, 1.05) : 1;
    const helpHeight = 12 * helpLines(c.help, 64, 1.3) + 3;
    ws.getRow(r).height = Math.max(16, helpHeight, 15 * valueLines + 1);
    const validation = validationOf(c, new Map());
    if (validation) addValidation(ws, cell.address, validation);
    r++;
  }
  return r;
}

/**
 * A model whose resolved reference values (`references`, which `parseModel` writes) are named
 * again where they still hold (`{ "ref": "qaly" }` rather than its number), so that the
 * workbook shows "ref qaly" and reads back to the same model. The list itself is not written.
 */
function withReferences(model: Record<string, unknown>): Record<string, unknown> {
  const references = model.references;
  if (!Array.isArray(references)) return model;
  const copy = structuredClone(model);
  delete copy.references;
  for (const r of references as { path: string; ref: string; scenario?: string; year?: number | null; units?: string; value: string }[]) {
    const segments = [...r.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
    let node = copy as Record<string | number, unknown>;
    for (const seg of segments.slice(0, -1)) node = (node?.[seg] ?? null) as Record<string | number, unknown>;
    const leaf = segments[segments.length - 1];
    const now = node && leaf !== undefined ? node[leaf] : undefined;
    if ((typeof now !== "number" && typeof now !== "string") || !toDecimal(now).eq(toDecimal(r.value))) continue;
    node[leaf!] = {
      ref: r.ref,
      ...(r.scenario && r.scenario !== "central" ? { scenario: r.scenario } : {}),
      ...(r.year !== undefined && r.year !== null ? { year: r.year } : {}),
      ...(r.units && r.units !== "1" ? { units: r.units } : {}),
    };
  }
  return copy;
}

/** The width of the columns in use, in characters. */
function sheetWidth(ws: ExcelJS.Worksheet): number {
  let width = 0;
  for (let c = 1; c <= ws.actualColumnCount; c++) width += ws.getColumn(c).width ?? 9;
  return width;
}

/** The last row holding a value (not just a format). */
function lastUsedRow(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow((row, r) => {
    let has = false;
    row.eachCell((cell) => void (cell.value !== null && cell.value !== undefined && (has = true)));
    if (has) last = r;
  });
  return last;
}

const README: [string, string][] = [
  [
    "What this is",
    "A model for invest-to-save, the appraisal of prevention spending across agencies: who pays, whose budgets save, and when. Each sheet holds one part of the model. Appraise it with: invest-to-save appraise model.xlsx — or make the report, the live deal explorer (report model.xlsx --interactive --out explorer.html), a simulation or an export.",
  ],
  [
    "Filling it in",
    "The example rows (a family support service funded by a council) show the form: replace them with your own. Blue headers are an item's own fields; green headers a list within it (an agency's budgets, an outcome's values, a deal's tiers): a row with the id left blank adds one more entry to the item above. Yellow Year columns hold amounts by appraisal year (Year 0 is the base year). Each header says what the column means, its unit and its default: a blank cell takes the default.",
  ],
  [
    "Values",
    "Amounts are £ in real terms at the price base unless a line says otherwise. Shares are 0–1 or percentages (4% = 0.04). Several ids or numbers in one cell are separated by commas. Financial years are written 2025-26. Drop-down lists offer the ids of other sheets and the allowed words.",
  ],
  [
    "Checking",
    "invest-to-save validate model.xlsx checks the workbook and names each problem's cell, e.g. Outcomes!D7: success must be between 0 and 1, got 1.4.",
  ],
  [
    "Your own working",
    "Formulas are fine in any cell (their result is read). Keep extra columns and calculations on sheets of your own: other sheets are not read.",
  ],
  ["More", "docs/workbook.md describes every sheet and column; docs/model.md the model itself."],
];

function writeReadme(ws: ExcelJS.Worksheet, title: string): void {
  ws.getCell("A1").value = title;
  ws.getCell("A1").font = { name: FONT, bold: true, size: 14, color: { argb: COLOURS.title } };
  ws.getCell("A2").value = "A fill-in workbook for invest-to-save. This sheet is not read.";
  ws.getCell("A2").font = { name: FONT, italic: true, color: { argb: COLOURS.help } };
  README.forEach(([k, v], i) => {
    const r = 4 + i;
    ws.getCell(r, 1).value = k;
    ws.getCell(r, 1).font = { name: FONT, bold: true };
    ws.getCell(r, 1).alignment = { vertical: "top" };
    ws.getCell(r, 2).value = v;
    ws.getCell(r, 2).alignment = { wrapText: true, vertical: "top" };
    ws.getRow(r).height = 15 * Math.ceil(v.length / 100) + 3;
  });
  const r = 5 + README.length;
  ws.getCell(r, 1).value = "Sheets";
  ws.getCell(r, 1).font = { name: FONT, bold: true };
  MODEL_WORKBOOK.forEach((s, i) => {
    ws.getCell(r + i, 2).value = `${s.name}: ${s.sections.map((x) => x.title).join(", ")}`;
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 100;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    printArea: `A$1:B$${r + MODEL_WORKBOOK.length}`,
  };
}

/**
 * Builds a model workbook: one sheet per part of the model (Appraisal, Agencies and budgets,
 * Interventions, Costs, Savings, Outcomes and values, Cost shunts, Deals, Uncertainty, Unit
 * costs, Optimism bias), each header explaining its column with its unit and default,
 * drop-down lists for ids and allowed words, and the model's rows — by default a small worked
 * example to replace. {@link readModelWorkbook} reads it back to the same model. A model that
 * is not valid is not written: the result lists its errors. Portable (exceljs, loaded on first
 * use, has a browser build); save it with `workbook.xlsx.writeBuffer()`.
 *
 * Needs the optional peer dependency `exceljs`.
 *
 * @example
 * ```ts
 * const template = await buildModelWorkbook(); // the fill-in template, with its example rows
 * template.ok && template.workbook.worksheets.map((w) => w.name).slice(0, 3); // ["Read me", "Appraisal", "Agencies"]
 * const mine = await buildModelWorkbook(model); // an existing model, laid out the same way
 * mine.ok; // true
 * ```
 */
export async function buildModelWorkbook(model: unknown = TEMPLATE_MODEL, options: ModelWorkbookOptions = {}): Promise<ModelWorkbookResult> {
  let input = model;
  if (typeof input === "string") {
    try {
      input = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [{ path: "", message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  const parsed = parseModel(input);
  if (!parsed.ok) return parsed;
  const raw = withReferences(input as Record<string, unknown>);
  const { default: Excel } = await loadPeer("buildModelWorkbook", ["exceljs"], () => import("exceljs"));
  const wb = new Excel.Workbook();
  wb.creator = "invest-to-save";
  const a = parsed.model.appraisal;
  const years = options.years ?? Math.max(10, a.years ?? Math.max(...a.horizons));
  // The financial year of each Year column (from the model's base year), shown under its header.
  const yearLabels = { count: years, label: (t: number) => financialYearLabels(a.baseYear, t)[t]! };
  writeReadme(wb.addWorksheet("Read me", { properties: { tabColor: { argb: COLOURS.title } } }), `${parsed.model.title}`);
  const placed: Placed[] = [];
  const sheets: { ws: ExcelJS.Worksheet; from: number }[] = [];
  for (const layout of MODEL_WORKBOOK) {
    const single = layout.sections.length === 1 && layout.sections[0]!.collect.as !== "form";
    const ws = wb.addWorksheet(layout.name, single ? { views: [{ state: "frozen", xSplit: 1, ySplit: 2 }] } : {});
    ws.properties.defaultRowHeight = 15;
    let row = 1;
    for (const section of layout.sections) {
      if (section.collect.as === "form") row = writeForm(ws, section, raw, row) + 2;
      else row = writeTable(ws, section, sectionItems(section, raw), row, yearLabels, single ? SPARE_ROWS : SPARE_ROWS_IN_SECTION, placed) + 2;
    }
    // Printing: landscape, one page wide, gridlines, only the rows in use, headers repeated.
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      // A page holds about 150 characters of columns at full size: shrink a little, then more pages across.
      fitToWidth: Math.max(1, Math.ceil(sheetWidth(ws) / 230)),
      fitToHeight: 0,
      showGridLines: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      // (exceljs puts a $ before the column: give the row's, so the range is absolute, as LibreOffice needs.)
      printArea: `A$1:${ws.getColumn(Math.max(1, ws.actualColumnCount)).letter}$${Math.max(1, lastUsedRow(ws))}`,
      ...(single ? { printTitlesRow: "2:2" } : {}),
    };
    ws.headerFooter.oddFooter = `&L${layout.name}&R&P of &N`;
    sheets.push({ ws, from: placed.length });
  }
  // Drop-downs: each id column lists the ids of its table.
  const idRanges = new Map<string, string>();
  for (const [list, source] of Object.entries(ID_SOURCES)) {
    const p = placed.find((x) => MODEL_WORKBOOK.find((l) => l.name === source.sheet)!.sections.includes(x.section) && x.columns.has(source.path));
    if (!p) continue;
    const letter = wb.getWorksheet(source.sheet)!.getColumn(p.columns.get(source.path)!).letter;
    idRanges.set(list, `${cellRef(source.sheet, `$${letter}$${p.firstRow}`)}:$${letter}$${p.lastRow}`);
  }
  for (const p of placed) {
    const ws = sheets.find((s) => s.ws.name === MODEL_WORKBOOK.find((l) => l.sections.includes(p.section))!.name)!.ws;
    for (const c of p.section.columns) {
      const validation = validationOf(c, idRanges);
      if (!validation) continue;
      const letter = ws.getColumn(p.columns.get(c.path)!).letter;
      addValidation(ws, `${letter}${p.firstRow}:${letter}${p.lastRow}`, validation);
    }
  }
  return { ok: true, workbook: wb };
}
