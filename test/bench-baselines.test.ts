/**
 * The benchmark baselines compute what the library computes, and share no code with it: the
 * hand-written Decimal loop equals `appraise` on every PV, and the independent Monte Carlo
 * (its own generator, samplers, NPVs and summaries) agrees with `simulate` in distribution.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appraise, loadModel, simulate } from "../src";
import { baselineMonteCarlo } from "./bench/baseline";
import { loopMismatches, meansWorstZ } from "./bench/compare";
import { baselinePvs } from "./bench/exact-baseline";
import { MC_DISTRIBUTIONS, MC_MODEL, sizedModel } from "./bench/models";

describe("benchmark baselines", () => {
  it("the Decimal loop equals appraise on every PV, to the last digit", () => {
    for (const [a, i, y] of [
      [10, 20, 10],
      [3, 5, 7],
      [4, 9, 10],
    ] as const) {
      const input = sizedModel(a, i, y);
      expect(loopMismatches(appraise(loadModel(input)), baselinePvs(input))).toBe(0);
    }
  });

  it("the independent Monte Carlo has simulate's means within sampling error", () => {
    const draws = 20_000;
    const model = loadModel(MC_MODEL);
    const ours = simulate(model, { draws, seed: 3, distributions: MC_DISTRIBUTIONS });
    const theirs = baselineMonteCarlo(draws, 11);
    // 21 figures, two independent runs: |z| above 4.5 would happen by chance about once in 10^4 runs.
    expect(
      meansWorstZ(
        ours,
        theirs,
        model.agencies.map((a) => a.id),
        draws,
      ),
    ).toBeLessThan(4.5);
    // Same shares of draws with a positive NPV, within sampling error (council: about two thirds).
    const council = ours.horizons[2]!.agencies.council!.probabilityPositive;
    const theirsCouncil = theirs[2 * 3 + 2]!.probabilityPositive;
    expect(Math.abs(council - theirsCouncil)).toBeLessThan(4.5 * Math.sqrt((2 * 0.25) / draws));
  });

  it("share no code with the library (type imports only)", () => {
    for (const file of ["baseline.ts", "exact-baseline.ts"]) {
      const text = readFileSync(new URL(`./bench/${file}`, import.meta.url), "utf8");
      const imports = [...text.matchAll(/^import (type )?.*from "([^"]+)";$/gm)];
      for (const m of imports) if (m[2]!.includes("src")) expect(m[1], `${file} imports ${m[2]}`).toBe("type ");
    }
  });
});
