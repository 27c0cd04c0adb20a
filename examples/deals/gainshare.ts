/**
 * Closing the incentive gap in the family-support example with a gainshare.
 *
 *   npx tsx examples/deals/gainshare.ts
 *
 * The council pays for early help; police, MoJ, DWP, HMT and the NHS save. At 10 years the system
 * gains but the council loses. The solver finds the range of gainshare rates that leaves everyone
 * at NPV ≥ 0, and the example appraises the deal at the middle of that range.
 */
import { appraise, equaliseShare, gainshareRange, type ModelInput } from "../../src";
import { familySupport, showBeforeAfter, showDeals } from "./show";

const model = familySupport();
const deal = { id: "gainshare", label: "Gainshare to the council", from: ["police", "moj", "dwp", "hmt", "nhs"], to: ["council"] };

for (const horizon of [5, 6, 10]) {
  const range = gainshareRange(model, { deal, horizon });
  console.log(
    range.ok
      ? `${horizon} years: any share from ${range.minShare.times(100).toFixed(2)}% to ${range.maxShare.times(100).toFixed(2)}% of the beneficiaries' savings leaves everyone at NPV ≥ 0`
      : `${horizon} years: ${range.message}`,
  );
}
const range = gainshareRange(model, { deal, horizon: 10 });
if (!range.ok) throw new Error(range.message);
const share = range.minShare.plus(range.maxShare).div(2).toDecimalPlaces(3);
const eq = equaliseShare(model, { deal, horizon: 10 });
if (eq.ok) console.log(`The share that gives both sides the same ROI at 10 years is ${eq.share.times(100).toFixed(1)}%.`);
console.log(`\nAppraising a ${share.times(100).toFixed(1)}% gainshare (the middle of the range):\n`);

const withDeal: ModelInput = { ...model, deals: [{ type: "gainshare", ...deal, share: share.toNumber() }] };
const result = appraise(withDeal);
showBeforeAfter(result, 10);
showDeals(result);
