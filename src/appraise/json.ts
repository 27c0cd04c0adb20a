import DecimalJs from "decimal.js";
import { decimalString, roundTo } from "../money";

/** How {@link toJSON} writes numbers. */
export interface JsonOptions {
  /** Decimal places for money (default 2, pence; half away from zero). */
  places?: number;
  /** Decimal places for ratios and shares: bcr, roi, share… (default 6). */
  ratioPlaces?: number;
  /** Write every Decimal in full instead (default false). */
  exact?: boolean;
}

/** Plain JSON value: what {@link toJSON} returns. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys whose Decimals are ratios, shares or rates rather than money. */
const RATIO = /(bcr|roi|share|rate|ratio|multiple|achievement|probability|factor)/i;

/**
 * Converts any result of this library (an appraisal, deal outcome, simulation summary) into plain,
 * stable JSON: Decimals become decimal strings (money to pence by default, ratios to 6 places,
 * discount factors to 10), `undefined` becomes `null`, key order is kept. Throws if a NaN or an
 * infinity ever reaches it (which would be a bug), so none can reach an output.
 *
 * @example
 * ```ts
 * JSON.stringify(toJSON(appraise(model)), null, 2);
 * toJSON(result).horizons[0].system.npv; // "-1747840.8"
 * toJSON({ npv: new Decimal("1234.567"), bcr: new Decimal("1.23456789") }); // { npv: "1234.57", bcr: "1.234568" }
 * ```
 */
export function toJSON(value: unknown, options: JsonOptions = {}): Json {
  const places = options.places ?? 2;
  const ratioPlaces = options.ratioPlaces ?? 6;
  const walk = (v: unknown, key: string, path: string): Json => {
    if (v === undefined || v === null) return null;
    if (DecimalJs.isDecimal(v)) {
      if (!v.isFinite()) throw new Error(`internal error: non-finite Decimal at ${path}`);
      if (options.exact) return decimalString(v);
      const p = key === "discountFactors" ? 10 : RATIO.test(key) ? ratioPlaces : places;
      return decimalString(roundTo(v, p));
    }
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`internal error: non-finite number at ${path}`);
      return Object.is(v, -0) ? 0 : key === "irr" ? Number(v.toPrecision(12)) : v;
    }
    if (typeof v === "string" || typeof v === "boolean") return v;
    if (Array.isArray(v)) return v.map((x, i) => walk(x, key, `${path}[${i}]`));
    if (v instanceof Float64Array || v instanceof Float32Array) return Array.from(v, (x, i) => walk(x, key, `${path}[${i}]`));
    if (typeof v === "object") {
      const out: Record<string, Json> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (typeof x === "function") continue;
        out[k] = walk(x, k, path ? `${path}.${k}` : k);
      }
      return out;
    }
    throw new Error(`internal error: cannot serialise ${typeof v} at ${path}`);
  };
  return walk(value, "", "");
}
