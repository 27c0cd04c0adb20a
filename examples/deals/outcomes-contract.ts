/**
 * A social outcomes contract: a social investor funds the family-support service; the council,
 * MoJ, police and DWP pay per outcome achieved, an outcomes fund pays 30% of every payment, and
 * payments are capped.
 *
 *   npx tsx examples/deals/outcomes-contract.ts
 *
 * Prices, shares and the cap are ASSUMED for illustration.
 */
import { appraise } from "../../src";
import { familySupport, showBeforeAfter, showDeals } from "./show";

const model = familySupport();
// The investor, not the council, pays for delivery: move the delivery costs to a new party.
model.agencies.push({ id: "investor", name: "Social investor", kind: "investor" }, { id: "fund", name: "Outcomes fund", kind: "fund" });
for (const cost of model.costs ?? []) if (cost.id.startsWith("key-workers")) Object.assign(cost, { agency: "investor", budget: undefined });

const result = appraise({
  ...model,
  deals: [
    {
      type: "outcomes-contract",
      id: "soc",
      label: "Social outcomes contract",
      investor: "investor",
      payers: [
        { agency: "council", prices: [{ outcome: "care-entry", price: 70000 }] },
        { agency: "moj", prices: [{ outcome: "custody", price: 40000 }] },
        { agency: "police", prices: [{ outcome: "police-demand", price: 2500 }] },
        { agency: "dwp", prices: [{ outcome: "into-work", price: 36000 }] },
      ],
      outcomesFund: { agency: "fund", share: 0.3 },
      cap: 9_000_000,
    },
  ],
});
showBeforeAfter(result, 10);
showDeals(result);
const f = result.deals[0]!.figures;
console.log(
  `\nInvestor: outlay ${String(f.investorOutlay)}, outcome payments ${String(f.outcomePayments)}, multiple ${Number(f.investorMultiple).toFixed(2)}×, IRR ${f.investorIrr === null ? "n/a" : `${(Number(f.investorIrr) * 100).toFixed(1)}%`}`,
);
