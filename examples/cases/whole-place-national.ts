/**
 * Whole Place Community Budgets, national estimate: £9.4bn-£20.6bn net over five years and
 * £4.2bn-£7.9bn a year once fully running. Reproduces both ends from the low case and the `high`
 * scenario, then shows the ramp-up, and what the horizon and discounting do to each.
 */
import { appraise, runScenarios, type Appraisal, type Model } from "../../src";
import { agencyTable, at, check, money, pct, span, table, type CaseStudy } from "./lib";

const FIVE_YEARS = 5;
/** Year index of the first fully running year (2017-18, the fifth roll-out year). */
const RUNNING = 4;
const UNDISCOUNTED = { discount: { rate: 0 } } as const;
const DS = "Denham & Studdert (2024), notes 24-25 (LGA and EY, 2013)";
const CC = "Core Cities (2024), section 4 (Whole Place Community Budgets)";
const bn = (x: { div(n: number): import("../../src").Decimal }) => x.div(1e9);

const scenarios = (model: Model, options = {}) =>
  Object.fromEntries(runScenarios(model, {}, options).map((r) => [r.name, r.appraisal])) as Record<"base" | "high", Appraisal>;

export const wholePlaceNational: CaseStudy = {
  id: "whole-place-national",
  title: "Whole Place Community Budgets: national estimate",
  headline(model) {
    // "Net benefit to the public purse": the public sector's figures (DWP's benefit savings, a transfer from households, count).
    const { base, high } = scenarios(model, UNDISCOUNTED);
    return [
      check("Net benefit over five years, low (£bn)", DS, 9.4, bn(at(base, FIVE_YEARS).publicSector.npv), { prefix: "£", suffix: "bn", places: 1 }),
      check("Net benefit over five years, high (£bn)", DS, 20.6, bn(at(high, FIVE_YEARS).publicSector.npv), { prefix: "£", suffix: "bn", places: 1 }),
      check("Net benefit a year once fully running, low (£bn)", CC, 4.2, bn(base.annual.publicSector.net[RUNNING]!), { prefix: "£", suffix: "bn", places: 1 }),
      check("Net benefit a year once fully running, high (£bn)", CC, 7.9, bn(high.annual.publicSector.net[RUNNING]!), { prefix: "£", suffix: "bn", places: 1 }),
      check("Pilot cost to government (£m)", CC, 4.8, at(base, FIVE_YEARS).publicSector.pvCosts.div(1e6), { prefix: "£", suffix: "m", places: 1 }),
    ];
  },
  explain(model) {
    const cash = scenarios(model, UNDISCOUNTED);
    const green = scenarios(model);
    const profile = table(
      ["Year", "Low: net benefit", "High: net benefit", "Low: share of fully running", "High: share of fully running"],
      cash.base.years.map((fy, t) => {
        const low = cash.base.annual.publicSector.net[t]!;
        const high = cash.high.annual.publicSector.net[t]!;
        const full = (a: Appraisal) => a.annual.publicSector.net[RUNNING]!;
        const share = (x: typeof low, a: Appraisal) => (x.gt(0) ? pct(x.div(full(a)), 0) : "–");
        return [fy, money(low, "bn", 2), money(high, "bn", 2), share(low, cash.base), share(high, cash.high)];
      }),
    );
    const horizons = table(
      ["Horizon", "Low: undiscounted", "Low: Green Book", "High: undiscounted", "High: Green Book"],
      green.base.horizons.map((h) => [
        span(green.base, h.years),
        money(at(cash.base, h.years).publicSector.npv, "bn", 2),
        money(h.publicSector.npv, "bn", 2),
        money(at(cash.high, h.years).publicSector.npv, "bn", 2),
        money(at(green.high, h.years).publicSector.npv, "bn", 2),
      ]),
    );
    const ps = (a: Appraisal, years: number) => at(a, years).publicSector.npv;
    const five = ps(green.base, FIVE_YEARS);
    const three = ps(appraise(model, { horizons: [3] }), 3);
    return [
      `**Ramp-up** (assumed profile, public sector, 2013-14 prices, undiscounted; year 0 also carries the £4.8m pilot cost):\n\n${profile}`,
      `**Horizon and discounting** (public sector NPV, the published 'net benefit to the public purse'):\n\n${horizons}`,
      `In the first roll-out year (${green.base.years[0]}) the public sector sees ${money(ps(green.base, 1), "bn", 2)} to ${money(ps(green.high, 1), "bn", 2)}; a spending-review view of three years (to ${green.base.years[2]}) sees ${money(three, "bn", 2)} in the low case, ${pct(three.div(five), 0)} of the five-year figure; ten years are worth ${ps(green.base, 10).div(five).toFixed(1)} times it. Discounting at STPR takes ${money(ps(cash.base, FIVE_YEARS).minus(ps(green.base, FIVE_YEARS)), "bn", 2)} (low) and ${money(ps(cash.high, FIVE_YEARS).minus(ps(green.high, FIVE_YEARS)), "bn", 2)} (high) off the five-year totals.`,
      `**Who gains** (low case, Green Book, five years). The benefit-cost ratio is not meaningful here: the published figures are already net of the roll-out's costs, so the only cost left is the pilots' £4.8m. DWP's share is benefits no longer paid, a transfer from the households who stop claiming: it counts for the public sector but not for society.\n\n${agencyTable(appraise(model), FIVE_YEARS, "m")}`,
    ];
  },
};
