import { ZERO, type Decimal } from "../money";
import type { OptionFigures, SwitchingEntry } from "./types";

/* Switching values between two alternatives, in figures and in words. */

const pct = (d: Decimal) => `${d.times(100).toDecimalPlaces(1).toString()}%`;
const money = (d: Decimal) => {
  const abs = d.abs();
  const s = abs.gte(1e6)
    ? `£${abs.div(1e6).toDecimalPlaces(2).toString()}m`
    : abs.gte(1e3)
      ? `£${abs.div(1e3).toDecimalPlaces(1).toString()}k`
      : `£${abs.toDecimalPlaces(0).toString()}`;
  return d.isNegative() ? `−${s}` : s;
};

/**
 * How far PV savings must fall, or PV costs rise, to close a positive NPSV margin over the
 * alternative; for a negative margin, how far benefits must rise or costs fall to reach it.
 */
export function switchingPair(margin: Decimal, f: OptionFigures, against: string): [SwitchingEntry, SwitchingEntry] {
  if (margin.isZero()) {
    const same: SwitchingEntry = { description: `NPSV equal to ${against}'s: any change decides`, share: ZERO, amount: ZERO };
    return [same, same];
  }
  const gap = margin.abs();
  const up = margin.gt(0);
  const benefits: SwitchingEntry = f.pvSavings.gt(0)
    ? {
        description: `PV savings ${up ? "fall" : "rise"} by ${pct(gap.div(f.pvSavings))} (${money(gap)}) before ${up ? `${against} is as good` : `it matches ${against}`}`,
        share: gap.div(f.pvSavings),
        amount: gap,
      }
    : {
        description: up
          ? `no fall in benefits makes ${against} as good (the option adds no benefits)`
          : `PV savings would have to rise by ${money(gap)} to match ${against}`,
        share: null,
        amount: up ? null : gap,
      };
  const costs: SwitchingEntry = f.pvCosts.gt(0)
    ? up
      ? { description: `PV costs rise by ${pct(gap.div(f.pvCosts))} (${money(gap)}) before ${against} is as good`, share: gap.div(f.pvCosts), amount: gap }
      : gap.lte(f.pvCosts)
        ? { description: `PV costs fall by ${pct(gap.div(f.pvCosts))} (${money(gap)}) before it matches ${against}`, share: gap.div(f.pvCosts), amount: gap }
        : { description: `no cut in costs matches ${against}: the shortfall (${money(gap)}) exceeds the option's extra PV costs`, share: null, amount: null }
    : {
        description: up ? `PV costs rise by ${money(gap)} before ${against} is as good` : `no change in costs matches ${against} (the option adds no costs)`,
        share: null,
        amount: up ? gap : null,
      };
  return [benefits, costs];
}
