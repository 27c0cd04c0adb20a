import { optimismBiasUplift, type OptimismBiasUplift } from "../reference";
import type { Cost } from "../model";

/**
 * A cost line's Green Book optimism-bias uplift by project category (null when the line uses a
 * confidence grade or none): the category's upper bound reduced by mitigation, or the bound of
 * the stage named. The plan multiplies the line by 1 + uplift.
 *
 * @example
 * ```ts
 * categoryOptimism({ optimismBias: { category: "non-standard-buildings", mitigation: 0.5, dimension: "capital" } })?.uplift.toString(); // "0.255"
 * categoryOptimism({}); // null
 * ```
 */
export function categoryOptimism(cost: Pick<Cost, "optimismBias">): OptimismBiasUplift | null {
  const ob = cost.optimismBias;
  if (!ob) return null;
  return optimismBiasUplift(ob.category, {
    dimension: ob.dimension,
    ...(ob.mitigation !== undefined ? { mitigation: ob.mitigation } : {}),
    ...(ob.stage ? { stage: ob.stage } : {}),
  });
}
