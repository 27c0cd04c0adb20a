/**
 * Local PSA performance reward grant: up to 2.5% of net budget, paid in proportion to achievement
 * above 60% of each stretch target; 57% of the available grant claimed. The reward-grant deal
 * reproduces the 57% from twelve targets' outcomes.
 */
import { appraise, loadModel, toDecimal, type Model, type RewardGrant } from "../../src";
import { check, dealTable, money, pct, table, type CaseStudy } from "./lib";

const LGA = "LGA / Shared Intelligence (2024), Local Public Service Agreements";
/** Year index of the reward payment (2004-05). */
const PAID = 3;
/** Four years, 2001-02 to 2004-05: the agreement and the payment year. */
const TO_PAYMENT = 4;

const reward = (model: Model) => appraise(model).deals.find((d) => d.id === "lpsa-reward")!;

export const lpsaRewardGrant: CaseStudy = {
  id: "lpsa-reward-grant",
  title: "Local PSA performance reward grant",
  headline(model) {
    const deal = reward(model);
    const grant = model.deals.find((d) => d.id === "lpsa-reward") as RewardGrant;
    const budget = "shareOf" in grant.maximum ? toDecimal(grant.maximum.shareOf) : null;
    return [
      check("Most a council can earn, share of its net budget requirement", LGA, 2.5, toDecimal(String(deal.figures.maximum)).div(budget!).times(100), {
        suffix: "%",
        places: 1,
      }),
      check("Share of the available reward claimed", LGA, 57, toDecimal(String(deal.figures.shareClaimed)).times(100), { suffix: "%" }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const deal = result.deals.find((d) => d.id === "lpsa-reward")!;
    const grant = model.deals.find((d) => d.id === "lpsa-reward") as RewardGrant;
    const label = (id: unknown) => model.outcomes.find((o) => o.id === id)!.label ?? String(id);
    const targets = table(
      ["Stretch target", "Target", `Achieved by ${result.years[grant.assessmentYear]}`, "Achievement", "Available", "Reward"],
      deal.schedule.map((r) => {
        const achievement = toDecimal(String(r.achievement));
        return [
          label(r.outcome),
          String(r.target),
          Number(r.achieved).toFixed(0),
          pct(achievement, 0) + (achievement.lt(0.6) ? " (below 60%)" : ""),
          money(toDecimal(String(r.available)), ""),
          money(toDecimal(String(r.reward)), ""),
        ];
      }),
    );
    const rows = deal.schedule.map((r) => ({ achievement: toDecimal(String(r.achievement)), reward: toDecimal(String(r.reward)) }));
    const lowestPaid = rows.filter((r) => r.reward.gt(0)).reduce((m, r) => (r.achievement.lt(m) ? r.achievement : m), toDecimal(1));
    const highestUnpaid = rows.filter((r) => r.reward.isZero()).reduce((m, r) => (r.achievement.gt(m) ? r.achievement : m), toDecimal(0));
    const before = result.beforeDeals!.horizons.find((h) => h.years === TO_PAYMENT)!.agencies.council!.npv;
    const other = reward(loadModel({ ...model, deals: [{ ...grant, scale: "above-threshold" }] }));
    return [
      `**The reward rule applied to the outcomes** (threshold 60%, proportional above it, each target capped at 100%):\n\n${targets}`,
      `Claimed: ${money(toDecimal(String(deal.figures.paid)), "")} of ${money(toDecimal(String(deal.figures.maximum)), "")} (${pct(toDecimal(String(deal.figures.shareClaimed)), 0)}), paid in ${result.years[PAID]}. A target achieved at ${pct(lowestPaid, 0)} earns ${pct(lowestPaid, 0)} of its share, one at ${pct(highestUnpaid, 0)} earns nothing: the threshold is a cliff, not a slope.`,
      `**The rule's wording matters.** Read instead as 'in proportion to achievement above the threshold' (nothing at 60%, all at 100%), the same outcomes earn ${money(toDecimal(String(other.figures.paid)), "")}, ${pct(toDecimal(String(other.figures.shareClaimed)), 0)} of the maximum.`,
      `**The council with and without the reward** (fiscal lens, STPR, 2001-02 prices, to ${result.years[PAID]}):\n\n${dealTable(result, TO_PAYMENT, "m", 2)}`,
      `${before.isNegative() ? "Without the grant the council's own savings do not repay its stretch spending; the reward is what makes the agreement worth signing for the council." : "The council's own savings repay its stretch spending even without the grant."} The reward is a transfer between public bodies, so the public sector's and society's NPVs are the same with or without it; whether the stretch was worth it for the public purse as a whole depends on the value of the outcomes, most of which (exam results, fewer casualties) are not budget savings at all.`,
    ];
  },
};
