import * as z from "zod/mini"; // zod's functional build, imported as a namespace: bundlers keep only the parts used
import { en } from "zod/locales"; // by name: `z.locales.en` would bring every locale into a bundle

/** Building blocks shared by the model, deal and uncertainty schemas: money, shares, ids, years. */

// zod/mini, unlike zod's full build, loads no locale: without one every issue's message is
// "Invalid input". Load English, as the full build does when imported, unless the app has
// chosen a locale of its own. The messages `parseModel` gives do not depend on it (parse.ts
// words them from the issue codes), but those of the schemas used directly do, and reference
// resolution and the distribution and solver checks pass some of zod's own messages on.
if (!z.config().localeError) z.config(en());

const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;
const FY = /^\d{4}-\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The largest size of one amount in a model: £10^15 (see `src/model/range.ts` for the ledger's range). */
const MAX_AMOUNT = 1e15;
const AMOUNT_RANGE = "expected an amount no larger than £10^15 (1e15) in size, the most one input may be";
/**
 * Money: a number or a decimal string such as "1234.56" (exact), at most 10^15 in size.
 * @example
 * ```ts
 * MoneySchema.safeParse("1234.56").success; // true
 * MoneySchema.safeParse("£12").success;     // false
 * MoneySchema.safeParse("1e400").success;   // false (beyond £10^15)
 * ```
 */
export const MoneySchema = z.union([
  z.number().check(z.refine((x) => Math.abs(x) <= MAX_AMOUNT, AMOUNT_RANGE)),
  z.string().check(
    z.regex(DECIMAL, 'expected a decimal number such as "1234.56"'),
    z.refine((s) => Math.abs(Number(s)) <= MAX_AMOUNT, AMOUNT_RANGE),
  ),
]);
/**
 * A share or rate between 0 and 1 inclusive (number or decimal string).
 * @example
 * ```ts
 * ShareSchema.safeParse(1.2).success; // false
 * ```
 */
export const ShareSchema = z.union([
  z.number().check(z.minimum(0), z.maximum(1)),
  z.string().check(
    z.regex(DECIMAL),
    z.refine((s) => Number(s) >= 0 && Number(s) <= 1, "expected a share from 0 to 1"),
  ),
]);
/**
 * A rate that may be negative but must be above −1 (−100%).
 * @example
 * ```ts
 * RateSchema.safeParse("-0.5").success; // true
 * RateSchema.safeParse(-1).success;     // false
 * ```
 */
export const RateSchema = z.union([
  z.number().check(z.gt(-1)),
  z.string().check(
    z.regex(DECIMAL),
    z.refine((s) => Number(s) > -1, "expected a rate above −1"),
  ),
]);
/**
 * An identifier: letters, digits, `_`, `-` or `.`, starting with a letter or digit.
 * @example
 * ```ts
 * IdSchema.safeParse("early help").success; // false (no spaces)
 * ```
 */
export const IdSchema = z.string().check(z.regex(ID, "expected an id of letters, digits, _ . or - (no spaces)"));
/**
 * A UK financial year label such as "2025-26".
 * @example
 * ```ts
 * FinancialYearSchema.safeParse("2025/26").success; // false (model files use "2025-26")
 * ```
 */
export const FinancialYearSchema = z.string().check(z.regex(FY, 'expected a financial year like "2025-26"'));
/**
 * An appraisal year offset: 0 is the base year.
 * @example
 * ```ts
 * YearSchema.safeParse(2.5).success; // false
 * ```
 */
export const YearSchema = z.number().check(z.int(), z.minimum(0), z.maximum(500));
/**
 * A count of people, cases or outcomes: any number ≥ 0.
 * @example
 * ```ts
 * CountSchema.safeParse(-5).success; // false
 * ```
 */
export const CountSchema = z.number().check(z.minimum(0));

/**
 * Lenses, from narrowest to widest: fiscal ⊂ economic ⊂ social.
 * @example
 * ```ts
 * LensSchema.options; // ["fiscal", "economic", "social"]
 * ```
 */
export const LensSchema = z.enum(["fiscal", "economic", "social"]);
/**
 * Whether money is in constant prices of a price base year (`real`) or cash of each year (`nominal`).
 * @example
 * ```ts
 * PricesSchema.options; // ["real", "nominal"]
 * ```
 */
export const PricesSchema = z.enum(["real", "nominal"]);

/**
 * A parsed value with exactly one of the fields `A` and `B`: a union, so code that checks one
 * (`if (v.series !== undefined) … else v.amount`) gets the other without a non-null assertion.
 */
export type OneOf<T, A extends keyof T, B extends keyof T> =
  | (T & { [K in A]-?: Exclude<T[K], undefined> } & { [K in B]?: undefined })
  | (T & { [K in B]-?: Exclude<T[K], undefined> } & { [K in A]?: undefined });

/**
 * Requires exactly one of two optional fields of an object schema, with a path-named error
 * ("give exactly one of amount or series"), and types the parsed value as {@link OneOf}.
 * The JSON Schema (which describes the input) is unchanged.
 *
 * @example
 * ```ts
 * CostSchema.safeParse({ id: "x", agency: "council" }).success;              // false (neither amount nor series)
 * CostSchema.safeParse({ id: "x", agency: "council", amount: 10 }).success;  // true
 * ```
 */
export function exactlyOne<S extends z.ZodMiniObject, A extends keyof z.output<S> & string, B extends keyof z.output<S> & string>(
  schema: S,
  a: A,
  b: B,
  message = `give exactly one of ${a} or ${b}`,
) {
  const checked = schema.check(
    z.superRefine((v, ctx) => {
      const o = v as Record<string, unknown>;
      if ((o[a] === undefined) === (o[b] === undefined)) ctx.addIssue({ code: "custom", message });
    }),
  );
  return z.pipe(
    checked,
    z.transform((v: z.output<S>) => v as OneOf<z.output<S>, A, B>),
  );
}
