import type { Decimal } from "../../money";
import { ZERO } from "../../money";
import { paybackYear } from "../../metrics";
import type { Appraisal } from "../../appraise";
import { partyStyles } from "./style";

/** Chart values are floats rounded to pence: charts show shapes, tables carry the exact figures. */
export function chartNumber(value: Decimal): number {
  const n = value.toDecimalPlaces(2).toNumber();
  return Object.is(n, -0) ? 0 : n;
}

/**
 * The role each agency plays over the whole appraisal: an investor bears costs, a beneficiary
 * does not.
 *
 * @example
 * ```ts
 * agencyRoles(result).council; // "investor"
 * agencyRoles(result).police;  // "beneficiary"
 * ```
 */
export function agencyRoles(appraisal: Pick<Appraisal, "agencies" | "annual">): Record<string, "investor" | "beneficiary"> {
  return Object.fromEntries(appraisal.agencies.map((a) => [a.id, appraisal.annual.agencies[a.id]!.costs.some((c) => c.gt(0)) ? "investor" : "beneficiary"]));
}

/** One bar segment of the annual cashflow chart. */
export interface CashflowDatum {
  t: number;
  year: string;
  /** The agency's name as charts show it (see `partyStyles`). */
  agency: string;
  role: "investor" | "beneficiary";
  net: number;
}

/**
 * Undiscounted net flow per agency and year (real terms), for the stacked annual cashflow chart.
 * Agencies with no flows at all are left out.
 *
 * @example
 * ```ts
 * cashflowData(result)[0]; // { t: 0, year: "2025-26", agency: "County council", role: "investor", net: -1834500 }
 * ```
 */
export function cashflowData(appraisal: Pick<Appraisal, "agencies" | "annual" | "years">): CashflowDatum[] {
  const roles = agencyRoles(appraisal);
  const names = new Map(partyStyles(appraisal).map((s) => [s.id, s.name]));
  const out: CashflowDatum[] = [];
  for (const a of appraisal.agencies) {
    const net = appraisal.annual.agencies[a.id]!.net;
    if (net.every((v) => v.isZero())) continue;
    net.forEach((v, t) => out.push({ t, year: appraisal.years[t]!, agency: names.get(a.id)!, role: roles[a.id]!, net: chartNumber(v) }));
  }
  return out;
}

/** One point of the cumulative discounted position chart. */
export interface CumulativeDatum {
  t: number;
  year: string;
  party: string;
  cumulative: number;
}

/** A marked payback (or its absence) on the cumulative chart. */
export interface PaybackMark {
  party: string;
  t: number;
  year: string;
  cumulative: number;
  /** "payback 2030-31", or "no payback by 2034-35". */
  text: string;
}

/**
 * Cumulative discounted net position (present value to date) per agency, for the public sector
 * (when some party is not a public body) and for the whole system, with the discounted payback
 * year marked for the whole system, the public sector and each investor ("no payback by …" at
 * the last year when there is none).
 *
 * @example
 * ```ts
 * cumulativeData(result).paybacks.map((p) => `${p.party}: ${p.text}`);
 * // ["County council: no payback by 2034-35", "Public sector: payback 2030-31", "Whole system: payback 2030-31"]
 * ```
 */
export function cumulativeData(appraisal: Pick<Appraisal, "agencies" | "annual" | "years">): { points: CumulativeDatum[]; paybacks: PaybackMark[] } {
  const roles = agencyRoles(appraisal);
  const points: CumulativeDatum[] = [];
  const paybacks: PaybackMark[] = [];
  // Each year's present value, every line discounted on its own schedule.
  const add = (party: string, pv: readonly Decimal[], mark: boolean) => {
    let running = ZERO;
    const series = pv.map((v) => (running = running.plus(v)));
    series.forEach((v, t) => points.push({ t, year: appraisal.years[t]!, party, cumulative: chartNumber(v) }));
    if (!mark) return;
    const last = series.length - 1;
    const payback = paybackYear(pv);
    if (payback === null)
      paybacks.push({ party, t: last, year: appraisal.years[last]!, cumulative: chartNumber(series[last]!), text: `no payback by ${appraisal.years[last]}` });
    else
      paybacks.push({
        party,
        t: payback,
        year: appraisal.years[payback]!,
        cumulative: chartNumber(series[payback]!),
        text: `payback ${appraisal.years[payback]}`,
      });
  };
  for (const s of partyStyles(appraisal)) {
    if (s.id === "system") add(s.name, appraisal.annual.system.pv.net, true);
    else if (s.id === "public-sector") add(s.name, appraisal.annual.publicSector.pv.net, true);
    else {
      const flows = appraisal.annual.agencies[s.id]!;
      if (flows.net.every((v) => v.isZero())) continue;
      add(s.name, flows.pv.net, roles[s.id] === "investor");
    }
  }
  return { points, paybacks };
}

/** One bar of the incentive-gap chart. */
export interface GapDatum {
  horizon: string;
  years: number;
  party: string;
  npv: number;
  /** True for the whole system and the public sector. */
  total: boolean;
}

/**
 * NPV at each horizon for the whole system, the public sector (when some party is not a public
 * body) and every agency with a non-zero NPV at some horizon: the incentive gap is where the
 * system's bar is above zero and an investor's below.
 *
 * @example
 * ```ts
 * incentiveGapData(result).filter((d) => d.years === 10).map((d) => d.party).slice(0, 3);
 * // ["Whole system", "Public sector", "County council"]
 * ```
 */
export function incentiveGapData(appraisal: Pick<Appraisal, "agencies" | "annual" | "horizons">): GapDatum[] {
  const styles = partyStyles(appraisal);
  const order = [...styles.filter((s) => s.neutral).reverse(), ...styles.filter((s) => !s.neutral)];
  const involved = (id: string) => appraisal.horizons.some((h) => !h.agencies[id]!.npv.isZero());
  const out: GapDatum[] = [];
  for (const h of appraisal.horizons) {
    const horizon = `${h.years} year${h.years === 1 ? "" : "s"}`;
    for (const s of order) {
      if (s.id === "system") out.push({ horizon, years: h.years, party: s.name, npv: chartNumber(h.system.npv), total: true });
      else if (s.id === "public-sector") out.push({ horizon, years: h.years, party: s.name, npv: chartNumber(h.publicSector.npv), total: true });
      else if (involved(s.id)) out.push({ horizon, years: h.years, party: s.name, npv: chartNumber(h.agencies[s.id]!.npv), total: false });
    }
  }
  return out;
}
