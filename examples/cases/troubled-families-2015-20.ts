/**
 * Troubled Families 2015-20: reproduce £1.51 fiscal and £2.28 economic per £1 (and £1.29 / £1.94
 * without JSA), then show who received the benefits and what discounting does. Fiscal ratios are
 * the public sector's (JSA not paid is a transfer from the families to DWP); economic ratios are
 * society's.
 */
import { appraise, buildLedger, sum, type AppraiseOptions, type Model } from "../../src";
import { agencyTable, at, check, gapLines, pct, ratio, table, withoutOutcome, type CaseStudy } from "./lib";

/** All effects of the five cohorts: 2015-16 to 2021-22. */
const ALL_EFFECTS = 7;
/** The programme years, 2015-16 to 2019-20. */
const PROGRAMME = 5;
const UNDISCOUNTED: AppraiseOptions = { discount: { rate: 0 }, horizons: [ALL_EFFECTS] };
const DS = "Denham & Studdert (2024), note 16, citing MHCLG (2019)";
const LGA = "LGA / Shared Intelligence (2024), Troubled/Supporting Families";

/** Benefit per £1: fiscal for the public sector (transfers from households count), economic for society. */
const view = (lens: "fiscal" | "economic") => (lens === "fiscal" ? "publicSector" : "system");
const bcr = (model: Model, lens: "fiscal" | "economic", options: object = UNDISCOUNTED, years = ALL_EFFECTS) =>
  at(appraise(model, { ...options, lens }), years)[view(lens)].bcr!;

export const troubledFamilies201520: CaseStudy = {
  id: "troubled-families-2015-20",
  title: "Troubled Families 2015-20",
  headline(model) {
    const noJsa = withoutOutcome(model, "jsa");
    const fiscal = appraise(model, UNDISCOUNTED);
    return [
      check("Families supported", DS, 400000, sum(buildLedger(model).cohorts.families!), { shown: 0 }),
      check("Programme cost (£m)", DS, 920, at(fiscal, ALL_EFFECTS).publicSector.pvCosts.div(1e6), { prefix: "£", suffix: "m" }),
      check("Fiscal benefit per £1", DS, 1.51, bcr(model, "fiscal"), { prefix: "£", places: 2 }),
      check("Economic benefit per £1", DS, 2.28, bcr(model, "economic"), { prefix: "£", places: 2 }),
      check("Fiscal benefit per £1, JSA set aside", LGA, 1.29, bcr(noJsa, "fiscal"), { prefix: "£", places: 2 }),
      check("Economic benefit per £1, JSA set aside", LGA, 1.94, bcr(noJsa, "economic"), { prefix: "£", places: 2 }),
    ];
  },
  explain(model) {
    const noJsa = withoutOutcome(model, "jsa");
    const stpr = { horizons: [PROGRAMME, ALL_EFFECTS] };
    const row = (label: string, m: Model, lens: "fiscal" | "economic", extra: object = {}) => [
      label,
      `£${ratio(bcr(m, lens, { ...UNDISCOUNTED, ...extra }))}`,
      `£${ratio(bcr(m, lens, { ...stpr, ...extra }))}`,
      `£${ratio(bcr(m, lens, { ...stpr, ...extra }, PROGRAMME))}`,
    ];
    const lenses = table(
      [
        "Benefit per £1 spent",
        "Undiscounted, all effects (7 years, to 2021-22)",
        "Green Book STPR, all effects",
        "Green Book STPR, programme years only (5 years, to 2019-20)",
      ],
      [
        row("Fiscal", model, "fiscal"),
        row("Economic", model, "economic"),
        row("Fiscal, JSA set aside", noJsa, "fiscal"),
        row("Economic, JSA set aside", noJsa, "economic"),
        row("Fiscal, cash-releasing savings only", model, "fiscal", { cashableOnly: true }),
      ],
    );
    const result = appraise(model);
    const h = at(result, ALL_EFFECTS);
    // The public sector's fiscal gains: its bodies' savings and the benefits DWP no longer pays.
    const gain = (m: (typeof h)["system"]) => m.pvSavings.plus(m.pvTransfers.isPositive() ? m.pvTransfers : 0);
    const total = gain(h.publicSector);
    const shares = result.agencies
      .filter((a) => a.sector === "public" && gain(h.agencies[a.id]!).gt(0))
      .map((a) => `${a.name} ${pct(gain(h.agencies[a.id]!).div(total), 0)}`)
      .join(", ");
    return [
      `**Lens, discounting and horizon.** The same ledger under each convention (fiscal: the public sector, counting JSA not paid; economic: society, where it is a transfer and the earnings count instead):\n\n${lenses}`,
      `**Who pays and who gains** (fiscal lens, Green Book STPR, 2015-16 prices, all effects to ${result.years[ALL_EFFECTS - 1]}):\n\n${agencyTable(result, ALL_EFFECTS, "m")}`,
      `Shares of the public sector's fiscal gains (present value, DWP's being benefits not paid): ${shares}. The funder receives none of them.`,
      `**Prevention penalty.**\n\n${gapLines(result, "m")}`,
    ];
  },
};
