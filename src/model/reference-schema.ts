import * as z from "zod/mini"; // zod's functional build, imported as a namespace: bundlers keep only the parts used
import { FinancialYearSchema, MoneySchema, RateSchema, ShareSchema } from "./schema-parts";

/**
 * Schemas for what issue 13 adds to model files: amounts that name a bundled reference value,
 * HM Treasury's deflator by name, optimism bias by Green Book project category, outcome rates
 * with and without the intervention, options against business as usual, and unmonetised effects.
 * References are resolved to numbers by `parseModel` before the model's shape is checked (see
 * `reference.ts`), so the parsed model only ever holds numbers.
 */

/**
 * A reference value named instead of a number: `{ "ref": "qaly" }`, `{ "ref": "wellby",
 * "scenario": "low" }`, `{ "ref": "carbon", "scenario": "central", "year": 2030 }`, and a number
 * of units of it: `{ "ref": "qaly", "units": 0.2 }`.
 * @example
 * ```ts
 * ReferenceSchema.safeParse({ ref: "wellby", scenario: "low" }).success; // true
 * ```
 */
export const ReferenceSchema = z.strictObject({
  /** Name of a bundled value: "qaly", "wellby", "vpf" or "carbon" (see `dataVersions()`). */
  ref: z.string().check(z.minLength(1)),
  /** "low", "central" (default) or "high" where the source gives a range. */
  scenario: z.optional(z.string().check(z.minLength(1))),
  /** Calendar year of a value that changes by year (carbon). */
  year: z.optional(z.number().check(z.int(), z.minimum(1900), z.maximum(2200))),
  /** How many of the unit the amount is worth (default 1): `{ "ref": "qaly", "units": 0.2 }` is 0.2 QALYs. */
  units: z.optional(z.union([z.number().check(z.gt(0)), z.string().check(z.regex(/^\s*\d*\.?\d+([eE][-+]?\d+)?\s*$/))])),
});

const unresolved = z.pipe(
  ReferenceSchema,
  z.transform((_, ctx): never => {
    ctx.issues.push({ code: "custom", message: "a { ref } value is resolved by parseModel/loadModel; pass the model through them", input: _ });
    return z.NEVER;
  }),
);

/**
 * Money, or a reference value by name (resolved to money in the appraisal's price base when the
 * model is parsed).
 * @example
 * ```ts
 * AmountSchema.safeParse(1200).success; // true
 * ```
 */
export const AmountSchema = z.union([MoneySchema, unresolved]);

/**
 * `appraisal.prices: { deflator: "hmt" }`: HM Treasury's GDP deflator bundled with the library,
 * extended past its last outturn year by `forecast` index values (same base, e.g. the OBR's
 * forecast) and then by constant `inflation`. Resolved to a `{ deflator: { … } }` index when the
 * model is parsed.
 * @example
 * ```ts
 * HmtDeflatorSchema.safeParse({ deflator: "hmt", inflation: 0.02 }).success; // true
 * ```
 */
export const HmtDeflatorSchema = z.strictObject({
  deflator: z.literal("hmt"),
  /** Index values for years after the bundled outturn (calendar 2024 = 100), by financial year. */
  forecast: z.optional(z.record(FinancialYearSchema, MoneySchema)),
  /** Constant inflation for any later year still needed. */
  inflation: z.optional(RateSchema),
});

/**
 * The HMT branch as it may appear in a parsed model: never (it is resolved to an index first).
 * @example
 * ```ts
 * HmtDeflatorInput.safeParse({ deflator: "hmt" }).success; // false (parseModel resolves it first)
 * ```
 */
export const HmtDeflatorInput = z.pipe(
  HmtDeflatorSchema,
  z.transform((_, ctx): never => {
    ctx.issues.push({ code: "custom", message: 'deflator "hmt" is resolved by parseModel/loadModel; pass the model through them', input: _ });
    return z.NEVER;
  }),
);

/**
 * Optimism bias by Green Book project category: the upper bound of the supplementary guidance,
 * reduced by mitigation (upper × (1 − mitigation)), or the bound of a business-case stage.
 * @example
 * ```ts
 * CategoryOptimismBiasSchema.parse({ category: "standard-buildings", mitigation: 0.5 }).dimension; // "capital"
 * ```
 */
export const CategoryOptimismBiasSchema = z.strictObject({
  category: z.enum([
    "standard-buildings",
    "non-standard-buildings",
    "standard-civil-engineering",
    "non-standard-civil-engineering",
    "equipment-development",
    "outsourcing",
  ]),
  /** Share of the upper bound's contribution that risk management has removed (0 to 1). */
  mitigation: z.optional(ShareSchema),
  /** Or a stage: "strategic-outline-case" (upper bound) or "full-business-case" (lower bound). */
  stage: z.optional(z.enum(["strategic-outline-case", "full-business-case"])),
  /** Which figure of the guidance: capital expenditure (default) or works duration. */
  dimension: z._default(z.enum(["capital", "duration"]), "capital"),
});

/**
 * An outcome stated as rates with and without the intervention, e.g. reconviction 8% against
 * 72%. `better` says which way is an improvement (default: the way the two rates move).
 * @example
 * ```ts
 * OutcomeRateSchema.safeParse({ with: 0.08, without: 0.72 }).success; // true
 * ```
 */
export const OutcomeRateSchema = z.strictObject({
  /** Rate among participants with the intervention. */
  with: ShareSchema,
  /** Rate among comparable people without it (the counterfactual). */
  without: ShareSchema,
  /** "lower" when a lower rate is the improvement (reconviction), "higher" when a higher one is (employment). */
  better: z.optional(z.enum(["lower", "higher"])),
});

/**
 * An effect the appraisal does not put a money value on, listed in the Appraisal Summary Table.
 * @example
 * ```ts
 * UnmonetisedSchema.safeParse({ description: "Children's school attendance", direction: "positive" }).success; // true
 * ```
 */
export const UnmonetisedSchema = z.strictObject({
  description: z.string().check(z.minLength(1)),
  direction: z.enum(["positive", "negative", "mixed", "uncertain"]),
  /** Evidence or scale, in words. */
  note: z.optional(z.string()),
});

/**
 * A reference the parser resolved: where, what was named, the published figure and how it was
 * rebased. Written by `parseModel`; a model need not carry it (it is recomputed and kept only
 * while the number at `path` is still the resolved value).
 * @example
 * ```ts
 * ResolvedReferenceSchema.safeParse({ path: "costs[0].amount", ref: "qaly" }).success; // false (the rest is required)
 * ```
 */
export const ResolvedReferenceSchema = z.strictObject({
  /** The model input that holds the value, e.g. "outcomes[2].values[0].amount". */
  path: z.string(),
  ref: z.string(),
  scenario: z.string(),
  year: z.nullable(z.number().check(z.int())),
  /** The published figure, in its own prices. */
  published: z.string(),
  /** Units of the value (1 unless the model said otherwise). */
  units: z._default(z.string(), "1"),
  priceYear: z.string(),
  /** Multiplier from `priceYear` to the appraisal's price base. */
  factor: z.string(),
  /** units × published × factor: the number now at `path`. */
  value: z.string(),
  /** How it was rebased, in words (the deflator used). */
  rebasing: z.string(),
  source: z.string(),
  /** The bundled table (an id of `dataVersions()`). */
  table: z.string(),
});
