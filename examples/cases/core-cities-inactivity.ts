/**
 * Core Cities, economic inactivity: 40,400 jobs, £600m net to the public finances, £5,000 tax and
 * £10,000 welfare a person a year. The cities invest; HM Treasury and DWP capture the return. Tax
 * and welfare are transfers from the people moving into work: they count for the public sector,
 * while society gains the earnings.
 */
import { appraise, buildLedger, gainshareRange } from "../../src";
import { agencyTable, check, gapLines, money, pct, breakEvenValue, rangeText, type CaseStudy } from "./lib";

const CC = "Core Cities (2024), section 2 and note 26";
const FIRST_YEAR_IN_WORK = 1;
/** Spending-review view: 2025-26 to 2027-28. */
const SPENDING_REVIEW = 3;
/** Every effect: 2025-26 to 2028-29 (support in 2025-26, up to three years in work). */
const ALL_EFFECTS = 4;

export const coreCitiesInactivity: CaseStudy = {
  id: "core-cities-inactivity",
  title: "Core Cities: economic inactivity",
  headline(model) {
    const ledger = buildLedger(model);
    const jobs = ledger.outcomes["into-work"]!.active[FIRST_YEAR_IN_WORK]!;
    const flows = appraise(model, { lens: "fiscal" }).annual;
    // Tax and welfare are transfers from the households to HM Treasury and DWP: the public sector's gain.
    const tax = flows.agencies.hmt!.transfers[FIRST_YEAR_IN_WORK]!;
    const welfare = flows.agencies.dwp!.transfers[FIRST_YEAR_IN_WORK]!;
    return [
      check("Jobs", CC, 40400, jobs, { shown: 0 }),
      check("Net gain to the public finances in a year (£m)", CC, 600, flows.publicSector.net[FIRST_YEAR_IN_WORK]!.div(1e6), {
        prefix: "£",
        suffix: "m",
        step: 100,
        shown: 1,
      }),
      check("More tax per person a year", CC, 5000, tax.div(jobs), { prefix: "£" }),
      check("Less welfare per person a year", CC, 10000, welfare.div(jobs), { prefix: "£" }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const fiscal = appraise(model, { lens: "fiscal" });
    const cities = result.agencies.find((a) => a.id === "cities")!;
    const deal = { id: "pass-back", from: ["hmt", "dwp"], to: ["cities"] };
    const ranges = [SPENDING_REVIEW, ALL_EFFECTS].map((horizon) => gainshareRange(model, { deal, horizon }));
    const path = "outcomes.into-work.success";
    const ps = breakEvenValue(model, path, ALL_EFFECTS, [0, 1]);
    const ps3 = breakEvenValue(model, path, SPENDING_REVIEW, [0, 1]);
    const society = breakEvenValue(model, path, ALL_EFFECTS, [0, 1], { view: "system" });
    const rate = (x: number | null) => (x === null ? "no rate" : pct(x, 1));
    const last = result.years[ALL_EFFECTS - 1];
    return [
      `**Who pays and who gains** (economic lens, Green Book, ${result.years[0]} prices, to ${last}). Tax and welfare are transfers from the people moving into work: they are the public sector's return, and net to zero for society, whose gain is the earnings:\n\n${agencyTable(result, ALL_EFFECTS, "m")}`,
      `Under the fiscal lens alone (no earnings counted) society's NPV is ${money(fiscal.horizons.find((h) => h.years === ALL_EFFECTS)!.system.npv, "m")}: moving people into work saves no public resources here, it moves money between households and the Exchequer. The social case rests on the earnings.`,
      `**Prevention penalty in its plainest form.** The cities carry all the cost and none of the return; inside their one-year settlement they see ${money(cities.settlement.npvInSettlement, "m")}.\n\n${gapLines(result, "m")}`,
      `**What HM Treasury and DWP would need to pass back** (\`gainshareRange\`: a share of their tax gain and welfare saving paid to the cities): ` +
        ranges.map((r) => `to ${result.years[r.horizon - 1]}, ${rangeText(r, "HM Treasury and DWP", "the cities")}`).join("; ") +
        ".",
      `**Switching value.** The case assumes 40% of those supported move into work. To ${last} the public sector breaks even at a success rate of ${rate(ps)} and society (earnings less the cost of support) at ${rate(society)}; over the spending review (to ${result.years[SPENDING_REVIEW - 1]}) the public sector needs ${rate(ps3)}. The cities never break even without a transfer, whatever the rate.`,
    ];
  },
};
