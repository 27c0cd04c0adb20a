import { Decimal, ONE, ZERO, sum, toDecimal } from "../money";
import type { z } from "zod";
import { GainshareSchema, loadModel, type Deal, type Gainshare, type Model } from "../model";
import { buildLedger, type Ledger } from "../ledger";
import { applyDeals } from "../deals";
import { appraiseLedger, type AppraiseOptions, type Appraisal } from "../appraise";

/** Which gainshare to solve for: the id of one in the model, or a new one as in a model file (its `share` is what varies). */
export type GainshareTarget = string | Omit<z.input<typeof GainshareSchema>, "type" | "share" | "tiers">;

export interface ShareSolveOptions extends Omit<AppraiseOptions, "horizons"> {
  deal: GainshareTarget;
  horizon: number;
  /** Tolerance on the share (default 1e-10). */
  tolerance?: number;
}

/** The range of gainshare rates that leaves every party at NPV ≥ 0, or why there is none. */
export type ShareRange =
  | {
      ok: true;
      horizon: number;
      /** Smallest share that brings every receiver to NPV ≥ 0 (0 when none needs it). */
      minShare: Decimal;
      /** Largest share every payer can give while keeping NPV ≥ 0. */
      maxShare: Decimal;
      /** Receivers' NPVs at the smallest share (each ≥ 0, within a penny or so of 0 when a transfer was needed). */
      receiversAtMin: Record<string, Decimal>;
      /** Payers' NPVs at the largest share. */
      payersAtMax: Record<string, Decimal>;
    }
  | { ok: false; horizon: number; reason: "no-deal-closes-gap" | "receivers-cannot-break-even"; message: string };

interface Problem {
  ledger: Ledger;
  deals: Deal[];
  index: number;
  deal: Gainshare;
  options: AppraiseOptions;
}

function setUp(input: Model | unknown, target: GainshareTarget, options: AppraiseOptions): Problem {
  const model = loadModel(input);
  const ledger = buildLedger(model);
  const deals = [...model.deals];
  let index: number;
  if (typeof target === "string") {
    index = deals.findIndex((d) => d.id === target);
    if (index < 0 || deals[index]!.type !== "gainshare") throw new RangeError(`no gainshare deal "${target}" in the model`);
  } else {
    const parsed = GainshareSchema.safeParse({ ...target, type: "gainshare", share: 0 });
    if (!parsed.success) throw new RangeError(`invalid gainshare: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    deals.push(parsed.data);
    index = deals.length - 1;
  }
  const deal = deals[index] as Gainshare;
  if (deal.tiers) throw new RangeError(`gainshare "${deal.id}" is tiered: the solvers vary a single fixed share`);
  return { ledger, deals, index, deal, options };
}

/** Appraises the problem with the gainshare at `share`. */
function evaluate(p: Problem, share: Decimal, horizon: number): Appraisal {
  const deals = p.deals.map((d, i) => (i === p.index ? { ...p.deal, share: share.toString() } : d));
  return appraiseLedger(applyDeals(p.ledger, deals), { ...p.options, horizons: [horizon] });
}

const npvs = (a: Appraisal, ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, a.horizons[0]!.agencies[id]!.npv]));
const worst = (v: Record<string, Decimal>) => Object.values(v).reduce((m, x) => (x.lt(m) ? x : m));

/** Smallest s in [lo, hi] with pred(s) true, for pred monotone false→true. */
function bisect(pred: (s: Decimal) => boolean, lo: Decimal, hi: Decimal, tol: Decimal): Decimal {
  while (hi.minus(lo).gt(tol)) {
    const mid = lo.plus(hi).div(2);
    if (pred(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The gainshare rates that work for everyone at a horizon: the smallest share that brings the
 * receivers (investors) to NPV ≥ 0, and the largest the payers (beneficiaries) can give while
 * staying ≥ 0. Found by bisection on the exact appraisal (so caps, floors and pence rounding are
 * respected); when the smallest exceeds the largest, or even 100% is not enough, says so.
 *
 * @example
 * ```ts
 * const range = gainshareRange(model, { deal: { id: "gs", from: ["police", "moj", "dwp", "hmt", "nhs"], to: ["council"] }, horizon: 10 });
 * range.ok && range.minShare.toFixed(4); // "0.2632"
 * ```
 */
export function gainshareRange(input: Model | unknown, options: ShareSolveOptions): ShareRange {
  const { deal: target, horizon, tolerance, ...rest } = options;
  const p = setUp(input, target, rest);
  const tol = new Decimal(tolerance ?? 1e-10);
  const receivers = (s: Decimal) => npvs(evaluate(p, s, horizon), p.deal.to);
  const payers = (s: Decimal) => npvs(evaluate(p, s, horizon), p.deal.from);
  if (worst(receivers(ONE)).isNegative()) {
    return {
      ok: false,
      horizon,
      reason: "receivers-cannot-break-even",
      message: `even 100% of the payers' savings does not bring ${p.deal.to.join(", ")} to break-even at ${horizon} years`,
    };
  }
  const minShare = worst(receivers(ZERO)).isNegative() ? bisect((s) => !worst(receivers(s)).isNegative(), ZERO, ONE, tol) : ZERO;
  const maxShare = worst(payers(ONE)).isNegative() ? bisect((s) => worst(payers(s)).isNegative(), ZERO, ONE, tol).minus(tol) : ONE;
  const clampedMax = maxShare.isNegative() ? ZERO : maxShare;
  if (minShare.gt(clampedMax)) {
    return {
      ok: false,
      horizon,
      reason: "no-deal-closes-gap",
      message: `no share closes the gap at ${horizon} years: the receivers need at least ${minShare.times(100).toFixed(2)}% but the payers can give at most ${clampedMax.times(100).toFixed(2)}%`,
    };
  }
  return { ok: true, horizon, minShare, maxShare: clampedMax, receiversAtMin: receivers(minShare), payersAtMax: payers(clampedMax) };
}

/** Result of {@link equaliseShare}. */
export type EqualShare =
  | { ok: true; horizon: number; measure: "roi" | "bcr"; share: Decimal; receiversRatio: Decimal; payersRatio: Decimal }
  | { ok: false; horizon: number; measure: "roi" | "bcr"; message: string };

/**
 * The gainshare rate at which the receivers' return (ROI, or BCR) equals the payers', so both
 * sides earn the same per £1 they put in. Payers' return falls and receivers' rises as the share
 * grows, so the crossing is found by bisection.
 *
 * @example
 * ```ts
 * const eq = equaliseShare(model, { deal: { id: "gs", from: ["police", "moj", "dwp", "hmt", "nhs"], to: ["council"] }, horizon: 10 });
 * eq.ok && eq.share.toFixed(3); // "0.814"
 * ```
 */
export function equaliseShare(input: Model | unknown, options: ShareSolveOptions & { measure?: "roi" | "bcr" }): EqualShare {
  const { deal: target, horizon, tolerance, measure = "roi", ...rest } = options;
  const p = setUp(input, target, rest);
  const tol = new Decimal(tolerance ?? 1e-10);
  const ratio = (a: Appraisal, ids: readonly string[]) => {
    const ms = ids.map((id) => a.horizons[0]!.agencies[id]!);
    const pv = (k: "pvSavings" | "pvCosts" | "pvTransfers") => sum(ms.map((m) => m[k]));
    const t = pv("pvTransfers");
    const benefits = pv("pvSavings").plus(t.isPositive() ? t : ZERO);
    const costs = pv("pvCosts").plus(t.isNegative() ? t.neg() : ZERO);
    if (costs.isZero()) return null;
    return measure === "bcr" ? benefits.div(costs) : benefits.minus(costs).div(costs);
  };
  const gap = (s: Decimal) => {
    const a = evaluate(p, s, horizon);
    const r = ratio(a, p.deal.to);
    const q = ratio(a, p.deal.from);
    return { r, q, diff: r === null || q === null ? null : r.minus(q) };
  };
  const top = gap(ONE);
  if (top.diff === null || top.diff.isNegative()) {
    return { ok: false, horizon, measure, message: `even at 100% the receivers' ${measure.toUpperCase()} stays below the payers'` };
  }
  const share = bisect((s) => {
    const g = gap(s);
    return g.diff !== null && !g.diff.isNegative();
  }, ZERO, ONE, tol);
  const at = gap(share);
  return { ok: true, horizon, measure, share, receiversRatio: at.r!, payersRatio: at.q! };
}
