import { Decimal } from "../../src";

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * A model with every number and decimal text written as its exact decimal: a decimal that a JSON
 * file gives as text ("0.5") reads back from a spreadsheet cell as the number 0.5 — the same
 * value, which is what "the same model" means for the workbook round trip (docs/workbook.md).
 */
export function canonical(v: unknown): unknown {
  if (typeof v === "number") return new Decimal(v).toString();
  if (typeof v === "string" && DECIMAL.test(v)) return new Decimal(v.trim()).toString();
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, canonical(x)]),
    );
  return v;
}
