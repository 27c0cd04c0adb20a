/**
 * The bundled reference tables: each a small JSON data file under `data/`, carrying its source,
 * edition, price year and date beside its figures. Imported as modules (no file system at run
 * time), so they ship inside the package and work in a browser.
 */
import deflatorData from "./data/gdp-deflator.json" with { type: "json" };
import optimismData from "./data/optimism-bias.json" with { type: "json" };
import qalyData from "./data/qaly.json" with { type: "json" };
import wellbyData from "./data/wellby.json" with { type: "json" };
import vpfData from "./data/vpf.json" with { type: "json" };
import carbonData from "./data/carbon-values.json" with { type: "json" };
import weightsData from "./data/distributional-weights.json" with { type: "json" };
import mtebData from "./data/mteb.json" with { type: "json" };

/** What every bundled table says about itself. */
export interface TableHeader {
  /** Short id, e.g. "qaly", "gdp-deflator". */
  id: string;
  title: string;
  /** The public source the figures come from, in words. */
  source: string;
  url: string;
  /** Edition, release or vintage of the source. */
  edition: string;
  /** When that edition was published (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: string;
  /** Price year of money values: a financial year ("2020-21"), a calendar year ("2019"), or null when the table holds no money. */
  priceYear: string | null;
  unit: string;
  notes: string[];
}

/** A table of values by scenario (QALY, WELLBY, VPF). */
export interface ScenarioValuesTable extends TableHeader {
  scenarios: Record<string, string>;
}

/** HM Treasury's GDP deflator: index values by calendar year. */
export interface DeflatorTable extends TableHeader {
  years: "calendar";
  index: Record<string, string>;
}

/** DESNZ carbon values: low, central and high £/tCO2e by calendar year. */
export interface CarbonTable extends TableHeader {
  scenarios: string[];
  byYear: Record<string, Record<string, string>>;
}

/** One project category of the optimism-bias guidance; bounds as decimal strings, null where none is given. */
export interface OptimismBiasCategory {
  id: string;
  label: string;
  capital: { upper: string; lower: string };
  duration: { upper: string; lower: string } | null;
}

/** The optimism-bias guidance's upper and lower bounds by project category. */
export interface OptimismBiasTable extends TableHeader {
  mitigationRule: string;
  categories: OptimismBiasCategory[];
}

/** Distributional weighting: the elasticity, the reference income and each quintile's median income (null where not bundled). */
export interface DistributionalTable extends TableHeader {
  elasticity: string;
  referenceIncome: string;
  quintiles: { quintile: number; label: string; medianIncome: string | null }[];
}

/** The marginal excess tax burden by Green Book edition (null where the edition sets none). */
export interface MtebTable extends TableHeader {
  editions: { edition: string; rate: string | null }[];
}

/**
 * HM Treasury GDP deflator (December 2025 release), calendar years 1990–2024.
 * @example
 * ```ts
 * GDP_DEFLATOR.index["2024"]; // "100"
 * ```
 */
export const GDP_DEFLATOR: DeflatorTable = deflatorData as DeflatorTable;
/**
 * Optimism-bias upper and lower bounds for the six Green Book project categories.
 * @example
 * ```ts
 * OPTIMISM_BIAS.categories.map((c) => c.capital.upper); // ["0.24", "0.51", "0.44", "0.66", "2.00", "0.41"]
 * ```
 */
export const OPTIMISM_BIAS: OptimismBiasTable = optimismData as OptimismBiasTable;
/**
 * The Green Book's QALY value.
 * @example
 * ```ts
 * QALY.scenarios.central; // "70000"
 * ```
 */
export const QALY: ScenarioValuesTable = qalyData as ScenarioValuesTable;
/**
 * The WELLBY value, low, central and high.
 * @example
 * ```ts
 * WELLBY.scenarios; // { low: "10000", central: "13000", high: "16000" }
 * ```
 */
export const WELLBY: ScenarioValuesTable = wellbyData as ScenarioValuesTable;
/**
 * The value of preventing a fatality (willingness-to-pay element).
 * @example
 * ```ts
 * VPF.priceYear; // "2023"
 * ```
 */
export const VPF: ScenarioValuesTable = vpfData as ScenarioValuesTable;
/**
 * DESNZ carbon values by year.
 * @example
 * ```ts
 * CARBON.byYear["2030"]!.central; // "294.5"
 * ```
 */
export const CARBON: CarbonTable = carbonData as CarbonTable;
/**
 * Distributional weights by income quintile.
 * @example
 * ```ts
 * DISTRIBUTIONAL_WEIGHTS.elasticity; // "1.3"
 * ```
 */
export const DISTRIBUTIONAL_WEIGHTS: DistributionalTable = weightsData as DistributionalTable;
/**
 * Marginal excess tax burden by Green Book edition.
 * @example
 * ```ts
 * MTEB.editions.map((e) => e.rate); // ["0.2", "0.2", null]
 * ```
 */
export const MTEB: MtebTable = mtebData as MtebTable;

/**
 * Every bundled table, in the order `dataVersions()` lists them (after the discount schedules).
 * @example
 * ```ts
 * REFERENCE_TABLES.length; // 8
 * ```
 */
export const REFERENCE_TABLES: readonly TableHeader[] = [GDP_DEFLATOR, OPTIMISM_BIAS, QALY, WELLBY, VPF, CARBON, DISTRIBUTIONAL_WEIGHTS, MTEB];
