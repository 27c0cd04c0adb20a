/**
 * A pooled place budget with cost shunting: the same prevention team appraised with separate
 * budgets (the ledger before the deal) and with a pooled pot (after it). No figures are published
 * for such a pot, so the checks are the invariants a reader should expect: the shunt and the pot
 * move money between partners but leave the system's NPV unchanged.
 */
import { appraise, buildLedger, shapleySurplus, sum, toDecimal } from "../../src";
import { at, check, dealTable, money, table, type CaseStudy } from "./lib";

const INVARIANT = "no published figure: holds by construction";
/** Five years of delivery, 2025-26 to 2029-30. */
const FIVE = 5;
/** Every effect: 2025-26 to 2031-32 (the last cohort's care-home delays run two years past delivery). */
const ALL = 7;

function losers(h: ReturnType<typeof at>, names: Record<string, string>): string {
  const out = Object.entries(h.agencies)
    .filter(([, m]) => m.npv.isNegative())
    .map(([id]) => names[id] ?? id);
  return out.length
    ? `Under these pooling rules ${out.join(" and ")} still ${out.length > 1 ? "lose" : "loses"} over the seven years.`
    : "Under these pooling rules every partner gains over the seven years.";
}

export const pooledPlaceBudget: CaseStudy = {
  id: "pooled-place-budget",
  title: "Pooled place budget with cost shunting",
  headline(model) {
    const result = appraise(model);
    const shunt = buildLedger(model).rows.filter((r) => r.line.startsWith("shunt:"));
    const pot = result.deals.find((d) => d.id === "place-pot")!;
    const separate = at(result.beforeDeals!, ALL).system.npv;
    return [
      check("Cost shunt, net for the system (£)", INVARIANT, 0, sum(shunt.map((r) => r.amount)), { prefix: "£", places: 2, shown: 2 }),
      check("Pooled pot's transfers, net for the system (£)", INVARIANT, 0, sum(Object.values(pot.totals)), { prefix: "£", places: 2, shown: 2 }),
      check("System NPV, pooled minus separate budgets (£)", INVARIANT, 0, at(result, ALL).system.npv.minus(separate), { prefix: "£", places: 2, shown: 2 }),
    ];
  },
  explain(model) {
    const result = appraise(model);
    const pot = result.deals.find((d) => d.id === "place-pot")!;
    const shunted = buildLedger(model).rows.filter((r) => r.line.startsWith("shunt:") && r.agency === "council");
    const fair = shapleySurplus(model, { horizon: ALL });
    const before = at(result.beforeDeals!, ALL);
    const after = at(result, ALL);
    const five = at(result, FIVE);
    const names = Object.fromEntries(result.agencies.map((a) => [a.id, a.name]));
    const schedule = table(
      ["Year", "Paid into the pot", "Pot spending on the team", "Pot balance"],
      pot.schedule.map((r) => [
        String(r.financialYear),
        money(toDecimal(String(r.contributions)), "k"),
        money(toDecimal(String(r.spending)), "k"),
        money(toDecimal(String(r.balance)), "k"),
      ]),
    );
    const shapleyRows = Object.keys(fair.pence).map((id) => [
      names[id] ?? id,
      money(before.agencies[id]!.npv, "k"),
      money(after.agencies[id]!.npv, "k"),
      money(fair.pence[id]!, "k"),
    ]);
    return [
      `**Separate budgets vs a pooled pot** (fiscal lens, Green Book, ${result.years[0]} prices, every effect, ${after.from} to ${after.to}):\n\n${dealTable(result, ALL, "k")}`,
      `Over the five years of delivery alone, ${five.from} to ${five.to}, the system's NPV is ${money(five.system.npv, "k")}: the last cohorts' savings come after the team stops.`,
      `**Cost shunting.** Earlier discharge moves ${money(sum(shunted.map((r) => r.amount)).neg(), "k")} of home-care cost from the NHS to the council in all (undiscounted): a saving in one budget and a cost in the other, zero for the system. With separate budgets the council both pays for the team and absorbs the shunt.`,
      `**The pot, year by year.** Partners fund the team in agreed shares and return half their savings; the surplus goes back in proportion to what each put in:\n\n${schedule}`,
      `**Is the pooled split fair?** Pooling moves the loss from the council to the partners who gain, but by fixed shares, not by what each gains. A Shapley split of the seven-year surplus (\`shapleySurplus\`: each partner's average contribution to the surplus) would leave each at:\n\n${table(["Partner", "Separate budgets", "Pooled pot", "Shapley split"], shapleyRows)}`,
      `The system's NPV is ${money(after.system.npv, "k")} in all three: pooling changes who gains, not whether the service is worth it. ${losers(after, names)}`,
    ];
  },
};
