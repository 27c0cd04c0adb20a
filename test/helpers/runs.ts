/**
 * How many cases property and fuzz tests run. Small by default, so that `npm test` stays quick
 * on a busy two-core machine; two variables scale them up for a deeper run:
 *
 * - `FUZZ_SCALE=10 npx vitest run` runs ten times as many cases in every property test (those
 *   that set no number of runs get fast-check's 100, scaled the same way by test/helpers/setup.ts);
 * - `FUZZ_RUNS=10000 npx vitest run test/fuzz.test.ts` sets the number of mutated models the
 *   end-to-end fuzz sends through parse, appraise, simulate and every output (`FUZZ_SEED` picks
 *   which; the default seed is fixed, so a run is repeatable).
 */

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/** The multiplier from FUZZ_SCALE (default 1). */
export const FUZZ_SCALE = positive("FUZZ_SCALE", 1);

/** A property test's number of runs: its default times FUZZ_SCALE, at least 1. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * FUZZ_SCALE));
}

/** Models in the end-to-end fuzz: FUZZ_RUNS if set, else `base` times FUZZ_SCALE. */
export function fuzzRuns(base: number): number {
  return process.env.FUZZ_RUNS ? Math.max(1, Math.round(positive("FUZZ_RUNS", base))) : runs(base);
}
