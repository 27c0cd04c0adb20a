import { Decimal, ONE, ZERO, sum } from "../money";
import type { z } from "zod";
import { GainshareSchema, loadModel, type Deal, type Gainshare, type Model } from "../model";
import { annualFlows, buildLedger, selectEntries, type Ledger } from "../ledger";
import { applyDeal, applyDeals } from "../deals";
import { appraisalBasis, appraiseLedger, type AppraisalBasis, type AppraiseOptions, type Metrics } from "../appraise";

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
  /** The deal solved for: a fixed share (not tiers). */
  deal: Extract<Gainshare, { tiers?: undefined }>;
  basis: AppraisalBasis;
  horizon: number;
  /** Each agency's figures at the horizon with every deal but the one solved for (computed once). */
  base: Record<string, Metrics>;
}

function setUp(input: Model | unknown, target: GainshareTarget, options: AppraiseOptions, horizon: number): Problem {
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
  if (deal.tiers !== undefined) throw new RangeError(`gainshare "${deal.id}" is tiered: the solvers vary a single fixed share`);
  // Every deal reads the ledger before deals, so the others do not depend on this one's share:
  // appraise with them once, then add this deal's payments for each share tried.
  const others = deals.filter((_, i) => i !== index);
  // Always a dealt ledger, even with no other deal: appraising the plain ledger would apply all
  // of the model's deals, this one at its own share, and count it twice.
  const withOthers = applyDeals(ledger, others);
  const settings = { ...options, horizons: [horizon] };
  const result = appraiseLedger(withOthers, settings);
  return { ledger, deals, index, deal, basis: appraisalBasis(ledger, settings), horizon, base: result.horizons[0]!.agencies };
}

/**
 * The present value, at the horizon, of what the deal moves to (+) or from (−) each agency
 * when its share is `share`: the deal's own entries, counted and discounted as the appraisal
 * counts them (so base + this is the appraisal with the deal).
 */
function dealPv(p: Problem, share: Decimal): Record<string, Decimal> {
  const deal = { ...p.deal, share: share.toString() };
  const { entries } = applyDeal(p.ledger, deal, p.index);
  const { lens, cashableOnly, factors } = p.basis;
  // Only the deal's parties move.
  const parties = p.ledger.plan.agencies.filter((a) => p.deal.from.includes(a.id) || p.deal.to.includes(a.id));
  const flows = annualFlows(selectEntries(entries, { lens, cashableOnly }), parties, p.ledger.years, factors);
  return Object.fromEntries(
    Object.entries(flows.agencies).map(([id, f]) => [id, f.pv.transfers.slice(0, p.horizon).reduce((a, b) => (b.isZero() ? a : a.plus(b)), ZERO)]),
  );
}

/** Each named agency's NPV at the horizon with the deal at `share`. */
function npvs(p: Problem, share: Decimal, ids: readonly string[]): Record<string, Decimal> {
  const moved = dealPv(p, share);
  return Object.fromEntries(ids.map((id) => [id, p.base[id]!.npv.plus(moved[id]!)]));
}
const worst = (v: Record<string, Decimal>) => Object.values(v).reduce((m, x) => (x.lt(m) ? x : m));

/**
 * Smallest s in [lo, hi] (to within `tol`) where `value(s)` crosses to the side `pred` accepts,
 * for a monotone value with pred false at lo and true at hi. A bracketing secant (the Illinois
 * variant of regula falsi) with a bisection step whenever the bracket fails to halve: payments
 * are nearly linear in the share, so a handful of appraisals usually settle it where bisection
 * alone takes ~34.
 */
function crossing(value: (s: Decimal) => Decimal | null, pred: (v: Decimal | null) => boolean, lo: Decimal, hi: Decimal, tol: Decimal): Decimal {
  const num = (v: Decimal | null) => (v === null ? NaN : v.toNumber());
  let flo = num(value(lo));
  let fhi = num(value(hi));
  let kept = 0; // which end the last step moved: +1 hi, −1 lo
  const spans: Decimal[] = [];
  const guard = tol.div(4);
  while (hi.minus(lo).gt(tol)) {
    const span = hi.minus(lo);
    // Bisect when the last two steps did not halve the bracket (a secant stuck near one end).
    const slow = spans.length >= 2 && span.gt(spans[spans.length - 2]!.div(2));
    const frac = flo / (flo - fhi);
    let mid = !slow && frac > 0 && frac < 1 ? lo.plus(span.times(frac)) : lo.plus(hi).div(2);
    // Strictly inside the bracket, at least a quarter of the tolerance from each end.
    if (mid.lt(lo.plus(guard))) mid = lo.plus(Decimal.min(guard, span.div(2)));
    if (mid.gt(hi.minus(guard))) mid = hi.minus(Decimal.min(guard, span.div(2)));
    spans.push(span);
    const v = value(mid);
    if (pred(v)) {
      hi = mid;
      fhi = num(v);
      if (kept === 1) flo /= 2; // Illinois: an end left in place twice counts half
      kept = 1;
    } else {
      lo = mid;
      flo = num(v);
      if (kept === -1) fhi /= 2;
      kept = -1;
    }
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
  const p = setUp(input, target, rest, horizon);
  const tol = new Decimal(tolerance ?? 1e-10);
  const receivers = (s: Decimal) => npvs(p, s, p.deal.to);
  const payers = (s: Decimal) => npvs(p, s, p.deal.from);
  if (worst(receivers(ONE)).isNegative()) {
    return {
      ok: false,
      horizon,
      reason: "receivers-cannot-break-even",
      message: `even 100% of the payers' savings does not bring ${p.deal.to.join(", ")} to break-even at ${horizon} years`,
    };
  }
  const atMin = (s: Decimal) => worst(receivers(s));
  const atMax = (s: Decimal) => worst(payers(s));
  const minShare = atMin(ZERO).isNegative() ? crossing(atMin, (v) => v !== null && !v.isNegative(), ZERO, ONE, tol) : ZERO;
  const maxShare = atMax(ONE).isNegative() ? crossing(atMax, (v) => v?.isNegative() === true, ZERO, ONE, tol).minus(tol) : ONE;
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
  const p = setUp(input, target, rest, horizon);
  const tol = new Decimal(tolerance ?? 1e-10);
  const ratio = (moved: Record<string, Decimal>, ids: readonly string[]) => {
    const ms = ids.map((id) => p.base[id]!);
    const pv = (k: "pvSavings" | "pvCosts") => sum(ms.map((m) => m[k]));
    const t = sum(ids.map((id) => p.base[id]!.pvTransfers.plus(moved[id]!)));
    const benefits = pv("pvSavings").plus(t.isPositive() ? t : ZERO);
    const costs = pv("pvCosts").plus(t.isNegative() ? t.neg() : ZERO);
    if (costs.isZero()) return null;
    return measure === "bcr" ? benefits.div(costs) : benefits.minus(costs).div(costs);
  };
  const gap = (s: Decimal) => {
    const moved = dealPv(p, s);
    const r = ratio(moved, p.deal.to);
    const q = ratio(moved, p.deal.from);
    return { r, q, diff: r === null || q === null ? null : r.minus(q) };
  };
  const top = gap(ONE);
  if (top.diff === null || top.diff.isNegative()) {
    return { ok: false, horizon, measure, message: `even at 100% the receivers' ${measure.toUpperCase()} stays below the payers'` };
  }
  const share = crossing(
    (s) => gap(s).diff,
    (d) => d !== null && !d.isNegative(),
    ZERO,
    ONE,
    tol,
  );
  const at = gap(share);
  return { ok: true, horizon, measure, share, receiversRatio: at.r!, payersRatio: at.q! };
}
