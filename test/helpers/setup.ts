/**
 * Runs before every test file (vitest.config.ts `setupFiles`): property tests that do not set
 * their own number of runs get fast-check's default of 100, scaled by FUZZ_SCALE like the rest
 * (test/helpers/runs.ts).
 */
import fc from "fast-check";
import { runs } from "./runs";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: runs(100) });
