import { InvalidModelError, loadModel, type Model } from "../model";
import { appraise, type AppraiseOptions } from "../appraise";
import { brent } from "../metrics/roots";
import type { Decimal } from "../money";
import { resolveInput, setInputs, type ResolvedInput } from "./paths";

/** Options of {@link switchingValue}. */
export interface SwitchingOptions extends AppraiseOptions {
  /** Whose NPV: an agency id, "public-sector" (the public bodies together), or the whole system (default). */
  agency?: string;
  /** Horizon in years (default: the model's longest). */
  horizon?: number;
  /** Range searched, [low, high] (default: the input's own limits, e.g. 0–1 for a share; else 0 to 100 × its value). */
  bounds?: [number, number];
  /** Absolute tolerance on the switching value (default 1e-9 × the width of the range). */
  xtol?: number;
  /** Grid points tried across the range to find where the NPV changes sign (default 32). */
  grid?: number;
}

interface Common {
  path: string;
  canonical: string;
  /** "system", "public-sector" or the agency id. */
  party: string;
  horizon: number;
  baseValue: number;
  baseNpv: Decimal;
  bounds: [number, number];
  /** Exact appraisals run. */
  evaluations: number;
}

/**
 * The value of an input at which an NPV crosses zero (the Green Book's switching value), or the
 * typed answer that it never does within the range searched.
 */
export type SwitchingValue =
  | (Common & {
      found: true;
      value: number;
      /** value − baseValue, and as a share of baseValue (null when that is 0). */
      change: number;
      relativeChange: number | null;
      /** Exact NPV with the input at `value` (zero up to the tolerance's effect). */
      npvAtValue: Decimal;
      /** |value − true switching value| ≤ tolerance (for whole-number inputs: the first whole number past the crossing). */
      tolerance: number;
    })
  | (Common & { found: false; reason: "never-within-bounds"; npvAtLow: Decimal; npvAtHigh: Decimal; message: string });

function defaultBounds(input: ResolvedInput): [number, number] {
  const d = input.domain;
  const v = input.value;
  const lo = Number.isFinite(d.min) ? (d.minOpen ? d.min + 1e-9 * Math.max(1, Math.abs(d.min)) : d.min) : v >= 0 ? 0 : 100 * v;
  const hi = Number.isFinite(d.max) ? d.max : v > 0 ? 100 * v : v < 0 ? 0 : NaN;
  if (!Number.isFinite(hi) || !(lo < hi))
    throw new InvalidModelError([{ path: input.path, message: `give bounds: ${input.canonical} is ${v} and has no natural range` }]);
  return [lo, Math.max(hi, v)];
}

/**
 * Finds the switching value of an input: where the NPV of the system (or an agency) at a horizon
 * crosses zero, all else as in the model. The NPV is appraised exactly at each trial value; a grid
 * across the range finds the sign change nearest the model's value and Brent's method pins it to
 * the stated tolerance. Whole-number inputs (lags, years) give the first whole number past it.
 *
 * @example
 * ```ts
 * const sv = switchingValue(model, "costs.key-workers-grant.amount", { horizon: 5 });
 * sv.found && sv.value.toFixed(2); // "2096.09" (society's NPV over 5 years is zero at £2,096.09 a family)
 * const council = switchingValue(model, "outcomes.care-entry.success", { agency: "council" });
 * council.found && council.value.toFixed(4); // "0.0749"
 * const pub = switchingValue(model, "costs.key-workers-grant.amount", { agency: "public-sector", horizon: 10 });
 * pub.found && pub.value.toFixed(0); // "6868" (the public bodies together break even at £6,868 a family)
 * switchingValue(model, "outcomes.custody.success", { agency: "council" }).found; // false
 * ```
 */
export function switchingValue(input: Model | unknown, path: string, options: SwitchingOptions = {}): SwitchingValue {
  const model = loadModel(input);
  const resolved = resolveInput(model, path);
  const { agency, horizon: h, bounds: given, xtol: xt, grid: g, ...appraiseOptions } = options;
  const horizon = h ?? Math.max(...(appraiseOptions.horizons ?? model.appraisal.horizons));
  if (agency !== undefined && agency !== "public-sector" && !model.agencies.some((a) => a.id === agency)) {
    throw new InvalidModelError([
      { path: "options.agency", message: `unknown agency "${agency}" (agencies are: ${model.agencies.map((a) => a.id).join(", ")}; or "public-sector")` },
    ]);
  }
  const bounds = given ?? defaultBounds(resolved);
  if (!(bounds[0] < bounds[1]))
    throw new InvalidModelError([{ path: "options.bounds", message: `expected [low, high] with low < high, got [${bounds.join(", ")}]` }]);
  let evaluations = 0;
  const cache = new Map<number, Decimal>();
  const npv = (x: number): Decimal => {
    const hit = cache.get(x);
    if (hit) return hit;
    evaluations++;
    const m = x === resolved.value ? model : setInputs(model, { [resolved.canonical]: x });
    const r = appraise(m, { ...appraiseOptions, horizons: [horizon] }).horizons[0]!;
    const v = agency === undefined ? r.system.npv : agency === "public-sector" ? r.publicSector.npv : r.agencies[agency]!.npv;
    cache.set(x, v);
    return v;
  };
  const f = (x: number) => npv(x).toNumber();
  const baseNpv = npv(resolved.value);
  const common: Common = {
    path,
    canonical: resolved.canonical,
    party: agency ?? "system",
    horizon,
    baseValue: resolved.value,
    baseNpv,
    bounds,
    evaluations: 0,
  };
  const found = (value: number, tolerance: number): SwitchingValue => ({
    ...common,
    evaluations,
    found: true,
    value,
    change: value - resolved.value,
    relativeChange: resolved.value === 0 ? null : (value - resolved.value) / resolved.value,
    npvAtValue: npv(value),
    tolerance,
  });
  if (baseNpv.isZero()) return found(resolved.value, 0);

  const integer = resolved.domain.integer;
  const [lo, hi] = integer ? [Math.ceil(bounds[0]), Math.floor(bounds[1])] : bounds;
  const n = Math.max(2, Math.min(g ?? 32, integer ? hi - lo : Infinity));
  const points = Array.from({ length: n + 1 }, (_, i) => (integer ? Math.round(lo + ((hi - lo) * i) / n) : lo + ((hi - lo) * i) / n));
  const values = points.map(f);
  // Cells where the sign changes; take the one nearest the model's own value.
  let best = -1;
  for (let i = 0; i < n; i++) {
    const a = values[i]!;
    const b = values[i + 1]!;
    if (a === 0 || Math.sign(a) !== Math.sign(b)) {
      const distance = Math.min(Math.abs(points[i]! - resolved.value), Math.abs(points[i + 1]! - resolved.value));
      if (best < 0 || distance < Math.min(Math.abs(points[best]! - resolved.value), Math.abs(points[best + 1]! - resolved.value))) best = i;
    }
  }
  if (values[n] === 0 && best < 0) return found(points[n]!, 0);
  if (best < 0) {
    return {
      ...common,
      evaluations,
      found: false,
      reason: "never-within-bounds",
      npvAtLow: npv(points[0]!),
      npvAtHigh: npv(points[n]!),
      message: `the ${agency ?? "system"} NPV at ${horizon} years keeps the same sign for ${resolved.canonical} from ${bounds[0]} to ${bounds[1]}`,
    };
  }
  let a = points[best]!;
  let b = points[best + 1]!;
  if (values[best] === 0) return found(a, 0);
  if (integer) {
    // The first whole number, moving from the model's value towards the crossing, with the other sign.
    const towardsHigh = resolved.value <= a;
    const sa = Math.sign(values[best]!);
    while (b - a > 1) {
      const m = Math.floor((a + b) / 2);
      if (Math.sign(f(m)) === sa) a = m;
      else b = m;
    }
    return found(towardsHigh ? b : a, 0);
  }
  const tolerance = xt ?? 1e-9 * (bounds[1] - bounds[0]);
  const root = brent(f, a, b, { xtol: tolerance, fa: values[best], fb: values[best + 1] });
  return found(root.x, tolerance);
}
