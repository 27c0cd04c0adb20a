import { toDecimal, type Decimal } from "../money";
import { priceFactor, type PriceBasis } from "../discount";
import { formatFinancialYear, parseFinancialYear } from "../time";
import { HMT_DEFLATOR_NAME, hmtDeflatorIndex, lookupReference, type ReferenceValue } from "../reference";
import { HmtDeflatorSchema, ReferenceSchema, ResolvedReferenceSchema } from "./reference-schema";
import { PriceBasisSchema, type ResolvedReference } from "./schema";

/**
 * Resolving what a model names instead of stating: `{ "ref": … }` amounts become numbers in the
 * appraisal's price base, and `appraisal.prices: { deflator: "hmt" }` becomes the bundled index.
 * This runs on the raw input, before its shape is checked, so that everything after it (the
 * schema, validation, the plan, scenarios) sees plain numbers; what was resolved is kept in the
 * model's `references`, which the audit trail reads.
 */

/** A problem found while resolving: segments of its JSON path, and what was wrong. */
export interface ReferenceIssue {
  path: (string | number)[];
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Where a `{ ref }` may stand: (path to the object holding the field, field name). */
function refSites(data: Obj): { holder: Obj; path: (string | number)[]; field: string }[] {
  const sites: { holder: Obj; path: (string | number)[]; field: string }[] = [];
  const lines = (root: Obj, prefix: (string | number)[]) => {
    for (const key of ["costs", "savings", "costShunts"]) {
      list(root[key]).forEach((item, i) => isObj(item) && sites.push({ holder: item, path: [...prefix, key, i], field: "amount" }));
    }
    list(root.outcomes).forEach((o, i) => {
      if (!isObj(o)) return;
      list(o.values).forEach((v, j) => isObj(v) && sites.push({ holder: v, path: [...prefix, "outcomes", i, "values", j], field: "amount" }));
    });
  };
  lines(data, []);
  if (isObj(data.tables))
    list(data.tables.unitCosts).forEach((u, i) => isObj(u) && sites.push({ holder: u, path: ["tables", "unitCosts", i], field: "value" }));
  list(data.options).forEach((o, k) => isObj(o) && lines(o, ["options", k]));
  return sites;
}

const isRef = (x: unknown): x is Obj => isObj(x) && "ref" in x;

function pathString(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg), "");
}

function fyNumber(x: unknown): number | null {
  if (typeof x !== "string") return null;
  try {
    return parseFinancialYear(x);
  } catch {
    return null;
  }
}

const pct = (d: Decimal) => `${d.times(100).toSignificantDigits(6).toString()}%`;

/**
 * Resolves `appraisal.prices: { deflator: "hmt", forecast?, inflation? }` into a
 * `{ deflator: index, source }` basis: the bundled outturn (financial year YYYY-YY read at
 * calendar year YYYY), then `forecast` index values, then `inflation` a year for any later year
 * the appraisal needs (its base year to its last year, and its price base).
 */
function resolveHmt(appraisal: Obj, raw: unknown, issues: ReferenceIssue[]): Obj | null {
  const parsed = HmtDeflatorSchema.safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push({ path: ["appraisal", "prices", ...(i.path as (string | number)[])], message: i.message });
    return null;
  }
  const index: Record<string, string> = hmtDeflatorIndex();
  const forecast = parsed.data.forecast ?? {};
  for (const [label, v] of Object.entries(forecast)) {
    const d = toDecimal(v);
    if (!d.gt(0)) {
      issues.push({ path: ["appraisal", "prices", "forecast", label], message: `expected a positive index value, got ${String(v)}` });
      return null;
    }
    index[label] = d.toString();
  }
  let note = HMT_DEFLATOR_NAME;
  const forecastYears = Object.keys(forecast).sort();
  if (forecastYears.length)
    note += `; forecast index values given for ${forecastYears[0]}${forecastYears.length > 1 ? ` to ${forecastYears[forecastYears.length - 1]}` : ""}`;
  if (parsed.data.inflation !== undefined) {
    const i = toDecimal(parsed.data.inflation);
    const base = fyNumber(appraisal.baseYear);
    const priceBase = fyNumber(appraisal.priceBase);
    const horizons = list(appraisal.horizons).filter((h): h is number => typeof h === "number" && Number.isInteger(h));
    const years = typeof appraisal.years === "number" && Number.isInteger(appraisal.years) ? appraisal.years : horizons.length ? Math.max(...horizons) : 10;
    const wanted = Math.max(base === null ? -Infinity : base + Math.min(years, 501) - 1, priceBase ?? -Infinity);
    const known = Object.keys(index).map((l) => parseFinancialYear(l));
    let last = Math.max(...known);
    const from = last + 1;
    while (last < wanted) {
      index[formatFinancialYear(last + 1)] = toDecimal(index[formatFinancialYear(last)]!).times(i.plus(1)).toString();
      last++;
    }
    if (last >= from) note += `; ${formatFinancialYear(from)} onwards projected at ${pct(i)} a year`;
  }
  return { deflator: index, source: note };
}

/** The published value rebased: factor and value, or why it cannot be. */
function rebase(v: ReferenceValue, priceBase: string, basis: PriceBasis): { factor: Decimal; value: Decimal } | { error: string } {
  if (v.priceYearLabel === priceBase) return { factor: toDecimal(1), value: toDecimal(v.value) };
  try {
    const factor = priceFactor(v.priceYearLabel, priceBase, basis);
    return { factor, value: toDecimal(v.value).times(factor).toDecimalPlaces(10) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function basisWords(basis: PriceBasis, source: string | undefined): string {
  if ("inflation" in basis) return `the appraisal's constant inflation of ${pct(toDecimal(basis.inflation))} a year`;
  return source ?? "the appraisal's own deflator index";
}

const sameNumber = (a: unknown, b: string) => {
  if (typeof a !== "number" && typeof a !== "string") return false;
  try {
    return toDecimal(a).equals(toDecimal(b));
  } catch {
    return false;
  }
};

/**
 * Resolves a raw model's named values in place on a copy: `{ ref }` amounts become decimal
 * strings in the appraisal's price base (rebased with the model's own `appraisal.prices`, or
 * else the bundled HM Treasury deflator), `deflator: "hmt"` becomes its index, and `references`
 * lists what was resolved (entries carried in from an earlier parse are kept only while the
 * number at their path is still the resolved value). Never throws; problems come back with
 * their paths, and unresolvable references are left for the schema to reject.
 *
 * @example
 * ```ts
 * const raw = { ...JSON.parse(json), outcomes: [] };
 * raw.costs = [{ id: "q", agency: "nhs", amount: { ref: "wellby" }, per: "once" }];
 * const { data, issues } = resolveReferences(raw);
 * issues.length; // 0
 * data.costs[0].amount; // "14640.111450432" (£13,000 in 2019 prices, at 2% a year to 2025-26)
 * data.references[0].factor; // "1.126162419264"
 * ```
 */
export function resolveReferences(input: unknown): { data: unknown; issues: ReferenceIssue[] } {
  const issues: ReferenceIssue[] = [];
  if (!isObj(input)) return { data: input, issues };
  const data = structuredClone(input) as Obj;
  const appraisal = isObj(data.appraisal) ? data.appraisal : null;

  // The price basis: "hmt" resolved to an index.
  let priceSource: string | undefined;
  if (appraisal && isObj(appraisal.prices) && appraisal.prices.deflator === "hmt") {
    const resolved = resolveHmt(appraisal, appraisal.prices, issues);
    if (resolved) appraisal.prices = resolved;
  }
  if (appraisal && isObj(appraisal.prices) && typeof appraisal.prices.source === "string") priceSource = appraisal.prices.source;
  const parsedBasis = appraisal?.prices === undefined ? null : PriceBasisSchema.safeParse(appraisal.prices);
  const basis: PriceBasis | null = parsedBasis === null ? { deflator: hmtDeflatorIndex() } : parsedBasis.success ? (parsedBasis.data as PriceBasis) : null;
  const basisNote =
    parsedBasis === null ? `${HMT_DEFLATOR_NAME} (the bundled series: the model gives no appraisal.prices)` : basis ? basisWords(basis, priceSource) : "";
  const priceBase = appraisal && typeof appraisal.priceBase === "string" && fyNumber(appraisal.priceBase) !== null ? appraisal.priceBase : null;

  // References carried in from an earlier parse, by path.
  const carried = new Map<string, ResolvedReference>();
  for (const r of list(data.references)) {
    const p = ResolvedReferenceSchema.safeParse(r);
    if (p.success) carried.set(p.data.path, p.data);
  }
  const references: ResolvedReference[] = [];

  for (const site of refSites(data)) {
    const raw = site.holder[site.field];
    const where = [...site.path, site.field];
    const path = pathString(where);
    if (!isRef(raw)) {
      // A number from an earlier parse: keep its reference while it is still the resolved value.
      const before = carried.get(path);
      if (before && sameNumber(raw, before.value) && basis && priceBase) {
        const again = lookupReference({ ref: before.ref, scenario: before.scenario, ...(before.year === null ? {} : { year: before.year }) });
        if (again.ok) {
          const r = rebase(again.value, priceBase, basis);
          if ("value" in r && r.value.times(toDecimal(before.units)).equals(toDecimal(before.value))) references.push(before);
        }
      }
      continue;
    }
    // An unresolvable reference is reported here and stands as 0 meanwhile (the model is then invalid anyway).
    const fail = (path: (string | number)[], message: string) => {
      issues.push({ path, message });
      site.holder[site.field] = "0";
    };
    const req = ReferenceSchema.safeParse(raw);
    if (!req.success) {
      for (const i of req.error.issues)
        fail(
          [...where, ...(i.path as (string | number)[])],
          i.code === "unrecognized_keys" ? `unknown field in a reference (a reference takes ref, scenario and year): ${i.message}` : i.message,
        );
      continue;
    }
    const found = lookupReference(req.data);
    if (!found.ok) {
      fail([...where, found.field], found.message);
      continue;
    }
    const v = found.value;
    if (typeof site.holder.priceBase === "string" || site.holder.prices === "nominal") {
      fail(
        [...site.path, typeof site.holder.priceBase === "string" ? "priceBase" : "prices"],
        `a reference value is already rebased to the appraisal's price base: drop ${typeof site.holder.priceBase === "string" ? "priceBase" : 'prices: "nominal"'}`,
      );
      continue;
    }
    if (!basis || !priceBase) {
      // The appraisal block is itself invalid (reported by the schema): nothing to rebase to.
      site.holder[site.field] = v.value;
      continue;
    }
    const units = toDecimal(req.data.units ?? 1);
    const r = rebase(v, priceBase, basis);
    if ("error" in r) {
      fail(
        where,
        `${v.ref} is in ${v.priceYear} prices; rebasing it to ${priceBase} prices with ${basisNote} failed: ${r.error}. Set appraisal.prices, e.g. { "deflator": "hmt", "inflation": 0.02 } or your own { "deflator": { … } }`,
      );
      continue;
    }
    const value = r.value.times(units);
    site.holder[site.field] = value.toString();
    references.push({
      path,
      ref: v.ref,
      scenario: v.scenario,
      year: v.year,
      published: v.value,
      units: units.toString(),
      priceYear: v.priceYear,
      factor: r.factor.toString(),
      value: value.toString(),
      rebasing: v.priceYearLabel === priceBase ? `none (published in ${priceBase} prices)` : `${v.priceYearLabel} → ${priceBase} with ${basisNote}`,
      source: `${v.source} [${v.edition}]`,
      table: v.table,
    });
  }
  if (references.length || "references" in data) data.references = references;
  return { data, issues };
}

/**
 * The audit-trail entry for a model input that came from a reference value (empty when it did
 * not): the name, published figure and price year, the rebasing factor and source.
 *
 * @example
 * ```ts
 * referenceTrace([], "costs[0].amount"); // {}
 * ```
 */
export function referenceTrace(references: readonly ResolvedReference[], path: string): Record<string, string> {
  const r = references.find((x) => x.path === path);
  if (!r) return {};
  const money = (s: string) => `£${toDecimal(s).toDecimalPlaces(2).toNumber().toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
  return {
    reference: `${r.ref}${r.scenario === "central" ? "" : ` (${r.scenario})`}${r.year === null ? "" : ` ${r.year}`}: ${money(r.published)} in ${r.priceYear} prices × ${toDecimal(r.factor).toSignificantDigits(8).toString()}${r.units === "1" ? "" : ` × ${r.units} units`} = ${money(r.value)}`,
    referenceRebasing: r.rebasing,
    referenceSource: r.source,
  };
}
