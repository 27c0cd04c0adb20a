import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/**
 * Seeded random streams for Monte Carlo. Draws are grouped in fixed blocks of
 * {@link DRAWS_PER_BLOCK}; block b always uses the same stream — the seed's base xoroshiro128+
 * generator jumped b times (each jump moves 2^64 numbers along, so streams never overlap). A
 * draw's numbers therefore depend only on the seed and the draw's number, never on how many
 * threads share the work or in which order blocks finish.
 */

/**
 * Draws per block: the unit of work and of random streams.
 *
 * @example
 * ```ts
 * Math.ceil(100_000 / DRAWS_PER_BLOCK); // 98 (blocks in a run of 100,000 draws)
 * ```
 */
export const DRAWS_PER_BLOCK = 1024;

/** A pure-rand jumpable generator (xoroshiro128+). */
export type RandomStream = JumpableRandomGenerator;

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/**
 * Checks a seed: a whole number from 0 to 2^53 − 1.
 *
 * @throws RangeError for any other value.
 * @example
 * ```ts
 * checkSeed(20250401); // passes
 * ```
 */
export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number from 0 to 2^53 − 1, got ${seed}`);
}

/**
 * The base stream of a seed: the 128-bit state is spread from the seed with a 32-bit finaliser,
 * so that nearby seeds give unrelated streams.
 *
 * @example
 * ```ts
 * const a = seedStream(42), b = seedStream(42);
 * a.next() === b.next(); // true
 * ```
 */
export function seedStream(seed: number): RandomStream {
  checkSeed(seed);
  const lo = (seed % 0x100000000) | 0;
  const hi = Math.floor(seed / 0x100000000) | 0;
  const state: number[] = [0, 1, 2, 3].map((i: number): number => mix32(mix32(lo + Math.imul(i + 1, 0x9e3779b9)) ^ mix32(hi + i * 0x632be5ab)));
  if (!state.some((w) => w !== 0)) state[0] = 1;
  return xoroshiro128plusFromState(state);
}

/**
 * The stream of one block of draws: the seed's base stream jumped `block` times.
 *
 * @example
 * ```ts
 * const s = blockStream(42, 3);
 * const t = seedStream(42); t.jump(); t.jump(); t.jump();
 * s.next() === t.next(); // true
 * ```
 */
export function blockStream(seed: number, block: number): RandomStream {
  if (!Number.isInteger(block) || block < 0) throw new RangeError(`block must be a whole number ≥ 0, got ${block}`);
  const s = seedStream(seed);
  for (let b = 0; b < block; b++) s.jump();
  return s;
}

const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * A uniform number strictly between 0 and 1 (53 random bits, from the high bits of two outputs,
 * centred in its 2^-53 cell so that 0 and 1 never occur).
 *
 * @example
 * ```ts
 * const u = uniformOpen(seedStream(1));
 * u > 0 && u < 1; // true
 * ```
 */
export function uniformOpen(rng: RandomStream): number {
  const hi = rng.next() >>> 6; // 26 bits
  const lo = rng.next() >>> 5; // 27 bits
  return (hi * 134217728 + lo + 0.5) * TWO_POW_MINUS_53;
}
