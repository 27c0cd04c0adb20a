import { Decimal, ZERO, roundSeriesConserving, sum } from "../money";
import { loadModel, type Model } from "../model";
import { appraise } from "../appraise";

/**
 * Shapley values of a cooperative game: each player's average marginal contribution over all
 * orders in which the coalition could form. Exact (Decimal) for up to 16 players.
 *
 * @example
 * ```ts
 * const v = (c: string[]) => new Decimal(c.includes("a") && c.includes("b") ? 100 : 0);
 * shapley(["a", "b"], v); // { a: 50, b: 50 }
 * ```
 */
export function shapley(players: readonly string[], value: (coalition: string[]) => Decimal): Record<string, Decimal> {
  const n = players.length;
  if (n > 16) throw new RangeError(`Shapley values for ${n} players would need 2^${n} coalitions; use at most 16`);
  const fact = [new Decimal(1)];
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1]!.times(i));
  // The weight of a coalition of `size` others depends on its size only: |S|! (n − |S| − 1)! / n!.
  const weight = Array.from({ length: n }, (_, size) => fact[size]!.times(fact[n - size - 1]!).div(fact[n]!));
  const worth: Decimal[] = new Array<Decimal>(1 << n);
  for (let mask = 0; mask < 1 << n; mask++) worth[mask] = value(players.filter((_, i) => mask & (1 << i)));
  const out: Record<string, Decimal> = {};
  players.forEach((p, i) => {
    // Group the marginal contributions by coalition size, then weight each group once.
    const bySize = Array.from({ length: n }, () => ZERO);
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      const gain = worth[mask | (1 << i)]!.minus(worth[mask]!);
      if (!gain.isZero()) bySize[popcount(mask)] = bySize[popcount(mask)]!.plus(gain);
    }
    out[p] = bySize.reduce((total, g, size) => (g.isZero() ? total : total.plus(g.times(weight[size]!))), ZERO);
  });
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/** A fair split of a pooled surplus. */
export interface SurplusSplit {
  horizon: number;
  /** The surplus shared: the grand coalition's combined NPV (0 if negative). */
  surplus: Decimal;
  /** Each agency's Shapley value, exact. */
  exact: Record<string, Decimal>;
  /** The same in whole pence, adding up exactly to the surplus rounded to pence. */
  pence: Record<string, Decimal>;
  /** What each agency would need to receive (+) or pay (−), on top of its own NPV, to end at its Shapley value. */
  transfers: Record<string, Decimal>;
}

/**
 * Splits the surplus of pooling fairly between agencies (Shapley values). A coalition's worth
 * is its members' combined NPV at the horizon if it includes every agency that bears costs (without
 * them nothing is delivered) and that NPV is positive; otherwise 0. Each agency's share is its
 * average marginal contribution; the shares add up to the grand coalition's NPV, to the penny.
 *
 * @example
 * ```ts
 * const split = shapleySurplus(model, { horizon: 10 });
 * split.pence.council.toFixed(2); // the council's fair share of the 10-year surplus
 * ```
 */
export function shapleySurplus(input: Model | unknown, options: { horizon: number; agencies?: string[] }): SurplusSplit {
  const model = loadModel(input);
  const result = appraise({ ...model, deals: [] }, { horizons: [options.horizon] });
  const h = result.horizons[0]!;
  const players = options.agencies ?? model.agencies.filter((a) => !h.agencies[a.id]!.npv.isZero() || h.agencies[a.id]!.pvCosts.gt(0)).map((a) => a.id);
  const investors = players.filter((id) => h.agencies[id]!.pvCosts.gt(0));
  const worth = (c: string[]) => {
    if (!investors.every((i) => c.includes(i))) return ZERO;
    const total = sum(c.map((id) => h.agencies[id]!.npv));
    return total.isPositive() ? total : ZERO;
  };
  const exact = shapley(players, worth);
  const surplus = worth(players);
  // Shapley values can be negative (an agency whose own NPV drags a coalition down), so round
  // with largest remainders on the values themselves: the pence add up to the rounded surplus.
  const rounded = roundSeriesConserving(players.map((p) => exact[p]!));
  const penceShares = Object.fromEntries(players.map((p, i) => [p, rounded[i]!]));
  return {
    horizon: options.horizon,
    surplus,
    exact,
    pence: penceShares,
    transfers: Object.fromEntries(players.map((p) => [p, penceShares[p]!.minus(h.agencies[p]!.npv)])),
  };
}
