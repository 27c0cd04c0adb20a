import * as z from "zod/mini"; // zod's functional build, imported as a namespace: bundlers keep only the parts used
import { UncertaintySchema } from "./uncertainty-schema";
import { DealSchema } from "./deals-schema";
import { AmountSchema, CategoryOptimismBiasSchema, HmtDeflatorInput, OutcomeRateSchema, ResolvedReferenceSchema, UnmonetisedSchema } from "./reference-schema";
import {
  exactlyOne,
  CountSchema as Count,
  FinancialYearSchema,
  IdSchema,
  LensSchema,
  MoneySchema,
  PricesSchema,
  RateSchema,
  ShareSchema,
  YearSchema,
} from "./schema-parts";

export * from "./schema-parts";

/**
 * The model file's schema. The schema is the type: `Model` (parsed, defaults filled in) and
 * `ModelInput` (what a file may contain) are both inferred from it. Cross-references (agency ids,
 * budgets, years) are checked after the shape in `validate.ts`.
 */

const Band = z.strictObject({ fromYear: YearSchema, rate: RateSchema });
/**
 * Discount schedule: "stpr", "stpr-health", a constant `{ rate }` or a list of bands.
 * @example
 * ```ts
 * ScheduleSchema.safeParse({ rate: 0.035 }).success; // true
 * ```
 */
export const ScheduleSchema = z.union([z.enum(["stpr", "stpr-health"]), z.strictObject({ rate: RateSchema }), z.array(Band).check(z.minLength(1))]);

/**
 * How prices move, to convert nominal or other-price-base amounts: constant inflation or a deflator index.
 * @example
 * ```ts
 * PriceBasisSchema.safeParse({ inflation: 0.02 }).success; // true
 * ```
 */
export const PriceBasisSchema = z.union([
  z.strictObject({ inflation: RateSchema }),
  z.strictObject({
    deflator: z.record(FinancialYearSchema, MoneySchema),
    /** Where the index comes from (filled in when `deflator: "hmt"` is resolved). */
    source: z.optional(z.string()),
  }),
  /** `{ deflator: "hmt", forecast?, inflation? }`: the bundled HM Treasury series (resolved when parsed). */
  HmtDeflatorInput,
]);

/**
 * The `appraisal` block: base year, price base, discounting, horizons and lens.
 * @example
 * ```ts
 * AppraisalSchema.parse({ baseYear: "2025-26", priceBase: "2025-26" }).horizons; // [1, 5, 10]
 * ```
 */
export const AppraisalSchema = z.strictObject({
  /** Appraisal year 0, e.g. "2025-26". */
  baseYear: FinancialYearSchema,
  /** Price base year of the results (real terms), e.g. "2025-26". */
  priceBase: FinancialYearSchema,
  /** How to convert amounts in other price bases or nominal terms. Needed only when some are. */
  prices: z.optional(PriceBasisSchema),
  discount: z._default(ScheduleSchema, "stpr"),
  timing: z._default(z.enum(["end", "mid"]), "end"),
  /**
   * Appraisal periods to report, each a number of financial years counted from the base year:
   * 5 means years 0..4 (2025-26 to 2029-30 from a 2025-26 base), as a 5-year settlement would.
   */
  horizons: z._default(z.array(z.number().check(z.int(), z.minimum(1), z.maximum(501))).check(z.minLength(1)), [1, 5, 10]),
  /** Number of financial years in the ledger, years 0..years − 1 (default: the longest horizon). */
  years: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(501))),
  lens: z._default(LensSchema, "fiscal"),
  cashableOnly: z._default(z.boolean(), false),
});

const Budget = z.strictObject({
  id: IdSchema,
  name: z.optional(z.string()),
  /** Last appraisal year a time-limited budget (e.g. a grant) is funded for. */
  fundingEndsYear: z.optional(YearSchema),
  /** Where the budget's money comes from, in words (the financial case shows it), e.g. "DfE grant". */
  funding: z.optional(z.string()),
  /** Cash available to the programme from this budget each year (nominal £): one amount for every year, or a list by appraisal year. */
  available: z.optional(z.union([MoneySchema, z.array(MoneySchema).check(z.minLength(1))])),
});

/**
 * Which part of society a party belongs to. `public` bodies are funded by taxation (the Exchequer
 * view); `households`, `business` and `third-sector` (charities, philanthropy, the National
 * Lottery Community Fund, social investors) are part of society but not of the public sector.
 * @example
 * ```ts
 * SectorSchema.options; // ["public", "households", "business", "third-sector"]
 * ```
 */
export const SectorSchema = z.enum(["public", "households", "business", "third-sector"]);

/**
 * A party whose budgets pay or save: a public body, or households, businesses or the third sector.
 * @example
 * ```ts
 * AgencySchema.parse({ id: "police", name: "Police force" }).budgets; // [{ id: "core", name: "Core budget" }]
 * AgencySchema.parse({ id: "families", name: "Families", sector: "households" }).sector; // "households"
 * ```
 */
export const AgencySchema = z.strictObject({
  id: IdSchema,
  name: z.string().check(z.minLength(1)),
  /** Public sector (default) or another part of society. */
  sector: z._default(SectorSchema, "public"),
  /** Free text, e.g. "council", "nhs", "police", "dwp", "hmt", "moj", "society". */
  kind: z.optional(z.string()),
  /** Length of the agency's budget settlement in years (1 = annual, 3 = spending review). */
  settlementYears: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 1),
  budgets: z._default(z.array(Budget).check(z.minLength(1)), [{ id: "core", name: "Core budget" }]),
});

/** Cohort size: one number for every delivery year, a list by delivery year, or a share of another intervention's cohort. */
const Cohort = z.union([Count, z.array(Count).check(z.minLength(1)), z.strictObject({ from: IdSchema, share: ShareSchema, lag: z._default(YearSchema, 0) })]);

/**
 * A service delivered to cohorts of people over some years.
 * @example
 * ```ts
 * InterventionSchema.parse(JSON.parse(json).interventions[0]).cohort; // [400, 400, 400, 400, 400]
 * ```
 */
export const InterventionSchema = z.strictObject({
  id: IdSchema,
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  /** First delivery year (appraisal year offset). */
  startYear: z._default(YearSchema, 0),
  /** Last delivery year, inclusive (default: from the cohort list's length, else the start year). */
  endYear: z.optional(YearSchema),
  /** People (or families, cases) starting each delivery year. */
  cohort: Cohort,
});

const Grade = z.pipe(z.union([z.string().check(z.minLength(1)), z.number().check(z.int())]), z.transform(String));

/** The timing and amount fields that costs and direct savings share. */
const Scheduled = {
  id: IdSchema,
  label: z.optional(z.string()),
  agency: IdSchema,
  /** Budget within the agency (default: its first budget). */
  budget: z.optional(IdSchema),
  intervention: z.optional(IdSchema),
  /** An amount per year (`per: "year"`), per participant starting (`"participant"`), or once (`"once"`); or a reference value, `{ "ref": "qaly" }`. */
  amount: z.optional(AmountSchema),
  per: z._default(z.enum(["year", "participant", "once"]), "year"),
  /** Years, inclusive: [from, to]. Default: the intervention's delivery years, else year 0. */
  years: z.optional(z.tuple([YearSchema, YearSchema])),
  /** Year of a one-off amount (with `per: "once"`; default the first year). */
  year: z.optional(YearSchema),
  /** Explicit amounts by appraisal year (index 0 = base year), instead of `amount`. */
  series: z.optional(z.array(MoneySchema).check(z.minLength(1))),
  /** Real growth per year of a recurring amount (e.g. 0.02). */
  growth: z.optional(RateSchema),
  priceBase: z.optional(FinancialYearSchema),
  prices: z._default(PricesSchema, "real"),
  /** Confidence grade, looked up in the optimism-bias table. */
  confidence: z.optional(Grade),
  /** This line's own discount schedule (default: the appraisal's), e.g. "stpr-health" for QALY values. */
  discount: z.optional(ScheduleSchema),
  notes: z.optional(z.string()),
};

/**
 * A transfer: what the line saves its agency is lost by another party (benefit payments not
 * paid: DWP saves, the household loses the payment). Both sides are booked, so the line counts
 * for each party and for the public sector but nets to zero for society.
 */
const Transfer = {
  /** The party that loses what this line saves its agency. */
  transferFrom: z.optional(IdSchema),
  /** That party's budget (default: its first). */
  transferFromBudget: z.optional(IdSchema),
};

/**
 * A cost line: who pays, from which budget, how much and when.
 * @example
 * ```ts
 * CostSchema.parse({ id: "setup", agency: "council", amount: 250000, per: "once" }).category; // "revenue"
 * ```
 */
export const CostSchema = exactlyOne(
  z.strictObject({
    ...Scheduled,
    category: z._default(z.enum(["revenue", "capital"]), "revenue"),
    /** Optimism bias by Green Book project category (instead of a confidence grade). */
    optimismBias: z.optional(CategoryOptimismBiasSchema),
    lens: z._default(LensSchema, "fiscal"),
  }),
  "amount",
  "series",
);

/**
 * A direct saving line: a saving already estimated in money (a business case's yearly savings
 * for an agency), when it is not built up through the benefit chain. Timed like a cost; reduced
 * by the optimism-bias table's `benefits` rate; cashable or not, with a realisation rate.
 * @example
 * ```ts
 * SavingSchema.parse({ id: "nhs-beds", agency: "nhs", series: [0, 2e6, 4e6] }).cashable; // false
 * ```
 */
export const SavingSchema = exactlyOne(
  z.strictObject({
    ...Scheduled,
    ...Transfer,
    lens: z._default(LensSchema, "fiscal"),
    /** Does the saving release cash? */
    cashable: z._default(z.boolean(), false),
    /** For a non-cashable saving: the share of freed capacity turned into cash (default 0). */
    realisation: z.optional(ShareSchema),
  }),
  "amount",
  "series",
);

/**
 * What one attributable outcome is worth each year to one agency's budget.
 * @example
 * ```ts
 * OutcomeValueSchema.parse({ agency: "police", amount: 1200 }).cashable; // false
 * ```
 */
export const OutcomeValueSchema = exactlyOne(
  z.strictObject({
    agency: IdSchema,
    budget: z.optional(IdSchema),
    label: z.optional(z.string()),
    /** Value per attributable outcome per year while the effect lasts; or a reference value, `{ "ref": "qaly" }`. */
    amount: z.optional(AmountSchema),
    /** Or: a unit cost/value id from the unit-cost table. */
    unitCost: z.optional(IdSchema),
    lens: z._default(LensSchema, "fiscal"),
    /** Does the saving release cash? */
    cashable: z._default(z.boolean(), false),
    /** For a non-cashable saving: the share of freed capacity turned into cash (default 0). */
    realisation: z.optional(ShareSchema),
    priceBase: z.optional(FinancialYearSchema),
    prices: z._default(PricesSchema, "real"),
    /** This value's own discount schedule (default: the appraisal's), e.g. "stpr-health" for QALYs. */
    discount: z.optional(ScheduleSchema),
    ...Transfer,
  }),
  "amount",
  "unitCost",
);

/**
 * An outcome of an intervention: the benefit chain, its timing, and who it saves money for.
 * @example
 * ```ts
 * OutcomeSchema.parse({ id: "custody", intervention: "early-help", success: 0.04, values: [{ agency: "moj", amount: 51000 }] })
 *   .persistence; // { years: 1, dropOff: 0 }
 * ```
 */
export const OutcomeSchema = z.strictObject({
  id: IdSchema,
  label: z.optional(z.string()),
  intervention: IdSchema,
  reach: z._default(ShareSchema, 1),
  engagement: z._default(ShareSchema, 1),
  /** Share of those engaged who achieve the outcome (or give `rate`). */
  success: z.optional(ShareSchema),
  deadweight: z._default(ShareSchema, 0),
  /** The outcome's rate with and without the intervention, instead of success and deadweight. */
  rate: z.optional(OutcomeRateSchema),
  attribution: z._default(ShareSchema, 1),
  displacement: z._default(ShareSchema, 0),
  /** Multipliers for the first delivery years while the service beds in, e.g. [0.25, 0.5, 0.75]. */
  rampUp: z._default(z.array(ShareSchema), []),
  /** Years between delivery and the first effect (0 = same year). */
  lag: z._default(YearSchema, 0),
  persistence: z._default(
    z.strictObject({
      /** Years each successful outcome keeps producing value. */
      years: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(500)), 1),
      /** Share of the effect lost each year after the first. */
      dropOff: z._default(ShareSchema, 0),
    }),
    { years: 1, dropOff: 0 },
  ),
  values: z.array(OutcomeValueSchema).check(z.minLength(1)),
  confidence: z.optional(Grade),
  notes: z.optional(z.string()),
});

/**
 * A cost moved from one agency to another (nets to zero for the system).
 * @example
 * ```ts
 * CostShuntSchema.parse(JSON.parse(json).costShunts[0]).cashable; // true
 * ```
 */
export const CostShuntSchema = z.pipe(
  z
    .strictObject({
      id: IdSchema,
      label: z.optional(z.string()),
      /** The agency whose cost falls (it saves). */
      from: IdSchema,
      fromBudget: z.optional(IdSchema),
      /** The agency that picks the cost up. */
      to: IdSchema,
      toBudget: z.optional(IdSchema),
      /** Amount per year over `years`, or per attributable outcome of `outcome` each year. */
      amount: z.optional(MoneySchema),
      years: z.optional(z.tuple([YearSchema, YearSchema])),
      series: z.optional(z.array(MoneySchema).check(z.minLength(1))),
      outcome: z.optional(IdSchema),
      lens: z._default(LensSchema, "fiscal"),
      cashable: z._default(z.boolean(), true),
      priceBase: z.optional(FinancialYearSchema),
      prices: z._default(PricesSchema, "real"),
    })
    .check(
      z.superRefine((s, ctx) => {
        const ways = [s.series !== undefined, s.outcome !== undefined, s.series === undefined && s.outcome === undefined && s.amount !== undefined].filter(
          Boolean,
        ).length;
        if (ways !== 1 || (s.outcome !== undefined && s.amount === undefined))
          ctx.addIssue({ code: "custom", message: "give amount (with optional years), or series, or outcome with amount per outcome" });
      }),
    ),
  z.transform((s) => s as ShuntWays<typeof s>),
);

/** The three ways a cost shunt is stated: a yearly amount (over years), a series, or an amount per outcome. */
type ShuntWays<T extends { amount?: unknown; series?: unknown; outcome?: unknown }> =
  | (T & { amount: Exclude<T["amount"], undefined>; series?: undefined; outcome?: undefined })
  | (T & { series: Exclude<T["series"], undefined>; outcome?: undefined })
  | (T & { outcome: Exclude<T["outcome"], undefined>; amount: Exclude<T["amount"], undefined>; series?: undefined });

/**
 * Optimism-bias adjustment by confidence grade: costs × (1 + costs), benefits × (1 − benefits).
 * @example
 * ```ts
 * OptimismBiasTableSchema.parse({ "3": { costs: 0.1, benefits: 0.2 } }); // { "3": { costs: 0.1, benefits: 0.2 } }
 * ```
 */
export const OptimismBiasTableSchema = z.record(
  z.string(),
  z.strictObject({ costs: z._default(RateSchema, 0), benefits: z._default(ShareSchema, 0), label: z.optional(z.string()) }),
);

/**
 * A unit cost or value (e.g. a prison place for a year) that outcomes can refer to by id.
 * @example
 * ```ts
 * UnitCostSchema.safeParse({ id: "prison-place-year", value: "51000" }).success; // true
 * ```
 */
export const UnitCostSchema = z.strictObject({
  id: IdSchema,
  label: z.optional(z.string()),
  value: AmountSchema,
  priceBase: z.optional(FinancialYearSchema),
  source: z.optional(z.string()),
});

/**
 * Reference tables: optimism bias by confidence grade, and unit costs.
 * @example
 * ```ts
 * TablesSchema.parse(JSON.parse(json).tables).unitCosts?.map((u) => u.id); // ["looked-after-child-year", "prison-place-year"]
 * ```
 */
export const TablesSchema = z.strictObject({
  optimismBias: z.optional(OptimismBiasTableSchema),
  unitCosts: z.optional(z.array(UnitCostSchema)),
});

const ids = z.optional(z.array(IdSchema));

/**
 * An option appraised against business as usual (the model without its options): lines it adds
 * or replaces (same id replaces), lines it removes, and inputs it overrides by path.
 * @example
 * ```ts
 * OptionSchema.parse({ id: "do-more", name: "Do more", set: { "interventions.early-help.cohort[0]": 600 } }).unmonetised; // []
 * ```
 */
export const OptionSchema = z.strictObject({
  id: IdSchema,
  name: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  interventions: z.optional(z.array(InterventionSchema)),
  costs: z.optional(z.array(CostSchema)),
  savings: z.optional(z.array(SavingSchema)),
  outcomes: z.optional(z.array(OutcomeSchema)),
  costShunts: z.optional(z.array(CostShuntSchema)),
  deals: z.optional(z.array(DealSchema)),
  /** Business-as-usual items this option drops, by id. */
  remove: z.optional(z.strictObject({ interventions: ids, costs: ids, savings: ids, outcomes: ids, costShunts: ids, deals: ids })),
  /** Inputs overridden by path, as in scenarios: `{ "outcomes.custody.success": 0.05 }`. */
  set: z.optional(z.record(z.string(), z.union([z.number(), z.string()]))),
  /** Effects of this option not valued in money (the Appraisal Summary Table lists them). */
  unmonetised: z._default(z.array(UnmonetisedSchema), []),
});

/**
 * A whole model file. Use `parseModel`, which also checks cross-references, rather than this alone.
 * @example
 * ```ts
 * ModelSchema.safeParse(JSON.parse(json)).success; // true
 * ```
 */
export const ModelSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id: z.optional(IdSchema),
  title: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  /** The assumptions register: what was assumed, and where figures come from. */
  notes: z._default(z.array(z.string()), []),
  appraisal: AppraisalSchema,
  agencies: z.array(AgencySchema).check(z.minLength(1)),
  interventions: z._default(z.array(InterventionSchema), []),
  costs: z._default(z.array(CostSchema), []),
  /** Savings already estimated in money, by agency and year (instead of, or as well as, outcomes). */
  savings: z._default(z.array(SavingSchema), []),
  outcomes: z._default(z.array(OutcomeSchema), []),
  costShunts: z._default(z.array(CostShuntSchema), []),
  /** Deals that move money between parties (gainshare, pooled budgets, PbR, …); see docs/deals.md. */
  deals: z._default(z.array(DealSchema), []),
  tables: z._default(TablesSchema, {}),
  uncertainty: z.optional(UncertaintySchema),
  /** Effects of business as usual not valued in money (listed in the Appraisal Summary Table). */
  unmonetised: z._default(z.array(UnmonetisedSchema), []),
  /** Options appraised against business as usual (the model itself); see `appraiseOptions`. */
  options: z._default(z.array(OptionSchema), []),
  /** Reference values the parser resolved (written by `parseModel`; see docs/model.md). */
  references: z._default(z.array(ResolvedReferenceSchema), []),
});

/** A parsed model with defaults filled in. */
export type Model = z.output<typeof ModelSchema>;
/** What a model file may contain (defaults optional). */
export type ModelInput = z.input<typeof ModelSchema>;
export type Agency = Model["agencies"][number];
export type Sector = z.output<typeof SectorSchema>;
export type Intervention = Model["interventions"][number];
export type Cost = Model["costs"][number];
export type Saving = Model["savings"][number];
export type Outcome = Model["outcomes"][number];
export type OutcomeValue = Outcome["values"][number];
export type CostShunt = Model["costShunts"][number];
export type Tables = Model["tables"];
export type Lens = z.output<typeof LensSchema>;
export type ModelOption = Model["options"][number];
export type Unmonetised = Model["unmonetised"][number];
export type ResolvedReference = Model["references"][number];
