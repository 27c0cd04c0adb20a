import { formatPath, type Model } from "../model";
import { formatFinancialYear, yearAt } from "../time";
import { resolveInput } from "../uncertainty";
import { displayText } from "./safe";

/**
 * Model inputs in words, for the people who read the outputs: "Fewer custodial sentences: success
 * rate" rather than `outcomes[1].success`. Every input of a model, with its path, value, unit and
 * note, makes the workbook's Assumptions sheet; the tornado chart names its bars the same way.
 */

/** What kind of number an input is, which decides how it is shown. */
export type InputUnit = "share" | "rate" | "money" | "year" | "years" | "count" | "number" | "yes/no" | "setting";

/** One input of a model: where it is, what it is called, its value, unit and note. */
export interface InputRow {
  /** The path to the input, by ids where the model has them (`outcomes.custody.success`). */
  path: string;
  /** The input in words: "Fewer custodial sentences: success rate". */
  label: string;
  /** The value as the model holds it (money may be a decimal string). */
  value: number | string | boolean;
  unit: InputUnit;
  /** The unit in words: "share (0–1)", "£, 2025-26 prices", "appraisal year (0 = 2025-26)". */
  unitWords: string;
  /** The note or source the model gives for the item (cost notes, unit-cost source, …), or "". */
  note: string;
}

const SHARES = new Set([
  "reach",
  "engagement",
  "success",
  "deadweight",
  "attribution",
  "displacement",
  "dropOff",
  "realisation",
  "share",
  "threshold",
  "attachmentShare",
  "rampUp",
  "benefits",
]);
const RATES = new Set(["growth", "inflation", "rate", "investmentPlus", "costs"]);
const MONEY = new Set([
  "amount",
  "series",
  "value",
  "attachment",
  "perCase",
  "capPerCase",
  "capPerYear",
  "floorPerYear",
  "reserve",
  "above",
  "shareOf",
  "maximum",
]);
const YEAR_INDEX = new Set(["startYear", "endYear", "year", "fundingEndsYear", "assessmentYear", "paymentYear", "byYear", "fromYear"]);
const DURATION = new Set(["lag", "settlementYears", "horizons"]);
// Strings that refer to other parts of the model, or are prose: not inputs in themselves.
const NOT_INPUTS = new Set([
  "id",
  "name",
  "label",
  "title",
  "description",
  "notes",
  "$schema",
  "source",
  "agency",
  "budget",
  "intervention",
  "outcome",
  "unitCost",
  "from",
  "to",
  "pot",
  "payer",
  "recipient",
  "commissioner",
  "provider",
  "transferFrom",
  "transferFromBudget",
  "fromBudget",
  "toBudget",
  "between",
  "agencies",
  "outcomes",
  "interventions",
  "parties",
]);

const FIELD_WORDS: Record<string, string> = {
  success: "success rate",
  dropOff: "drop-off a year",
  realisation: "share realised as cash",
  growth: "real growth a year",
  settlementYears: "budget settlement (years)",
  fundingEndsYear: "funding ends (appraisal year)",
  startYear: "first delivery year",
  endYear: "last delivery year",
  lag: "lag (years)",
  inflation: "inflation a year",
  confidence: "confidence grade",
  per: "amount is per",
  discount: "discount schedule",
  cashable: "cashable",
  cashableOnly: "cashable only",
  priceBase: "price base",
  baseYear: "base year",
  perCase: "amount per case",
  capPerYear: "cap a year",
  capPerCase: "cap per case",
  floorPerYear: "floor a year",
  attachmentShare: "attachment share",
  assessmentYear: "assessment year",
  paymentYear: "payment year",
  byYear: "by year",
  investmentPlus: "cap: investment plus",
  splitBy: "split by",
  savingsReturn: "savings returned",
  mode: "most likely",
  sd: "standard deviation",
  lambda: "PERT shape (λ)",
  rho: "rank correlation",
  mu: "μ (log scale)",
  sigma: "σ (log scale)",
  min: "minimum",
  max: "maximum",
};

/** "care-entry" → "Care entry"; "settlementYears" → "settlement years". */
/** A camelCase or kebab-case key in words: "fundingEndsYear" → "funding ends year". */
export function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_.]+/g, " ")
    .toLowerCase()
    .trim();
}
/** The text with a capital first letter. */
export const sentence = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
/** Model text made safe and kept to one line. */
export const oneLine = (s: string) => displayText(s, { oneLine: true }).trim();

type Node = Record<string, unknown>;
export type Segment = string | number;

/** A readable name for the item at a path prefix (an agency, a cost, an outcome …). */
function itemName(model: Model, segs: readonly Segment[]): string {
  const [top, i] = segs;
  const agencyName = (id: unknown) => oneLine(model.agencies.find((a) => a.id === id)?.name ?? String(id));
  const named = (item: { id?: string; label?: string; name?: string } | undefined, fallback: string) =>
    oneLine(item?.label ?? item?.name ?? "") || sentence(words(item?.id ?? fallback));
  switch (top) {
    case "agencies":
    case "interventions":
    case "costs":
    case "savings":
    case "costShunts":
    case "deals": {
      const list = model[top] as { id?: string; label?: string; name?: string }[];
      return named(list[i as number], `${top} ${i}`);
    }
    case "outcomes": {
      const o = model.outcomes[i as number];
      const name = named(o, `outcome ${i}`);
      if (segs[2] !== "values" || typeof segs[3] !== "number") return name;
      const v = o?.values[segs[3]];
      return v?.label ? oneLine(v.label) : `${name}, to ${agencyName(v?.agency)}`;
    }
    case "tables":
      if (i === "optimismBias") return `Optimism bias, grade ${oneLine(String(segs[2]))}`;
      if (i === "unitCosts") return named(model.tables.unitCosts?.[segs[2] as number], "unit cost");
      return sentence(words(String(i)));
    case "appraisal":
      return "Appraisal";
    case "uncertainty":
      if (i === "distributions") return `Uncertainty in ${inputLabel(model, String(segs[2]))}`;
      if (i === "scenarios") return `Scenario "${oneLine(String(segs[2]))}"`;
      return typeof segs[2] === "number" ? `Correlation ${segs[2] + 1}` : sentence(words(String(i)));
    default:
      return sentence(words(String(top)));
  }
}

/** The field in words, from the last named key and any list position after it. */
function fieldWords(model: Model, segs: readonly Segment[]): string {
  const last = segs[segs.length - 1]!;
  const key = typeof last === "number" ? String(segs[segs.length - 2]) : last;
  const index = typeof last === "number" ? last : null;
  const fy = (t: number) => {
    try {
      return formatFinancialYear(yearAt(model.appraisal.baseYear, t));
    } catch {
      return `year ${t}`;
    }
  };
  const item = segs.length >= 2 ? (dig(model, segs.slice(0, 2)) as Node | undefined) : undefined;
  if (key === "amount" || key === "series") {
    const when = index !== null ? ` in ${fy(index)}` : "";
    if (segs[0] === "costs" || segs[0] === "savings") {
      const what = segs[0] === "costs" ? "cost" : "saving";
      if (index !== null) return `${what}${when}`;
      const per = item?.per;
      return per === "participant" ? `${what} per participant` : per === "once" ? `one-off ${what}` : `${what} a year`;
    }
    if (segs[0] === "outcomes") return "value per outcome a year";
    return `amount${index !== null ? ` ${index + 1}` : ""}`;
  }
  if (key === "value" && segs[1] === "unitCosts") return "unit cost";
  if (key === "costs" && segs[1] === "optimismBias") return "cost uplift";
  if (key === "benefits" && segs[1] === "optimismBias") return "benefit reduction";
  if (key === "cohort" && index !== null) {
    const start = Number(item?.startYear ?? 0);
    return `starts in ${fy(start + index)}`;
  }
  if (key === "rampUp" && index !== null) return `ramp-up, delivery year ${index + 1}`;
  if (key === "years" && index !== null) return index === 0 ? "from year" : "to year";
  if (key === "years" && segs.includes("persistence")) return "persistence (years)";
  if (key === "years" && segs[0] === "appraisal") return "years appraised";
  if (key === "horizons" && index !== null) return `horizon ${index + 1} (years)`;
  if (key === "mode" && segs[0] === "deals") return "mode";
  const base = FIELD_WORDS[key] ?? words(key);
  return index !== null ? `${base} ${index + 1}` : base;
}

function dig(root: unknown, segs: readonly Segment[]): unknown {
  let node = root;
  for (const s of segs) node = node !== null && typeof node === "object" ? (node as Node)[s as string] : undefined;
  return node;
}

/**
 * A model input in words, from its path: the item's name from the model (ids become names and
 * labels) and the field in words. Never throws: a path that leads nowhere is put into words as
 * it is.
 *
 * @example
 * ```ts
 * inputLabel(model, "outcomes.custody.success");     // "Fewer custodial sentences: success rate"
 * inputLabel(model, "tables.optimismBias.2.costs");  // "Optimism bias, grade 2: cost uplift"
 * inputLabel(model, "costs.key-workers-grant.amount"); // "Key workers (grant-funded years): cost per participant"
 * inputLabel(model, "interventions.early-help.cohort[2]"); // "Intensive family support: starts in 2027-28"
 * ```
 */
export function inputLabel(model: Model, path: string): string {
  let segs: Segment[];
  try {
    segs = resolveInput(model, path).segments;
  } catch {
    return sentence(
      path
        .split(/[.[\]]+/)
        .filter(Boolean)
        .map(words)
        .join(": "),
    );
  }
  return labelOf(model, segs);
}

/** The unit of the input at a path (any spelling), or "number" when the path leads nowhere. */
export function inputUnit(model: Model, path: string): InputUnit {
  try {
    const r = resolveInput(model, path);
    return unitOf(model, r.segments, r.value).unit;
  } catch {
    return "number";
  }
}

function labelOf(model: Model, segs: readonly Segment[]): string {
  // A field of the item itself, or of a part of it (persistence, a value, a cap).
  const field = fieldWords(model, segs);
  return `${itemName(model, segs)}: ${field}`;
}

/** An id-based path: items with ids by id (in brackets when the id has a dot), others by position. */
export function pathOf(root: unknown, segs: readonly Segment[]): string {
  let out = "";
  let node = root;
  for (const s of segs) {
    if (Array.isArray(node) && typeof s === "number") {
      const id = (node[s] as { id?: unknown } | undefined)?.id;
      out += typeof id === "string" ? (id.includes(".") ? `[${id}]` : `.${id}`) : `[${s}]`;
    } else {
      const k = String(s);
      out += /^[A-Za-z_$][\w$-]*$/.test(k) || /^\d+$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
    }
    node = node !== null && typeof node === "object" ? (node as Node)[s as string] : undefined;
  }
  return out.replace(/^\./, "");
}

function unitOf(model: Model, segs: readonly Segment[], value: unknown): { unit: InputUnit; words: string } {
  if (typeof value === "boolean") return { unit: "yes/no", words: "yes/no" };
  if (segs[segs.length - 1] === "confidence") return { unit: "setting", words: "confidence grade (optimism-bias table)" };
  if (typeof value === "string" && !/^-?\d+(\.\d+)?$/.test(value)) return { unit: "setting", words: "setting" };
  if (segs[0] === "uncertainty" && segs[1] === "distributions") {
    const key = segs[segs.length - 1];
    if (key === "lambda") return { unit: "number", words: "shape" };
    try {
      const target = resolveInput(model, String(segs[2])).segments;
      return unitOf(model, target, 0);
    } catch {
      return { unit: "number", words: "number" };
    }
  }
  if (typeof value === "string" && !/^-?\d+(\.\d+)?$/.test(value)) return { unit: "setting", words: "setting" };
  const last = segs[segs.length - 1]!;
  const key = typeof last === "number" ? String(segs[segs.length - 2]) : last;
  if (segs[1] === "optimismBias") return key === "costs" ? { unit: "rate", words: "uplift (0.1 = 10%)" } : { unit: "share", words: "share (0–1)" };
  if (SHARES.has(key)) return { unit: "share", words: "share (0–1)" };
  if (RATES.has(key)) return { unit: "rate", words: "rate a year (0.02 = 2%)" };
  if (MONEY.has(key)) {
    const item = dig(model, segs.slice(0, segs[0] === "tables" ? 3 : 2)) as Node | undefined;
    const value = segs[0] === "outcomes" && typeof segs[3] === "number" ? (dig(model, segs.slice(0, 4)) as Node | undefined) : undefined;
    const priceBase = (value?.priceBase ?? item?.priceBase ?? model.appraisal.priceBase) as string;
    const nominal = (value?.prices ?? item?.prices) === "nominal";
    return { unit: "money", words: nominal ? "£, cash (nominal)" : `£, ${priceBase} prices` };
  }
  if (YEAR_INDEX.has(key) || (key === "years" && typeof last === "number")) return { unit: "year", words: `appraisal year (0 = ${model.appraisal.baseYear})` };
  if (DURATION.has(key) || key === "years") return { unit: "years", words: "years" };
  if (key === "cohort") return { unit: "count", words: "people starting" };
  return { unit: "number", words: "number" };
}

function noteOf(model: Model, segs: readonly Segment[], distributions: ReadonlyMap<string, string>, path: string): string {
  const notes: string[] = [];
  const item = dig(model, segs.slice(0, segs[0] === "tables" ? 3 : 2)) as Node | undefined;
  if (typeof item?.notes === "string") notes.push(item.notes);
  if (typeof item?.source === "string") notes.push(`Source: ${item.source}`);
  if (segs[1] === "optimismBias" && typeof item?.label === "string") notes.push(item.label);
  const d = distributions.get(path);
  if (d) notes.push(`Uncertain: ${d}`);
  const ref = model.references.find((r) => r.path === formatPath(segs));
  if (ref)
    notes.push(
      `From the reference value ${ref.ref}${ref.scenario === "central" ? "" : ` (${ref.scenario})`}: ${ref.units} × ${ref.published} at ${ref.priceYear} prices, rebased × ${Number(Number(ref.factor).toPrecision(6))}.`,
    );
  return oneLine(notes.join(" "));
}

/** A distribution in words: "triangular (min 0.02, mode 0.04, max 0.07)". */
function distributionWords(d: Node): string {
  const params = Object.entries(d)
    .filter(([k, v]) => k !== "type" && (typeof v === "number" || typeof v === "string"))
    .map(([k, v]) => `${k} ${v}`);
  return `${String(d.type)}${params.length ? ` (${params.join(", ")})` : ""}`;
}

/**
 * Every input of a model, in the model's order: each number (and decimal-string amount), switch
 * and setting, with its id-based path, its name in words, its value, its unit and the note the
 * model gives (an item's notes, a unit cost's source, and the distribution when the input is
 * uncertain). Ids, names, labels and the notes register are not inputs and are left out.
 *
 * @example
 * ```ts
 * const rows = modelInputs(model);
 * const success = rows.find((r) => r.path === "outcomes.custody.success");
 * success.label; // "Fewer custodial sentences: success rate"
 * success.unit;  // "share"
 * rows.find((r) => r.path === "tables.unitCosts.prison-place-year.value").unitWords; // "£, 2023-24 prices"
 * ```
 */
export function modelInputs(model: Model): InputRow[] {
  const distributions = new Map<string, string>();
  for (const [p, d] of Object.entries(model.uncertainty?.distributions ?? {})) {
    try {
      distributions.set(pathOf(model, resolveInput(model, p).segments), distributionWords(d as unknown as Node));
    } catch {
      // an unresolvable path is reported by validation; here it only loses its note
    }
  }
  const rows: InputRow[] = [];
  const walk = (node: unknown, segs: Segment[]) => {
    const key = segs[segs.length - 1];
    // Lists of ids inside an item (a deal's parties, a basis's outcomes) are references, not inputs.
    if (segs.length > 1 && typeof key === "string" && NOT_INPUTS.has(key) && !(segs[0] === "uncertainty" && segs.length === 3)) return;
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, [...segs, i]));
    if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node as Node)) walk(v, [...segs, k]);
      return;
    }
    if (typeof node !== "number" && typeof node !== "string" && typeof node !== "boolean") return;
    if (segs.length === 0 || (typeof key === "number" && typeof segs[segs.length - 2] === "string" && NOT_INPUTS.has(segs[segs.length - 2] as string))) return;
    const path = pathOf(model, segs);
    const unit = unitOf(model, segs, node);
    rows.push({
      path,
      label: labelOf(model, segs),
      value: typeof node === "string" ? oneLine(node) : node,
      unit: unit.unit,
      unitWords: unit.words,
      note: noteOf(model, segs, distributions, path),
    });
  };
  // `references` is what the parser resolved (each listed under the reference values instead).
  for (const [k, v] of Object.entries(model)) if (!["id", "$schema", "title", "description", "notes", "references"].includes(k)) walk(v, [k]);
  return rows;
}
