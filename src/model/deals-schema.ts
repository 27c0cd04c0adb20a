import * as z from "zod"; // a namespace import lets bundlers drop the parts of zod not used
import { exactlyOne, IdSchema, MoneySchema, RateSchema, ShareSchema, YearSchema } from "./schema-parts";

/**
 * Deal rules: agreements that move money between parties. Each deal becomes transfer rows in the
 * ledger (what one pays, another receives, to the penny). See docs/deals.md.
 */

const Span = z.tuple([YearSchema, YearSchema]);
const AgencyList = z.union([IdSchema, z.array(IdSchema).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
/** Which savings a deal is based on: the payer's fiscal savings, optionally narrowed. */
const Basis = z.strictObject({
  /** Only savings from these outcomes (default: all). */
  outcomes: z.array(IdSchema).optional(),
  /** Only savings from these interventions (default: all). */
  interventions: z.array(IdSchema).optional(),
  /** Only cash-releasing savings (default false). */
  cashableOnly: z.boolean().default(false),
});

/**
 * Gainshare: beneficiaries pay investors a share of their savings.
 * @example
 * ```ts
 * GainshareSchema.safeParse({ type: "gainshare", id: "gs", from: ["police", "moj"], to: "council", share: 0.3 }).success; // true
 * ```
 */
export const GainshareSchema = exactlyOne(
  z.strictObject({
    type: z.literal("gainshare"),
    id: IdSchema,
    label: z.string().optional(),
    /** Beneficiaries who pay a share of their savings. */
    from: AgencyList,
    /** Investors who receive it. */
    to: AgencyList,
    /** Fixed share of each year's savings (or use tiers). */
    share: ShareSchema.optional(),
    /** Marginal shares of each payer's yearly savings above thresholds, e.g. [{ above: 0, share: 0.2 }, { above: 500000, share: 0.4 }]. */
    tiers: z.array(z.strictObject({ above: MoneySchema, share: ShareSchema })).min(1).optional(),
    basis: Basis.default({ cashableOnly: false }),
    /** Only savings arising in these years count (time-limited). */
    years: Span.optional(),
    /** Cap on the total paid: an amount, or the receivers' investment plus a return (e.g. { investmentPlus: 0.1 }). */
    cap: z.union([z.strictObject({ amount: MoneySchema }), z.strictObject({ investmentPlus: RateSchema })]).optional(),
    capPerYear: MoneySchema.optional(),
    /** Guaranteed minimum paid each year of the deal, whatever the savings. */
    floorPerYear: MoneySchema.optional(),
    /** How receivers split what is paid: pro rata to their investment (default), equally, or by weights. */
    splitBy: z.union([z.enum(["investment", "equal"]), z.record(IdSchema, MoneySchema)]).default("investment"),
    /** Repay part of what was received if an outcome falls short of its target by a year. */
    clawback: z
      .strictObject({
        outcome: IdSchema,
        /** Attributable outcomes expected, cumulative, by `byYear`. */
        target: z.number().positive(),
        byYear: YearSchema,
        /** Share of the shortfall-weighted payments repaid: repaid = share × (1 − achieved/target) × paid so far. */
        share: ShareSchema.default(1),
      })
      .optional(),
  }),
  "share",
  "tiers",
);

/**
 * Pooled budget: contributors fund a pot that pays for agreed costs.
 * @example
 * ```ts
 * PooledBudgetSchema.parse({ type: "pooled-budget", id: "pot", pot: "place", contributions: [{ agency: "council", share: 0.5 }] }).distribute; // "reinvest"
 * ```
 */
export const PooledBudgetSchema = z.strictObject({
  type: z.literal("pooled-budget"),
  id: IdSchema,
  label: z.string().optional(),
  /** pooled: one pot, money moves; aligned: separate budgets planned together; virtual: joint accounting only. */
  mode: z.enum(["pooled", "aligned", "virtual"]).default("pooled"),
  /** The pot: an agency of the model (e.g. kind "pool") that holds the money. */
  pot: IdSchema,
  /** Contributions each year: a fixed amount, or a share of the pot's spending on funded costs. */
  contributions: z.array(exactlyOne(z.strictObject({ agency: IdSchema, amount: MoneySchema.optional(), share: ShareSchema.optional() }), "amount", "share")).min(1),
  /** Costs the pot pays for (it reimburses the agencies that bear them). */
  funds: z.strictObject({ costs: z.array(IdSchema).optional(), interventions: z.array(IdSchema).optional() }).default({}),
  /** Share of participants' savings returned to the pot. */
  savingsReturn: z
    .strictObject({ share: ShareSchema, agencies: z.array(IdSchema).optional(), basis: Basis.default({ cashableOnly: false }) })
    .optional(),
  /** What happens to the pot's surplus each year: kept and reinvested, or paid back by rule. */
  distribute: z.union([z.enum(["reinvest", "by-contribution", "equal"]), z.record(IdSchema, MoneySchema)]).default("reinvest"),
  /** Balance kept as a resilience reserve before any distribution. */
  reserve: MoneySchema.default(0),
  /** May the pot go overdrawn? If not, contributors top it up pro rata. */
  overdraft: z.boolean().default(false),
  years: Span.optional(),
});

/**
 * Payment by results: attachment fees per case and payments per result.
 * @example
 * ```ts
 * PaymentByResultsSchema.safeParse({ type: "payment-by-results", id: "pbr", commissioner: "dclg", provider: "council", intervention: "tf", perCase: 4000, attachmentShare: [0.8, 0.6, 0.4], results: [{ outcome: "turned-around" }] }).success; // true
 * ```
 */
export const PaymentByResultsSchema = z
  .strictObject({
    type: z.literal("payment-by-results"),
    id: IdSchema,
    label: z.string().optional(),
    commissioner: IdSchema,
    provider: IdSchema,
    /** Whose cohort are the cases. */
    intervention: IdSchema,
    /** Up-front payment per case, by delivery year (one number for all years, or a list). */
    attachment: z.union([MoneySchema, z.array(MoneySchema).min(1)]).optional(),
    /** Or: a maximum per case and the share of it paid up front, by delivery year (the rest on results). */
    perCase: MoneySchema.optional(),
    attachmentShare: z.union([ShareSchema, z.array(ShareSchema).min(1)]).optional(),
    /** Results payments per outcome achieved (amount per result, by delivery year), paid when the result is first achieved. */
    results: z
      .array(
        z.strictObject({
          outcome: IdSchema,
          amount: z.union([MoneySchema, z.array(MoneySchema).min(1)]).optional(),
          /** Pay on attributable results (default), or on gross results as claimed — before deadweight, attribution and displacement. */
          basis: z.enum(["attributable", "gross"]).default("attributable"),
        }),
      )
      .min(1),
    /** No case earns more than this in total. */
    capPerCase: MoneySchema.optional(),
  })
  .superRefine((d, ctx) => {
    const split = d.perCase !== undefined || d.attachmentShare !== undefined;
    if (split && (d.perCase === undefined || d.attachmentShare === undefined)) ctx.addIssue({ code: "custom", message: "perCase and attachmentShare go together" });
    if (split && d.attachment !== undefined) ctx.addIssue({ code: "custom", message: "give attachment amounts, or perCase with attachmentShare, not both", path: ["attachment"] });
  })
  .transform((d) => d as PbrTerms<typeof d>);

/** A PbR deal's up-front terms: attachment amounts (or none), or a price per case split by an attachment share. */
type PbrTerms<T extends { perCase?: unknown; attachmentShare?: unknown; attachment?: unknown }> =
  | (T & { perCase: Exclude<T["perCase"], undefined>; attachmentShare: Exclude<T["attachmentShare"], undefined>; attachment?: undefined })
  | (T & { perCase?: undefined; attachmentShare?: undefined });

/**
 * Reward grant: a capped reward for hitting stretch targets above a threshold.
 * @example
 * ```ts
 * RewardGrantSchema.parse({ type: "reward-grant", id: "lpsa", payer: "dclg", recipient: "council", maximum: { amount: 1e6 }, targets: [{ outcome: "o", target: 100 }], assessmentYear: 3 }).threshold; // 0.6
 * ```
 */
export const RewardGrantSchema = z.strictObject({
  type: z.literal("reward-grant"),
  id: IdSchema,
  label: z.string().optional(),
  payer: IdSchema,
  recipient: IdSchema,
  /** The most that can be earned: an amount, or a share of a budget (LPSA: 2.5% of net budget requirement). */
  maximum: z.union([z.strictObject({ amount: MoneySchema }), z.strictObject({ shareOf: MoneySchema, rate: ShareSchema })]),
  /** Stretch targets: attributable outcomes expected (cumulative) by the assessment year. */
  targets: z.array(z.strictObject({ outcome: IdSchema, target: z.number().positive(), weight: z.number().positive().default(1) })).min(1),
  /** No reward for a target below this share of it (LPSA: 0.6). */
  threshold: ShareSchema.default(0.6),
  /** proportional: reward × achievement once over the threshold; above-threshold: reward × (achievement − threshold) / (1 − threshold). */
  scale: z.enum(["proportional", "above-threshold"]).default("proportional"),
  assessmentYear: YearSchema,
  /** Year the grant is paid (default: the year after assessment). */
  paymentYear: YearSchema.optional(),
});

/**
 * Earn-back: a share of extra tax from growth returned to a local body.
 * @example
 * ```ts
 * EarnBackSchema.safeParse({ type: "earn-back", id: "eb", payer: "hmt", recipient: "gmca", share: 0.5, capPerYear: 30e6 }).success; // true
 * ```
 */
export const EarnBackSchema = z.strictObject({
  type: z.literal("earn-back"),
  id: IdSchema,
  label: z.string().optional(),
  /** Who collects the extra tax (e.g. HM Treasury) and pays part of it back. */
  payer: IdSchema,
  recipient: IdSchema,
  share: ShareSchema,
  capPerYear: MoneySchema.optional(),
  years: Span.optional(),
  basis: Basis.default({ cashableOnly: false }),
});

/**
 * Social outcomes contract: payers pay an investor per outcome achieved.
 * @example
 * ```ts
 * OutcomesContractSchema.safeParse({ type: "outcomes-contract", id: "sib", investor: "fund", payers: [{ agency: "council", prices: [{ outcome: "o", price: 5000 }] }] }).success; // true
 * ```
 */
export const OutcomesContractSchema = z.strictObject({
  type: z.literal("outcomes-contract"),
  id: IdSchema,
  label: z.string().optional(),
  /** Social investor who funds delivery (its costs are the intervention's costs in the model). */
  investor: IdSchema,
  /** Who pays per outcome, at what price per outcome achieved. */
  payers: z.array(z.strictObject({ agency: IdSchema, prices: z.array(z.strictObject({ outcome: IdSchema, price: MoneySchema })).min(1) })).min(1),
  /** An outcomes fund paying a share of every outcome payment on the commissioners' behalf. */
  outcomesFund: z.strictObject({ agency: IdSchema, share: ShareSchema }).optional(),
  /** Total outcome payments are capped at this amount. */
  cap: MoneySchema.optional(),
});

/**
 * A loan between two parties: annuity, bullet or straight-line.
 * @example
 * ```ts
 * LoanSchema.parse({ type: "loan", id: "l", lender: "lcr", borrower: "juno", principal: 800000, rate: 0.05, term: 10 }).repayment; // "annuity"
 * ```
 */
export const LoanSchema = z.strictObject({
  type: z.literal("loan"),
  id: IdSchema,
  label: z.string().optional(),
  lender: IdSchema,
  borrower: IdSchema,
  principal: MoneySchema,
  /** Annual interest rate (nominal, e.g. 0.05). */
  rate: RateSchema,
  /** Years of repayment after drawdown (including grace years). */
  term: z.number().int().min(1).max(100),
  /** Drawdown year; repayments from the following year. */
  drawdownYear: YearSchema.default(0),
  repayment: z.enum(["annuity", "bullet", "straight-line"]).default("annuity"),
  /** Interest-only years before the principal starts to be repaid. */
  graceYears: z.number().int().min(0).default(0),
  /** Loan payments are cash (nominal) by default, deflated with appraisal.prices; say "real" to skip. */
  prices: z.enum(["nominal", "real"]).default("nominal"),
});

/**
 * A plain grant: money from one party to another, by year (pump-priming, a transformation fund,
 * a time-limited programme grant).
 * @example
 * ```ts
 * GrantSchema.safeParse({ type: "grant", id: "pump", from: "dclg", to: "council", amount: 500000, years: [0, 1] }).success; // true
 * ```
 */
export const GrantSchema = exactlyOne(
  z.strictObject({
    type: z.literal("grant"),
    id: IdSchema,
    label: z.string().optional(),
    from: IdSchema,
    to: IdSchema,
    /** An amount each year of `years` (default: year 0 only), or explicit amounts by appraisal year. */
    amount: MoneySchema.optional(),
    years: Span.optional(),
    series: z.array(MoneySchema).min(1).optional(),
  }),
  "amount",
  "series",
);

/**
 * Any deal, told apart by its `type`.
 * @example
 * ```ts
 * DealSchema.safeParse({ type: "loan", id: "l", lender: "a", borrower: "b", principal: 1, rate: 0, term: 1 }).success; // true
 * ```
 */
export const DealSchema = z.discriminatedUnion("type", [
  GainshareSchema,
  PooledBudgetSchema,
  PaymentByResultsSchema,
  RewardGrantSchema,
  EarnBackSchema,
  OutcomesContractSchema,
  LoanSchema,
  GrantSchema,
]);

export type Deal = z.output<typeof DealSchema>;
export type Gainshare = z.output<typeof GainshareSchema>;
export type PooledBudget = z.output<typeof PooledBudgetSchema>;
export type PaymentByResults = z.output<typeof PaymentByResultsSchema>;
export type RewardGrant = z.output<typeof RewardGrantSchema>;
export type EarnBack = z.output<typeof EarnBackSchema>;
export type OutcomesContract = z.output<typeof OutcomesContractSchema>;
export type Loan = z.output<typeof LoanSchema>;
export type Grant = z.output<typeof GrantSchema>;
export type DealBasis = z.output<typeof Basis>;
