/**
 * Greater Manchester earn-back: up to £30m a year for 30 years (NAO potential value £900m) for
 * £1.2bn of infrastructure up front. Reproduces the £900m from the earn-back deal, then compares
 * a 30-year appraisal (inside STPR's first band) with a 60-year one (where 3.0% applies from
 * year 31). The extra tax is a transfer from the region's taxpayers: the figures that matter are
 * the public sector's.
 */
import { appraise, discountFactors, sum, type Decimal } from "../../src";
import { agencyTable, at, check, money, pct, span, table, type CaseStudy } from "./lib";

const LGA = "LGA / Shared Intelligence (2024), City Deals (NAO estimate)";
const PUBLIC = "public reports (not in the seed papers)";
const FLAT = { discount: { rate: 0.035 } } as const;
/** The earn-back's life, 2015-16 to 2044-45, and the extra tax's, to 2074-75. */
const THIRTY = 30;
const SIXTY = 60;

export const greaterManchesterEarnBack: CaseStudy = {
  id: "greater-manchester-earn-back",
  title: "Greater Manchester earn-back",
  headline(model) {
    const deal = appraise(model).deals.find((d) => d.id === "earn-back")!;
    const paid = deal.byYear.gmca!;
    return [
      check("Potential value of earn-back (£m)", LGA, 900, deal.totals.gmca!.div(1e6), { prefix: "£", suffix: "m" }),
      check("Most paid in a year (£m)", PUBLIC, 30, paid.reduce((m, x) => (x.gt(m) ? x : m)).div(1e6), { prefix: "£", suffix: "m" }),
      check("Years with a payment", PUBLIC, 30, paid.filter((x) => x.gt(0)).length, { shown: 0 }),
      check("Infrastructure up front (£bn)", PUBLIC, 1.2, at(appraise(model, { discount: { rate: 0 } }), SIXTY).agencies.gmca!.pvCosts.div(1e9), {
        prefix: "£",
        suffix: "bn",
        places: 1,
      }),
    ];
  },
  explain(model) {
    const stpr = appraise(model);
    const flat = appraise(model, FLAT);
    const rows = stpr.horizons.flatMap((h) =>
      [
        ["Green Book STPR", h],
        ["Flat 3.5%", at(flat, h.years)],
      ].map(([label, r]) => {
        const x = r as typeof h;
        return [
          span(stpr, h.years),
          String(label),
          money(x.agencies.gmca!.pvTransfers, "m"),
          money(x.agencies.gmca!.npv, "m"),
          money(x.agencies.hmt!.npv, "m"),
          money(x.publicSector.npv, "m"),
        ];
      }),
    );
    const horizons = table(["Horizon", "Discounting", "PV of earn-back to GMCA", "GMCA NPV", "HM Treasury NPV", "Public sector NPV"], rows);
    const last = SIXTY - 1;
    const g = discountFactors(last, "stpr");
    const f = discountFactors(last, { rate: 0.035 });
    const factors = table(
      ["Year", "STPR factor", "Flat 3.5% factor"],
      [1, 29, 30, 31, 45, last].map((t) => [`${t} (${stpr.years[t]})`, g[t]!.toFixed(4), f[t]!.toFixed(4)]),
    );
    const h30 = at(stpr, THIRTY);
    const h60 = at(stpr, SIXTY);
    const tail = (r: typeof stpr) => at(r, SIXTY).publicSector.npv.minus(at(r, THIRTY).publicSector.npv);
    const recovered: Decimal = h30.agencies.gmca!.pvTransfers.div(h30.agencies.gmca!.pvCosts);
    const cashPaid = sum(stpr.deals[0]!.byYear.gmca!);
    const same = h30.publicSector.npv.equals(at(flat, THIRTY).publicSector.npv) && h30.agencies.gmca!.npv.equals(at(flat, THIRTY).agencies.gmca!.npv);
    // The present value of the extra tax: what the taxpayers transfer to HM Treasury.
    const tax = h60.agencies.taxpayers!.pvTransfers.neg();
    return [
      `**Thirty years and beyond.** Within 30 years (to ${stpr.years[THIRTY - 1]}) the Green Book's STPR is a flat 3.5%, so ${same ? "the two agree exactly" : "the two should agree (they do not: check the schedule)"}; from year 31 it falls to 3.0% and the long tail of extra tax is worth more:\n\n${horizons}`,
      `Discount factors (running product of each year's rate):\n\n${factors}`,
      `The second 30 years (${stpr.years[THIRTY]} to ${stpr.years[last]}) add ${money(tail(stpr), "m")} to the public sector's NPV under STPR but ${money(tail(flat), "m")} at a flat 3.5%, a difference of ${money(tail(stpr).minus(tail(flat)), "m")}. The earn-back itself ends after 30 years, so the GMCA's figures do not change; the extra value beyond 30 years is HM Treasury's.`,
      `**Who carries the investment.** The £900m is an undiscounted total; in present value it is ${money(h30.agencies.gmca!.pvTransfers, "m")}, ${pct(recovered, 0)} of the GMCA's ${money(h30.agencies.gmca!.pvCosts, "m")} outlay (undiscounted: ${money(cashPaid, "m")} of £1,200m). HM Treasury keeps ${pct(h60.agencies.hmt!.npv.div(tax), 0)} of the present value of the extra tax over 60 years. The tax is a transfer from the region's taxpayers, so it nets to zero for society; the growth that yields it, society's gain, is not modelled.\n\n${agencyTable(stpr, SIXTY, "m")}`,
    ];
  },
};
