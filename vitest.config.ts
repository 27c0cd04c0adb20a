import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// `npm test`: the unit, property, golden, fuzz, CLI and example tests (the checks that need
// Chromium or LibreOffice are in test/e2e, run by `npm run test:e2e`).
//
// Timeouts are sized for the slowest tests on a busy two-core machine, with room to spare: the
// worker-pool and CLI tests that spawn processes, and the property runs, take a few seconds idle
// and several times that when other processes keep both cores busy. No test may depend on
// wall-clock speed, so a timeout is only a guard against a hang. Property and fuzz runs are small
// by default; FUZZ_SCALE and FUZZ_RUNS (test/helpers/runs.ts) scale them up for deeper runs.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Scales every property test's default number of runs with FUZZ_SCALE.
    setupFiles: ["test/helpers/setup.ts"],
    // Vitest's default leaves one core idle (cores - 1 workers): on a two-core machine that is a
    // single worker, and the suite took 115 s instead of 84 s. Every core runs test files.
    maxWorkers: availableParallelism(),
    testTimeout: 180_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
