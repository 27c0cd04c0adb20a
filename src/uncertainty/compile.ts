import { toDecimal } from "../money";
import { discountFactorsFloat, type DiscountSchedule } from "../discount";
import { appraisalYears, InvalidModelError, type Model } from "../model";
import { compilePlan, dynamicProfiles, fillProfile, floatArith, isFactorPath, type PlanFactor, type PlanLine } from "../ledger";
import { appraise, type AppraiseOptions } from "../appraise";
import { setInputs, type ResolvedInput } from "./paths";

/**
 * The Monte Carlo kernel: NPVs of the system, the public sector and every agency at every
 * horizon, for one draw of the uncertain inputs, in float64 over typed arrays without allocating.
 * It evaluates the same plan as the exact ledger (src/ledger/plan.ts): no ledger rule is stated
 * here. Lines whose amounts a drawn input only scales keep their discounted sums from compile
 * time (one multiply-add per horizon per draw); profiles a drawn input shapes (timing, cohorts,
 * persistence) are re-evaluated per draw. Models or inputs outside the fast path fall back to
 * the exact ledger for each draw (`method: "exact"`).
 */

/** Inputs with no effect on any NPV at the horizons (they change only settlement and cliff views). */
const NO_NPV_EFFECT = /^agencies\[\d+\]\.(settlementYears|budgets\[\d+\]\.fundingEndsYear)$/;

const LENS_ORDER = { fiscal: 0, economic: 1, social: 2 } as const;

/** Appraisal settings of a simulation (the model's own `appraisal` block fills the gaps). */
export type KernelOptions = Pick<AppraiseOptions, "horizons" | "lens" | "cashableOnly" | "discount" | "timing">;

/** A compiled model: evaluates every NPV for one draw of the inputs. */
export interface NpvKernel {
  /** "fast" (float64 kernel) or "exact" (the Decimal ledger for every draw). */
  readonly method: "fast" | "exact";
  /** Why the exact path is used (empty for the fast path). */
  readonly reasons: readonly string[];
  /** Agency ids in model order. */
  readonly agencies: readonly string[];
  /** Horizons in years, ascending. */
  readonly horizons: readonly number[];
  /** The drawn inputs: `theta[k]` is the value of `inputs[k]`. */
  readonly inputs: readonly ResolvedInput[];
  /** Figures per draw: (2 + agencies) × horizons; party 0 is the system, 1 the public sector, 2 + a agency a. */
  readonly outputs: number;
  /** Writes figure `party * horizons.length + h` to `out[index + figure * stride]`. */
  evaluate(theta: Float64Array, out: Float64Array, index?: number, stride?: number): void;
}

/**
 * Resolved appraisal settings, as `appraise` would use them (options first, then the model's own).
 *
 * @example
 * ```ts
 * kernelSettings(model, { horizons: [10, 5] }).horizons; // [5, 10]
 * ```
 */
export function kernelSettings(model: Model, options: KernelOptions = {}) {
  const a = model.appraisal;
  const years = appraisalYears(model);
  const horizons = [...new Set(options.horizons ?? a.horizons)].sort((x, y) => x - y);
  const bad = horizons.findIndex((h) => !Number.isInteger(h) || h < 1 || h > years);
  if (bad >= 0)
    throw new InvalidModelError([{ path: "options.horizons", message: `expected whole numbers of years from 1 to ${years}, got ${horizons[bad]}` }]);
  return {
    years,
    horizons,
    lens: options.lens ?? a.lens,
    cashableOnly: options.cashableOnly ?? a.cashableOnly,
    discount: (options.discount ?? a.discount) as DiscountSchedule,
    timing: options.timing ?? a.timing,
  };
}

/**
 * Why the fast path cannot take a model with these drawn inputs (empty when it can): every plan
 * factor is supported; deals, and inputs that change the plan's structure (years, discounting,
 * prices), are not.
 *
 * @example
 * ```ts
 * fastPathGaps(model, [resolveInput(model, "outcomes.custody.success")]); // []
 * fastPathGaps(model, [resolveInput(model, "appraisal.years")]).length;   // 1
 * ```
 */
export function fastPathGaps(model: Model, inputs: readonly ResolvedInput[]): string[] {
  const reasons = inputs
    .filter((i) => !isFactorPath(i.canonical) && !NO_NPV_EFFECT.test(i.canonical))
    .map((i) => `${i.path} (${i.canonical}) is not in the fast path`);
  if (model.deals.length > 0) reasons.push("deals (caps, thresholds, shares) are not in the fast path");
  return reasons;
}

/**
 * Compiles a model and a list of drawn inputs into an {@link NpvKernel}.
 *
 * @example
 * ```ts
 * const inputs = [resolveInput(model, "outcomes.custody.success")];
 * const kernel = compileNpv(model, inputs);
 * const out = new Float64Array(kernel.outputs);
 * kernel.evaluate(Float64Array.of(0.04), out);
 * Math.round(out[2]); // 1397519 (society's NPV over 10 years: the model's own value)
 * ```
 */
export function compileNpv(model: Model, inputs: readonly ResolvedInput[], options: KernelOptions & { method?: "fast" | "exact" } = {}): NpvKernel {
  const settings = kernelSettings(model, options);
  const reasons = options.method === "exact" ? ["the exact path was asked for"] : fastPathGaps(model, inputs);
  return reasons.length ? exactKernel(model, inputs, settings, options, reasons) : fastKernel(model, inputs, settings);
}

type Settings = ReturnType<typeof kernelSettings>;

/** Writes one draw's figures: the system (all parties), the public sector, then each agency. */
function writeOut(acc: Float64Array, isPublic: Uint8Array, H: number, out: Float64Array, index: number, stride: number): void {
  const A = isPublic.length;
  for (let h = 0; h < H; h++) {
    let system = 0;
    let pub = 0;
    for (let a = 0; a < A; a++) {
      const v = acc[a * H + h]!;
      system += v;
      if (isPublic[a]) pub += v;
      out[index + ((2 + a) * H + h) * stride] = v;
    }
    out[index + h * stride] = system;
    out[index + (H + h) * stride] = pub;
  }
}

/** One side of a plan line as the kernel sums it: an agency, a scale and a profile, weighted by prices × discount. */
interface Part {
  agency: number;
  constant: number;
  slots: number[];
  transforms: number[];
  profile: number;
  w: Float64Array;
}

function fastKernel(model: Model, inputs: readonly ResolvedInput[], s: Settings): NpvKernel {
  const plan = compilePlan(model);
  const n = plan.years;
  // Every plan input's value; a draw overwrites the drawn ones in place.
  const values = Float64Array.from(plan.inputs, (i) => (typeof i.value === "number" ? i.value : toDecimal(i.value).toNumber()));
  const target = Int32Array.from(inputs, (i) => plan.inputIndex.get(i.canonical) ?? -1);
  const drawn = new Set([...target].filter((k) => k >= 0));
  const A = floatArith(values);
  const dynamic = dynamicProfiles(plan, drawn);
  const bufs = plan.profiles.map(() => new Float64Array(n));
  plan.profiles.forEach((p, i) => fillProfile(p, bufs[i]!, bufs, A));
  const refill = plan.profiles.map((p, i) => ({ p, i })).filter(({ i }) => dynamic[i]);

  const agencies = plan.agencies.map((a) => a.id);
  const agencyIndex = new Map(agencies.map((id, i) => [id, i]));
  const isPublic = Uint8Array.from(plan.agencies, (a) => (a.sector === "public" ? 1 : 0));
  const AG = agencies.length;
  const H = s.horizons.length;
  const maxH = s.horizons[H - 1]!;
  const df = Object.fromEntries(
    Object.entries(plan.schedules).map(([key, sch]) => [key, discountFactorsFloat(n - 1, key === "appraisal" ? s.discount : sch, { timing: s.timing })]),
  );
  const widest = LENS_ORDER[s.lens];

  // Lines counted under the lens, each split into the parts the kernel sums.
  const parts: Part[] = [];
  const addPart = (l: PlanLine, agency: string, sign: number, extra: PlanFactor[]) => {
    const factors = [...l.factors, ...extra];
    let constant = l.sign * sign;
    const slots: number[] = [];
    const transforms: number[] = [];
    for (const f of factors) {
      if (drawn.has(f.key)) {
        slots.push(f.key);
        transforms.push(f.transform);
      } else constant *= A.factor(f);
    }
    const d = df[l.discount]!;
    const w = Float64Array.from({ length: maxH }, (_, t) => l.prices[t]!.toNumber() * d[t]!);
    parts.push({ agency: agencyIndex.get(agency)!, constant, slots, transforms, profile: l.profile, w });
  };
  for (const l of plan.lines) {
    if (LENS_ORDER[l.lens] > widest) continue;
    // Counting non-cashable savings too, a line's cash and capacity parts add back to its total.
    const extra: PlanFactor[] = s.cashableOnly && l.realisation ? [l.realisation] : [];
    if (s.cashableOnly && !l.cashable && !l.realisation) continue;
    for (const [agency, sign] of [[l.agency, 1], ...(l.counterparty ? [[l.counterparty.agency, -1] as const] : [])] as const) addPart(l, agency, sign, extra);
  }

  const constant = new Float64Array(AG * H);
  const fixed: (Part & { sums: Float64Array })[] = [];
  const moving: Part[] = [];
  for (const p of parts) {
    if (dynamic[p.profile]) {
      moving.push(p);
      continue;
    }
    const buf = bufs[p.profile]!;
    const sums = new Float64Array(H);
    let cum = 0;
    for (let t = 0, h = 0; t < maxH; t++) {
      cum += buf[t]! * p.w[t]!;
      while (h < H && s.horizons[h] === t + 1) sums[h++] = cum;
    }
    if (p.slots.length === 0) for (let h = 0; h < H; h++) constant[p.agency * H + h] = constant[p.agency * H + h]! + p.constant * sums[h]!;
    else fixed.push({ ...p, sums });
  }
  // Flatten into typed arrays for the draw loop.
  const pack = (list: readonly Part[]) => {
    const start = new Int32Array(list.length + 1);
    list.forEach((l, i) => (start[i + 1] = start[i]! + l.slots.length));
    return {
      n: list.length,
      agency: Int32Array.from(list, (l) => l.agency * H),
      c: Float64Array.from(list, (l) => l.constant),
      start,
      slot: Int32Array.from(list.flatMap((l) => l.slots)),
      tr: Int8Array.from(list.flatMap((l) => l.transforms)),
    };
  };
  const F = pack(fixed);
  const fixedSums = new Float64Array(F.n * H);
  fixed.forEach((l, i) => fixedSums.set(l.sums, i * H));
  const M = pack(moving);
  const movingW = new Float64Array(M.n * maxH);
  moving.forEach((l, i) => movingW.set(l.w, i * maxH));
  const movingBuf = moving.map((l) => bufs[l.profile]!);
  const horizons = Int32Array.from(s.horizons);
  const acc = new Float64Array(AG * H);

  const scaleOf = (P: typeof F, i: number) => {
    let x = P.c[i]!;
    for (let k = P.start[i]!; k < P.start[i + 1]!; k++) {
      const v = values[P.slot[k]!]!;
      const t = P.tr[k]!;
      x *= t === 0 ? v : t === 1 ? 1 - v : 1 + v;
    }
    return x;
  };

  return {
    method: "fast",
    reasons: [],
    agencies,
    horizons: s.horizons,
    inputs,
    outputs: (2 + AG) * H,
    evaluate(theta, out, index = 0, stride = 1) {
      for (let k = 0; k < target.length; k++) if (target[k]! >= 0) values[target[k]!] = theta[k]!;
      acc.set(constant);
      for (let k = 0; k < refill.length; k++) fillProfile(refill[k]!.p, bufs[refill[k]!.i]!, bufs, A);
      for (let i = 0; i < F.n; i++) {
        const x = scaleOf(F, i);
        const a = F.agency[i]!;
        for (let h = 0; h < H; h++) acc[a + h] = acc[a + h]! + x * fixedSums[i * H + h]!;
      }
      for (let i = 0; i < M.n; i++) {
        const x = scaleOf(M, i);
        const a = M.agency[i]!;
        const buf = movingBuf[i]!;
        const w0 = i * maxH;
        let cum = 0;
        for (let t = 0, h = 0; t < maxH; t++) {
          cum += buf[t]! * movingW[w0 + t]!;
          while (h < H && horizons[h] === t + 1) {
            acc[a + h] = acc[a + h]! + x * cum;
            h++;
          }
        }
      }
      writeOut(acc, isPublic, H, out, index, stride);
    },
  };
}

function exactKernel(model: Model, inputs: readonly ResolvedInput[], s: Settings, given: KernelOptions, reasons: string[]): NpvKernel {
  const agencies = model.agencies.map((a) => a.id);
  const isPublic = Uint8Array.from(model.agencies, (a) => (a.sector === "public" ? 1 : 0));
  const A = agencies.length;
  const H = s.horizons.length;
  const acc = new Float64Array(A * H);
  // Only the caller's settings: the drawn model's own appraisal block (which a draw may change) fills the rest.
  const { horizons: _, method: __, ...rest } = given as KernelOptions & { method?: string };
  const options: AppraiseOptions = { ...rest, horizons: s.horizons };
  return {
    method: "exact",
    reasons,
    agencies,
    horizons: s.horizons,
    inputs,
    outputs: (2 + A) * H,
    evaluate(theta, out, index = 0, stride = 1) {
      const drawn = setInputs(model, Object.fromEntries(inputs.map((input, k) => [input.canonical, theta[k]!])));
      const result = appraise(drawn, options);
      result.horizons.forEach((hr, h) => agencies.forEach((id, a) => (acc[a * H + h] = hr.agencies[id]!.npv.toNumber())));
      writeOut(acc, isPublic, H, out, index, stride);
    },
  };
}
