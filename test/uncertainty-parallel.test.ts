/** The worker pool (invest-to-save/node): same figures as `simulate` for any number of workers. */
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadModel, simulate, type ModelInput } from "../src";
import { availableParallelism } from "node:os";
import { maxWorkers, SimulationPool, simulateParallel, WORKERS_PER_CORE } from "../src/node";

// The example's own distributions are left out here: each test names the inputs it draws.
const family = loadModel({
  ...(JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput),
  uncertainty: undefined,
});
const distributions = {
  "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 },
  "outcomes.care-entry.persistence.dropOff": { type: "pert", min: 0, mode: 0.1, max: 0.4 },
  "outcomes.into-work.success": { type: "beta", alpha: 11, beta: 89 },
  "outcomes.custody.lag": { type: "uniform", min: 0, max: 3 },
} as const;
const settings = { draws: 5000, seed: 2024, distributions, keepDraws: true };

describe("simulateParallel", () => {
  const pool = new SimulationPool({ workers: 4 });
  afterAll(() => pool.close());
  const single = simulate(family, settings);

  it("gives identical results with 1, 2 and 4 workers, equal to simulate", async () => {
    for (const workers of [1, 2, 4]) {
      const r = await simulateParallel(family, { ...settings, workers });
      expect(r).toEqual(single);
    }
  });
  it("reuses a pool across runs, reports progress, and keeps the results identical", async () => {
    const seen: number[] = [];
    const r = await pool.simulate(family, { ...settings, onProgress: (p) => seen.push(p.done) });
    expect(r).toEqual(single);
    expect(seen[seen.length - 1]).toBe(5000);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const again = await pool.simulate(family, { ...settings, seed: 7, keepDraws: false });
    expect(again).toEqual(simulate(family, { ...settings, seed: 7, keepDraws: false }));
  });
  it("rejects with an AbortError when aborted, and the pool still works afterwards", async () => {
    const ac = new AbortController();
    const run = pool.simulate(family, { ...settings, draws: 200_000, keepDraws: false, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(await pool.simulate(family, settings)).toEqual(single);
  });
  it("caps worker threads at a multiple of the cores, and starts no more than there are blocks", async () => {
    expect(maxWorkers()).toBe(WORKERS_PER_CORE * availableParallelism());
    expect(new SimulationPool({ workers: 1000 }).size).toBe(maxWorkers());
    expect(new SimulationPool({ workers: 1 }).size).toBe(1);
    expect(() => new SimulationPool({ workers: 0 })).toThrow(RangeError);
    // 100 draws are one block: one thread does them all, however many were asked for.
    const few = { ...settings, draws: 100 };
    expect(await simulateParallel(family, { ...few, workers: 1000 })).toEqual(simulate(family, few));
  });
  it("reports model errors from the calling thread", async () => {
    await expect(
      simulateParallel(family, { draws: 10, workers: 2, distributions: { "outcomes.nope.success": { type: "fixed", value: 0.1 } } }),
    ).rejects.toThrow(/no item with id "nope"/);
  });
});
