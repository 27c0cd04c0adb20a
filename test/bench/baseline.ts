/**
 * The baseline for `mc_ratio_vs_kernel`: a hand-written Float64Array loop that computes the same
 * NPVs as `simulate` for the benchmark model (test/bench/models.ts), for the same draws — the same
 * distributions, sampler and random streams (one per block of 1,024 draws). It is written the way
 * a careful person would write it for this one model: discounted sums of each outcome's yearly
 * profile are precomputed where no drawn input changes the timing, and only the one outcome whose
 * drop-off is drawn has its profile rebuilt per draw. It keeps the NPVs (figure-major, like
 * `simulate`) and computes no summaries.
 */
import { parseDistribution } from "../../src";
import { discountFactorsFloat } from "../../src/discount/factors";
import { blockStream, DRAWS_PER_BLOCK } from "../../src/uncertainty/rng";
import { Sampler } from "../../src/uncertainty/sampler";
import { MC_DISTRIBUTIONS } from "./models";

const YEARS = 10;
const HORIZONS = [1, 5, 10];
const COHORT = 500;
const DELIVERY = [0, 4];
// Outcomes in model order: care, custody, call-outs, health, work.
const LAG = [1, 1, 0, 0, 1];
const PERSIST = [3, 2, 3, 2, 4];
const KEEP = [0.9, 0.7, 0.75, 0.7, 0.8];

/** Σ over years ≤ h of the outcome's active outcomes per unit of (cohort × chain), discounted. */
function unitProfile(o: number, keep: number, out: Float64Array): void {
  out.fill(0);
  for (let y = DELIVERY[0]!; y <= DELIVERY[1]!; y++) {
    let produced = COHORT;
    for (let j = 0; j < PERSIST[o]!; j++) {
      const t = y + LAG[o]! + j;
      if (t > YEARS) break;
      out[t] = out[t]! + produced;
      produced *= keep;
    }
  }
}

/** NPVs of `draws` draws with `seed`: figure f = party × 3 + horizon, party 0 = system, 1..5 = council, police, nhs, dwp, moj. */
export function baselineNpvs(draws: number, seed: number): Float64Array {
  const sampler = new Sampler(Object.values(MC_DISTRIBUTIONS).map((d) => parseDistribution(d)));
  const df = discountFactorsFloat(YEARS);
  const H = HORIZONS.length;
  // Discounted unit sums per outcome and horizon (timing fixed), and the cost profile.
  const unit = new Float64Array(5 * H);
  const profile = new Float64Array(YEARS + 1);
  for (let o = 0; o < 5; o++) {
    unitProfile(o, KEEP[o]!, profile);
    let cum = 0;
    for (let t = 0, h = 0; t <= YEARS; t++) {
      cum += profile[t]! * df[t]!;
      while (h < H && HORIZONS[h] === t) unit[o * H + h++] = cum;
    }
  }
  const perParticipant = new Float64Array(H); // Σ discounted participants (years 0..4)
  const fixedCost = new Float64Array(H); // set-up + evaluation, discounted
  for (let h = 0; h < H; h++) {
    for (let t = 0; t <= Math.min(4, HORIZONS[h]!); t++) {
      perParticipant[h] = perParticipant[h]! + COHORT * df[t]!;
      fixedCost[h] = fixedCost[h]! + 50000 * df[t]!;
    }
    fixedCost[h] = fixedCost[h]! + 300000;
  }
  const out = new Float64Array(6 * H * draws);
  const theta = new Float64Array(sampler.size);
  const work = new Float64Array(H);
  const blocks = Math.ceil(draws / DRAWS_PER_BLOCK);
  const base = blockStream(seed, 0);
  for (let b = 0; b < blocks; b++) {
    if (b > 0) base.jump();
    const rng = base.clone();
    for (let d = b * DRAWS_PER_BLOCK; d < Math.min(draws, (b + 1) * DRAWS_PER_BLOCK); d++) {
      sampler.sample(rng, theta);
      // theta: 5 success rates, 2 deadweights, MoJ value, key-worker cost, work drop-off (in MC_DISTRIBUTIONS order).
      const care = 0.85 * theta[0]! * (1 - theta[5]!) * 0.8;
      const custody = 0.85 * theta[1]! * (1 - 0.4) * 0.8;
      const calls = 0.85 * theta[2]! * (1 - 0.35) * 0.8;
      const health = 0.85 * theta[3]! * (1 - 0.4) * 0.8;
      const wk = 0.85 * theta[4]! * (1 - theta[6]!) * 0.8;
      const mojValue = theta[7]!;
      const keyWorker = theta[8]!;
      // The work outcome's timing depends on its drawn drop-off: rebuild its profile.
      unitProfile(4, 1 - theta[9]!, profile);
      let cum = 0;
      for (let t = 0, h = 0; t <= YEARS; t++) {
        cum += profile[t]! * df[t]!;
        while (h < H && HORIZONS[h] === t) work[h++] = cum;
      }
      for (let h = 0; h < H; h++) {
        const council = care * 60000 * unit[0 * H + h]! - keyWorker * perParticipant[h]! - fixedCost[h]!;
        const police = custody * 4500 * unit[1 * H + h]! + calls * 1100 * unit[2 * H + h]!;
        const nhs = health * 1400 * unit[3 * H + h]!;
        const dwp = wk * 10000 * work[h]!;
        const moj = custody * mojValue * unit[1 * H + h]!;
        out[(0 * H + h) * draws + d] = council + police + nhs + dwp + moj;
        out[(1 * H + h) * draws + d] = council;
        out[(2 * H + h) * draws + d] = police;
        out[(3 * H + h) * draws + d] = nhs;
        out[(4 * H + h) * draws + d] = dwp;
        out[(5 * H + h) * draws + d] = moj;
      }
    }
  }
  return out;
}
