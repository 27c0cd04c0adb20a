/**
 * Core Cities, economic inactivity: 40,400 jobs, £600m net to the public finances, £5,000 tax and
 * £10,000 welfare a person a year. The cities invest; HM Treasury and DWP capture the return.
 */
import { appraise, buildLedger, gainshareRange, switchingValue } from "../../src";
import { agencyTable, check, gapLines, money, pct, rangeText, type CaseStudy } from "./lib";

const CC = "Core Cities (2024), section 2 and note 26";
const FIRST_YEAR_IN_WORK = 1;

export const coreCitiesInactivity: CaseStudy = {
  id: "core-cities-inactivity",
  title: "Core Cities: economic inactivity",
  headline(model) {
    const ledger = buildLedger(model);
    const jobs = ledger.outcomes["into-work"]!.active[FIRST_YEAR_IN_WORK]!;
    const flows = appraise(model).annual.agencies;
    const tax = flows.hmt!.savings[FIRST_YEAR_IN_WORK]!;
    const welfare = flows.dwp!.savings[FIRST_YEAR_IN_WORK]!;
    return [
      check("Jobs", CC, 40400, jobs, { shown: 0 }),
      check("Net gain to the public finances in a year (£m)", CC, 600, tax.plus(welfare).div(1e6), { prefix: "£", suffix: "m", step: 100, shown: 1 }),
      check("More tax per person a year", CC, 5000, tax.div(jobs), { prefix: "£" }),
      check("Less welfare per person a year", CC, 10000, welfare.div(jobs), { prefix: "£" }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const cities = result.agencies.find((a) => a.id === "cities")!;
    const deal = { id: "pass-back", from: ["hmt", "dwp"], to: ["cities"] };
    const ranges = [1, 3].map((horizon) => gainshareRange(model, { deal, horizon }));
    const sv = switchingValue(model, "outcomes.into-work.success", { horizon: 3 });
    const sv1 = switchingValue(model, "outcomes.into-work.success", { horizon: 1 });
    return [
      `**Who pays and who gains** (fiscal lens, Green Book, ${result.years[0]} prices, to ${result.years[3]}):\n\n${agencyTable(result, 3, "m")}`,
      `**Prevention penalty in its plainest form.** The cities carry all the cost and none of the return; inside their one-year settlement they see ${money(cities.settlement.npvInSettlement, "m")}.\n\n${gapLines(result, "m")}`,
      `**What HM Treasury and DWP would need to pass back** (\`gainshareRange\`: a share of their tax gain and welfare saving paid to the cities): ` +
        ranges.map((r) => `to ${result.years[r.horizon]}, ${rangeText(r, "HM Treasury and DWP", "the cities")}`).join("; ") +
        ".",
      `**Switching value.** The case assumes 40% of those supported move into work. To ${result.years[3]} the system breaks even at a success rate of ${sv.found ? pct(sv.value, 1) : "no rate"}; to ${result.years[1]} at ${sv1.found ? pct(sv1.value, 1) : "no rate"}. The cities never break even without a transfer, whatever the rate.`,
    ];
  },
};
