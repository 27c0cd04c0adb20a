import * as z from "zod/mini"; // zod's functional build, imported as a namespace: bundlers keep only the parts used
import { ModelSchema } from "./schema";

/**
 * The model file's JSON Schema (draft 2020-12), generated from the zod schema, so editors can
 * check and autocomplete model files. Point a file at it with
 * `"$schema": "./node_modules/invest-to-save/dist/model.schema.json"`.
 *
 * @example
 * ```ts
 * modelJsonSchema().title; // "invest-to-save model"
 * ```
 */
export function modelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ModelSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: "https://invest-to-save.dev/model.schema.json",
    title: "invest-to-save model",
    description: "A prevention intervention appraised across agencies: who pays, whose budgets save, when.",
  };
}
