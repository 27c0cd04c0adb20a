/**
 * Demos, The Reform Dividend (annex): reproduce the cash profile (£17.0bn of costs in 2025-26
 * rising to £20.2bn; £61bn of savings against £20bn of costs in 2033-34, £41bn net), then restate
 * it in real terms, discount it at STPR, find the payback year and the switching value of the 2%
 * productivity uplift.
 */
import { appraise, setInputs, switchingValue, type Model } from "../../src";
import { brent } from "../../src/metrics/roots";
import { agencyTable, at, check, money, pct, table, type CaseStudy } from "./lib";

const DEMOS = "Demos (2024), Methodological annex";
/** Year indices: 2034-35 (the last) and 2033-34. */
const LAST = 9;
const Y2033 = 8;
/** The annex's ten years, 2025-26 to 2034-35. */
const TEN_YEARS = 10;
const bn = { prefix: "£", suffix: "bn" };

/** The annex's own convention: cash terms (no deflation) and no discounting. */
export function cashTerms(model: Model): Model {
  return setInputs(model, { "appraisal.prices.inflation": 0 });
}
const CASH = { discount: { rate: 0 } } as const;

/** The model with a different yearly productivity uplift u: the share of spending saved in year k is 1 − (1 + u)^−k. */
export function withUplift(model: Model, u: number): Model {
  const steps = model.outcomes.find((o) => o.id === "productivity")!.rampUp.length;
  return setInputs(model, Object.fromEntries(Array.from({ length: steps - 1 }, (_, i) => [`outcomes.productivity.rampUp[${i + 1}]`, 1 - (1 + u) ** -(i + 1)])));
}

export const demosReformDividend: CaseStudy = {
  id: "demos-reform-dividend",
  title: "Demos, The Reform Dividend (annex profile)",
  headline(model) {
    const cash = appraise(cashTerms(model), CASH).annual.system;
    const b = (x: import("../../src").Decimal) => x.div(1e9);
    return [
      check("Costs 2025-26 (£bn, cash)", DEMOS, 17.0, b(cash.costs[0]!), { ...bn, places: 1 }),
      check("Costs 2034-35 (£bn, cash)", DEMOS, 20.2, b(cash.costs[LAST]!), { ...bn, places: 1 }),
      check("Costs 2033-34 (£bn, cash)", DEMOS, 20, b(cash.costs[Y2033]!), bn),
      check("Savings 2033-34 (£bn, cash)", DEMOS, 61, b(cash.savings[Y2033]!), bn),
      check("Net savings 2033-34 (£bn, cash)", DEMOS, 41, b(cash.net[Y2033]!), bn),
    ];
  },
  explain(model) {
    const cash = appraise(cashTerms(model), CASH);
    const real = appraise(model, CASH);
    const green = appraise(model);
    let cumulative = green.discountFactors[0]!.times(0);
    const rows = green.years.map((fy, t) => {
      const c = cash.annual.system;
      const pv = green.annual.system.net[t]!.times(green.discountFactors[t]!);
      cumulative = cumulative.plus(pv);
      return [
        fy,
        money(c.costs[t]!, "bn"),
        money(c.savings[t]!, "bn"),
        money(c.net[t]!, "bn"),
        money(real.annual.system.net[t]!, "bn"),
        money(pv, "bn"),
        money(cumulative, "bn"),
      ];
    });
    const profile = table(
      ["Year", "Costs (cash)", "Savings (cash)", "Net (cash)", "Net, 2025-26 prices", "Net, discounted (STPR)", "Cumulative discounted"],
      rows,
    );
    const c10 = at(cash, TEN_YEARS).system;
    const g10 = at(green, TEN_YEARS).system;
    const npv = (m: Model) => at(appraise(m, { horizons: [TEN_YEARS] }), TEN_YEARS).system.npv.toNumber();
    const uplift = brent((u) => npv(withUplift(model, u)), 0.001, 0.02, { xtol: 1e-7 });
    const share = switchingValue(model, "outcomes.productivity.success", { horizon: TEN_YEARS });
    const homeOffice = at(green, TEN_YEARS).agencies["home-office"]!;
    return [
      `**The annex profile, restated** (costs and savings in £bn; cash as published, then in 2025-26 prices at 1.93% a year, then discounted at STPR):\n\n${profile}`,
      `**What the convention does.** Over the ten years to ${green.years[LAST]} the annex's cash, undiscounted figures give net savings of ${money(c10.npv, "bn")} (benefit-cost ratio ${c10.bcr!.toFixed(2)}); in real terms discounted at STPR the NPV is ${money(g10.npv, "bn")} (BCR ${g10.bcr!.toFixed(2)}). ` +
        `Cumulative net savings turn positive for good in ${green.years[c10.paybackYear ?? 0]} in cash terms and in ${g10.discountedPaybackYear === null ? "none of the ten years" : green.years[g10.discountedPaybackYear]} once discounted: the programme costs more than it saves for the first ${g10.discountedPaybackYear ?? TEN_YEARS} years, longer than a spending review.`,
      `**Switching values** (system NPV over the ten years, Green Book): the productivity uplift could fall from 2% a year to ${pct(uplift.x, 2)} before the NPV reaches zero; equivalently, ${share.found ? pct(share.value, 1) : "no share"} of the projected savings must materialise.`,
      `**Who pays and who gains** (assumed split, Green Book, ten years). The Home Office pays for police pay restoration but is not one of the five departments whose productivity rises, so it is out of pocket by ${money(homeOffice.npv.neg(), "bn")}:\n\n${agencyTable(green, TEN_YEARS, "bn")}`,
    ];
  },
};
