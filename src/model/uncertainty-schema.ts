import * as z from "zod/mini"; // zod's functional build, imported as a namespace: bundlers keep only the parts used

/**
 * The optional `uncertainty` block of a model file: named scenarios and probability
 * distributions on model inputs, each addressed by an input path such as
 * `outcomes.custody.success` or `outcomes[1].persistence.dropOff`. Paths are checked against the
 * model when the block is used (see `checkUncertainty` in the uncertainty layer).
 */

const Finite = z.number().check(z.refine(Number.isFinite, "expected a finite number"));
const Positive = z.number().check(z.gt(0));

/**
 * A value that never varies (useful to pin an input inside a simulation).
 * @example
 * ```ts
 * FixedDistributionSchema.safeParse({ type: "fixed", value: 0.04 }).success; // true
 * ```
 */
export const FixedDistributionSchema = z.strictObject({ type: z.literal("fixed"), value: Finite });
/**
 * Every value between min and max equally likely.
 * @example
 * ```ts
 * UniformDistributionSchema.safeParse({ type: "uniform", min: 0.02 }).success; // false (max is required)
 * ```
 */
export const UniformDistributionSchema = z.strictObject({ type: z.literal("uniform"), min: Finite, max: Finite });
/**
 * Three-point estimate: lowest, most likely, highest.
 * @example
 * ```ts
 * TriangularDistributionSchema.safeParse({ type: "triangular", min: 0.02, mode: 0.04, max: 0.06 }).success; // true
 * ```
 */
export const TriangularDistributionSchema = z.strictObject({ type: z.literal("triangular"), min: Finite, mode: Finite, max: Finite });
/**
 * PERT (a scaled beta): three-point estimate with less weight in the tails than a triangle; `lambda` (default 4) sets how peaked.
 * @example
 * ```ts
 * PertDistributionSchema.parse({ type: "pert", min: 0.02, mode: 0.04, max: 0.08 }).lambda; // 4
 * ```
 */
export const PertDistributionSchema = z.strictObject({
  type: z.literal("pert"),
  min: Finite,
  mode: Finite,
  max: Finite,
  lambda: z._default(Positive, 4),
});
/**
 * Normal (Gaussian), optionally truncated to [min, max].
 * @example
 * ```ts
 * NormalDistributionSchema.safeParse({ type: "normal", mean: 0.04, sd: -0.01 }).success; // false
 * ```
 */
export const NormalDistributionSchema = z.strictObject({
  type: z.literal("normal"),
  mean: Finite,
  sd: z.number().check(z.minimum(0)),
  min: z.optional(Finite),
  max: z.optional(Finite),
});
/**
 * Lognormal: give either `mu` and `sigma` (mean and sd of the logarithm) or `mean` and `sd` of
 * the value itself.
 * @example
 * ```ts
 * LognormalDistributionSchema.safeParse({ type: "lognormal", mean: 62000, sd: 9000 }).success; // true
 * ```
 */
export const LognormalDistributionSchema = z.strictObject({
  type: z.literal("lognormal"),
  mu: z.optional(Finite),
  sigma: z.optional(z.number().check(z.minimum(0))),
  mean: z.optional(Positive),
  sd: z.optional(z.number().check(z.minimum(0))),
});
/**
 * Beta with shape parameters alpha and beta, scaled to [min, max] (default [0, 1]): the usual choice for a rate.
 * @example
 * ```ts
 * BetaDistributionSchema.parse({ type: "beta", alpha: 2, beta: 5 }).max; // 1
 * ```
 */
export const BetaDistributionSchema = z.strictObject({
  type: z.literal("beta"),
  alpha: Positive,
  beta: Positive,
  min: z._default(Finite, 0),
  max: z._default(Finite, 1),
});

const AnyDistribution = z.discriminatedUnion("type", [
  FixedDistributionSchema,
  UniformDistributionSchema,
  TriangularDistributionSchema,
  PertDistributionSchema,
  NormalDistributionSchema,
  LognormalDistributionSchema,
  BetaDistributionSchema,
]);
type AnyDistribution = z.output<typeof AnyDistribution>;
type Lognormal = Extract<AnyDistribution, { type: "lognormal" }>;
/** A parsed distribution: a lognormal holds exactly one of its two forms. */
type Parsed =
  | Exclude<AnyDistribution, { type: "lognormal" }>
  | (Lognormal & { mu: number; sigma: number; mean?: undefined; sd?: undefined })
  | (Lognormal & { mean: number; sd: number; mu?: undefined; sigma?: undefined });

/**
 * A probability distribution for one model input.
 *
 * @example
 * ```ts
 * DistributionSchema.parse({ type: "pert", min: 0.02, mode: 0.04, max: 0.08 }).lambda; // 4
 * ```
 */
export const DistributionSchema = z.pipe(
  AnyDistribution.check(
    z.superRefine((d, ctx) => {
      const bad = (message: string, path: string) => ctx.addIssue({ code: "custom", message, path: [path] });
      switch (d.type) {
        case "uniform":
          if (!(d.min <= d.max)) bad(`expected min ≤ max, got min ${d.min} and max ${d.max}`, "max");
          break;
        case "triangular":
        case "pert":
          if (!(d.min <= d.mode)) bad(`expected min ≤ mode, got min ${d.min} and mode ${d.mode}`, "mode");
          else if (!(d.mode <= d.max)) bad(`expected mode ≤ max, got mode ${d.mode} and max ${d.max}`, "max");
          break;
        case "normal":
          if (d.min !== undefined && d.max !== undefined && !(d.min < d.max)) bad(`expected min < max, got min ${d.min} and max ${d.max}`, "max");
          if (d.sd === 0 && ((d.min !== undefined && d.mean < d.min) || (d.max !== undefined && d.mean > d.max))) {
            bad("with sd 0 the mean must lie within [min, max]", "mean");
          }
          break;
        case "lognormal": {
          const logForm = d.mu !== undefined || d.sigma !== undefined;
          const valueForm = d.mean !== undefined || d.sd !== undefined;
          if (
            logForm === valueForm ||
            (logForm && (d.mu === undefined || d.sigma === undefined)) ||
            (valueForm && (d.mean === undefined || d.sd === undefined))
          ) {
            bad("give either mu and sigma (of the logarithm) or mean and sd (of the value)", "");
          }
          break;
        }
        case "beta":
          if (!(d.min < d.max)) bad(`expected min < max, got min ${d.min} and max ${d.max}`, "max");
          break;
      }
    }),
  ),
  z.transform((d) => d as Parsed),
);

/**
 * One named scenario: input path → value, e.g. `{ "outcomes.custody.success": 0.03 }`.
 * @example
 * ```ts
 * ScenarioSchema.safeParse({ "outcomes.custody.success": "low" }).success; // false (values are numbers)
 * ```
 */
export const ScenarioSchema = z.record(
  z.string().check(z.minLength(1)),
  z.union([Finite, z.string().check(z.regex(/^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/, "expected a number"))]),
);

/**
 * A rank (Spearman) correlation between two drawn inputs, induced with a Gaussian copula.
 *
 * @example
 * ```ts
 * CorrelationSchema.parse({ between: ["outcomes.custody.success", "outcomes.into-work.success"], rho: 0.5 }).rho; // 0.5
 * ```
 */
export const CorrelationSchema = z.strictObject({
  between: z.tuple([z.string().check(z.minLength(1)), z.string().check(z.minLength(1))]),
  rho: z.number().check(z.gt(-1), z.lt(1)),
});

/**
 * The model's `uncertainty` block.
 *
 * @example
 * ```ts
 * const u = UncertaintySchema.parse({
 *   scenarios: { low: { "outcomes.custody.success": 0.02 } },
 *   distributions: { "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.06 } },
 * });
 * Object.keys(u.scenarios ?? {}); // ["low"]
 * ```
 */
export const UncertaintySchema = z.strictObject({
  /** Named sets of input overrides, e.g. low / central / high. */
  scenarios: z.optional(z.record(z.string().check(z.minLength(1)), ScenarioSchema)),
  /** A distribution for each uncertain input, by input path. */
  distributions: z.optional(z.record(z.string().check(z.minLength(1)), DistributionSchema)),
  /** Rank correlations between pairs of inputs that have distributions. */
  correlations: z.optional(z.array(CorrelationSchema)),
});

/** A probability distribution on one input (parsed, defaults filled in). */
export type Distribution = z.output<typeof DistributionSchema>;
/** What a distribution may be written as (defaults optional). */
export type DistributionInput = z.input<typeof DistributionSchema>;
/** A rank correlation between two inputs. */
export type Correlation = z.output<typeof CorrelationSchema>;
/** A model's `uncertainty` block (parsed). */
export type Uncertainty = z.output<typeof UncertaintySchema>;
