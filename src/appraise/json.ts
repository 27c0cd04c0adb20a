import DecimalJs from "decimal.js";
import { Decimal, decimalString, roundSeriesConserving, roundTo } from "../money";
import type { FlowSeries, PartyFlows } from "../ledger";
import type { Appraisal, HorizonResult } from "./appraise";
import type { Metrics } from "./metrics";

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

/** Money figures of a party at a horizon. */
const METRIC_MONEY = ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const;
/** Yearly series of a party's flows. */
const SERIES = ["costs", "savings", "transfers", "net"] as const;

/** Is this an appraisal (the result of `appraise`)? */
function isAppraisal(v: unknown): v is Appraisal {
  if (v === null || typeof v !== "object") return false;
  const a = v as Partial<Appraisal>;
  return Array.isArray(a.horizons) && Array.isArray(a.agencies) && a.annual !== undefined && typeof a.annual === "object" && "system" in a.annual;
}

/**
 * Rounds one figure of every party so that the written figures add up: the public bodies' to the
 * public sector's, and all the agencies' to the system's (the other parties' share of the system
 * figure being the rest). The system and public-sector figures are rounded half away from zero;
 * each agency's moves by less than a unit. `get` reads the figure, `set` stores the rounded one.
 */
function conserve<T>(
  parties: { system: T; publicSector: T; agencies: Record<string, T> },
  isPublic: ReadonlySet<string>,
  unit: Decimal,
  get: (x: T) => Decimal,
  set: (x: T, v: Decimal) => void,
  prefer?: (x: T) => Decimal,
): void {
  const round = (d: Decimal) => d.div(unit).toDecimalPlaces(0, DecimalJs.ROUND_HALF_UP).times(unit);
  const system = round(get(parties.system));
  const publicSector = round(get(parties.publicSector));
  const ids = Object.keys(parties.agencies);
  const groups = [ids.filter((id) => isPublic.has(id)), ids.filter((id) => !isPublic.has(id))];
  const totals = [publicSector, system.minus(publicSector)];
  groups.forEach((group, g) => {
    if (group.length === 0) return;
    const items = group.map((id) => parties.agencies[id]!);
    const values = items.map(get);
    const places = unit.decimalPlaces();
    // Figures already whole units (zeros, most often) need no sharing out.
    if (values.every((v) => v.decimalPlaces() <= places) && values.reduce((a, b) => a.plus(b)).equals(totals[g]!)) return;
    const rounded = roundSeriesConserving(values, { unit, total: totals[g]!, ...(prefer ? { prefer: items.map(prefer) } : {}) });
    group.forEach((id, i) => set(parties.agencies[id]!, rounded[i]!));
  });
  set(parties.system, system);
  set(parties.publicSector, publicSector);
}

/** A copy of a party → figures map and its totals, so rounding never touches the caller's result. */
function copyParties<T extends object>(p: { system: T; publicSector: T; agencies: Record<string, T> }, copy: (x: T) => T) {
  return { system: copy(p.system), publicSector: copy(p.publicSector), agencies: Object.fromEntries(Object.entries(p.agencies).map(([k, v]) => [k, copy(v)])) };
}

function roundHorizons(horizons: readonly HorizonResult[], isPublic: ReadonlySet<string>, unit: Decimal): HorizonResult[] {
  return horizons.map((h) => {
    const parties = copyParties(h, (m) => ({ ...m }));
    // NPV last: where its column leaves a choice, keep NPV = savings − costs + transfers across the row.
    for (const k of METRIC_MONEY) {
      const fromParts = k === "npv" ? (m: Metrics) => m.pvSavings.minus(m.pvCosts).plus(m.pvTransfers) : undefined;
      conserve(
        parties,
        isPublic,
        unit,
        (m) => m[k],
        (m, v) => (m[k] = v),
        fromParts,
      );
    }
    return { ...h, ...parties } as HorizonResult;
  });
}

function roundFlows(flows: PartyFlows, isPublic: ReadonlySet<string>, unit: Decimal): PartyFlows {
  const parties = copyParties(
    flows,
    (f) =>
      ({
        ...f,
        ...Object.fromEntries(SERIES.map((k) => [k, [...f[k]]])),
        pv: { ...f.pv, ...Object.fromEntries(SERIES.map((k) => [k, [...f.pv[k]]])) },
      }) as typeof f,
  );
  const years = parties.system.net.length;
  // Net last: where its column leaves a choice, keep net = savings − costs + transfers.
  for (const k of SERIES) {
    const fromParts = (s: FlowSeries, t: number) => (k === "net" ? s.savings[t]!.minus(s.costs[t]!).plus(s.transfers[t]!) : undefined);
    for (let t = 0; t < years; t++) {
      conserve(
        parties,
        isPublic,
        unit,
        (f) => f[k][t]!,
        (f, v) => (f[k][t] = v),
        k === "net" ? (f) => fromParts(f, t)! : undefined,
      );
      conserve(
        parties,
        isPublic,
        unit,
        (f) => f.pv[k][t]!,
        (f, v) => (f.pv[k][t] = v),
        k === "net" ? (f) => fromParts(f.pv, t)! : undefined,
      );
    }
  }
  return parties;
}

/**
 * An appraisal with its money rounded to `places` so that every written column adds up: at each
 * horizon, and in each year of the yearly flows, the agencies' figures sum to the system's and the
 * public bodies' to the public sector's (before and after deals).
 */
function roundAppraisal(a: Appraisal, places: number): Appraisal {
  const unit = new Decimal(10).pow(-places);
  const isPublic = new Set(a.agencies.filter((x) => x.sector === "public").map((x) => x.id));
  return {
    ...a,
    horizons: roundHorizons(a.horizons, isPublic, unit),
    annual: roundFlows(a.annual, isPublic, unit),
    beforeDeals: a.beforeDeals && {
      ...a.beforeDeals,
      horizons: roundHorizons(a.beforeDeals.horizons, isPublic, unit),
      annual: roundFlows(a.beforeDeals.annual, isPublic, unit),
    },
  };
}

/**
 * Converts any result of this library (an appraisal, deal outcome, simulation summary) into plain,
 * stable JSON: Decimals become decimal strings (money to pence by default, ratios to 6 places,
 * discount factors to 10), `undefined` becomes `null`, key order is kept. Throws if a NaN or an
 * infinity ever reaches it (which would be a bug), so none can reach an output.
 *
 * Written figures add up. In an appraisal, money is rounded so that columns conserve, as the
 * report tables do: at every horizon (and in every year of `annual`), the agencies' figures sum
 * exactly to the system's, and the public bodies' to the public sector's. The system and
 * public-sector figures are their exact values rounded half away from zero; an agency's figure
 * is its exact value rounded up or down (largest remainders get the spare pennies), so it may
 * differ by a penny from rounding it alone. `{ exact: true }` writes every Decimal in full.
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
  if (!Number.isInteger(places) || places < 0 || places > 20) throw new RangeError(`places must be an integer from 0 to 20, got ${places}`);
  if (!options.exact && isAppraisal(value)) value = roundAppraisal(value, places);
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
