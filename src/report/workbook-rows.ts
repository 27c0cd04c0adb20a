import { formatPath } from "../model";
import { decodeCell, encodeCell, type CellValue } from "./workbook-cells";
import { subListOf, type Column, type Section } from "./workbook-layout";

/**
 * Items of the model ↔ rows of a section, by the layout's column paths (no exceljs here). The
 * writer turns each item into one or more rows; the reader groups rows back into items, and
 * remembers which cell each field came from so that the model's errors can name it.
 */

type Segment = string | number;
type Obj = Record<string, unknown>;

/** A column path's segments for sub-list positions `at` (`values[].agency`, [2] → ["values", 2, "agency"]). */
export function segmentsOf(path: string, at: readonly number[] = []): Segment[] {
  const out: Segment[] = [];
  let k = 0;
  for (const part of path.split(".")) {
    if (part.endsWith("[]")) {
      out.push(part.slice(0, -2), at[k++] ?? 0);
    } else out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}

function getAt(value: unknown, segments: readonly Segment[]): unknown {
  let node = value;
  for (const s of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[s];
  }
  return node;
}

/** Kinds whose value may be a plain object held in one cell (a leaf of the layout, not a parent of columns). */
const OBJECT_KINDS = new Set(["schedule", "fyIndex", "choiceOrWeights", "amount"]);

// ---- Model → items --------------------------------------------------------------------------

/** One item of a section as the writer sees it: the object the columns read from. */
export interface SectionItem {
  value: Obj;
}

/**
 * The items a section shows for a model (as given, before defaults): a list's entries, a
 * record's entries with their key, the notes, the scenarios, one type of deal with its order.
 */
export function sectionItems(section: Section, model: Obj): Obj[] {
  const own = itemsAt(section, model);
  if (!section.optionLines) return own;
  // Options' lines follow business as usual's, each with its option's id.
  const options = Array.isArray(model.options) ? (model.options as Obj[]) : [];
  return [...own, ...options.flatMap((o) => itemsAt(section, o).map((item) => ({ ...item, option: o.id })))];
}

/** A record field of an item shown as a sub-list of { key, value } rows (an option's `set`). */
export const RECORD_FIELDS = ["set"] as const;

function itemsAt(section: Section, model: Obj): Obj[] {
  const at = section.target === "" ? model : getAt(model, section.target.split("."));
  const c = section.collect;
  switch (c.as) {
    case "form":
      return [model];
    case "list":
      return Array.isArray(at)
        ? (at as Obj[]).map((item) => {
            const out = { ...item };
            for (const f of RECORD_FIELDS) {
              const record = item[f];
              if (record && typeof record === "object" && !Array.isArray(record)) out[f] = Object.entries(record).map(([key, value]) => ({ key, value }));
            }
            return out;
          })
        : [];
    case "strings":
      return Array.isArray(at) ? (at as string[]).map((s) => ({ [c.column]: s })) : [];
    case "record":
      return at && typeof at === "object" ? Object.entries(at as Obj).map(([k, v]) => ({ ...(v as Obj), [c.key]: k })) : [];
    case "scenarios":
      return at && typeof at === "object"
        ? Object.entries(at as Obj).map(([name, inputs]) => ({ name, inputs: Object.entries(inputs as Obj).map(([path, value]) => ({ path, value })) }))
        : [];
    case "deals":
      return Array.isArray(at) ? (at as Obj[]).flatMap((d, i) => (d.type === c.type ? [{ ...d, order: i + 1 }] : [])) : [];
  }
}

/** A row to write: each column's cell value by column path, and the series by year. */
export interface OutRow {
  cells: Map<string, number | string | boolean | null>;
  series: (number | string | null)[];
}

/** The value a column shows for an item (undefined when the field is absent or given by deeper columns). */
function cellFor(column: Column, value: unknown): number | string | boolean | null {
  if (value === undefined) return null;
  if (value !== null && typeof value === "object" && !Array.isArray(value) && !OBJECT_KINDS.has(column.kind)) return null;
  const cell = encodeCell(value, column.kind);
  return cell === "" ? null : cell;
}

/**
 * The rows an item takes: its own fields on the first row; sub-list items one per row (a nested
 * list's items one per row within its parent's rows); the series in the year columns.
 */
export function itemRows(section: Section, item: Obj): OutRow[] {
  const rows: OutRow[] = [];
  const row = (i: number): OutRow => {
    while (rows.length <= i) rows.push({ cells: new Map(), series: [] });
    return rows[i]!;
  };
  row(0);
  const groups = new Map<string, Column[]>();
  for (const c of section.columns) {
    const sub = subListOf(c.path);
    if (sub === null) {
      row(0).cells.set(c.path, cellFor(c, getAt(item, segmentsOf(c.path))));
      continue;
    }
    groups.set(sub, [...(groups.get(sub) ?? []), c]);
  }
  for (const [sub, columns] of groups) {
    if (sub.includes("[]")) continue; // nested: written with its parent
    const list = getAt(item, segmentsOf(sub));
    if (!Array.isArray(list)) continue;
    const nestedNames = [...groups.keys()].filter((k) => k.startsWith(`${sub}[].`));
    let r = 0;
    list.forEach((_, i) => {
      for (const c of columns) row(r).cells.set(c.path, cellFor(c, getAt(item, segmentsOf(c.path, [i]))));
      let height = 1;
      for (const nested of nestedNames) {
        const inner = getAt(item, segmentsOf(nested, [i]));
        if (!Array.isArray(inner)) continue;
        inner.forEach((_, j) => {
          for (const c of groups.get(nested)!) row(r + j).cells.set(c.path, cellFor(c, getAt(item, segmentsOf(c.path, [i, j]))));
        });
        height = Math.max(height, inner.length);
      }
      r += height;
    });
  }
  if (section.series && Array.isArray(item.series)) row(0).series = (item.series as unknown[]).map((v) => encodeCell(v, "money") as number | string);
  return rows;
}

// ---- Rows → items ---------------------------------------------------------------------------

/** A cell as read: its value and where it is, as a user names it ("Outcomes!D7"). */
export interface ReadCell {
  value: CellValue;
  ref: string;
}

/** A row of a section as read: cells by column path, year cells by year, and the row's first cell. */
export interface ReadRow {
  cells: Map<string, ReadCell>;
  series: Map<number, ReadCell>;
  /** The reference of the row's first column (for errors about the row as a whole). */
  ref: string;
}

/** A problem found while reading cells, before the model is checked. */
export interface CellProblem {
  ref: string;
  /** The model path of the field, when known. */
  path: string;
  message: string;
}

/** An item read from rows: its value, and the cell each of its fields (by relative path) came from. */
export interface ReadItem {
  value: Obj;
  /** Relative path (formatted, e.g. `values[1].agency`, `` for the item) → cell reference. */
  cells: Map<string, string>;
  /** The deal's Order, for deal sections. */
  order?: number;
  /** The option the line belongs to (its Option column), for tables options share. */
  option?: { id: string; ref: string };
}

const isBlank = (c: ReadCell | undefined) => c === undefined || c.value === null || (typeof c.value === "string" && c.value.trim() === "");

/** Sets a value at a path, creating objects and lists on the way; false when a parent is already a plain value. */
function setAt(target: Obj, segments: readonly Segment[], value: unknown): boolean {
  let node: Record<string | number, unknown> = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const s = segments[i]!;
    let next = node[s];
    if (next === undefined) {
      next = typeof segments[i + 1] === "number" ? [] : {};
      node[s] = next;
    }
    if (next === null || typeof next !== "object") return false;
    if (Array.isArray(next) && typeof segments[i + 1] !== "number") return false;
    node = next as Record<string | number, unknown>;
  }
  const last = segments[segments.length - 1]!;
  if (node[last] !== undefined) return false;
  node[last] = value;
  return true;
}

/**
 * Groups a section's rows into items. A row starts a new item when any of the item's own
 * columns (or year columns) is filled in; otherwise it continues the item above, adding one
 * item to each sub-list whose columns it fills. Cells that cannot be read are reported with
 * their reference and left out.
 */
export function readItems(section: Section, rows: readonly ReadRow[], problems: CellProblem[]): ReadItem[] {
  const own = section.columns.filter((c) => subListOf(c.path) === null);
  const subs = new Map<string, Column[]>();
  for (const c of section.columns) {
    const sub = subListOf(c.path);
    if (sub !== null) subs.set(sub, [...(subs.get(sub) ?? []), c]);
  }
  const items: ReadItem[] = [];
  let current: { item: ReadItem; counts: Map<string, number> } | null = null;
  for (const r of rows) {
    const ownFilled = own.some((c) => !isBlank(r.cells.get(c.path))) || [...r.series.values()].some((c) => !isBlank(c));
    const subFilled = [...subs.values()].some((cols) => cols.some((c) => !isBlank(r.cells.get(c.path))));
    if (!ownFilled && !subFilled) continue; // a blank row
    if (ownFilled || current === null) {
      current = { item: { value: {}, cells: new Map([["", r.ref]]) }, counts: new Map() };
      items.push(current.item);
    }
    const { item, counts } = current;
    const put = (column: Column, at: number[], cell: ReadCell) => {
      const segments = segmentsOf(column.path, at);
      const rel = formatPath(segments);
      if (isBlank(cell)) {
        // A field left blank: an error that it is required names this cell.
        if (!item.cells.has(rel)) item.cells.set(rel, cell.ref);
        return;
      }
      const decoded = decodeCell(cell.value, column.kind, column.choices);
      if (!decoded.ok) {
        problems.push({ ref: cell.ref, path: rel, message: `${column.label}: ${decoded.message}` });
        item.cells.set(rel, cell.ref);
        return;
      }
      if (column.path === "order") {
        item.order = decoded.value as number;
        return;
      }
      if (column.path === "option") {
        item.option = { id: String(decoded.value), ref: cell.ref };
        return;
      }
      if (!setAt(item.value, segments, decoded.value)) {
        problems.push({
          ref: cell.ref,
          path: rel,
          message: `${column.label}: this conflicts with another column of the same row that gives the same field another way; fill in one of them`,
        });
        return;
      }
      // Remember the cell for the field and for each of its parents not yet placed.
      for (let n = segments.length; n >= 1; n--) {
        const p = formatPath(segments.slice(0, n));
        if (!item.cells.has(p)) item.cells.set(p, cell.ref);
      }
    };
    if (ownFilled) {
      for (const c of own) {
        const cell = r.cells.get(c.path);
        if (cell) put(c, [], cell);
      }
      const years = [...r.series.entries()].filter(([, c]) => !isBlank(c)).sort((a, b) => a[0] - b[0]);
      if (years.length) {
        const last = years[years.length - 1]![0];
        for (let t = 0; t <= last; t++) {
          const cell = r.series.get(t);
          if (isBlank(cell)) {
            // A gap between two amounts counts as 0.
            setAt(item.value, ["series", t], 0);
            if (cell) item.cells.set(`series[${t}]`, cell.ref);
          } else put({ path: `series.${t}`, label: `Year ${t}`, kind: "money", help: "" }, [], cell!);
        }
        item.cells.set("series", r.series.get(years[0]![0])!.ref);
      }
    } else {
      // A continuation row whose own columns are blank: nothing to check.
    }
    for (const [sub, cols] of subs) {
      if (!cols.some((c) => !isBlank(r.cells.get(c.path)))) continue;
      const parent = subListOf(sub); // null for a top-level sub-list
      if (parent === null) {
        const i = counts.get(sub) ?? 0;
        counts.set(sub, i + 1);
        for (const c of cols) {
          const cell = r.cells.get(c.path);
          if (cell) put(c, [i], cell);
        }
        if (!item.cells.has(`${sub}[${i}]`)) item.cells.set(`${sub}[${i}]`, r.cells.get(cols[0]!.path)?.ref ?? r.ref);
      } else {
        // Nested (a payer's prices): items of the parent's latest entry.
        const pi = Math.max(0, (counts.get(parent) ?? 1) - 1);
        if (!counts.has(parent)) counts.set(parent, 1);
        const key = `${sub}#${pi}`;
        const j = counts.get(key) ?? 0;
        counts.set(key, j + 1);
        for (const c of cols) {
          const cell = r.cells.get(c.path);
          if (cell) put(c, [pi, j], cell);
        }
      }
    }
  }
  return items;
}

/** Rows of a form section by its column (field) path, as read from its Value column. */
export function readForm(section: Section, cells: ReadonlyMap<string, ReadCell>, problems: CellProblem[]): ReadItem {
  const item: ReadItem = { value: {}, cells: new Map() };
  for (const c of section.columns) {
    const cell = cells.get(c.path);
    if (!cell) continue;
    const segments = segmentsOf(c.path);
    const rel = formatPath(segments);
    for (let n = segments.length; n >= 1; n--) {
      const p = formatPath(segments.slice(0, n));
      if (!item.cells.has(p)) item.cells.set(p, cell.ref);
    }
    if (isBlank(cell)) continue;
    const decoded = decodeCell(cell.value, c.kind, c.choices);
    if (!decoded.ok) problems.push({ ref: cell.ref, path: rel, message: `${c.label}: ${decoded.message}` });
    else setAt(item.value, segments, decoded.value);
  }
  return item;
}
