import { Decimal } from "../money";

/**
 * Cells of a model workbook, read and written the way an analyst's spreadsheet holds them. This
 * module knows nothing of exceljs: a cell is a plain value, and each kind of model field (money,
 * a share, a list of ids, a discount schedule…) has one rule for reading a cell and one for
 * writing it. See docs/workbook.md for the conventions.
 */

/** A cell's value as a spreadsheet holds it (a formula's saved result; rich text as text). */
export type CellValue = null | number | string | boolean | Date | { error: string };

/** The kinds of model field a cell can hold. */
export type CellKind =
  | "text" // free text, kept exactly
  | "id" // an id: text, trimmed (a number typed as an id is read as its digits)
  | "ids" // ids separated by commas: a list
  | "grade" // a confidence grade: text or a whole number, read as text
  | "int" // a whole number (counts of years, terms)
  | "number" // any number (targets, distribution parameters)
  | "money" // £: a number, or a decimal text kept exactly
  | "amount" // money, or a reference value: "ref qaly", "0.2 × ref qaly", "ref carbon (central, 2030)"
  | "share" // 0–1: a number, a decimal text, or "4%"
  | "rate" // above −1: a number, a decimal text, or "3.5%"
  | "bool" // TRUE / FALSE (or yes / no)
  | "enum" // one of a list of words
  | "fy" // a financial year, "2025-26"
  | "numbers" // a list of numbers: "0.25, 0.5, 0.75" (one number is a list of one)
  | "shares" // a list of shares
  | "countOrList" // one number (every year) or a list by year: "400, 420" ("[400]" for a list of one)
  | "moneyOrList"
  | "shareOrList"
  | "schedule" // "stpr", "stpr-health", a flat rate (0.035 or 3.5%), or bands "0: 3.5%; 31: 3%"
  | "fyIndex" // a deflator index by financial year: "2024-25: 98.2; 2025-26: 100" (or "hmt")
  | "choiceOrWeights"; // one of a list of words, or weights by id: "council: 2; nhs: 1"

/** A value read from a cell, or why it could not be read. */
export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Reads number text as a user types it: "1,200.50", "£51,000", "4%", "−0.5", " 12 ". Null when it is not a number. */
export function numberText(text: string): Decimal | null {
  let s = text
    .trim()
    .replace(/[\u2212\u2012\u2013]/g, "-")
    .replace(/^\((.*)\)$/, "-$1");
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/^([-+]?)\s*£\s*/, "$1");
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replace(/,/g, "");
  if (!DECIMAL.test(s)) return null;
  const d = new Decimal(s);
  return percent ? d.div(100) : d;
}

/** A decimal as the model stores it: a number when the number is exactly that decimal, else the exact decimal text. */
function exactValue(d: Decimal): number | string {
  const n = d.toNumber();
  return Number.isFinite(n) && new Decimal(n).eq(d) ? n : d.toString();
}

const describe = (v: CellValue): string =>
  v instanceof Date
    ? `a date (${v.toISOString().slice(0, 10)})`
    : typeof v === "object" && v !== null
      ? `the error ${v.error}`
      : typeof v === "string"
        ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)
        : String(v);

const bad = (what: string, v: CellValue): Decoded => ({ ok: false, message: `expected ${what}, got ${describe(v)}` });

/** A number from a cell: numbers as they are, number text read as a user means it. */
function decimalOf(v: CellValue): Decimal | null {
  if (typeof v === "number") return Number.isFinite(v) ? new Decimal(v) : null;
  if (typeof v === "string") return numberText(v);
  return null;
}

/** Splits list text on commas, semicolons or new lines, dropping brackets and empty parts. */
function parts(text: string): string[] {
  return text
    .trim()
    .replace(/^\[(.*)\]$/s, "$1")
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** "key: value; key: value" (also "key = value", one pair per line). */
function pairs(text: string): [string, string][] | null {
  const out: [string, string][] = [];
  for (const part of text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*[:=]\s*(.+)$/.exec(part);
    if (!m) return null;
    out.push([m[1]!.trim(), m[2]!.trim()]);
  }
  return out;
}

function numberList(v: CellValue, what: string, asValue: (d: Decimal) => unknown): Decoded {
  if (typeof v === "number") return { ok: true, value: [asValue(new Decimal(v))] };
  if (typeof v !== "string") return bad(what, v);
  const out: unknown[] = [];
  for (const p of parts(v)) {
    const d = numberText(p);
    if (!d) return { ok: false, message: `expected ${what}, got ${JSON.stringify(p)} in ${describe(v)}` };
    out.push(asValue(d));
  }
  return { ok: true, value: out };
}

/** A financial year from text ("2025-26", "2025/26", "2025-2026") or a date within it. */
function financialYear(v: CellValue): Decoded {
  if (v instanceof Date) {
    // Spreadsheet dates are calendar days (exceljs reads them as midnight UTC).
    const start = v.getUTCMonth() >= 3 ? v.getUTCFullYear() : v.getUTCFullYear() - 1;
    if (Number.isInteger(start) && start >= 1000 && start <= 9998) return { ok: true, value: `${start}-${String((start + 1) % 100).padStart(2, "0")}` };
    return bad('a financial year such as "2025-26"', v);
  }
  if (typeof v !== "string") return bad('a financial year such as "2025-26"', v);
  const s = v.trim();
  const m = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(s);
  if (m && Number(m[2]!.slice(-2)) === (Number(m[1]) + 1) % 100) return { ok: true, value: `${m[1]}-${m[2]!.slice(-2)}` };
  return { ok: true, value: s }; // the model's own check names what is wrong
}

/** A reference value as a cell writes it: `[units ×] ref name [(scenario, year)]`. */
const REFERENCE = /^\s*(?:(\d*\.?\d+(?:[eE][-+]?\d+)?)\s*[×x*]\s*)?ref\s+([^\s()]+)\s*(?:\(([^)]*)\))?\s*$/i;

function reference(text: string): Decoded | null {
  const m = REFERENCE.exec(text);
  if (!m) return null;
  const out: Record<string, unknown> = { ref: m[2] };
  for (const part of (m[3] ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (/^\d{4}$/.test(part)) out.year = Number(part);
    else out.scenario = part;
  }
  if (m[1] !== undefined) out.units = exactValue(new Decimal(m[1]));
  return { ok: true, value: out };
}

/**
 * Reads one cell as a field of the given kind. Blank cells are handled by the caller (a blank
 * field is left out, so the model's default applies).
 *
 * @example
 * ```ts
 * decodeCell("4%", "share");                   // { ok: true, value: 0.04 }
 * decodeCell("£51,000", "money");              // { ok: true, value: 51000 }
 * decodeCell("police, moj", "ids");            // { ok: true, value: ["police", "moj"] }
 * decodeCell("0: 3.5%; 31: 3%", "schedule");   // { ok: true, value: [{ fromYear: 0, rate: 0.035 }, { fromYear: 31, rate: 0.03 }] }
 * decodeCell("lots", "money").ok;              // false
 * ```
 */
export function decodeCell(v: CellValue, kind: CellKind, choices: readonly string[] = []): Decoded {
  if (typeof v === "object" && v !== null && !(v instanceof Date)) return { ok: false, message: `the cell shows the error ${v.error}` };
  switch (kind) {
    case "text":
      if (typeof v === "string") return { ok: true, value: v };
      if (typeof v === "number") return { ok: true, value: String(v) };
      if (typeof v === "boolean") return { ok: true, value: v ? "TRUE" : "FALSE" };
      return { ok: true, value: (v as Date).toISOString().slice(0, 10) };
    case "id":
    case "grade":
      if (typeof v === "string") return { ok: true, value: v.trim() };
      if (typeof v === "number") return { ok: true, value: String(v) };
      return bad(kind === "id" ? "an id" : "a confidence grade", v);
    case "ids":
      if (typeof v === "string") return { ok: true, value: parts(v) };
      if (typeof v === "number") return { ok: true, value: [String(v)] };
      return bad("ids separated by commas", v);
    case "int":
    case "number": {
      const d = decimalOf(v);
      return d ? { ok: true, value: d.toNumber() } : bad(kind === "int" ? "a whole number" : "a number", v);
    }
    case "amount":
      if (typeof v === "string") {
        const r = reference(v);
        if (r) return r;
      }
      return decodeCell(v, "money");
    case "money":
    case "share":
    case "rate": {
      const d = decimalOf(v);
      return d
        ? { ok: true, value: exactValue(d) }
        : bad(kind === "money" ? "an amount in £" : kind === "share" ? "a share from 0 to 1 (or a percentage)" : "a rate (or a percentage)", v);
    }
    case "bool":
      if (typeof v === "boolean") return { ok: true, value: v };
      if (typeof v === "number" && (v === 0 || v === 1)) return { ok: true, value: v === 1 };
      if (typeof v === "string" && /^(true|yes|y)$/i.test(v.trim())) return { ok: true, value: true };
      if (typeof v === "string" && /^(false|no|n)$/i.test(v.trim())) return { ok: true, value: false };
      return bad("TRUE or FALSE", v);
    case "enum": {
      if (typeof v !== "string") return bad(`one of ${choices.join(", ")}`, v);
      const match = choices.find((c) => c.toLowerCase() === v.trim().toLowerCase());
      return { ok: true, value: match ?? v.trim() };
    }
    case "fy":
      return financialYear(v);
    case "numbers":
      return numberList(v, "numbers separated by commas", (d) => d.toNumber());
    case "shares":
      return numberList(v, "shares separated by commas", exactValue);
    case "countOrList":
    case "moneyOrList":
    case "shareOrList": {
      const one = kind === "countOrList" ? (d: Decimal) => d.toNumber() : exactValue;
      if (typeof v === "string" && /[,;\n]|^\s*\[/.test(v)) return numberList(v, "numbers separated by commas", one);
      const d = decimalOf(v);
      return d ? { ok: true, value: one(d) } : bad("a number, or numbers by year separated by commas", v);
    }
    case "schedule": {
      if (typeof v === "string" && /^\s*stpr(-health)?\s*$/i.test(v)) return { ok: true, value: v.trim().toLowerCase() };
      if (typeof v === "string" && /[:=]/.test(v)) {
        const bands = pairs(v);
        const out = bands?.map(([year, rate]) => ({ year: numberText(year), rate: numberText(rate) }));
        if (!out || out.some((b) => !b.year || !b.rate)) return bad('"stpr", "stpr-health", a rate, or bands such as "0: 3.5%; 31: 3%"', v);
        return { ok: true, value: out.map((b) => ({ fromYear: b.year!.toNumber(), rate: exactValue(b.rate!) })) };
      }
      const d = decimalOf(v);
      return d ? { ok: true, value: { rate: exactValue(d) } } : bad('"stpr", "stpr-health", a rate, or bands such as "0: 3.5%; 31: 3%"', v);
    }
    case "fyIndex": {
      if (typeof v === "string" && /^\s*hmt\s*$/i.test(v)) return { ok: true, value: "hmt" };
      const list = typeof v === "string" ? pairs(v) : null;
      const out: Record<string, unknown> = {};
      for (const [year, value] of list ?? []) {
        const d = numberText(value);
        if (!d) return bad('index values by year, such as "2024-25: 98.2; 2025-26: 100"', v);
        out[(financialYear(year) as { value: string }).value] = exactValue(d);
      }
      return list ? { ok: true, value: out } : bad('index values by year, such as "2024-25: 98.2; 2025-26: 100"', v);
    }
    case "choiceOrWeights": {
      if (typeof v === "string" && /[:=]/.test(v)) {
        const list = pairs(v);
        const out: Record<string, unknown> = {};
        for (const [id, w] of list ?? []) {
          const d = numberText(w);
          if (!d) return bad('weights by id, such as "council: 2; nhs: 1"', v);
          out[id] = exactValue(d);
        }
        if (list) return { ok: true, value: out };
      }
      return decodeCell(v, "enum", choices);
    }
  }
}

/** A number, or a decimal text kept exactly when no number is exactly it. */
function numberCell(v: unknown): number | string {
  if (typeof v === "number") return v;
  const text = String(v).trim();
  return DECIMAL.test(text) ? exactValue(new Decimal(text)) : String(v);
}

const listText = (values: readonly unknown[]) => values.map((x) => String(x).trim()).join(", ");
const pct = (v: unknown) => String(v);

/**
 * Writes a model value into a cell of the given kind: the inverse of {@link decodeCell}
 * (`decodeCell(encodeCell(v, k), k)` reads `v` back, as the model means it).
 *
 * @example
 * ```ts
 * encodeCell(["police", "moj"], "ids");                               // "police, moj"
 * encodeCell([400], "countOrList");                                   // "[400]"
 * encodeCell([{ fromYear: 0, rate: 0.035 }, { fromYear: 31, rate: 0.03 }], "schedule"); // "0: 0.035; 31: 0.03"
 * ```
 */
export function encodeCell(value: unknown, kind: CellKind): number | string | boolean | null {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case "text":
    case "id":
    case "enum":
    case "fy":
      return String(value);
    case "grade":
      return typeof value === "number" ? value : /^\d{1,9}$/.test(String(value)) ? Number(value) : String(value);
    case "ids":
      return Array.isArray(value) ? listText(value) : String(value);
    case "amount":
      if (value !== null && typeof value === "object") {
        const r = value as { ref: string; scenario?: string; year?: number; units?: unknown };
        const within = [r.scenario, r.year].filter((x) => x !== undefined && x !== null);
        return `${r.units !== undefined ? `${String(r.units).trim()} × ` : ""}ref ${r.ref}${within.length ? ` (${within.join(", ")})` : ""}`;
      }
      return numberCell(value);
    case "int":
    case "number":
    case "money":
    case "share":
    case "rate":
      return numberCell(value);
    case "bool":
      return Boolean(value);
    case "numbers":
    case "shares": {
      const list = value as unknown[];
      return list.length === 1 ? numberCell(list[0]) : listText(list);
    }
    case "countOrList":
    case "moneyOrList":
    case "shareOrList":
      if (!Array.isArray(value)) return numberCell(value);
      return value.length === 1 ? `[${String(value[0])}]` : listText(value);
    case "schedule":
      if (typeof value === "string") return value;
      if (Array.isArray(value)) return value.map((b: { fromYear: number; rate: unknown }) => `${b.fromYear}: ${pct(b.rate)}`).join("; ");
      return numberCell((value as { rate: unknown }).rate);
    case "fyIndex":
      if (typeof value === "string") return value;
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join("; ");
    case "choiceOrWeights":
      if (typeof value === "string") return value;
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join("; ");
  }
}
