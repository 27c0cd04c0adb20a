/**
 * Fuzzing the boundary: thousands of random and mutated model files go to parseModel and
 * appraise. Every one must end in a structured error or a valid result — never a TypeError,
 * never a partial result, never NaN or undefined in the output.
 */
import { afterAll, describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { appraise, InvalidModelError, parseModel, toJSON } from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";

type Json = unknown;

/** Every path to a value inside a JSON document. */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (doc && typeof doc === "object") for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}

type Mutation = { kind: "set"; value: Json } | { kind: "delete" } | { kind: "duplicate" };

function mutate(doc: Json, path: (string | number)[], m: Mutation): Json {
  if (path.length === 0) return m.kind === "set" ? m.value : m.kind === "delete" ? undefined : doc;
  const copy = structuredClone(doc) as any;
  let parent = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg];
  const key = path[path.length - 1]!;
  if (m.kind === "set") parent[key] = m.value;
  else if (m.kind === "delete") Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
  else if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1.5, 1e12, -1e-9, "", "2025-26", "x", null, true, [], {})) }),
  fc.constant({ kind: "delete" as const }),
  fc.constant({ kind: "duplicate" as const }),
);

const seen = { valid: 0, invalid: 0 };

function check(input: Json): void {
  const parsed = parseModel(input);
  seen[parsed.ok ? "valid" : "invalid"]++;
  if (!parsed.ok) {
    expect(parsed.errors.length).toBeGreaterThan(0);
    for (const e of parsed.errors) {
      expect(typeof e.path).toBe("string");
      expect(e.message.length).toBeGreaterThan(0);
    }
    expect(() => appraise(input)).toThrow(InvalidModelError);
    return;
  }
  const text = JSON.stringify(toJSON(appraise(parsed.model)));
  expect(text).not.toMatch(/NaN|Infinity|undefined/);
}

describe("fuzzing parseModel and appraise", () => {
  afterAll(() => {
    // Both branches must be exercised: mutated models are a mix of valid and invalid files.
    expect(seen.valid).toBeGreaterThan(300);
    expect(seen.invalid).toBeGreaterThan(300);
  });
  test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: 500 })("random JSON", check);
  test.prop([arbitraryModel().chain((m) => fc.tuple(fc.constant(m), fc.constantFrom(...paths(m)), mutation))], { numRuns: 1500 })(
    "valid models with one mutation",
    ([model, path, m]) => check(mutate(model, path, m)),
  );
  test.prop(
    [arbitraryModel().chain((m) => fc.tuple(fc.constant(m), fc.array(fc.tuple(fc.constantFrom(...paths(m)), mutation), { minLength: 2, maxLength: 5 })))],
    { numRuns: 500 },
  )("valid models with several mutations", ([model, edits]) => {
    let doc: Json = model;
    for (const [path, m] of edits) {
      try {
        doc = mutate(doc, path, m);
      } catch {
        // the path no longer exists after an earlier edit: skip this edit
      }
    }
    check(doc);
  });
});
