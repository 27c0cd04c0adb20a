import { discountFactorsFloat, type DiscountSchedule } from "../discount";
import { appraisalYears, InvalidModelError, type Model } from "../model";
import { appraise, type AppraiseOptions } from "../appraise";
import { floatLines, asFloat, type Num, type ProfileNode } from "./float-ledger";
import { setInputs, type ResolvedInput } from "./paths";

/**
 * The Monte Carlo kernel: NPVs of the system and every agency at every horizon, for one draw of
 * the uncertain inputs, in float64 over typed arrays without allocating. Lines whose amounts a
 * drawn input only scales keep their discounted sums from compile time (one multiply-add per
 * horizon per draw); lines whose timing a drawn input shapes are rebuilt per draw. Models or
 * inputs outside the fast path fall back to the exact ledger for each draw (`method: "exact"`).
 */

/** Inputs the fast path supports, by canonical path (anything else falls back to the exact path). */
const SUPPORTED: RegExp[] = [
  /^outcomes\[\d+\]\.(reach|engagement|success|deadweight|attribution|displacement|lag|rampUp\[\d+\]|persistence\.(years|dropOff))$/,
  /^outcomes\[\d+\]\.values\[\d+\]\.(amount|realisation)$/,
  /^tables\.unitCosts\[\d+\]\.value$/,
  /^tables\.optimismBias\..+\.(costs|benefits)$/,
  /^costs\[\d+\]\.(amount|growth|series\[\d+\])$/,
  /^savings\[\d+\]\.(amount|growth|realisation|series\[\d+\])$/,
  /^costShunts\[\d+\]\.(amount|series\[\d+\])$/,
  /^interventions\[\d+\]\.(cohort|cohort\[\d+\]|cohort\.share)$/,
  // No effect on NPVs at the horizons.
  /^agencies\[\d+\]\.(settlementYears|budgets\[\d+\]\.fundingEndsYear)$/,
];

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
  /** Figures per draw: (1 + agencies) × horizons; party 0 is the system, party 1 + a agency a. */
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
  const bad = horizons.findIndex((h) => !Number.isInteger(h) || h < 0 || h > years);
  if (bad >= 0) throw new InvalidModelError([{ path: "options.horizons", message: `expected whole numbers of years from 0 to ${years}, got ${horizons[bad]}` }]);
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
 * Why the fast path cannot take a model with these drawn inputs (empty when it can).
 *
 * @example
 * ```ts
 * fastPathGaps(model, [resolveInput(model, "outcomes.custody.success")]); // []
 * fastPathGaps(model, [resolveInput(model, "appraisal.years")]).length;   // 1
 * ```
 */
export function fastPathGaps(model: Model, inputs: readonly ResolvedInput[]): string[] {
  const reasons = inputs.filter((i) => !SUPPORTED.some((re) => re.test(i.canonical))).map((i) => `${i.path} (${i.canonical}) is not in the fast path`);
  const deals = (model as { deals?: unknown[] }).deals;
  if (Array.isArray(deals) && deals.length > 0) reasons.push("deals (caps, thresholds, shares) are not in the fast path");
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
 * Math.round(out[2]); // 3980078 (system NPV at 10 years: the model's own value)
 * ```
 */
export function compileNpv(model: Model, inputs: readonly ResolvedInput[], options: KernelOptions & { method?: "fast" | "exact" } = {}): NpvKernel {
  const settings = kernelSettings(model, options);
  const reasons = options.method === "exact" ? ["the exact path was asked for"] : fastPathGaps(model, inputs);
  return reasons.length ? exactKernel(model, inputs, settings, options, reasons) : fastKernel(model, inputs, settings);
}

type Settings = ReturnType<typeof kernelSettings>;

function writeOut(acc: Float64Array, A: number, H: number, out: Float64Array, index: number, stride: number): void {
  for (let h = 0; h < H; h++) {
    let system = 0;
    for (let a = 0; a < A; a++) {
      const v = acc[a * H + h]!;
      system += v;
      out[index + ((1 + a) * H + h) * stride] = v;
    }
    out[index + h * stride] = system;
  }
}

function fastKernel(model: Model, inputs: readonly ResolvedInput[], s: Settings): NpvKernel {
  const slots = new Map(inputs.map((input, k) => [input.canonical, k]));
  const base = Float64Array.from(inputs, (i) => i.value);
  const num = (path: string, value: number | string): Num => ({ slot: slots.get(path) ?? -1, value: asFloat(value) });
  const { lines, nodes } = floatLines(model, s.years, num, base, { cashableOnly: s.cashableOnly });
  const df = discountFactorsFloat(s.years, s.discount, { timing: s.timing });
  const agencies = model.agencies.map((a) => a.id);
  const agencyIndex = new Map(agencies.map((id, i) => [id, i]));
  const A = agencies.length;
  const H = s.horizons.length;
  const maxH = s.horizons[H - 1]!;
  const widest = LENS_ORDER[s.lens];
  const counted = lines.filter((l) => LENS_ORDER[l.lens] <= widest && (!s.cashableOnly || l.cashable));

  const constant = new Float64Array(A * H);
  const fixed: { agency: number; c: number; slots: number[]; tr: number[]; sums: Float64Array }[] = [];
  const moving: { agency: number; c: number; slots: number[]; tr: number[]; node: ProfileNode; w: Float64Array }[] = [];
  for (const l of counted) {
    const agency = agencyIndex.get(l.agency)!;
    const w = Float64Array.from({ length: maxH + 1 }, (_, t) => l.prices[t]! * df[t]!);
    if (l.profile.dynamic) {
      moving.push({ agency, c: l.scale.constant, slots: l.scale.slots, tr: l.scale.transforms, node: l.profile, w });
      continue;
    }
    const sums = new Float64Array(H);
    let cum = 0;
    for (let t = 0, h = 0; t <= maxH; t++) {
      cum += l.profile.buf[t]! * w[t]!;
      while (h < H && s.horizons[h] === t) sums[h++] = cum;
    }
    if (l.scale.slots.length === 0) for (let h = 0; h < H; h++) constant[agency * H + h] = constant[agency * H + h]! + l.scale.constant * sums[h]!;
    else fixed.push({ agency, c: l.scale.constant, slots: l.scale.slots, tr: l.scale.transforms, sums });
  }
  // Flatten into typed arrays for the draw loop.
  const pack = (list: { agency: number; c: number; slots: number[]; tr: number[] }[]) => {
    const start = new Int32Array(list.length + 1);
    list.forEach((l, i) => (start[i + 1] = start[i]! + l.slots.length));
    return {
      n: list.length,
      agency: Int32Array.from(list, (l) => l.agency * H),
      c: Float64Array.from(list, (l) => l.c),
      start,
      slot: Int32Array.from(list.flatMap((l) => l.slots)),
      tr: Int8Array.from(list.flatMap((l) => l.tr)),
    };
  };
  const F = pack(fixed);
  const fixedSums = new Float64Array(F.n * H);
  fixed.forEach((l, i) => fixedSums.set(l.sums, i * H));
  const M = pack(moving);
  const movingW = new Float64Array(M.n * (maxH + 1));
  moving.forEach((l, i) => movingW.set(l.w, i * (maxH + 1)));
  const movingBuf = moving.map((l) => l.node.buf);
  const refill = nodes.filter((n) => n.dynamic);
  const horizons = Int32Array.from(s.horizons);
  const acc = new Float64Array(A * H);

  const scaleOf = (P: typeof F, i: number, theta: Float64Array) => {
    let x = P.c[i]!;
    for (let k = P.start[i]!; k < P.start[i + 1]!; k++) {
      const v = theta[P.slot[k]!]!;
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
    outputs: (1 + A) * H,
    evaluate(theta, out, index = 0, stride = 1) {
      acc.set(constant);
      for (let k = 0; k < refill.length; k++) refill[k]!.fill(theta);
      for (let i = 0; i < F.n; i++) {
        const x = scaleOf(F, i, theta);
        const a = F.agency[i]!;
        for (let h = 0; h < H; h++) acc[a + h] = acc[a + h]! + x * fixedSums[i * H + h]!;
      }
      for (let i = 0; i < M.n; i++) {
        const x = scaleOf(M, i, theta);
        const a = M.agency[i]!;
        const buf = movingBuf[i]!;
        const w0 = i * (maxH + 1);
        let cum = 0;
        for (let t = 0, h = 0; t <= maxH; t++) {
          cum += buf[t]! * movingW[w0 + t]!;
          while (h < H && horizons[h] === t) {
            acc[a + h] = acc[a + h]! + x * cum;
            h++;
          }
        }
      }
      writeOut(acc, A, H, out, index, stride);
    },
  };
}

function exactKernel(model: Model, inputs: readonly ResolvedInput[], s: Settings, given: KernelOptions, reasons: string[]): NpvKernel {
  const agencies = model.agencies.map((a) => a.id);
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
    outputs: (1 + A) * H,
    evaluate(theta, out, index = 0, stride = 1) {
      const drawn = setInputs(model, Object.fromEntries(inputs.map((input, k) => [input.canonical, theta[k]!])));
      const result = appraise(drawn, options);
      result.horizons.forEach((hr, h) => agencies.forEach((id, a) => (acc[a * H + h] = hr.agencies[id]!.npv.toNumber())));
      writeOut(acc, A, H, out, index, stride);
    },
  };
}
