/**
 * Whole Place Community Budgets, national estimate: £9.4bn-£20.6bn net over five years and
 * £4.2bn-£7.9bn a year once fully running. Reproduces both ends from the low case and the `high`
 * scenario, then shows the ramp-up, and what the horizon and discounting do to each.
 */
import { appraise, runScenarios, type Appraisal, type Model } from "../../src";
import { agencyTable, at, check, money, pct, span, table, type CaseStudy } from "./lib";

const FIVE_YEARS = 5;
const RUNNING = 5;
const UNDISCOUNTED = { discount: { rate: 0 } } as const;
const DS = "Denham & Studdert (2024), notes 24-25 (LGA and EY, 2013)";
const CC = "Core Cities (2024), section 4 (Whole Place Community Budgets)";
const bn = (x: { div(n: number): import("../../src").Decimal }) => x.div(1e9);

const scenarios = (model: Model, options = {}) => Object.fromEntries(runScenarios(model, {}, options).map((r) => [r.name, r.appraisal])) as Record<"base" | "high", Appraisal>;

export const wholePlaceNational: CaseStudy = {
  id: "whole-place-national",
  title: "Whole Place Community Budgets: national estimate",
  headline(model) {
    const { base, high } = scenarios(model, UNDISCOUNTED);
    return [
      check("Net benefit over five years, low (£bn)", DS, 9.4, bn(at(base, FIVE_YEARS).system.npv), { prefix: "£", suffix: "bn", places: 1 }),
      check("Net benefit over five years, high (£bn)", DS, 20.6, bn(at(high, FIVE_YEARS).system.npv), { prefix: "£", suffix: "bn", places: 1 }),
      check("Net benefit a year once fully running, low (£bn)", CC, 4.2, bn(base.annual.system.net[RUNNING]!), { prefix: "£", suffix: "bn", places: 1 }),
      check("Net benefit a year once fully running, high (£bn)", CC, 7.9, bn(high.annual.system.net[RUNNING]!), { prefix: "£", suffix: "bn", places: 1 }),
      check("Pilot cost to government (£m)", CC, 4.8, at(base, FIVE_YEARS).system.pvCosts.div(1e6), { prefix: "£", suffix: "m", places: 1 }),
    ];
  },
  explain(model) {
    const cash = scenarios(model, UNDISCOUNTED);
    const green = scenarios(model);
    const profile = table(
      ["Year", "Low: net benefit", "High: net benefit", "Low: share of fully running", "High: share of fully running"],
      cash.base.years.map((fy, t) => {
        const low = cash.base.annual.system.net[t]!;
        const high = cash.high.annual.system.net[t]!;
        const full = (a: Appraisal) => a.annual.system.net[RUNNING]!;
        const share = (x: typeof low, a: Appraisal) => (x.gt(0) ? pct(x.div(full(a)), 0) : "–");
        return [fy, money(low, "bn", 2), money(high, "bn", 2), share(low, cash.base), share(high, cash.high)];
      }),
    );
    const horizons = table(
      ["Horizon", "Low: undiscounted", "Low: Green Book", "High: undiscounted", "High: Green Book"],
      green.base.horizons.map((h) => [
        span(green.base, h.years),
        money(at(cash.base, h.years).system.npv, "bn", 2),
        money(h.system.npv, "bn", 2),
        money(at(cash.high, h.years).system.npv, "bn", 2),
        money(at(green.high, h.years).system.npv, "bn", 2),
      ]),
    );
    const five = at(green.base, FIVE_YEARS).system.npv;
    const three = at(appraise(model, { horizons: [2] }), 2).system.npv;
    return [
      `**Ramp-up** (assumed profile, 2013-14 prices, undiscounted; year 0 carries the £4.8m pilot cost):\n\n${profile}`,
      `**Horizon and discounting** (system NPV):\n\n${horizons}`,
      `To the first roll-out year (${green.base.years[1]}) the system sees ${money(at(green.base, 1).system.npv, "bn", 2)} to ${money(at(green.high, 1).system.npv, "bn", 2)}; a spending-review view of three years (to ${green.base.years[2]}) sees ${money(three, "bn", 2)} in the low case, ${pct(three.div(five), 0)} of the five-year figure; ten years are worth ${at(green.base, 10).system.npv.div(five).toFixed(1)} times it. Discounting at STPR takes ${money(at(cash.base, FIVE_YEARS).system.npv.minus(at(green.base, FIVE_YEARS).system.npv), "bn", 2)} (low) and ${money(at(cash.high, FIVE_YEARS).system.npv.minus(at(green.high, FIVE_YEARS).system.npv), "bn", 2)} (high) off the five-year totals.`,
      `**Who gains** (low case, Green Book, five years). The benefit-cost ratio is not meaningful here: the published figures are already net of the roll-out's costs, so the only cost left is the pilots' £4.8m.\n\n${agencyTable(appraise(model), FIVE_YEARS, "m")}`,
    ];
  },
};
