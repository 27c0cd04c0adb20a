/**
 * Checks that a benchmark's baseline computes what the library computes: the exact loop equals
 * `appraise` on every PV, and the independent Monte Carlo has the same means as `simulate`
 * within sampling error.
 */
import type { Appraisal, SimulationResult } from "../../src";
import type { BaselinePvs } from "./exact-baseline";
import type { BaselineSummary } from "./baseline";

/** How many of the PV costs, PV savings and NPVs (agencies and system, every horizon) differ at all. */
export function loopMismatches(a: Appraisal, b: BaselinePvs): number {
  let differ = 0;
  a.horizons.forEach((h, k) => {
    for (const [id, x] of [...Object.entries(h.agencies), ["system", h.system] as const]) {
      const y = id === "system" ? b.system : b.agencies[id]!;
      for (const f of ["pvCosts", "pvSavings", "npv"] as const) if (!x[f].equals(y[f][k]!)) differ++;
    }
  });
  return differ;
}

/**
 * The largest gap between the two runs' means, in standard errors of the difference, over every
 * figure (system, public sector, each agency; every horizon). Independent runs of the same
 * model give values mostly below 3.
 */
export function meansWorstZ(ours: SimulationResult, theirs: BaselineSummary[], agencies: readonly string[], draws: number): number {
  let worst = 0;
  const H = ours.horizons.length;
  ours.horizons.forEach((h, k) => {
    const mine = [h.system, h.publicSector, ...agencies.map((id) => h.agencies[id]!)];
    mine.forEach((s, p) => {
      const t = theirs[p * H + k]!;
      const se = Math.sqrt((s.sd * s.sd + t.sd * t.sd) / draws);
      const z = se === 0 ? (s.mean === t.mean ? 0 : Infinity) : Math.abs(s.mean - t.mean) / se;
      worst = Math.max(worst, z);
    });
  });
  return worst;
}
