import * as z from "zod/mini"; // zod's functional build, imported as a namespace: bundlers keep only the parts used
import { exactlyOne, IdSchema, MoneySchema, RateSchema, ShareSchema, YearSchema } from "./schema-parts";

/**
 * Deal rules: agreements that move money between parties. Each deal becomes transfer rows in the
 * ledger (what one pays, another receives, to the penny). See docs/deals.md.
 */

const Span = z.tuple([YearSchema, YearSchema]);
const AgencyList = z.pipe(
  z.union([IdSchema, z.array(IdSchema).check(z.minLength(1))]),
  z.transform((v) => (Array.isArray(v) ? v : [v])),
);
/** Which savings a deal is based on: the payer's fiscal savings, optionally narrowed. */
const Basis = z.strictObject({
  /** Only savings from these outcomes (default: all). */
  outcomes: z.optional(z.array(IdSchema)),
  /** Only savings from these interventions (default: all). */
  interventions: z.optional(z.array(IdSchema)),
  /** Only cash-releasing savings (default false). */
  cashableOnly: z._default(z.boolean(), false),
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
    label: z.optional(z.string()),
    /** Beneficiaries who pay a share of their savings. */
    from: AgencyList,
    /** Investors who receive it. */
    to: AgencyList,
    /** Fixed share of each year's savings (or use tiers). */
    share: z.optional(ShareSchema),
    /** Marginal shares of each payer's yearly savings above thresholds, e.g. [{ above: 0, share: 0.2 }, { above: 500000, share: 0.4 }]. */
    tiers: z.optional(z.array(z.strictObject({ above: MoneySchema, share: ShareSchema })).check(z.minLength(1))),
    basis: z._default(Basis, { cashableOnly: false }),
    /** Only savings arising in these years count (time-limited). */
    years: z.optional(Span),
    /** Cap on the total paid: an amount, or the receivers' investment plus a return (e.g. { investmentPlus: 0.1 }). */
    cap: z.optional(z.union([z.strictObject({ amount: MoneySchema }), z.strictObject({ investmentPlus: RateSchema })])),
    capPerYear: z.optional(MoneySchema),
    /** Guaranteed minimum paid each year of the deal, whatever the savings. */
    floorPerYear: z.optional(MoneySchema),
    /** How receivers split what is paid: pro rata to their investment (default), equally, or by weights. */
    splitBy: z._default(z.union([z.enum(["investment", "equal"]), z.record(IdSchema, MoneySchema)]), "investment"),
    /** Repay part of what was received if an outcome falls short of its target by a year. */
    clawback: z.optional(
      z.strictObject({
        outcome: IdSchema,
        /** Attributable outcomes expected, cumulative, by `byYear`. */
        target: z.number().check(z.positive()),
        byYear: YearSchema,
        /** Share of the shortfall-weighted payments repaid: repaid = share × (1 − achieved/target) × paid so far. */
        share: z._default(ShareSchema, 1),
      }),
    ),
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
  label: z.optional(z.string()),
  /** pooled: one pot, money moves; aligned: separate budgets planned together; virtual: joint accounting only. */
  mode: z._default(z.enum(["pooled", "aligned", "virtual"]), "pooled"),
  /** The pot: an agency of the model (e.g. kind "pool") that holds the money. */
  pot: IdSchema,
  /** Contributions each year: a fixed amount, or a share of the pot's spending on funded costs. */
  contributions: z
    .array(exactlyOne(z.strictObject({ agency: IdSchema, amount: z.optional(MoneySchema), share: z.optional(ShareSchema) }), "amount", "share"))
    .check(z.minLength(1)),
  /** Costs the pot pays for (it reimburses the agencies that bear them). */
  funds: z._default(z.strictObject({ costs: z.optional(z.array(IdSchema)), interventions: z.optional(z.array(IdSchema)) }), {}),
  /** Share of participants' savings returned to the pot. */
  savingsReturn: z.optional(z.strictObject({ share: ShareSchema, agencies: z.optional(z.array(IdSchema)), basis: z._default(Basis, { cashableOnly: false }) })),
  /** What happens to the pot's surplus each year: kept and reinvested, or paid back by rule. */
  distribute: z._default(z.union([z.enum(["reinvest", "by-contribution", "equal"]), z.record(IdSchema, MoneySchema)]), "reinvest"),
  /** Balance kept as a resilience reserve before any distribution. */
  reserve: z._default(MoneySchema, 0),
  /** May the pot go overdrawn? If not, contributors top it up pro rata. */
  overdraft: z._default(z.boolean(), false),
  years: z.optional(Span),
});

/**
 * Payment by results: attachment fees per case and payments per result.
 * @example
 * ```ts
 * PaymentByResultsSchema.safeParse({ type: "payment-by-results", id: "pbr", commissioner: "dclg", provider: "council", intervention: "tf", perCase: 4000, attachmentShare: [0.8, 0.6, 0.4], results: [{ outcome: "turned-around" }] }).success; // true
 * ```
 */
export const PaymentByResultsSchema = z.pipe(
  z
    .strictObject({
      type: z.literal("payment-by-results"),
      id: IdSchema,
      label: z.optional(z.string()),
      commissioner: IdSchema,
      provider: IdSchema,
      /** Whose cohort are the cases. */
      intervention: IdSchema,
      /** Up-front payment per case, by delivery year (one number for all years, or a list). */
      attachment: z.optional(z.union([MoneySchema, z.array(MoneySchema).check(z.minLength(1))])),
      /** Or: a maximum per case and the share of it paid up front, by delivery year (the rest on results). */
      perCase: z.optional(MoneySchema),
      attachmentShare: z.optional(z.union([ShareSchema, z.array(ShareSchema).check(z.minLength(1))])),
      /** Results payments per outcome achieved (amount per result, by delivery year), paid when the result is first achieved. */
      results: z
        .array(
          z.strictObject({
            outcome: IdSchema,
            amount: z.optional(z.union([MoneySchema, z.array(MoneySchema).check(z.minLength(1))])),
            /** Pay on attributable results (default), or on gross results as claimed — before deadweight, attribution and displacement. */
            basis: z._default(z.enum(["attributable", "gross"]), "attributable"),
          }),
        )
        .check(z.minLength(1)),
      /** No case earns more than this in total. */
      capPerCase: z.optional(MoneySchema),
    })
    .check(
      z.superRefine((d, ctx) => {
        const split = d.perCase !== undefined || d.attachmentShare !== undefined;
        if (split && (d.perCase === undefined || d.attachmentShare === undefined))
          ctx.addIssue({ code: "custom", message: "perCase and attachmentShare go together" });
        if (split && d.attachment !== undefined)
          ctx.addIssue({ code: "custom", message: "give attachment amounts, or perCase with attachmentShare, not both", path: ["attachment"] });
      }),
    ),
  z.transform((d) => d as PbrTerms<typeof d>),
);

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
  label: z.optional(z.string()),
  payer: IdSchema,
  recipient: IdSchema,
  /** The most that can be earned: an amount, or a share of a budget (LPSA: 2.5% of net budget requirement). */
  maximum: z.union([z.strictObject({ amount: MoneySchema }), z.strictObject({ shareOf: MoneySchema, rate: ShareSchema })]),
  /** Stretch targets: attributable outcomes expected (cumulative) by the assessment year. */
  targets: z
    .array(z.strictObject({ outcome: IdSchema, target: z.number().check(z.positive()), weight: z._default(z.number().check(z.positive()), 1) }))
    .check(z.minLength(1)),
  /** No reward for a target below this share of it (LPSA: 0.6). */
  threshold: z._default(ShareSchema, 0.6),
  /** proportional: reward × achievement once over the threshold; above-threshold: reward × (achievement − threshold) / (1 − threshold). */
  scale: z._default(z.enum(["proportional", "above-threshold"]), "proportional"),
  assessmentYear: YearSchema,
  /** Year the grant is paid (default: the year after assessment). */
  paymentYear: z.optional(YearSchema),
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
  label: z.optional(z.string()),
  /** Who collects the extra tax (e.g. HM Treasury) and pays part of it back. */
  payer: IdSchema,
  recipient: IdSchema,
  share: ShareSchema,
  capPerYear: z.optional(MoneySchema),
  years: z.optional(Span),
  basis: z._default(Basis, { cashableOnly: false }),
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
  label: z.optional(z.string()),
  /** Social investor who funds delivery (its costs are the intervention's costs in the model). */
  investor: IdSchema,
  /** Who pays per outcome, at what price per outcome achieved. */
  payers: z
    .array(z.strictObject({ agency: IdSchema, prices: z.array(z.strictObject({ outcome: IdSchema, price: MoneySchema })).check(z.minLength(1)) }))
    .check(z.minLength(1)),
  /** An outcomes fund paying a share of every outcome payment on the commissioners' behalf. */
  outcomesFund: z.optional(z.strictObject({ agency: IdSchema, share: ShareSchema })),
  /** Total outcome payments are capped at this amount. */
  cap: z.optional(MoneySchema),
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
  label: z.optional(z.string()),
  lender: IdSchema,
  borrower: IdSchema,
  principal: MoneySchema,
  /** Annual interest rate (nominal, e.g. 0.05). */
  rate: RateSchema,
  /** Years of repayment after drawdown (including grace years). */
  term: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
  /** Drawdown year; repayments from the following year. */
  drawdownYear: z._default(YearSchema, 0),
  repayment: z._default(z.enum(["annuity", "bullet", "straight-line"]), "annuity"),
  /** Interest-only years before the principal starts to be repaid. */
  graceYears: z._default(z.number().check(z.int(), z.minimum(0)), 0),
  /** Loan payments are cash (nominal) by default, deflated with appraisal.prices; say "real" to skip. */
  prices: z._default(z.enum(["nominal", "real"]), "nominal"),
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
    label: z.optional(z.string()),
    from: IdSchema,
    to: IdSchema,
    /** An amount each year of `years` (default: year 0 only), or explicit amounts by appraisal year. */
    amount: z.optional(MoneySchema),
    years: z.optional(Span),
    series: z.optional(z.array(MoneySchema).check(z.minLength(1))),
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
