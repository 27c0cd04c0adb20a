import { parseFinancialYear } from "../time";
import type { Model } from "./schema";
import type { Issue } from "./validate";

/**
 * The range of money the ledger holds exactly, and the check that keeps a model inside it.
 *
 * The ledger holds every amount to 12 decimal places in decimal arithmetic of 40 significant
 * digits, so a sum is exact while it stays below 10^28. Its limit is set lower, at 10^24 (a
 * trillion trillion pounds), to leave four digits for the rounding of present values (each
 * discounted amount is rounded to 40 significant digits, an error below 10^-15 of a penny at
 * that size), so that the agencies always sum to the system to the penny. One input amount may
 * be at most 10^15 (a thousand trillion pounds, several hundred times UK GDP).
 *
 * Amounts are products (amount × participants × growth × prices × …) summed over lines and years,
 * so the schema's limit on each input is not enough: `rangeIssues` bounds, from the model alone,
 * the largest size every line (and deal) could reach in any year, adds them up over the years
 * and both sides of each transfer, and scales them by the largest discount factor any schedule
 * gives. A model whose bound exceeds the limit is refused at the path of the line responsible.
 * The bound is generous (it assumes the worst of every factor at once), so a model it accepts is
 * always held exactly; realistic models are many orders of magnitude inside it.
 */

/** The largest size of one money input in a model file: £10^15. */
export const MAX_AMOUNT = 1e15;

/** The largest total the ledger holds exactly (with room to spare for present values): £10^24. */
export const LEDGER_LIMIT = 1e24;

/** `x` as a number (model money and rates are numbers or decimal strings). */
const num = (x: number | string | undefined, fallback = 0): number => (x === undefined ? fallback : Number(x));

/** base^k for base > 0 and k ≥ 0, as a float that may overflow to Infinity (never NaN). */
const power = (base: number, k: number): number => (k === 0 || base === 1 ? 1 : Math.exp(k * Math.log(base)));

/** Largest size of a number or of a list's items. */
const largest = (xs: readonly (number | string)[]): number => xs.reduce<number>((m, x) => Math.max(m, Math.abs(num(x))), 0);

/** "3.2 × 10^30", "4,500,000": a large number in words. */
function size(x: number): string {
  if (!Number.isFinite(x)) return "more than 10^308";
  if (x < 1e9) return Math.round(x).toLocaleString("en-GB");
  const [mantissa, exponent] = x.toExponential(1).split("e");
  return `${mantissa} × 10^${Number(exponent)}`;
}
const pounds = (x: number) => `£${size(x)}`;

/** One line or deal: where it is and the most it could move in total over the appraisal. */
interface Exposure {
  path: (string | number)[];
  what: string;
  total: number;
}

/**
 * Checks that a model's amounts stay within the range the ledger holds exactly (see
 * {@link LEDGER_LIMIT}). Call on a model whose shape and references are valid. Returns the lines
 * (or deals) that could take the ledger beyond the limit, each at its path.
 *
 * @example
 * ```ts
 * rangeIssues(model).length; // 0
 * const huge = { ...model, interventions: [{ ...model.interventions[0], cohort: 1e21 }] };
 * rangeIssues(huge)[0].path; // ["costs", 1]
 * ```
 */
export function rangeIssues(model: Model): Issue[] {
  const n = model.appraisal.years ?? Math.max(...model.appraisal.horizons);
  const last = n - 1;
  const { appraisal } = model;

  // Prices: the largest multiplier from a line's prices to the appraisal price base.
  const year = (label: string): number | null => {
    try {
      return parseFinancialYear(label);
    } catch {
      return null;
    }
  };
  const priceBase = year(appraisal.priceBase);
  const baseYear = year(appraisal.baseYear);
  if (priceBase === null || baseYear === null) return [];
  const basis = appraisal.prices;
  /** Multiplier from `from`'s prices to the price base: (1 + i)^(priceBase − from), or a deflator ratio. */
  const factor = (from: number): number => {
    if (!basis || from === priceBase) return 1;
    if ("inflation" in basis) return power(1 + num(basis.inflation), priceBase - from);
    const index = (y: number) => num(basis.deflator[`${y}-${String((y + 1) % 100).padStart(2, "0")}`], NaN);
    return index(priceBase) / index(from);
  };
  const prices = (item: { priceBase?: string; prices?: "real" | "nominal" }): number => {
    // Nominal amounts are deflated year by year (the largest multiplier is at one end, or in
    // between for a deflator); real amounts in another price base by one constant factor.
    if (item.prices === "nominal" && basis) return Math.max(...Array.from({ length: n }, (_, t) => factor(baseYear + t)));
    if (item.priceBase !== undefined) {
      const from = year(item.priceBase);
      return from === null ? Infinity : factor(from);
    }
    return 1;
  };

  // Discounting: the largest factor any schedule gives (above 1 only with negative rates).
  const schedules = [
    appraisal.discount,
    ...model.costs.map((c) => c.discount),
    ...model.savings.map((s) => s.discount),
    ...model.outcomes.flatMap((o) => o.values.map((v) => v.discount)),
  ];
  const schedulePaths: (string | number)[][] = [
    ["appraisal", "discount"],
    ...model.costs.map((_, i) => ["costs", i, "discount"]),
    ...model.savings.map((_, i) => ["savings", i, "discount"]),
    ...model.outcomes.flatMap((o, i) => o.values.map((_, j) => ["outcomes", i, "values", j, "discount"])),
  ];
  let discount = 1;
  let discountPath: (string | number)[] = ["appraisal", "discount"];
  let lowestRate = 0;
  schedules.forEach((s, k) => {
    if (s === undefined || typeof s === "string") return;
    const rates = Array.isArray(s) ? s.map((b) => num(b.rate)) : [num(s.rate)];
    const lowest = Math.min(...rates);
    const factor = lowest < 0 ? power(1 / (1 + lowest), last + 1) : 1;
    if (factor > discount) [discount, discountPath, lowestRate] = [factor, schedulePaths[k]!, lowest];
  });

  // Cohorts: the most people starting an intervention in one year.
  const interventions = new Map(model.interventions.map((v) => [v.id, v]));
  const cohortMemo = new Map<string, number>();
  const cohort = (id: string, depth = 0): number => {
    const known = cohortMemo.get(id);
    if (known !== undefined) return known;
    const v = interventions.get(id);
    let size = 0;
    if (v && depth <= model.interventions.length) {
      if (typeof v.cohort === "number") size = v.cohort;
      else if (Array.isArray(v.cohort)) size = largest(v.cohort);
      else size = cohort(v.cohort.from, depth + 1) * num(v.cohort.share);
    }
    cohortMemo.set(id, size);
    return size;
  };
  const grades = model.tables.optimismBias ?? {};
  const uplift = (grade: string | undefined) => (grade !== undefined && grades[grade] ? Math.max(1, 1 + num(grades[grade].costs)) : 1);
  const outcomes = new Map(model.outcomes.map((o) => [o.id, o]));
  /** Most outcomes of one outcome active in a year: every delivery year's cohort, still active. */
  const active = (id: string): number => {
    const o = outcomes.get(id);
    if (!o) return 0;
    const chain =
      [o.reach, o.engagement, o.success, o.attribution].reduce<number>((p, x) => p * num(x), 1) * (1 - num(o.deadweight)) * (1 - num(o.displacement));
    return n * cohort(o.intervention) * chain;
  };
  const unitCosts = new Map((model.tables.unitCosts ?? []).map((u) => [u.id, u]));

  const exposures: Exposure[] = [];
  /** A line booking up to `perYear` in each of n years, on one side or both (a transfer). */
  const line = (path: (string | number)[], what: string, perYear: number, sides: 1 | 2) => exposures.push({ path, what, total: perYear * n * sides });

  for (const [key, items] of [
    ["costs", model.costs],
    ["savings", model.savings],
  ] as const) {
    items.forEach((c, i) => {
      const ob = key === "costs" ? uplift(c.confidence) : 1;
      const sides = "transferFrom" in c && c.transferFrom !== undefined ? 2 : 1;
      if (c.series) return line([key, i], key === "costs" ? "cost" : "saving", largest(c.series) * ob * prices(c), sides);
      const people = c.per === "participant" && c.intervention !== undefined ? cohort(c.intervention) : 1;
      const growth = c.growth === undefined || c.per === "once" ? 1 : power(Math.max(1, 1 + num(c.growth)), last);
      line([key, i], key === "costs" ? "cost" : "saving", Math.abs(num(c.amount)) * people * growth * ob * prices(c), sides);
    });
  }
  model.outcomes.forEach((o, i) =>
    o.values.forEach((v, j) => {
      const unit = v.unitCost !== undefined ? unitCosts.get(v.unitCost) : undefined;
      const value = Math.abs(num(unit ? unit.value : v.amount));
      const multiplier = prices({ priceBase: unit?.priceBase ?? v.priceBase, prices: v.prices });
      line(["outcomes", i, "values", j], "outcome value", active(o.id) * value * multiplier, v.transferFrom !== undefined ? 2 : 1);
    }),
  );
  model.costShunts.forEach((s, i) => {
    const perYear = s.series ? largest(s.series) : Math.abs(num(s.amount)) * (s.outcome !== undefined ? active(s.outcome) : 1);
    line(["costShunts", i], "cost shunt", perYear * prices(s), 2);
  });

  // Deals move money in proportion to the ledger's own amounts or to their own inputs.
  const lines = exposures.reduce((s, e) => s + e.total, 0);
  model.deals.forEach((d, i) => {
    const path = ["deals", i];
    let total: number;
    switch (d.type) {
      case "gainshare":
        total = lines + Math.abs(num(d.floorPerYear)) * n * d.to.length;
        break;
      case "earn-back":
        total = lines;
        break;
      case "pooled-budget":
        total =
          8 * lines + 3 * d.contributions.reduce((s, c) => s + (c.amount !== undefined ? Math.abs(num(c.amount)) * n : lines), 0) + Math.abs(num(d.reserve));
        break;
      case "payment-by-results": {
        const list = (x: number | string | (number | string)[] | undefined) => (x === undefined ? 0 : Array.isArray(x) ? largest(x) : Math.abs(num(x)));
        const perCase = Math.max(list(d.attachment), list(d.perCase));
        const results = d.results.reduce((s, r) => s + Math.max(list(r.amount), list(d.perCase)) * n * cohort(d.intervention), 0);
        total = perCase * cohort(d.intervention) * n + results;
        break;
      }
      case "reward-grant":
        total = "amount" in d.maximum ? Math.abs(num(d.maximum.amount)) : Math.abs(num(d.maximum.shareOf)) * num(d.maximum.rate);
        break;
      case "outcomes-contract":
        total = d.payers.reduce((s, p) => s + p.prices.reduce((t, q) => t + Math.abs(num(q.price)) * active(q.outcome), 0), 0) * n * 2;
        break;
      case "loan":
        total = Math.abs(num(d.principal)) * (1 + Math.abs(num(d.rate))) * (d.term + 1);
        break;
      case "grant":
        total = d.series ? largest(d.series) * d.series.length : Math.abs(num(d.amount)) * n;
        break;
    }
    // Deals pay in real terms, except loans, whose payments are cash unless said otherwise.
    const multiplier = d.type === "loan" ? prices({ prices: d.prices }) : 1;
    exposures.push({ path, what: "deal", total: total * multiplier * 2 });
  });

  const limit = "the £10^24 the ledger holds exactly";
  const total = exposures.reduce((s, e) => s + e.total, 0);
  if (!(total <= LEDGER_LIMIT)) {
    const alone = exposures.filter((e) => !(e.total <= LEDGER_LIMIT));
    if (alone.length > 0) {
      return alone.map((e) => ({
        path: e.path,
        message: `this ${e.what} could reach ${pounds(e.total)} over the appraisal, beyond ${limit}: check its amount and the cohort, growth and price factors that multiply it`,
      }));
    }
    const top = exposures.reduce((a, b) => (b.total > a.total ? b : a));
    return [
      {
        path: top.path,
        message: `the model's lines together could reach ${pounds(total)} over the appraisal, beyond ${limit}; this ${top.what} is the largest, at up to ${pounds(top.total)}`,
      },
    ];
  }
  if (!(total * discount <= LEDGER_LIMIT)) {
    return [
      {
        path: discountPath,
        message: `discounting at ${(lowestRate * 100).toPrecision(3)}% a year over ${n} years multiplies amounts by up to ${size(discount)}, taking the model's amounts (up to ${pounds(total)}) beyond ${limit}`,
      },
    ];
  }
  return [];
}
