import { toDecimal, type Decimal, type MoneyInput } from "../money";
import { STPR, STPR_HEALTH } from "../discount";
import {
  CARBON,
  DISTRIBUTIONAL_WEIGHTS,
  GDP_DEFLATOR,
  MTEB,
  OPTIMISM_BIAS,
  QALY,
  REFERENCE_TABLES,
  VPF,
  WELLBY,
  type OptimismBiasCategory,
  type ScenarioValuesTable,
  type TableHeader,
} from "./tables";

/** One row of {@link dataVersions}: a bundled table and where its figures come from. */
export interface DataVersion {
  id: string;
  title: string;
  source: string;
  url: string;
  edition: string;
  /** Publication date of that edition (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: string;
  /** Price year of its money values, or null when it holds none. */
  priceYear: string | null;
  unit: string;
  /** Where the table lives in the package source. */
  file: string;
}

const FILES: Record<string, string> = {
  "gdp-deflator": "src/reference/data/gdp-deflator.json",
  "optimism-bias": "src/reference/data/optimism-bias.json",
  qaly: "src/reference/data/qaly.json",
  wellby: "src/reference/data/wellby.json",
  vpf: "src/reference/data/vpf.json",
  carbon: "src/reference/data/carbon-values.json",
  "distributional-weights": "src/reference/data/distributional-weights.json",
  mteb: "src/reference/data/mteb.json",
};

/**
 * Every reference table the library ships, with its source, edition, date and price year: the
 * Green Book discount schedules, HM Treasury's GDP deflator, optimism-bias bounds, the QALY and
 * WELLBY values, the value of preventing a fatality, carbon values, distributional weights and the
 * marginal excess tax burden.
 *
 * @example
 * ```ts
 * dataVersions().map((d) => d.id);
 * // ["stpr", "stpr-health", "gdp-deflator", "optimism-bias", "qaly", "wellby", "vpf", "carbon", "distributional-weights", "mteb"]
 * dataVersions().find((d) => d.id === "wellby")?.priceYear; // "2019"
 * ```
 */
export function dataVersions(): DataVersion[] {
  const schedules = [STPR, STPR_HEALTH].map(
    (s): DataVersion => ({
      id: s.id,
      title: s.title,
      source: s.source,
      url: "https://www.gov.uk/government/publications/the-green-book-appraisal-and-evaluation-in-central-government",
      edition: "The Green Book (2022)",
      date: "2022-11",
      priceYear: null,
      unit: "real discount rate by year band",
      file: "src/discount/data.ts",
    }),
  );
  const tables = REFERENCE_TABLES.map(
    (t: TableHeader): DataVersion => ({
      id: t.id,
      title: t.title,
      source: t.source,
      url: t.url,
      edition: t.edition,
      date: t.date,
      priceYear: t.priceYear,
      unit: t.unit,
      file: FILES[t.id] ?? "",
    }),
  );
  return [...schedules, ...tables];
}

/**
 * The financial-year label a price year is rebased from: a financial year stays as it is; a
 * calendar year YYYY is read as financial year YYYY-YY (which holds nine of its months).
 *
 * @example
 * ```ts
 * priceYearLabel("2020-21"); // "2020-21"
 * priceYearLabel("2019");    // "2019-20"
 * ```
 */
export function priceYearLabel(priceYear: string): string {
  if (/^\d{4}$/.test(priceYear)) {
    const y = Number(priceYear);
    return `${y}-${String((y + 1) % 100).padStart(2, "0")}`;
  }
  return priceYear;
}

/**
 * The reference values a model may name with `{ "ref": … }`.
 * @example
 * ```ts
 * REFERENCE_NAMES; // ["qaly", "wellby", "vpf", "carbon"]
 * ```
 */
export const REFERENCE_NAMES = ["qaly", "wellby", "vpf", "carbon"] as const;
/** A reference value's name. */
export type ReferenceName = (typeof REFERENCE_NAMES)[number];

/** What a model asks for: `{ ref: "wellby", scenario: "low" }`, `{ ref: "carbon", year: 2030 }`. */
export interface ReferenceRequest {
  ref: string;
  /** Default "central". */
  scenario?: string;
  /** Calendar year of a value that changes by year (carbon). */
  year?: number;
}

/** A reference value as published, before rebasing. */
export interface ReferenceValue {
  ref: ReferenceName;
  scenario: string;
  year: number | null;
  /** The published value as a decimal string, in `priceYear` prices. */
  value: string;
  /** Price year as published: "2020-21" or "2019". */
  priceYear: string;
  /** The financial year it is rebased from (see {@link priceYearLabel}). */
  priceYearLabel: string;
  unit: string;
  title: string;
  source: string;
  edition: string;
  /** The table it comes from (an id of {@link dataVersions}). */
  table: string;
}

/** The answer of {@link lookupReference}: the value, or which field of the request is wrong and why. */
export type ReferenceLookup = { ok: true; value: ReferenceValue } | { ok: false; field: "ref" | "scenario" | "year"; message: string };

const SCENARIO_TABLES: Record<Exclude<ReferenceName, "carbon">, ScenarioValuesTable> = { qaly: QALY, wellby: WELLBY, vpf: VPF };

/**
 * Looks up a bundled reference value by name (and scenario, and year where it varies by year).
 * Never throws: an unknown name, scenario or year comes back as `{ ok: false }` naming the field.
 *
 * @example
 * ```ts
 * const q = lookupReference({ ref: "qaly" });
 * q.ok && q.value.value;     // "70000"
 * q.ok && q.value.priceYear; // "2020-21"
 * const w = lookupReference({ ref: "wellby", scenario: "low" });
 * w.ok && w.value.value;     // "10000"
 * lookupReference({ ref: "carbon", scenario: "central", year: 2030 }).ok; // true
 * lookupReference({ ref: "qualy" }).ok; // false
 * ```
 */
export function lookupReference(req: ReferenceRequest): ReferenceLookup {
  const name = req.ref;
  if (!(REFERENCE_NAMES as readonly string[]).includes(name)) {
    return { ok: false, field: "ref", message: `unknown reference value "${name}" (known: ${REFERENCE_NAMES.join(", ")})` };
  }
  const scenario = req.scenario ?? "central";
  if (name === "carbon") {
    if (!CARBON.scenarios.includes(scenario))
      return { ok: false, field: "scenario", message: `carbon has no scenario "${scenario}" (it has: ${CARBON.scenarios.join(", ")})` };
    const years = Object.keys(CARBON.byYear);
    if (req.year === undefined)
      return { ok: false, field: "year", message: `carbon values change by year: give "year" (${years[0]} to ${years[years.length - 1]})` };
    const row = CARBON.byYear[String(req.year)];
    if (!row?.[scenario])
      return { ok: false, field: "year", message: `no carbon value for ${req.year} (the bundled table covers ${years[0]} to ${years[years.length - 1]})` };
    return { ok: true, value: referenceValue("carbon", CARBON, scenario, req.year, row[scenario]!) };
  }
  const table = SCENARIO_TABLES[name as Exclude<ReferenceName, "carbon">];
  if (req.year !== undefined) return { ok: false, field: "year", message: `${name} does not change by year: drop "year"` };
  const value = table.scenarios[scenario];
  if (value === undefined)
    return { ok: false, field: "scenario", message: `${name} has no scenario "${scenario}" (it has: ${Object.keys(table.scenarios).join(", ")})` };
  return { ok: true, value: referenceValue(name as ReferenceName, table, scenario, null, value) };
}

function referenceValue(ref: ReferenceName, t: TableHeader, scenario: string, year: number | null, value: string): ReferenceValue {
  const priceYear = t.priceYear!;
  return {
    ref,
    scenario,
    year,
    value,
    priceYear,
    priceYearLabel: priceYearLabel(priceYear),
    unit: t.unit,
    title: t.title,
    source: t.source,
    edition: t.edition,
    table: t.id,
  };
}

/**
 * HM Treasury's GDP deflator as an index by financial-year label, ready for
 * `appraisal.prices: { deflator }` or {@link priceFactor}: financial year YYYY-YY takes the
 * calendar year YYYY value of the bundled release (see the table's notes).
 *
 * @example
 * ```ts
 * const index = hmtDeflatorIndex();
 * index["2024-25"]; // "100"
 * index["2020-21"]; // "85.2137"
 * ```
 */
export function hmtDeflatorIndex(): Record<string, string> {
  return Object.fromEntries(Object.entries(GDP_DEFLATOR.index).map(([y, v]) => [priceYearLabel(y), v]));
}

/**
 * Words naming the bundled deflator, for traces and reports.
 * @example
 * ```ts
 * HMT_DEFLATOR_NAME.startsWith("HM Treasury GDP deflator"); // true
 * ```
 */
export const HMT_DEFLATOR_NAME = `HM Treasury GDP deflator, ${GDP_DEFLATOR.edition} (calendar years, financial year YYYY-YY read as YYYY)`;

/**
 * The six project categories of the optimism-bias guidance.
 * @example
 * ```ts
 * OPTIMISM_BIAS_CATEGORIES.length; // 6
 * ```
 */
export const OPTIMISM_BIAS_CATEGORIES = OPTIMISM_BIAS.categories.map((c) => c.id);

/**
 * Business-case stages the guidance ties to a bound: at the strategic outline case no risk is
 * yet managed (the upper bound applies); by contract award (the full business case) effective
 * risk management should have reached the lower bound. Between the two, give a mitigation factor.
 * @example
 * ```ts
 * OPTIMISM_BIAS_STAGES; // ["strategic-outline-case", "full-business-case"]
 * ```
 */
export const OPTIMISM_BIAS_STAGES = ["strategic-outline-case", "full-business-case"] as const;
/** A stage of {@link OPTIMISM_BIAS_STAGES}. */
export type OptimismBiasStage = (typeof OPTIMISM_BIAS_STAGES)[number];

/** How an optimism-bias uplift was found: the category's bounds, the mitigation and the result. */
export interface OptimismBiasUplift {
  category: OptimismBiasCategory;
  dimension: "capital" | "duration";
  upper: Decimal;
  lower: Decimal;
  /** Share of the upper bound's contribution removed by risk management (0 to 1). */
  mitigation: Decimal;
  /** The uplift applied: upper × (1 − mitigation). */
  uplift: Decimal;
  /** In words, e.g. "non-standard buildings: upper bound 51% × (1 − 0.5 mitigation) = 25.5%". */
  note: string;
}

/**
 * The Green Book optimism-bias uplift for a project category: the upper bound reduced by the
 * mitigation factor, upper × (1 − mitigation). A stage may stand in for the mitigation:
 * "strategic-outline-case" is the upper bound (mitigation 0), "full-business-case" the lower
 * bound (the mitigation that reaches it). Capital expenditure by default (operating expenditure
 * for outsourcing); `dimension: "duration"` gives the works-duration figure.
 *
 * @throws RangeError for an unknown category or stage, a mitigation outside 0..1, or a
 *   dimension the category has no figure for.
 * @example
 * ```ts
 * optimismBiasUplift("non-standard-buildings", { mitigation: 0.5 }).uplift.toString();   // "0.255"
 * optimismBiasUplift("standard-buildings", { stage: "full-business-case" }).uplift.toString(); // "0.02"
 * optimismBiasUplift("equipment-development").uplift.toString();                         // "2"
 * ```
 */
export function optimismBiasUplift(
  category: string,
  options: { mitigation?: MoneyInput; stage?: OptimismBiasStage; dimension?: "capital" | "duration" } = {},
): OptimismBiasUplift {
  const c = OPTIMISM_BIAS.categories.find((x) => x.id === category);
  if (!c) throw new RangeError(`unknown optimism-bias category "${category}" (categories: ${OPTIMISM_BIAS_CATEGORIES.join(", ")})`);
  const dimension = options.dimension ?? "capital";
  const bounds = c[dimension];
  if (!bounds) throw new RangeError(`the guidance gives no ${dimension === "duration" ? "works-duration" : "capital"} figure for ${category}`);
  const upper = toDecimal(bounds.upper);
  const lower = toDecimal(bounds.lower);
  let mitigation: Decimal;
  let how: string;
  if (options.mitigation !== undefined) {
    mitigation = toDecimal(options.mitigation);
    if (mitigation.lt(0) || mitigation.gt(1)) throw new RangeError(`mitigation must be from 0 to 1, got ${mitigation.toString()}`);
    how = `× (1 − ${mitigation.toString()} mitigation)`;
  } else if (options.stage === undefined || options.stage === "strategic-outline-case") {
    mitigation = toDecimal(0);
    how = options.stage ? "(strategic outline case: upper bound)" : "(no mitigation: upper bound)";
  } else if (options.stage === "full-business-case") {
    mitigation = upper.isZero() ? toDecimal(0) : toDecimal(1).minus(lower.div(upper));
    how = "(full business case: the lower bound)";
  } else {
    throw new RangeError(`unknown stage "${String(options.stage)}" (stages: ${OPTIMISM_BIAS_STAGES.join(", ")}; or give a mitigation factor)`);
  }
  const uplift = options.stage === "full-business-case" && options.mitigation === undefined ? lower : upper.times(toDecimal(1).minus(mitigation));
  const pct = (d: Decimal) => `${d.times(100).toSignificantDigits(6).toString()}%`;
  const note = `${c.id} ${dimension === "duration" ? "works duration" : c.id === "outsourcing" ? "operating expenditure" : "capital expenditure"}: upper bound ${pct(upper)} ${how} = ${pct(uplift)} (${OPTIMISM_BIAS.source})`;
  return { category: c, dimension, upper, lower, mitigation, uplift, note };
}

/**
 * A distributional weight: (reference income ÷ group income)^elasticity, the Green Book's
 * iso-elastic weight with elasticity 1.3 and, by default, the ONS median household disposable
 * income for financial year ending 2023 (£34,500) as the reference.
 *
 * @example
 * ```ts
 * distributionalWeight(34500).toString();        // "1"
 * distributionalWeight(16400).toFixed(3);        // "2.629" (the poorest fifth's median)
 * distributionalWeight(17250, { reference: 34500, elasticity: 1 }).toString(); // "2"
 * ```
 */
export function distributionalWeight(income: MoneyInput, options: { reference?: MoneyInput; elasticity?: MoneyInput } = {}): Decimal {
  const y = toDecimal(income);
  const ref = toDecimal(options.reference ?? DISTRIBUTIONAL_WEIGHTS.referenceIncome);
  if (!y.gt(0) || !ref.gt(0)) throw new RangeError("incomes must be positive");
  return ref.div(y).pow(toDecimal(options.elasticity ?? DISTRIBUTIONAL_WEIGHTS.elasticity));
}

/** One income quintile's distributional weight (null where its median income is not bundled). */
export interface QuintileWeight {
  quintile: number;
  label: string;
  medianIncome: Decimal | null;
  weight: Decimal | null;
}

/**
 * Distributional weights by income quintile from the bundled incomes (see the table's notes on
 * quintiles 2 to 4).
 *
 * @example
 * ```ts
 * distributionalWeights().map((q) => q.weight?.toFixed(2) ?? null); // ["2.63", null, null, null, "0.41"]
 * ```
 */
export function distributionalWeights(): QuintileWeight[] {
  return DISTRIBUTIONAL_WEIGHTS.quintiles.map((q) => {
    const income = q.medianIncome === null ? null : toDecimal(q.medianIncome);
    return { quintile: q.quintile, label: q.label, medianIncome: income, weight: income === null ? null : distributionalWeight(income) };
  });
}

/**
 * The marginal excess tax burden of a Green Book edition: 20% in 2018 and 2022; none in 2026,
 * which tells appraisers not to include the cost of raising public funds except for private
 * finance options.
 *
 * @example
 * ```ts
 * marginalExcessTaxBurden("2022")?.toString(); // "0.2"
 * marginalExcessTaxBurden("2026");             // null
 * ```
 */
export function marginalExcessTaxBurden(edition: "2018" | "2022" | "2026" = "2022"): Decimal | null {
  const row = MTEB.editions.find((e) => e.edition === edition);
  if (!row) throw new RangeError(`unknown Green Book edition "${edition}" (editions: ${MTEB.editions.map((e) => e.edition).join(", ")})`);
  return row.rate === null ? null : toDecimal(row.rate);
}
