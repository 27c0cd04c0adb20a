import type ExcelJS from "exceljs";
import { formatPath, parseModel, type Model, type ModelError } from "../model";
import { loadPeer } from "./peers";
import type { CellValue } from "./workbook-cells";
import { MODEL_WORKBOOK, subListOf, yearOfLabel, type Column, type Section, type SheetLayout } from "./workbook-layout";
import { readForm, readItems, RECORD_FIELDS, segmentsOf, type CellProblem, type ReadCell, type ReadItem, type ReadRow } from "./workbook-rows";

/**
 * Reading a model workbook (see workbook-layout.ts for the layout, docs/workbook.md for users):
 * cells → rows → items → the model file's JSON → `parseModel`, with every error pointed back to
 * the cell a user would fix.
 */

/** An error in a model workbook: the model path, and the cell as the user sees it ("Outcomes!D7"). */
export interface WorkbookError extends ModelError {
  /** The cell (or, when the field is missing, the row or sheet) to look at, e.g. `Outcomes!D7`. */
  cell?: string;
}

/** Result of {@link readModelWorkbook}: the model, or every error found, each naming its cell. */
export type WorkbookParseResult = { ok: true; model: Model } | { ok: false; errors: WorkbookError[] };

/** How a user writes a reference to a cell of a sheet: `Outcomes!D7`, `'Cost shunts'!B4`. */
export function cellRef(sheet: string, address: string): string {
  return `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${address}`;
}

/** A cell's value as a user's spreadsheet holds it: formulas by their saved result, rich text as text. */
function cellValue(cell: ExcelJS.Cell): CellValue | { noResult: string } {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v !== "object") return String(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
  if ("formula" in o || "sharedFormula" in o) {
    // cell.result, not value.result: exceljs leaves a result of 0, false or "" out of `value`.
    const r = (cell as unknown as { result: unknown }).result;
    if (r === undefined || r === null) return { noResult: String(o.formula ?? o.sharedFormula) };
    if (typeof r === "object" && !(r instanceof Date) && "error" in (r as object)) return { error: String((r as { error: unknown }).error) };
    return r as CellValue;
  }
  if ("error" in o) return { error: String(o.error) };
  if ("text" in o) {
    const t = o.text as unknown;
    return typeof t === "string"
      ? t
      : Array.isArray((t as { richText?: unknown })?.richText)
        ? (t as { richText: { text: string }[] }).richText.map((x) => x.text).join("")
        : String(t);
  }
  return null;
}

/** A sheet as a grid of values by row number and column number, with each cell's address. */
interface Grid {
  name: string;
  rows: Map<number, Map<number, { value: CellValue; address: string }>>;
}

function gridOf(ws: ExcelJS.Worksheet, problems: CellProblem[]): Grid {
  const rows: Grid["rows"] = new Map();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, { value: CellValue; address: string }>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return; // the merged area's other cells
      const v = cellValue(cell);
      if (v !== null && typeof v === "object" && "noResult" in v) {
        problems.push({
          ref: cellRef(ws.name, cell.address),
          path: "",
          message: `the formula =${v.noResult} has no saved result: open the workbook in Excel or LibreOffice and save it, so its value is stored`,
        });
        return;
      }
      cells.set(c, { value: v, address: cell.address });
    });
    if (cells.size) rows.set(r, cells);
  });
  return { name: ws.name, rows };
}

const textOf = (v: CellValue | undefined): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
/** A header's or title's first line, normalised for matching. */
const key = (text: string) =>
  text
    .split("\n")[0]!
    .trim()
    .replace(/\s*\*$/, "")
    .replace(/:$/, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
const blankRow = (cells: Map<number, { value: CellValue }>) =>
  [...cells.values()].every((c) => c.value === null || (typeof c.value === "string" && c.value.trim() === ""));

/** Finds each section's rows in a sheet: its title row, then its header row, then data until the next title. */
function sectionsOf(grid: Grid, layout: SheetLayout): Map<Section, { header: number; data: number[] }> {
  const found = new Map<Section, { header: number; data: number[] }>();
  const titles = new Map(layout.sections.map((s) => [key(s.title), s]));
  const numbers = [...grid.rows.keys()].sort((a, b) => a - b);
  let current: { section: Section; header: number | null; data: number[] } | null = null;
  const close = () => {
    if (current && current.header !== null && !found.has(current.section)) found.set(current.section, { header: current.header, data: current.data });
  };
  for (const r of numbers) {
    const cells = grid.rows.get(r)!;
    const first = cells.get(1);
    const section = first ? titles.get(key(textOf(first.value))) : undefined;
    // A title row holds the title alone (a form's header row also starts with a word, in column A only with others beside it).
    if (section && [...cells.keys()].every((c) => c === 1 || textOf(cells.get(c)?.value) === "")) {
      close();
      current = { section, header: null, data: [] };
      continue;
    }
    if (!current) {
      // No title above (deleted?): a sheet of one section starts at its header row.
      if (layout.sections.length === 1 && first && matchesHeader(layout.sections[0]!, textOf(first.value)))
        current = { section: layout.sections[0]!, header: r, data: [] };
      continue;
    }
    if (current.header === null) {
      if (!blankRow(cells)) current.header = r;
      continue;
    }
    current.data.push(r);
  }
  close();
  return found;
}

function matchesHeader(section: Section, text: string): boolean {
  const k = key(text);
  return section.collect.as === "form" ? k === "setting" : section.columns.some((c) => key(c.label) === k || c.path.toLowerCase() === k);
}

/** The column spec a header names (by its label, or by the field's path), or a year column. */
function headerColumn(section: Section, text: string): Column | { year: number } | null {
  const k = key(text);
  const column = section.columns.find((c) => key(c.label) === k) ?? section.columns.find((c) => c.path.toLowerCase() === k);
  if (column) return column;
  const year = section.series ? yearOfLabel(k) : null;
  return year === null ? null : { year };
}

/** A table section's rows as read rows (cells by column path), with unknown headers reported. */
function tableRows(grid: Grid, section: Section, at: { header: number; data: number[] }, problems: CellProblem[]): ReadRow[] {
  const header = grid.rows.get(at.header)!;
  const columns = new Map<number, Column | { year: number }>();
  const seen = new Set<string>();
  for (const [c, cell] of header) {
    const text = textOf(cell.value);
    if (text.trim() === "") continue;
    const column = headerColumn(section, text);
    const ref = cellRef(grid.name, cell.address);
    if (!column) {
      const known = section.columns.map((x) => x.label).join(", ");
      problems.push({
        ref,
        path: "",
        message: `unknown column "${text.split("\n")[0]}" in ${section.title}: it is not read. The columns are: ${known}${section.series ? ", Year 0, Year 1, …" : ""}. Keep your own working on a sheet of your own.`,
      });
      continue;
    }
    const id = "year" in column ? `year ${column.year}` : column.path;
    if (seen.has(id)) {
      problems.push({ ref, path: "", message: `the column "${text.split("\n")[0]}" appears twice in ${section.title}` });
      continue;
    }
    seen.add(id);
    columns.set(c, column);
  }
  return at.data.map((r) => {
    const cells = grid.rows.get(r)!;
    const row: ReadRow = { cells: new Map(), series: new Map(), ref: cellRef(grid.name, `A${r}`) };
    for (const [c, cell] of cells) {
      const column = columns.get(c);
      const read: ReadCell = { value: cell.value, ref: cellRef(grid.name, cell.address) };
      if (!column) {
        if (!blankRow(new Map([[c, cell]])))
          problems.push({ ref: read.ref, path: "", message: `this cell is under no known column of ${section.title}, so it is not read; move it or clear it` });
        continue;
      }
      if ("year" in column) row.series.set(column.year, read);
      else row.cells.set(column.path, read);
    }
    // Empty cells too, so that errors about a missing field can name its cell.
    for (const [c, column] of columns) {
      const address = `${columnLetter(c)}${r}`;
      if ("year" in column) continue;
      if (!row.cells.has(column.path)) row.cells.set(column.path, { value: null, ref: cellRef(grid.name, address) });
    }
    return row;
  });
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A form's values by field path: the row whose Setting names the field, its Value cell. */
function formCells(grid: Grid, section: Section, at: { header: number; data: number[] }, problems: CellProblem[]): Map<string, ReadCell> {
  const out = new Map<string, ReadCell>();
  for (const r of at.data) {
    const cells = grid.rows.get(r)!;
    const name = textOf(cells.get(1)?.value);
    if (name.trim() === "") {
      const stray = [...cells.entries()].find(([, c]) => !blankRow(new Map([[0, c]])));
      if (stray)
        problems.push({ ref: cellRef(grid.name, stray[1].address), path: "", message: `this value has no setting name in column A, so it is not read` });
      continue;
    }
    const column = section.columns.find((c) => key(c.label) === key(name) || c.path.toLowerCase() === key(name));
    if (!column) {
      problems.push({
        ref: cellRef(grid.name, `A${r}`),
        path: "",
        message: `unknown setting "${name}" in ${section.title}. The settings are: ${section.columns.map((c) => c.label).join(", ")}`,
      });
      continue;
    }
    const value = cells.get(2);
    out.set(column.path, { value: value?.value ?? null, ref: cellRef(grid.name, value?.address ?? `B${r}`) });
  }
  return out;
}

/** A table row's item, waiting to be placed in the model. */
interface Piece {
  item: ReadItem;
  section: Section;
  /** Position in the workbook (sheets, then rows): the order when nothing else says. */
  seq: number;
}

/**
 * An item whose record fields (an option's `set`: input path → value) were read as rows of
 * { key, value }: back to a record, a path given twice reported, and each value's cell kept for errors.
 */
function recordFields(item: ReadItem, problems: CellProblem[]): Record<string, unknown> {
  const value = { ...item.value };
  for (const f of RECORD_FIELDS) {
    const rows = value[f];
    if (!Array.isArray(rows)) continue;
    const record: Record<string, unknown> = {};
    rows.forEach((r: { key?: unknown; value?: unknown }, i) => {
      const keyRef = item.cells.get(`${f}[${i}].key`) ?? item.cells.get("")!;
      const valueRef = item.cells.get(`${f}[${i}].value`) ?? keyRef;
      const k = typeof r.key === "string" ? r.key.trim() : "";
      if (k === "") return void problems.push({ ref: keyRef, path: "", message: "Sets input: each input set needs its path, e.g. outcomes.custody.success" });
      if (k in record) return void problems.push({ ref: keyRef, path: "", message: `Sets input "${k}" is given twice; give each once` });
      if (r.value === undefined) return void problems.push({ ref: valueRef, path: "", message: `To: the value for ${k} is missing` });
      record[k] = r.value;
      item.cells.set(formatPath([f, k]), valueRef);
    });
    value[f] = record;
  }
  return value;
}

/** Where a field of the model was read from: its cell, and the column's kind. */
interface Place {
  ref: string;
  column?: Column;
}

/** Joins a base model path and a path relative to it (`outcomes[2]` + `values[0].agency`). */
const join = (base: string, rel: string) => (rel === "" ? base : base === "" ? rel : rel.startsWith("[") ? `${base}${rel}` : `${base}.${rel}`);

/**
 * Reads a model workbook (an .xlsx file's bytes) into a model, as `parseModel` reads a model
 * file: the model with defaults filled in, or every error found — each with its model path and
 * the cell to fix, as a spreadsheet names it (`Outcomes!D7: success must be between 0 and 1, got
 * 1.4`). Never throws for bad input (a file that is not a workbook is an error in the result).
 * Reads workbooks written by {@link buildModelWorkbook} and `invest-to-save template`, and the same
 * workbooks after a person or another spreadsheet program (Excel, LibreOffice) has edited them:
 * formulas count by their saved result, number text ("1,200", "4%") as numbers, dates in
 * financial-year cells as their financial year; blank rows are skipped; sheets of your own are
 * ignored. The layout is described in docs/workbook.md.
 *
 * Needs the optional peer dependency `exceljs` (`npm install exceljs`): without it, rejects with
 * a `MissingPeerError` that says so.
 *
 * @example
 * ```ts
 * const built = await buildModelWorkbook(model);
 * const bytes = built.ok ? await built.workbook.xlsx.writeBuffer() : new ArrayBuffer(0);
 * const read = await readModelWorkbook(bytes);
 * read.ok && read.model.agencies.length; // 7
 * (await readModelWorkbook(new Uint8Array([1, 2, 3]))).ok; // false
 * ```
 */
export async function readModelWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<WorkbookParseResult> {
  const { default: Excel } = await loadPeer("readModelWorkbook", ["exceljs"], () => import("exceljs"));
  const wb = new Excel.Workbook();
  try {
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, errors: [{ path: "", message: `not a readable Excel workbook (.xlsx): ${(e as Error).message}` }] };
  }
  return readWorkbookObject(wb);
}

/** Reads an exceljs workbook already in memory: see {@link readModelWorkbook}. */
export function readWorkbookObject(wb: ExcelJS.Workbook): WorkbookParseResult {
  const problems: CellProblem[] = [];
  const places = new Map<string, Place>();
  const model: Record<string, unknown> = {};
  const deals: Piece[] = [];
  const lines: Piece[] = [];
  const sheetOf = new Map<string, string>();
  const byName = new Map(wb.worksheets.map((w) => [w.name.trim().toLowerCase(), w]));
  let seq = 0;

  const place = (base: string, item: ReadItem, section: Section) => {
    for (const [rel, ref] of item.cells) {
      const path = join(base, rel);
      const column = section.columns.find((c) => formatPath(segmentsOf(c.path, pathIndices(rel))) === rel);
      if (!places.has(path)) places.set(path, { ref, ...(column ? { column } : {}) });
    }
  };
  const setTarget = (target: string, value: unknown) => {
    const segs = target.split(".");
    let node = model;
    for (const s of segs.slice(0, -1)) node = (node[s] ??= {}) as Record<string, unknown>;
    node[segs[segs.length - 1]!] = value;
  };

  for (const layout of MODEL_WORKBOOK) {
    for (const s of layout.sections) sheetOf.set(s.target.split(".")[0]!, layout.name);
    const ws = byName.get(layout.name.toLowerCase());
    if (!ws) continue;
    const grid = gridOf(ws, problems);
    const found = sectionsOf(grid, layout);
    for (const section of layout.sections) {
      const at = found.get(section);
      if (!at) continue;
      const target = section.target;
      const c = section.collect;
      if (c.as === "form") {
        const item = readForm(section, formCells(grid, section, at, problems), problems);
        Object.assign(model, item.value);
        place("", item, section);
        continue;
      }
      const items = readItems(section, tableRows(grid, section, at, problems), problems);
      if (items.length === 0) continue;
      const base = (i: number | string) => formatPath([...target.split("."), i]);
      switch (c.as) {
        case "list":
          // Lines of options are placed once the Options sheet has been read.
          for (const x of items) lines.push({ item: x, section, seq: seq++ });
          break;
        case "strings":
          setTarget(
            target,
            items.map((x) => x.value[c.column]),
          );
          items.forEach((x, i) => place(base(i), { ...x, cells: new Map([["", x.cells.get(c.column) ?? x.cells.get("")!]]) }, section));
          break;
        case "record": {
          const record: Record<string, unknown> = {};
          for (const x of items) {
            const k = x.value[c.key];
            const keyCell = x.cells.get(c.key) ?? x.cells.get("")!;
            const label = section.columns.find((col) => col.path === c.key)!.label;
            if (typeof k !== "string" || k === "") {
              problems.push({ ref: keyCell, path: target, message: `${label} is required: each row of ${section.title} needs one` });
              continue;
            }
            if (k in record) {
              problems.push({ ref: keyCell, path: base(k), message: `${label} "${k}" is given twice in ${section.title}; give each once` });
              continue;
            }
            const { [c.key]: _, ...rest } = x.value;
            record[k] = rest;
            const cells = new Map(x.cells);
            cells.delete(c.key);
            cells.set("", keyCell);
            place(base(k), { ...x, cells }, section);
          }
          setTarget(target, record);
          break;
        }
        case "scenarios": {
          const scenarios: Record<string, Record<string, unknown>> = {};
          for (const x of items) {
            const name = x.value.name;
            const nameCell = x.cells.get("name") ?? x.cells.get("")!;
            if (typeof name !== "string" || name.trim() === "") {
              problems.push({ ref: nameCell, path: target, message: "Scenario: each scenario needs a name" });
              continue;
            }
            if (name in scenarios) {
              problems.push({ ref: nameCell, path: base(name), message: `Scenario "${name}" is given twice; list its inputs together, under one name` });
              continue;
            }
            const inputs: Record<string, unknown> = {};
            const list = (x.value.inputs as { path?: unknown; value?: unknown }[] | undefined) ?? [];
            place(base(name), { ...x, cells: new Map([["", nameCell]]) }, section);
            list.forEach((input, i) => {
              const pathCell = x.cells.get(`inputs[${i}].path`) ?? nameCell;
              const valueCell = x.cells.get(`inputs[${i}].value`) ?? pathCell;
              if (typeof input.path !== "string" || input.path.trim() === "") {
                problems.push({ ref: pathCell, path: base(name), message: "Input path: each input of a scenario needs a path, e.g. outcomes.custody.success" });
                return;
              }
              const p = input.path.trim();
              if (p in inputs) {
                problems.push({ ref: pathCell, path: base(name), message: `Input path "${p}" is given twice in scenario "${name}"` });
                return;
              }
              if (input.value === undefined) {
                problems.push({ ref: valueCell, path: join(base(name), p), message: `Value: required for ${p}` });
                return;
              }
              inputs[p] = input.value;
              places.set(formatPath([...target.split("."), name, p]), { ref: valueCell });
            });
            scenarios[name] = inputs;
          }
          setTarget(target, scenarios);
          break;
        }
        case "deals":
          for (const x of items) deals.push({ item: x, section, seq: seq++ });
          break;
      }
    }
  }
  // Lists, and the lines of options: business as usual's rows (Option blank) go to the model's
  // list, an option's to that option's. Options come first, so their lines can find them.
  const isOptions = (x: Piece) => x.section.target === "options";
  const options = lines.filter(isOptions);
  if (options.length) {
    model.options = options.map(({ item }) => recordFields(item, problems));
    options.forEach(({ item, section }, i) => place(formatPath(["options", i]), item, section));
  }
  const optionIndex = new Map(((model.options as { id?: unknown }[] | undefined) ?? []).map((o, i) => [String(o.id), i]));
  const groups = new Map<string, Piece[]>(); // "target|option index" → pieces, in sheet order
  for (const piece of [...lines.filter((x) => !isOptions(x)), ...deals]) {
    const { item, section } = piece;
    let owner = "";
    if (item.option) {
      const k = optionIndex.get(item.option.id);
      if (k === undefined) {
        problems.push({
          ref: item.option.ref,
          path: "options",
          message: `Option: "${item.option.id}" is not an option on the Options sheet${optionIndex.size ? ` (options: ${[...optionIndex.keys()].join(", ")})` : ""}`,
        });
        continue;
      }
      owner = `options.${k}.`;
    }
    const key = `${owner}${section.target}`;
    groups.set(key, [...(groups.get(key) ?? []), piece]);
  }
  for (const [key, pieces] of groups) {
    const segments: (string | number)[] = key.split(".").map((x) => (/^\d+$/.test(x) ? Number(x) : x));
    const isDeals = pieces[0]!.section.collect.as === "deals";
    const sorted = isDeals ? [...pieces].sort((a, b) => (a.item.order ?? Infinity) - (b.item.order ?? Infinity) || a.seq - b.seq) : pieces;
    const values = sorted.map(({ item, section }) => (isDeals ? { type: (section.collect as { type: string }).type, ...item.value } : item.value));
    let node: Record<string | number, unknown> = model;
    for (const seg of segments.slice(0, -1)) node = (node[seg] ??= {}) as Record<string | number, unknown>;
    node[segments[segments.length - 1]!] = values;
    sorted.forEach(({ item, section }, i) => place(formatPath([...segments, i]), item, section));
  }

  const errors: WorkbookError[] = problems.map((p) => ({ path: p.path, message: `${p.ref}: ${p.message}`, cell: p.ref }));
  const parsed = parseModel(model);
  if (parsed.ok && errors.length === 0) return { ok: true, model: parsed.model };
  if (!parsed.ok) {
    const reported = new Set(errors.map((e) => e.cell));
    for (const e of parsed.errors) {
      const mapped = locate(e, places, sheetOf);
      if (mapped.cell && reported.has(mapped.cell)) continue; // already said: the cell could not be read
      errors.push(mapped);
    }
  }
  return { ok: false, errors };
}

/** The sub-list positions in a formatted relative path (`values[1].prices[0].x` → [1, 0]). */
function pathIndices(rel: string): number[] {
  return [...rel.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/** Points one of parseModel's errors at the cell it is about: the field's own cell, else its item's row. */
function locate(e: ModelError, places: ReadonlyMap<string, Place>, sheetOf: ReadonlyMap<string, string>): WorkbookError {
  let p = e.path;
  for (;;) {
    const found = places.get(p);
    if (found) {
      const field = fieldName(e.path, p);
      return { path: e.path, message: `${found.ref}: ${phrase(field, e.message, found.column)}`, cell: found.ref };
    }
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  const top = /^[^.[]*/.exec(e.path)![0];
  const sheet = sheetOf.get(top) ?? (top === "" || ["title", "id", "description", "$schema", "appraisal"].includes(top) ? "Appraisal" : undefined);
  return { path: e.path, message: `${sheet ? `${sheet} sheet: ` : ""}${e.path ? `${e.path}: ` : ""}${e.message}`, ...(sheet ? { cell: sheet } : {}) };
}

/** The field an error is about, as the model names it: `success`, `values[1].agency`, `years[1]`. */
function fieldName(path: string, placed: string): string {
  const tail = /(?:^|\.)([A-Za-z$][\w$]*)((?:\[\d+\])*)$/.exec(path);
  if (tail) return `${tail[1]}${tail[2]}`;
  return path.slice(placed.length).replace(/^\./, "") || placed;
}

/** "success must be between 0 and 1, got 1.4" for a share out of range; otherwise "field: message". */
function phrase(field: string, message: string, column?: Column): string {
  const got = /, got (.*)$/.exec(message)?.[1];
  if (
    column &&
    (column.kind === "share" || column.kind === "shares" || column.kind === "shareOrList") &&
    /expected a (number [≤≥<>]|share from 0 to 1)/.test(message)
  ) {
    return `${field} must be between 0 and 1${got ? `, got ${got}` : ""}`;
  }
  return `${field}: ${message}`;
}

/** The layout's sheet names (for messages and tests). */
export const WORKBOOK_SHEETS: readonly string[] = MODEL_WORKBOOK.map((s) => s.name);

/** Column paths of sub-lists (for tests of the layout). */
export const subLists = (section: Section): string[] => [...new Set(section.columns.map((c) => subListOf(c.path)).filter((x): x is string => x !== null))];
