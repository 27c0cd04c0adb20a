/**
 * Troubled Families 2012-15: councils pay to work with families; DCLG pays up to £4,000 a family,
 * partly up front and partly on results. Reproduces the cohort and the £4,000 cap; shows the
 * councils' position, the allocation, and how much deadweight the case can bear.
 */
import { appraise, buildLedger, gainshareRange, setInputs, sum, switchingValue, toDecimal, type Model } from "../../src";
import { check, dealTable, money, pct, breakEvenValue, rangeText, table, type CaseStudy } from "./lib";

const PUBLIC = "public reports (not in the seed papers)";
const LGA = "LGA / Shared Intelligence (2024), Troubled/Supporting Families";
/** Five years, 2012-13 to 2016-17: every cohort's savings. */
const HORIZON = 5;
const ALLOCATION = toDecimal(448e6);

const pbr = (model: Model) => appraise(model).deals.find((d) => d.id === "tf-pbr")!;
const full = (model: Model) => setInputs(model, { "outcomes.turned-around.success": 1 });

export const troubledFamiliesPbr: CaseStudy = {
  id: "troubled-families-pbr-2012-15",
  title: "Troubled Families 2012-15 (payment by results)",
  headline(model) {
    const atFull = pbr(full(model));
    const perFamily = atFull.schedule.map((r) => toDecimal(String(r.perCase)));
    const most = perFamily.reduce((a, b) => (b.gt(a) ? b : a));
    return [
      check("Families", LGA, 120000, sum(buildLedger(model).cohorts.families!), { shown: 0 }),
      check("Most DCLG pays for one family (every family turned around)", PUBLIC, 4000, most, { prefix: "£", shown: 2 }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const deal = result.deals.find((d) => d.id === "tf-pbr")!;
    const schedule = table(
      ["Families starting", "Families", "Up front per family", "Attachment fees", "Results payments", "Paid per family"],
      deal.schedule.map((r) => [
        String(r.financialYear),
        Number(r.cases).toLocaleString("en-GB"),
        money(toDecimal(String(r.attachmentPerCase)), ""),
        money(toDecimal(String(r.attachments)), "m"),
        money(toDecimal(String(r.results)), "m"),
        money(toDecimal(String(r.perCase)), ""),
      ]),
    );
    const attachments = toDecimal(String(deal.figures.attachments));
    const results = toDecimal(String(deal.figures.results));
    const paid = attachments.plus(results);
    const success = toDecimal(model.outcomes.find((o) => o.id === "turned-around")!.success!);
    const affordable = ALLOCATION.minus(attachments).div(results.div(success));
    const gap = gainshareRange(model, { deal: { id: "partners-share", from: ["police", "moj", "dwp", "nhs"], to: ["council"] }, horizon: HORIZON });
    const dw = breakEvenValue(model, "outcomes.turned-around.deadweight", HORIZON, [0, 1]);
    const dwSociety = breakEvenValue(model, "outcomes.turned-around.deadweight", HORIZON, [0, 1], { view: "system" });
    const dwCouncil = switchingValue(model, "outcomes.turned-around.deadweight", { horizon: HORIZON, agency: "council" });
    const council = result.agencies.find((a) => a.id === "council")!;
    return [
      `**The payment-by-results rule, cohort by cohort** (cash, at the claimed 99% turned around):\n\n${schedule}`,
      `At 99% the rules pay ${money(paid, "m")} (${pct(toDecimal(String(deal.figures.resultsShare)))} of it on results), ${money(paid.minus(ALLOCATION), "m")} more than the £448m allocated; the allocation would cover them only if no more than ${pct(affordable)} of families were turned around. The seed papers do not say how the difference was met.`,
      `**Councils with and without the payments** (fiscal lens, STPR, 2012-13 prices, to ${result.years[HORIZON - 1]}):\n\n${dealTable(result, HORIZON, "m")}`,
      `Inside its one-year settlement the councils' position in ${result.years[0]} is ${money(council.settlement.npvInSettlement, "m")}. ` +
        (gap.ok
          ? `Even with the payments the councils still lose; ${rangeText(gap, "police, MoJ, DWP and the NHS", "the councils")}.`
          : `No gainshare from police, MoJ, DWP and the NHS closes the councils' gap at ${HORIZON} years: ${gap.message}.`),
      `**Switching value.** The case assumes every family claimed as turned around was turned around by the programme (deadweight 0). ` +
        (dw !== null
          ? `The public sector's NPV to ${result.years[HORIZON - 1]} stays positive up to a deadweight of ${pct(dw)}`
          : `The public sector's NPV keeps its sign for any deadweight`) +
        (dwSociety !== null ? ` (society's, which leaves out the benefits no longer paid, up to ${pct(dwSociety)})` : "") +
        (dwCouncil.found
          ? `; the councils' own NPV changes sign at a deadweight of ${pct(dwCouncil.value)}.`
          : `; the councils' NPV is negative at any deadweight from 0 to 100%, and more so as deadweight rises, because their results payments shrink with the results.`),
    ];
  },
};
