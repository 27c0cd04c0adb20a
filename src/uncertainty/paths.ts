import { formatPath, InvalidModelError, loadModel, type Model, type ModelError } from "../model";

/**
 * Model inputs addressed by path. A path names one number in a model, by position or by id:
 *
 * - `outcomes[1].success`, `costs[0].amount`, `interventions[0].cohort[2]` (positions),
 * - `outcomes.custody.success`, `agencies.council.settlementYears`,
 *   `tables.unitCosts.prison-place-year.value` (ids: inside a list, a name selects the item whose
 *   `id` it is; ids containing dots can be written in brackets, `costs[set.up].amount`),
 * - `tables.optimismBias.2.benefits` (keys of a table).
 *
 * Fields that are optional with an implied value can be addressed even when absent: a
 * non-cashable value's `realisation` (0) and a cost's `growth` (0).
 */

/** An input path resolved against a model. */
export interface ResolvedInput {
  /** The path as written. */
  path: string;
  /** The same input by position, e.g. `outcomes[1].success`: one spelling per input. */
  canonical: string;
  /** Concrete segments (keys and list positions). */
  segments: (string | number)[];
  /** The model's value of the input. */
  value: number;
  /** The range a value of this input must lie in, and whether it must be a whole number. */
  domain: InputDomain;
}

/** Allowed values of an input: [min, max] (each end open or closed) and whole numbers only or not. */
export interface InputDomain {
  min: number;
  max: number;
  /** True when `min` itself is not allowed (rates must stay above −1). */
  minOpen: boolean;
  integer: boolean;
  /** Plain words for error messages, e.g. "a share from 0 to 1". */
  description: string;
}

const IMPLIED: Record<string, number> = { realisation: 0, growth: 0 };
const SHARES = new Set(["reach", "engagement", "success", "deadweight", "attribution", "displacement", "dropOff", "realisation", "share", "benefits"]);
const RATES = new Set(["growth", "costs", "rate", "inflation"]);
const WHOLE = new Set(["lag", "startYear", "endYear", "year", "fundingEndsYear"]);

type Token = { kind: "name"; name: string } | { kind: "index"; index: number } | { kind: "id"; id: string };

function fail(path: string, message: string): never {
  throw new InvalidModelError([{ path, message }]);
}

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i]!;
    if (ch === ".") {
      if (i === 0 || path[i + 1] === undefined || path[i + 1] === "." || path[i + 1] === "[") fail(path, `misplaced "." at character ${i + 1}`);
      i++;
    } else if (ch === "[") {
      const end = path.indexOf("]", i);
      if (end < 0) fail(path, `"[" at character ${i + 1} is not closed`);
      const inner = path.slice(i + 1, end).trim();
      if (/^\d+$/.test(inner)) tokens.push({ kind: "index", index: Number(inner) });
      else {
        const id = /^(["']).*\1$/.test(inner) ? inner.slice(1, -1) : inner;
        if (!id) fail(path, `empty brackets at character ${i + 1}`);
        tokens.push({ kind: "id", id });
      }
      i = end + 1;
    } else {
      let end = i;
      while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
      tokens.push({ kind: "name", name: path.slice(i, end) });
      i = end;
    }
  }
  if (tokens.length === 0) fail(path, "empty input path");
  return tokens;
}

function domainOf(segments: (string | number)[]): InputDomain {
  const last = segments[segments.length - 1];
  const key = typeof last === "number" ? segments[segments.length - 2] : last;
  const parent = segments[segments.length - (typeof last === "number" ? 3 : 2)];
  const real = (description: string): InputDomain => ({ min: -Infinity, max: Infinity, minOpen: false, integer: false, description });
  if (key === "rampUp" || SHARES.has(String(key))) return { min: 0, max: 1, minOpen: false, integer: false, description: "a share from 0 to 1" };
  if (RATES.has(String(key))) return { min: -1, max: Infinity, minOpen: true, integer: false, description: "a rate above −1" };
  if (key === "years" && parent === "persistence")
    return { min: 1, max: 500, minOpen: false, integer: true, description: "a whole number of years from 1 to 500" };
  if (key === "settlementYears") return { min: 1, max: 50, minOpen: false, integer: true, description: "a whole number of years from 1 to 50" };
  if (WHOLE.has(String(key)) || key === "years" || key === "horizons")
    return { min: 0, max: 500, minOpen: false, integer: true, description: "a whole number of years from 0 to 500" };
  if (key === "cohort") return { min: 0, max: Infinity, minOpen: false, integer: false, description: "a count ≥ 0" };
  if (key === "lambda") return { min: 0, max: Infinity, minOpen: true, integer: false, description: "a number > 0" };
  return real("a finite number");
}

/**
 * Finds the input a path names and its value in the model.
 *
 * @throws InvalidModelError naming the path when it does not lead to a number in the model.
 * @example
 * ```ts
 * const input = resolveInput(model, "outcomes.custody.success");
 * input.canonical; // "outcomes[1].success"
 * input.value;     // 0.04
 * ```
 */
export function resolveInput(model: Model, path: string): ResolvedInput {
  const tokens = tokenize(path);
  const segments: (string | number)[] = [];
  let node: unknown = model;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    const here = formatPath(segments) || "the model";
    if (Array.isArray(node)) {
      if (t.kind === "index" || (t.kind === "name" && /^\d+$/.test(t.name))) {
        const index = t.kind === "index" ? t.index : Number((t as { name: string }).name);
        if (index >= node.length) fail(path, `${here} has ${node.length} items, so there is no item ${index}`);
        segments.push(index);
        node = node[index];
        continue;
      }
      // An id selector; ids may contain dots, so try the longest run of name tokens first.
      let found = -1;
      let used = 0;
      const names: string[] = [];
      if (t.kind === "id") names.push(t.id);
      else for (let j = k; j < tokens.length && tokens[j]!.kind === "name"; j++) names.push((tokens[j] as { name: string }).name);
      for (let n = names.length; n >= 1 && found < 0; n--) {
        const id = names.slice(0, n).join(".");
        const at = node.findIndex((item) => item !== null && typeof item === "object" && (item as { id?: unknown }).id === id);
        if (at >= 0) [found, used] = [at, n];
      }
      if (found < 0) {
        const ids = node.map((item) => (item as { id?: unknown })?.id).filter((x) => typeof x === "string");
        fail(path, `${here} has no item with id "${names[0]}"${ids.length ? ` (ids: ${ids.join(", ")})` : ""}`);
      }
      segments.push(found);
      node = node[found];
      k += used - 1;
      continue;
    }
    if (node === null || typeof node !== "object")
      fail(path, `${here} is a single value; it has no "${t.kind === "index" ? t.index : t.kind === "id" ? t.id : t.name}"`);
    const key = t.kind === "index" ? String(t.index) : t.kind === "id" ? t.id : t.name;
    const obj = node as Record<string, unknown>;
    if (!(key in obj) || obj[key] === undefined) {
      if (k === tokens.length - 1 && key in IMPLIED && (key !== "realisation" || obj.cashable === false)) {
        segments.push(key);
        return { path, canonical: formatPath(segments), segments, value: IMPLIED[key]!, domain: domainOf(segments) };
      }
      const keys = Object.keys(obj).filter((x) => obj[x] !== undefined);
      fail(path, `${here} has no "${key}"${keys.length ? ` (it has: ${keys.join(", ")})` : ""}`);
    }
    segments.push(key);
    node = obj[key];
  }
  const canonical = formatPath(segments);
  const value = typeof node === "number" ? node : typeof node === "string" && node.trim() !== "" ? Number(node) : NaN;
  if (!Number.isFinite(value)) {
    fail(
      path,
      `${canonical} is ${Array.isArray(node) ? "a list" : typeof node === "object" ? "an object" : JSON.stringify(node)}, not a number (name one number, e.g. ${canonical}${Array.isArray(node) ? "[0]" : ".…"})`,
    );
  }
  return { path, canonical, segments, value, domain: domainOf(segments) };
}

/**
 * Reads the number at an input path.
 *
 * @example
 * ```ts
 * getInput(model, "agencies.moj.settlementYears"); // 3
 * ```
 */
export function getInput(model: Model, path: string): number {
  return resolveInput(model, path).value;
}

/**
 * Checks a value against an input's domain; returns a message when it does not fit.
 *
 * @example
 * ```ts
 * checkValue(resolveInput(model, "outcomes.custody.success"), 1.2); // "expected a share from 0 to 1, got 1.2"
 * checkValue(resolveInput(model, "outcomes.custody.lag"), 2);       // null
 * ```
 */
export function checkValue(input: Pick<ResolvedInput, "domain">, value: number): string | null {
  const d = input.domain;
  if (!Number.isFinite(value)) return `expected ${d.description}, got ${value}`;
  if (value < d.min || value > d.max || (d.minOpen && value === d.min)) return `expected ${d.description}, got ${value}`;
  if (d.integer && !Number.isInteger(value)) return `expected ${d.description}, got ${value}`;
  return null;
}

/**
 * Returns a copy of the model with inputs replaced (`{ path: value }`), checked again as a whole.
 * The model passed in is not changed.
 *
 * @throws InvalidModelError naming the path when a path is unknown or a value does not fit.
 * @example
 * ```ts
 * const low = setInputs(model, { "outcomes.custody.success": 0.02 });
 * getInput(low, "outcomes[1].success"); // 0.02
 * ```
 */
export function setInputs(model: Model, overrides: Readonly<Record<string, number | string>>): Model {
  const copy = structuredClone(model) as Model;
  const errors: ModelError[] = [];
  for (const [path, raw] of Object.entries(overrides)) {
    let input: ResolvedInput;
    try {
      input = resolveInput(model, path);
    } catch (e) {
      if (e instanceof InvalidModelError) errors.push(...e.errors);
      else throw e;
      continue;
    }
    const value = typeof raw === "string" ? Number(raw) : raw;
    const problem = checkValue(input, value);
    if (problem) {
      errors.push({ path, message: problem });
      continue;
    }
    let node = copy as unknown as Record<string | number, unknown>;
    for (const seg of input.segments.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
    const leaf = input.segments[input.segments.length - 1]!;
    // Keep a decimal string where the model had one (exact money); otherwise store a number.
    node[leaf] = typeof raw === "string" && typeof node[leaf] !== "string" ? value : raw;
  }
  if (errors.length) throw new InvalidModelError(errors);
  try {
    return loadModel(copy);
  } catch (e) {
    if (!(e instanceof InvalidModelError)) throw e;
    const list = Object.entries(overrides)
      .map(([p, v]) => `${p} = ${v}`)
      .join(", ");
    throw new InvalidModelError(e.errors.map((x) => ({ path: x.path, message: `${x.message} (after setting ${list})` })));
  }
}
