/**
 * Cheshire West and Chester: £108m of savings over five years for £41m of investment. Reproduces
 * the undiscounted 108/41 for the public sector, then shows the Green Book view, the council's
 * incentive gap under an assumed split, the gainshare that closes it, and a switching value.
 */
import { appraise, gainshareRange, loadModel, switchingValue, type AppraiseOptions, type Model } from "../../src";
import { agencyTable, at, check, conventionTable, dealTable, gapLines, money, pct, breakEvenValue, rangeText, type CaseStudy } from "./lib";

/** "Over five years": 2013-14 to 2017-18. */
const FIVE_YEARS = 5;
const THREE_YEARS = 3;
const UNDISCOUNTED: AppraiseOptions = { discount: { rate: 0 }, horizons: [FIVE_YEARS] };
const LGA = "LGA / Shared Intelligence (2024), Whole-place Community Budgets";
const PAYERS = ["nhs", "police", "dwp", "moj"];

export const cheshireWest: CaseStudy = {
  id: "cheshire-west",
  title: "Cheshire West and Chester whole-place business cases",
  headline(model) {
    // The business cases' figures are the public sector's: DWP's benefit savings (a transfer from households) count.
    const h = at(appraise(model, UNDISCOUNTED), FIVE_YEARS).publicSector;
    return [
      check("Savings over five years (£m)", LGA, 108, h.pvSavings.plus(h.pvTransfers).div(1e6), { prefix: "£", suffix: "m" }),
      check("Investment (£m)", LGA, 41, h.pvCosts.div(1e6), { prefix: "£", suffix: "m" }),
      check("Savings per £1 invested (108 / 41)", LGA, 2.63, h.bcr!, { prefix: "£", places: 2 }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const range = gainshareRange(model, { deal: { id: "partners-gainshare", from: PAYERS, to: ["council"] }, horizon: FIVE_YEARS });
    const blocks = [
      `**Discounting and horizon** (public sector, the business cases' view, 2013-14 prices):\n\n${conventionTable(model, { discount: { rate: 0 } }, "m", "Undiscounted", "publicSector")}`,
      `**Who pays and who gains** (Green Book, five years):\n\n${agencyTable(result, FIVE_YEARS, "m")}`,
      `**Prevention penalty.**\n\n${gapLines(result, "m")}`,
    ];
    if (range.ok) {
      const share = Math.ceil(range.minShare.toNumber() * 1000) / 1000;
      const dealt = appraise(
        loadModel({
          ...model,
          deals: [{ type: "gainshare", id: "partners-gainshare", label: "Partners' gainshare to the council", from: PAYERS, to: "council", share }],
        }),
      );
      blocks.push(
        `**A gainshare that closes the gap.** \`gainshareRange\`: ${rangeText(range, "NHS, police, DWP and MoJ", "the council")}. With the share rounded up to ${pct(share, 1)}:\n\n${dealTable(dealt, FIVE_YEARS, "m", 2)}`,
      );
    } else blocks.push(`**No gainshare closes the gap**: ${range.message}.`);
    blocks.push(switching(model));
    return blocks;
  },
};

function switching(model: Model): string {
  const path = "outcomes.savings.success";
  const five = breakEvenValue(model, path, FIVE_YEARS, [0, 1]);
  const three = breakEvenValue(model, path, THREE_YEARS, [0, 1]);
  const society = breakEvenValue(model, path, FIVE_YEARS, [0, 1], { view: "system" });
  const council = switchingValue(model, path, { horizon: FIVE_YEARS, agency: "council" });
  const say = (share: number | null, who: string) =>
    share !== null
      ? `${who} breaks even if ${pct(share)} of the expected savings are realised`
      : `${who} does not break even even if every expected saving is realised`;
  const result = appraise(model);
  return (
    `**Switching values** (share of the business cases' savings that must materialise, Green Book): over five years ${say(five, "the public sector")}; over three years (to ${result.years[THREE_YEARS - 1]}) ${say(three, "the public sector")}. ` +
    `Society, for which DWP's benefit savings are a transfer, needs ${society !== null ? pct(society) : "more than all of them"} over five years. ` +
    `With the assumed split, ${say(council.found ? council.value : null, "the council")} (its five-year NPV at 100% is ${money(at(result, FIVE_YEARS).agencies.council!.npv, "m", 2)}): only a transfer closes its gap.`
  );
}
