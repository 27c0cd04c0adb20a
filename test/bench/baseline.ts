/**
 * The baseline for `mc_ratio_vs_kernel`: an independent, hand-written float64 Monte Carlo of the
 * benchmark model (test/bench/models.ts, MC_MODEL with MC_DISTRIBUTIONS). It shares no code with
 * the library: its own random generator (xoshiro128**, seeded by splitmix32), its own samplers
 * (Box–Muller normals, Marsaglia–Tsang gammas for beta and PERT, inverse-CDF triangular,
 * rejection for the truncated normal), its own NPVs and its own summaries (mean, sd, share
 * positive, and the percentiles by Hoare's selection). It is written as a careful person would write it
 * for this one model: the discounted profile of every outcome whose timing no draw changes is
 * worked out once; only the work outcome, whose drop-off is drawn, is rebuilt per draw.
 *
 * Because the draws differ from the library's, the two agree in distribution, not draw by draw:
 * a test checks that the means agree within sampling error.
 */

const YEARS = 10; // appraisal years 0..9
const HORIZONS = [1, 5, 10]; // N years = years 0..N − 1
const H = HORIZONS.length;
const COHORT = 500;
const FIRST = 0;
const LAST = 4; // delivery years 0..4

// Outcomes in model order: care, custody, call-outs, health, work.
const LAG = [1, 1, 0, 0, 1];
const PERSIST = [3, 2, 3, 2, 4];
const KEEP = [0.9, 0.7, 0.75, 0.7, 0.8]; // 1 − drop-off (the work outcome's is drawn)

/** xoshiro128** (Blackman & Vigna), 32-bit state words; uniform doubles in (0, 1) from 53 bits. */
class Xoshiro {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      // splitmix32
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }
  private u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }
  uniform(): number {
    const hi = this.u32() >>> 5;
    const lo = this.u32() >>> 6;
    return (hi * 67108864 + lo + 0.5) / 9007199254740992;
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(th);
    return r * Math.cos(th);
  }
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }
  pert(min: number, mode: number, max: number): number {
    const range = max - min;
    return min + range * this.beta(1 + (4 * (mode - min)) / range, 1 + (4 * (max - mode)) / range);
  }
  triangular(min: number, mode: number, max: number): number {
    const u = this.uniform();
    const f = (mode - min) / (max - min);
    return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Σ over years < h of an outcome's active outcomes per unit of chain, discounted, for each horizon. */
const profile = new Float64Array(YEARS);
function discountedProfile(lag: number, years: number, keep: number, df: Float64Array, out: Float64Array, at: number): void {
  profile.fill(0);
  for (let y = FIRST; y <= LAST; y++) {
    let n = COHORT;
    for (let j = 0; j < years && y + lag + j < YEARS; j++) {
      profile[y + lag + j] = profile[y + lag + j]! + n;
      n *= keep;
    }
  }
  let cum = 0;
  for (let t = 0, h = 0; t < YEARS; t++) {
    cum += profile[t]! * df[t]!;
    while (h < H && HORIZONS[h] === t + 1) out[at + h++] = cum;
  }
}

/** The NPVs of `draws` draws, figure-major: figure f = party × 3 + horizon; parties: system, public sector, council, police, NHS, DWP, MoJ. */
export function baselineNpvs(draws: number, seed: number): Float64Array {
  const rng = new Xoshiro(seed);
  const df = new Float64Array(YEARS);
  df[0] = 1;
  for (let t = 1; t < YEARS; t++) df[t] = df[t - 1]! / 1.035; // Green Book STPR, 3.5% to year 30
  const unit = new Float64Array(5 * H);
  for (let o = 0; o < 4; o++) discountedProfile(LAG[o]!, PERSIST[o]!, KEEP[o]!, df, unit, o * H);
  const participants = new Float64Array(H); // Σ discounted participants (delivery years)
  const fixedCosts = new Float64Array(H); // set-up (year 0) and evaluation (£50k a year over delivery)
  for (let h = 0; h < H; h++) {
    for (let t = FIRST; t <= LAST && t < HORIZONS[h]!; t++) {
      participants[h] = participants[h]! + COHORT * df[t]!;
      fixedCosts[h] = fixedCosts[h]! + 50000 * df[t]!;
    }
    fixedCosts[h] = fixedCosts[h]! + 300000;
  }
  const mojMin = 30000;
  const [mu, sigma] = (() => {
    const m = 3500;
    const s = 400;
    const v = Math.log(1 + (s * s) / (m * m));
    return [Math.log(m) - v / 2, Math.sqrt(v)];
  })();
  const out = new Float64Array(7 * H * draws);
  const work = new Float64Array(H);
  for (let d = 0; d < draws; d++) {
    const sCare = rng.pert(0.03, 0.06, 0.1);
    const sCustody = rng.pert(0.02, 0.04, 0.07);
    const sCalls = rng.pert(0.15, 0.3, 0.4);
    const sHealth = rng.pert(0.1, 0.25, 0.35);
    const sWork = rng.pert(0.05, 0.11, 0.2);
    const dwCare = rng.triangular(0.2, 0.3, 0.5);
    const dwWork = rng.triangular(0.3, 0.5, 0.7);
    let mojValue: number;
    do mojValue = 50000 + 6000 * rng.normal();
    while (mojValue < mojMin);
    const keyWorker = Math.exp(mu + sigma * rng.normal());
    const dropWork = rng.beta(4, 16);
    // Chains: engagement 0.85 × success × (1 − deadweight) × attribution 0.8.
    const care = 0.68 * sCare * (1 - dwCare);
    const custody = 0.68 * sCustody * 0.6;
    const calls = 0.68 * sCalls * 0.65;
    const health = 0.68 * sHealth * 0.6;
    const wk = 0.68 * sWork * (1 - dwWork);
    discountedProfile(1, 4, 1 - dropWork, df, work, 0);
    for (let h = 0; h < H; h++) {
      const council = care * 60000 * unit[h]! - keyWorker * participants[h]! - fixedCosts[h]!;
      const police = custody * 4500 * unit[H + h]! + calls * 1100 * unit[2 * H + h]!;
      const nhs = health * 1400 * unit[3 * H + h]!;
      const dwp = wk * 10000 * work[h]!;
      const moj = custody * mojValue * unit[H + h]!;
      const all = council + police + nhs + dwp + moj;
      out[h * draws + d] = all;
      out[(H + h) * draws + d] = all; // every party here is a public body
      out[(2 * H + h) * draws + d] = council;
      out[(3 * H + h) * draws + d] = police;
      out[(4 * H + h) * draws + d] = nhs;
      out[(5 * H + h) * draws + d] = dwp;
      out[(6 * H + h) * draws + d] = moj;
    }
  }
  return out;
}

/** The k-th smallest of a[lo..hi] (inclusive), rearranging a (Hoare's selection). */
function select(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

export interface BaselineSummary {
  mean: number;
  sd: number;
  probabilityPositive: number;
  /** p5, p10, p25, p50, p75, p90, p95 (linear interpolation between order statistics). */
  percentiles: number[];
}

const LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

/** Mean, sd, share positive and percentiles of every figure (column) of a figure-major matrix. */
export function baselineSummaries(npvs: Float64Array, draws: number): BaselineSummary[] {
  const figures = npvs.length / draws;
  const scratch = new Float64Array(draws);
  const out: BaselineSummary[] = [];
  for (let f = 0; f < figures; f++) {
    const col = npvs.subarray(f * draws, (f + 1) * draws);
    let sum = 0;
    let positive = 0;
    for (let i = 0; i < draws; i++) {
      sum += col[i]!;
      if (col[i]! > 0) positive++;
    }
    const mean = sum / draws;
    let ss = 0;
    for (let i = 0; i < draws; i++) ss += (col[i]! - mean) ** 2;
    scratch.set(col);
    // Ascending levels: each selection leaves the smaller values to its left, so the next starts there.
    let lo = 0;
    const percentiles = LEVELS.map((p) => {
      const x = (draws - 1) * p;
      const k = Math.floor(x);
      const a = select(scratch, k, lo, draws - 1);
      lo = k;
      if (x === k || k + 1 >= draws) return a;
      // The next order statistic is the smallest value to the right of k.
      let b = Infinity;
      for (let i = k + 1; i < draws; i++) if (scratch[i]! < b) b = scratch[i]!;
      return a + (x - k) * (b - a);
    });
    out.push({ mean, sd: Math.sqrt(ss / (draws - 1)), probabilityPositive: positive / draws, percentiles });
  }
  return out;
}

/** The whole baseline run: draws, NPVs and the summaries of every figure. */
export function baselineMonteCarlo(draws: number, seed: number): BaselineSummary[] {
  return baselineSummaries(baselineNpvs(draws, seed), draws);
}
