import type * as z from "zod/mini";
import { ModelSchema, type Model } from "./schema";
import { validateModel, type Issue } from "./validate";
import { resolveReferences } from "./reference";
import { rateBetter } from "./outcome-rate";
import { decodeUtf8, stripBom } from "./text";

/** A problem with a model file: the JSON path (e.g. `agencies[2].budgets[0].id`) and what was expected. */
export interface ModelError {
  path: string;
  message: string;
}

/** Result of {@link parseModel}: the model, or every error found. Never a partial model. */
export type ParseResult = { ok: true; model: Model } | { ok: false; errors: ModelError[] };

/**
 * Thrown by functions that need a valid model (such as `appraise`) when given an invalid one.
 * `errors` lists every problem with its JSON path.
 *
 * @example
 * ```ts
 * try {
 *   appraise({});
 * } catch (e) {
 *   if (e instanceof InvalidModelError) e.errors[0].path; // "title"
 * }
 * ```
 */
export class InvalidModelError extends Error {
  readonly errors: ModelError[];
  constructor(errors: ModelError[]) {
    super(`invalid model:\n${errors.map((e) => `  ${e.path || "(model)"}: ${e.message}`).join("\n")}`);
    this.name = "InvalidModelError";
    this.errors = errors;
  }
}

/**
 * Formats path segments as a JSON path: `["agencies", 2, "budgets", 0, "id"]` →
 * `"agencies[2].budgets[0].id"`.
 *
 * @example
 * ```ts
 * formatPath(["agencies", 2, "budgets", 0, "share"]); // "agencies[2].budgets[0].share"
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : s ? `${s}.${String(seg)}` : String(seg)), "");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" ? "an object" : typeof value;
}

type ZodIssue = z.core.$ZodIssue;

/** Turns zod's issues into readable errors; unions report the branch that got furthest. */
function fromZod(issues: readonly ZodIssue[], prefix: PropertyKey[] = []): ModelError[] {
  return issues.flatMap((iss): ModelError[] => {
    const path = [...prefix, ...iss.path];
    const got = "input" in iss && iss.input !== undefined ? `, got ${describe(iss.input)}` : "";
    switch (iss.code) {
      case "invalid_union": {
        // A discriminated union whose discriminator (`type`) matches no member: zod gives no
        // branches, the path ends at the discriminator and the input is the whole object.
        if (iss.errors.length === 0) {
          const options = "options" in iss && Array.isArray(iss.options) ? (iss.options as unknown[]) : [];
          const key = "discriminator" in iss && typeof iss.discriminator === "string" ? iss.discriminator : undefined;
          const input = iss.input;
          const value =
            key !== undefined && input !== null && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>)[key] : undefined;
          const valid = options.length > 0 ? `one of ${options.map((o) => JSON.stringify(o)).join(", ")}` : "a known type";
          return [{ path: formatPath(path), message: value === undefined ? `required (expected ${valid})` : `expected ${valid}, got ${describe(value)}` }];
        }
        const branches = iss.errors.map((b) => fromZod(b, path));
        const deepest = branches.reduce((best, b) => {
          const depth = (errs: ModelError[]) => Math.max(...errs.map((e) => e.path.length));
          return depth(b) > depth(best) || (depth(b) === depth(best) && b.length < best.length) ? b : best;
        });
        const allShallow = branches.every((b) => b.every((e) => e.path === formatPath(path)));
        if (allShallow) {
          const expected = [...new Set(branches.flat().map((e) => e.message.replace(/, got .*$/, "")))].join("; or ");
          return [{ path: formatPath(path), message: `${expected}${got}` }];
        }
        return deepest;
      }
      case "invalid_type":
        return [{ path: formatPath(path), message: iss.input === undefined ? `required (expected ${iss.expected})` : `expected ${iss.expected}${got}` }];
      case "too_big":
      case "too_small": {
        const op = iss.code === "too_big" ? (iss.inclusive ? "≤" : "<") : iss.inclusive ? "≥" : ">";
        const what =
          iss.origin === "array"
            ? `a list with ${op} ${String(iss.code === "too_big" ? iss.maximum : iss.minimum)} items`
            : iss.origin === "string"
              ? "a non-empty text"
              : `a number ${op} ${String(iss.code === "too_big" ? iss.maximum : iss.minimum)}`;
        return [{ path: formatPath(path), message: `expected ${what}${got}` }];
      }
      case "unrecognized_keys":
        return iss.keys.map((k) => ({ path: formatPath([...path, k]), message: `unknown field "${k}" (check the spelling; see the model's JSON Schema)` }));
      case "invalid_value":
        return [{ path: formatPath(path), message: `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}${got}` }];
      case "invalid_format":
        return [{ path: formatPath(path), message: `${iss.message.startsWith("expected") ? iss.message : "invalid format"}${got}` }];
      case "custom":
        // The schema's own rules (e.g. "give exactly one of amount or series") say what they need.
        return [{ path: formatPath(path), message: iss.message }];
      case "not_multiple_of":
        return [{ path: formatPath(path), message: `expected a whole number${got}` }];
      case "invalid_key":
        // A record's key that fails its schema (e.g. a deflator year that is not "2025-26").
        return [{ path: formatPath(path), message: `Invalid key in ${iss.origin}${got}` }];
      default:
        return [{ path: formatPath(path), message: `${iss.message}${got}` }];
    }
  });
}

function fromIssues(issues: Issue[]): ModelError[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** Fills in what the parser decides once for the model: the direction of each outcome rate. */
function normaliseParsed(model: Model): void {
  for (const o of [...model.outcomes, ...model.options.flatMap((x) => x.outcomes ?? [])]) {
    if (o.rate && o.rate.better === undefined) o.rate.better = rateBetter(o.rate);
  }
}

/** Models this module has checked: they are frozen, so they stay valid. */
const checked = new WeakSet<object>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Reads and checks a model: JSON text, the bytes of a JSON file (UTF-8, with or without a
 * byte-order mark; invalid UTF-8 is an error giving the byte offset), or an already-parsed
 * object. Returns the model with defaults filled in, or every error found — each with its JSON
 * path and what was expected.
 * Never throws for bad input; never returns a partial model. The model returned is frozen (deeply
 * read-only), so it stays valid, and passing it back in costs nothing; change a copy instead
 * (`structuredClone`, or `setInputs` for inputs by path).
 *
 * @example
 * ```ts
 * const r = parseModel({ title: "x", appraisal: { baseYear: "2025-26", priceBase: "2025-26" }, agencies: [] });
 * r.ok;                      // false
 * !r.ok && r.errors[0].path; // "agencies"
 * ```
 */
export function parseModel(input: unknown): ParseResult {
  if (typeof input === "object" && input !== null && checked.has(input)) return { ok: true, model: input as Model };
  let data = input;
  let text: string | undefined = typeof input === "string" ? stripBom(input) : undefined;
  const bytes = ArrayBuffer.isView(input)
    ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
    : Object.prototype.toString.call(input) === "[object ArrayBuffer]"
      ? new Uint8Array(input as ArrayBuffer)
      : undefined;
  if (bytes) {
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) return { ok: false, errors: [{ path: "", message: decoded.message }] };
    text = decoded.text;
  }
  if (text !== undefined) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { ok: false, errors: [{ path: "", message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  // Named values (`{ ref }`, `deflator: "hmt"`) become numbers before the shape is checked.
  const resolved = resolveReferences(data);
  const refErrors = fromIssues(resolved.issues);
  const parsed = ModelSchema.safeParse(resolved.data, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: [...refErrors, ...fromZod(parsed.error.issues)] };
  if (refErrors.length) return { ok: false, errors: refErrors };
  normaliseParsed(parsed.data);
  const issues = validateModel(parsed.data);
  if (issues.length > 0) return { ok: false, errors: fromIssues(issues) };
  const model = deepFreeze(parsed.data);
  checked.add(model);
  return { ok: true, model };
}

/**
 * Like {@link parseModel} but throws {@link InvalidModelError} for an invalid model.
 *
 * @example
 * ```ts
 * const model = loadModel(json); // a Model, or throws InvalidModelError listing every problem
 * model.agencies.length; // 7
 * ```
 */
export function loadModel(input: unknown): Model {
  const r = parseModel(input);
  if (!r.ok) throw new InvalidModelError(r.errors);
  return r.model;
}
