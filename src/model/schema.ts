import * as z from "zod"; // a namespace import lets bundlers drop the parts of zod not used
import { UncertaintySchema } from "./uncertainty-schema";
import { DealSchema } from "./deals-schema";
import {
  AmountSchema,
  CategoryOptimismBiasSchema,
  HmtDeflatorInput,
  OutcomeRateSchema,
  ResolvedReferenceSchema,
  UnmonetisedSchema,
} from "./reference-schema";
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
export const ScheduleSchema = z.union([
  z.enum(["stpr", "stpr-health"]),
  z.strictObject({ rate: RateSchema }),
  z.array(Band).min(1),
]);

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
    source: z.string().optional(),
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
  prices: PriceBasisSchema.optional(),
  discount: ScheduleSchema.default("stpr"),
  timing: z.enum(["end", "mid"]).default("end"),
  /**
   * Appraisal periods to report, each a number of financial years counted from the base year:
   * 5 means years 0..4 (2025-26 to 2029-30 from a 2025-26 base), as a 5-year settlement would.
   */
  horizons: z.array(z.number().int().min(1).max(501)).min(1).default([1, 5, 10]),
  /** Number of financial years in the ledger, years 0..years − 1 (default: the longest horizon). */
  years: z.number().int().min(1).max(501).optional(),
  lens: LensSchema.default("fiscal"),
  cashableOnly: z.boolean().default(false),
});

const Budget = z.strictObject({
  id: IdSchema,
  name: z.string().optional(),
  /** Last appraisal year a time-limited budget (e.g. a grant) is funded for. */
  fundingEndsYear: YearSchema.optional(),
  /** Where the budget's money comes from, in words (the financial case shows it), e.g. "DfE grant". */
  funding: z.string().optional(),
  /** Cash available to the programme from this budget each year (nominal £): one amount for every year, or a list by appraisal year. */
  available: z.union([MoneySchema, z.array(MoneySchema).min(1)]).optional(),
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
  name: z.string().min(1),
  /** Public sector (default) or another part of society. */
  sector: SectorSchema.default("public"),
  /** Free text, e.g. "council", "nhs", "police", "dwp", "hmt", "moj", "society". */
  kind: z.string().optional(),
  /** Length of the agency's budget settlement in years (1 = annual, 3 = spending review). */
  settlementYears: z.number().int().min(1).max(50).default(1),
  budgets: z.array(Budget).min(1).default([{ id: "core", name: "Core budget" }]),
});

/** Cohort size: one number for every delivery year, a list by delivery year, or a share of another intervention's cohort. */
const Cohort = z.union([
  Count,
  z.array(Count).min(1),
  z.strictObject({ from: IdSchema, share: ShareSchema, lag: YearSchema.default(0) }),
]);

/**
 * A service delivered to cohorts of people over some years.
 * @example
 * ```ts
 * InterventionSchema.parse(JSON.parse(json).interventions[0]).cohort; // [400, 400, 400, 400, 400]
 * ```
 */
export const InterventionSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  description: z.string().optional(),
  /** First delivery year (appraisal year offset). */
  startYear: YearSchema.default(0),
  /** Last delivery year, inclusive (default: from the cohort list's length, else the start year). */
  endYear: YearSchema.optional(),
  /** People (or families, cases) starting each delivery year. */
  cohort: Cohort,
});

const Grade = z.union([z.string().min(1), z.number().int()]).transform(String);

/** The timing and amount fields that costs and direct savings share. */
const Scheduled = {
  id: IdSchema,
  label: z.string().optional(),
  agency: IdSchema,
  /** Budget within the agency (default: its first budget). */
  budget: IdSchema.optional(),
  intervention: IdSchema.optional(),
  /** An amount per year (`per: "year"`), per participant starting (`"participant"`), or once (`"once"`); or a reference value, `{ "ref": "qaly" }`. */
  amount: AmountSchema.optional(),
  per: z.enum(["year", "participant", "once"]).default("year"),
  /** Years, inclusive: [from, to]. Default: the intervention's delivery years, else year 0. */
  years: z.tuple([YearSchema, YearSchema]).optional(),
  /** Year of a one-off amount (with `per: "once"`; default the first year). */
  year: YearSchema.optional(),
  /** Explicit amounts by appraisal year (index 0 = base year), instead of `amount`. */
  series: z.array(MoneySchema).min(1).optional(),
  /** Real growth per year of a recurring amount (e.g. 0.02). */
  growth: RateSchema.optional(),
  priceBase: FinancialYearSchema.optional(),
  prices: PricesSchema.default("real"),
  /** Confidence grade, looked up in the optimism-bias table. */
  confidence: Grade.optional(),
  /** This line's own discount schedule (default: the appraisal's), e.g. "stpr-health" for QALY values. */
  discount: ScheduleSchema.optional(),
  notes: z.string().optional(),
};

/**
 * A transfer: what the line saves its agency is lost by another party (benefit payments not
 * paid: DWP saves, the household loses the payment). Both sides are booked, so the line counts
 * for each party and for the public sector but nets to zero for society.
 */
const Transfer = {
  /** The party that loses what this line saves its agency. */
  transferFrom: IdSchema.optional(),
  /** That party's budget (default: its first). */
  transferFromBudget: IdSchema.optional(),
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
    category: z.enum(["revenue", "capital"]).default("revenue"),
    /** Optimism bias by Green Book project category (instead of a confidence grade). */
    optimismBias: CategoryOptimismBiasSchema.optional(),
    lens: LensSchema.default("fiscal"),
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
    lens: LensSchema.default("fiscal"),
    /** Does the saving release cash? */
    cashable: z.boolean().default(false),
    /** For a non-cashable saving: the share of freed capacity turned into cash (default 0). */
    realisation: ShareSchema.optional(),
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
    budget: IdSchema.optional(),
    label: z.string().optional(),
    /** Value per attributable outcome per year while the effect lasts; or a reference value, `{ "ref": "qaly" }`. */
    amount: AmountSchema.optional(),
    /** Or: a unit cost/value id from the unit-cost table. */
    unitCost: IdSchema.optional(),
    lens: LensSchema.default("fiscal"),
    /** Does the saving release cash? */
    cashable: z.boolean().default(false),
    /** For a non-cashable saving: the share of freed capacity turned into cash (default 0). */
    realisation: ShareSchema.optional(),
    priceBase: FinancialYearSchema.optional(),
    prices: PricesSchema.default("real"),
    /** This value's own discount schedule (default: the appraisal's), e.g. "stpr-health" for QALYs. */
    discount: ScheduleSchema.optional(),
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
  label: z.string().optional(),
  intervention: IdSchema,
  reach: ShareSchema.default(1),
  engagement: ShareSchema.default(1),
  /** Share of those engaged who achieve the outcome (or give `rate`). */
  success: ShareSchema.optional(),
  deadweight: ShareSchema.default(0),
  /** The outcome's rate with and without the intervention, instead of success and deadweight. */
  rate: OutcomeRateSchema.optional(),
  attribution: ShareSchema.default(1),
  displacement: ShareSchema.default(0),
  /** Multipliers for the first delivery years while the service beds in, e.g. [0.25, 0.5, 0.75]. */
  rampUp: z.array(ShareSchema).default([]),
  /** Years between delivery and the first effect (0 = same year). */
  lag: YearSchema.default(0),
  persistence: z
    .strictObject({
      /** Years each successful outcome keeps producing value. */
      years: z.number().int().min(1).max(500).default(1),
      /** Share of the effect lost each year after the first. */
      dropOff: ShareSchema.default(0),
    })
    .default({ years: 1, dropOff: 0 }),
  values: z.array(OutcomeValueSchema).min(1),
  confidence: Grade.optional(),
  notes: z.string().optional(),
});

/**
 * A cost moved from one agency to another (nets to zero for the system).
 * @example
 * ```ts
 * CostShuntSchema.parse(JSON.parse(json).costShunts[0]).cashable; // true
 * ```
 */
export const CostShuntSchema = z
  .strictObject({
    id: IdSchema,
    label: z.string().optional(),
    /** The agency whose cost falls (it saves). */
    from: IdSchema,
    fromBudget: IdSchema.optional(),
    /** The agency that picks the cost up. */
    to: IdSchema,
    toBudget: IdSchema.optional(),
    /** Amount per year over `years`, or per attributable outcome of `outcome` each year. */
    amount: MoneySchema.optional(),
    years: z.tuple([YearSchema, YearSchema]).optional(),
    series: z.array(MoneySchema).min(1).optional(),
    outcome: IdSchema.optional(),
    lens: LensSchema.default("fiscal"),
    cashable: z.boolean().default(true),
    priceBase: FinancialYearSchema.optional(),
    prices: PricesSchema.default("real"),
  })
  .superRefine((s, ctx) => {
    const ways = [s.series !== undefined, s.outcome !== undefined, s.series === undefined && s.outcome === undefined && s.amount !== undefined].filter(Boolean).length;
    if (ways !== 1 || (s.outcome !== undefined && s.amount === undefined)) ctx.addIssue({ code: "custom", message: "give amount (with optional years), or series, or outcome with amount per outcome" });
  })
  .transform((s) => s as ShuntWays<typeof s>);

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
  z.strictObject({ costs: RateSchema.default(0), benefits: ShareSchema.default(0), label: z.string().optional() }),
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
  label: z.string().optional(),
  value: AmountSchema,
  priceBase: FinancialYearSchema.optional(),
  source: z.string().optional(),
});

/**
 * Reference tables: optimism bias by confidence grade, and unit costs.
 * @example
 * ```ts
 * TablesSchema.parse(JSON.parse(json).tables).unitCosts?.map((u) => u.id); // ["looked-after-child-year", "prison-place-year"]
 * ```
 */
export const TablesSchema = z.strictObject({
  optimismBias: OptimismBiasTableSchema.optional(),
  unitCosts: z.array(UnitCostSchema).optional(),
});

const ids = z.array(IdSchema).optional();

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
  name: z.string().min(1),
  description: z.string().optional(),
  interventions: z.array(InterventionSchema).optional(),
  costs: z.array(CostSchema).optional(),
  savings: z.array(SavingSchema).optional(),
  outcomes: z.array(OutcomeSchema).optional(),
  costShunts: z.array(CostShuntSchema).optional(),
  deals: z.array(DealSchema).optional(),
  /** Business-as-usual items this option drops, by id. */
  remove: z
    .strictObject({ interventions: ids, costs: ids, savings: ids, outcomes: ids, costShunts: ids, deals: ids })
    .optional(),
  /** Inputs overridden by path, as in scenarios: `{ "outcomes.custody.success": 0.05 }`. */
  set: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  /** Effects of this option not valued in money (the Appraisal Summary Table lists them). */
  unmonetised: z.array(UnmonetisedSchema).default([]),
});

/**
 * A whole model file. Use `parseModel`, which also checks cross-references, rather than this alone.
 * @example
 * ```ts
 * ModelSchema.safeParse(JSON.parse(json)).success; // true
 * ```
 */
export const ModelSchema = z.strictObject({
  $schema: z.string().optional(),
  id: IdSchema.optional(),
  title: z.string().min(1),
  description: z.string().optional(),
  /** The assumptions register: what was assumed, and where figures come from. */
  notes: z.array(z.string()).default([]),
  appraisal: AppraisalSchema,
  agencies: z.array(AgencySchema).min(1),
  interventions: z.array(InterventionSchema).default([]),
  costs: z.array(CostSchema).default([]),
  /** Savings already estimated in money, by agency and year (instead of, or as well as, outcomes). */
  savings: z.array(SavingSchema).default([]),
  outcomes: z.array(OutcomeSchema).default([]),
  costShunts: z.array(CostShuntSchema).default([]),
  /** Deals that move money between parties (gainshare, pooled budgets, PbR, …); see docs/deals.md. */
  deals: z.array(DealSchema).default([]),
  tables: TablesSchema.default({}),
  uncertainty: UncertaintySchema.optional(),
  /** Effects of business as usual not valued in money (listed in the Appraisal Summary Table). */
  unmonetised: z.array(UnmonetisedSchema).default([]),
  /** Options appraised against business as usual (the model itself); see `appraiseOptions`. */
  options: z.array(OptionSchema).default([]),
  /** Reference values the parser resolved (written by `parseModel`; see docs/model.md). */
  references: z.array(ResolvedReferenceSchema).default([]),
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
