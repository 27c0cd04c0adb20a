import { runs } from "./helpers/runs";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import {
  appraise,
  applyDeals,
  buildLedger,
  Decimal,
  equaliseShare,
  excel,
  gainshareRange,
  parseModel,
  shapley,
  shapleySurplus,
  sum,
  type ModelInput,
} from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";
import { withArbitraryDeals } from "./helpers/arbitrary-deals";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const withDeals = (deals: unknown[], extra: Partial<ModelInput> = {}): ModelInput => ({ ...structuredClone(familySupport), ...extra, deals }) as ModelInput;
const beneficiaries = ["police", "moj", "dwp", "hmt", "nhs"];
const modelsWithDeals = arbitraryModel({ agencies: { min: 2, max: 5 } }).chain(withArbitraryDeals);

describe("deals: properties on random models", () => {
  test.prop([modelsWithDeals], { numRuns: runs(60) })("every deal's transfers sum to zero, year by year, to the penny", (input) => {
    const parsed = parseModel(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const dealt = applyDeals(buildLedger(parsed.model));
    const byKey = new Map<string, Decimal>();
    for (const r of dealt.rows.filter((x) => x.line.startsWith("deal:"))) {
      const key = `${r.line}@${r.year}`;
      byKey.set(key, (byKey.get(key) ?? new Decimal(0)).plus(r.amount));
    }
    byKey.forEach((v) => expect(v.isZero()).toBe(true));
    for (const d of dealt.deals) expect(sum(Object.values(d.totals)).isZero()).toBe(true);
    const result = appraise(parsed.model);
    for (const h of result.horizons) expect(h.system.pvTransfers.isZero()).toBe(true);
    result.beforeDeals!.horizons.forEach((h, k) => expect(result.horizons[k]!.system.npv.equals(h.system.npv)).toBe(true));
  });
  test.prop([modelsWithDeals], { numRuns: runs(60) })("caps are never exceeded and a pot without overdraft never goes below zero", (input) => {
    const parsed = parseModel(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const dealt = applyDeals(buildLedger(parsed.model));
    parsed.model.deals.forEach((deal, i) => {
      const s = dealt.deals[i]!;
      if (deal.type === "gainshare") {
        const received = sum(deal.to.map((a) => s.totals[a] ?? new Decimal(0)));
        if (deal.cap && "amount" in deal.cap) expect(received.lte(deal.cap.amount)).toBe(true);
        if (deal.capPerYear !== undefined) for (const a of deal.to) (s.byYear[a] ?? []).forEach((v) => expect(v.lte(deal.capPerYear!)).toBe(true));
      }
      if (deal.type === "earn-back" && deal.capPerYear !== undefined)
        (s.byYear[deal.recipient] ?? []).forEach((v) => expect(v.lte(deal.capPerYear!)).toBe(true));
      if (deal.type === "outcomes-contract" && deal.cap !== undefined) expect((s.totals[deal.investor] ?? new Decimal(0)).lte(deal.cap)).toBe(true);
      if (deal.type === "pooled-budget") {
        let balance = new Decimal(0);
        for (const v of s.byYear[deal.pot] ?? []) {
          balance = balance.plus(v);
          if (!deal.overdraft) expect(balance.isNegative()).toBe(false);
        }
      }
      if (deal.type === "loan") expect(s.schedule.at(-1)!.balance!.toString()).toBe("0");
    });
  });
  test.prop([arbitraryModel({ agencies: { min: 2, max: 4 } }), fc.integer({ min: 1, max: 999 }).map((x) => x / 1000)], { numRuns: runs(30) })(
    "a 0% gainshare changes nothing; raising the share never lowers the receiver's NPV",
    (input, share) => {
      const [payer, receiver] = [input.agencies[0]!.id, input.agencies[1]!.id];
      const gs = (s: number) => [{ type: "gainshare", id: "g", from: payer, to: receiver, share: s }];
      const none = appraise(input);
      const zero = appraise({ ...input, deals: gs(0) } as ModelInput);
      zero.horizons.forEach((h, k) => {
        for (const [id, m] of Object.entries(h.agencies)) expect(m.npv.equals(none.horizons[k]!.agencies[id]!.npv)).toBe(true);
      });
      const low = appraise({ ...input, deals: gs(share / 2) } as ModelInput);
      const high = appraise({ ...input, deals: gs(share) } as ModelInput);
      low.horizons.forEach((h, k) => {
        expect(high.horizons[k]!.agencies[receiver]!.npv.gte(h.agencies[receiver]!.npv)).toBe(true);
        expect(high.horizons[k]!.agencies[payer]!.npv.lte(h.agencies[payer]!.npv)).toBe(true);
      });
    },
  );
});

describe("gainshare", () => {
  it("closes the family-support incentive gap at 10 years at the break-even share, within a penny", () => {
    const range = gainshareRange(familySupport, { deal: { id: "gs", from: beneficiaries, to: ["council"] }, horizon: 10 });
    expect(range.ok).toBe(true);
    if (!range.ok) return;
    expect(range.receiversAtMin.council!.gte(0)).toBe(true);
    expect(range.receiversAtMin.council!.lt("0.01")).toBe(true);
    expect(range.minShare.lt(range.maxShare)).toBe(true);
    // Just below the break-even share the council is still short.
    const below = appraise(withDeals([{ type: "gainshare", id: "gs", from: beneficiaries, to: "council", share: range.minShare.minus(1e-6).toString() }]), {
      horizons: [10],
    });
    expect(below.horizons[0]!.agencies.council!.npv.isNegative()).toBe(true);
    for (const v of Object.values(range.payersAtMax)) expect(v.gte(0)).toBe(true);
  });
  it("solves for a gainshare the model already has (its own share not counted twice)", () => {
    // The model's only deal is the gainshare solved for, at 30%: the range must be the same as
    // for the same deal added from outside, and the council exactly at break-even at its minimum.
    const inModel = withDeals([{ type: "gainshare", id: "gs", from: beneficiaries, to: "council", share: 0.3 }]);
    const own = gainshareRange(inModel, { deal: "gs", horizon: 10 });
    const outside = gainshareRange(familySupport, { deal: { id: "gs", from: beneficiaries, to: ["council"] }, horizon: 10 });
    expect(own.ok && outside.ok).toBe(true);
    if (!own.ok || !outside.ok) return;
    expect(own.minShare.toString()).toBe(outside.minShare.toString());
    expect(own.maxShare.toString()).toBe(outside.maxShare.toString());
    const at = appraise(withDeals([{ type: "gainshare", id: "gs", from: beneficiaries, to: "council", share: own.minShare.toString() }]), { horizons: [10] });
    expect(at.horizons[0]!.agencies.council!.npv.abs().lt("0.05")).toBe(true);
  });
  it("says when no share closes the gap", () => {
    // Over six years the council needs 55.13% of the others' savings but the NHS goes negative above 47.23%.
    const range = gainshareRange(familySupport, { deal: { id: "gs", from: beneficiaries, to: ["council"] }, horizon: 6 });
    expect(range).toMatchObject({ ok: false, reason: "no-deal-closes-gap" });
    // Over five years even all of their savings would not be enough.
    expect(gainshareRange(familySupport, { deal: { id: "gs", from: beneficiaries, to: ["council"] }, horizon: 5 })).toMatchObject({
      ok: false,
      reason: "receivers-cannot-break-even",
    });
    const one = gainshareRange(familySupport, { deal: { id: "gs", from: ["hmt"], to: ["council"] }, horizon: 10 });
    expect(one).toMatchObject({ ok: false, reason: "receivers-cannot-break-even" });
  });
  it("finds the share that equalises ROI", () => {
    const eq = equaliseShare(familySupport, { deal: { id: "gs", from: beneficiaries, to: ["council"] }, horizon: 10 });
    expect(eq.ok).toBe(true);
    if (eq.ok) expect(eq.receiversRatio.minus(eq.payersRatio).abs().lt(1e-6)).toBe(true);
  });
  it("applies tiers, time limits, caps, floors and clawback", () => {
    const tiered = withDeals([
      {
        type: "gainshare",
        id: "t",
        from: "moj",
        to: "council",
        tiers: [
          { above: 0, share: 0.1 },
          { above: 300000, share: 0.5 },
        ],
      },
    ]);
    const s = applyDeals(buildLedger(tiered)).deals[0]!;
    const mojSavings = appraise(familySupport).annual.agencies.moj!.savings;
    mojSavings.forEach((v, t) => {
      const due = v.gt(300000) ? new Decimal(30000).plus(v.minus(300000).times(0.5)) : v.times(0.1);
      expect(s.byYear.council?.[t]?.minus(due).abs().lte(0.005) ?? due.isZero()).toBe(true);
    });
    const capped = applyDeals(
      buildLedger(withDeals([{ type: "gainshare", id: "c", from: "dwp", to: "council", share: 0.5, years: [2, 6], cap: { amount: 250000 } }])),
    ).deals[0]!;
    expect(capped.totals.council!.toString()).toBe("250000");
    expect(capped.byYear.council!.slice(0, 2).every((v) => v.isZero())).toBe(true);
    expect(capped.events.join(" ")).toMatch(/cap of 250000.00 reached/);
    const floor = applyDeals(
      buildLedger(withDeals([{ type: "gainshare", id: "f", from: "dwp", to: "council", share: 0.01, years: [0, 3], floorPerYear: 20000 }])),
    ).deals[0]!;
    expect(floor.byYear.council!.slice(0, 4).every((v) => v.gte(20000))).toBe(true);
    const claw = applyDeals(
      buildLedger(
        withDeals([
          { type: "gainshare", id: "k", from: "dwp", to: "council", share: 0.3, clawback: { outcome: "into-work", target: 1000, byYear: 4, share: 1 } },
        ]),
      ),
    ).deals[0]!;
    expect(claw.byYear.council![4]!.isNegative()).toBe(true);
    expect(claw.events.join(" ")).toMatch(/clawback/);
  });
  it("splits between receivers pro rata to their investment", () => {
    const model = withDeals([{ type: "gainshare", id: "g", from: "moj", to: ["council", "nhs"], share: 0.2 }]);
    const s = applyDeals(buildLedger(model)).deals[0]!;
    expect(s.totals.nhs).toBeUndefined(); // the NHS invests nothing, so receives nothing
    const equal = applyDeals(buildLedger(withDeals([{ type: "gainshare", id: "g", from: "moj", to: ["council", "nhs"], share: 0.2, splitBy: "equal" }])))
      .deals[0]!;
    expect(
      equal.totals
        .council!.minus(equal.totals.nhs!)
        .abs()
        .lte(0.01 * 11),
    ).toBe(true);
  });
});

describe("other deal rules", () => {
  it("amortises the £800,000 loan at 5% over 10 years like Excel's PMT", () => {
    // Juno CIC (Demos, The Reform Dividend, 2024): Liverpool City Region loaned £800,000 at 5% over ten years.
    const eleven = { appraisal: { ...familySupport.appraisal, years: 11 } };
    const s = applyDeals(
      buildLedger(
        withDeals([{ type: "loan", id: "juno", lender: "hmt", borrower: "council", principal: 800000, rate: 0.05, term: 10, prices: "real" }], eleven),
      ),
    ).deals[0]!;
    const pmt = -excel.PMT(0.05, 10, 800000);
    for (const row of s.schedule.slice(1, 10)) expect(Number(row.payment)).toBeCloseTo(pmt, 2);
    expect(s.schedule.at(-1)!.balance!.toString()).toBe("0");
    expect(s.figures.levelPayment!.toString()).toBe("103603.66");
    expect(s.totals.hmt!.minus(sum(s.schedule.map((r) => new Decimal(r.interest as Decimal)))).isZero()).toBe(true);
  });
  it("deflates nominal loan payments when the model has a price basis", () => {
    const s = applyDeals(buildLedger(withDeals([{ type: "loan", id: "l", lender: "hmt", borrower: "council", principal: 100000, rate: 0.05, term: 2 }])))
      .deals[0]!;
    // year 1 payment of 53,780.49 cash at 2% inflation
    expect(s.byYear.hmt![1]!.toFixed(2)).toBe(new Decimal("53780.49").div("1.02").toFixed(2));
    expect(s.schedule[1]!.payment!.toString()).toBe("53780.49");
  });
  it("pays a Troubled Families-style PbR with the up-front share falling", () => {
    const model = withDeals([
      {
        type: "payment-by-results",
        id: "pbr",
        commissioner: "hmt",
        provider: "council",
        intervention: "early-help",
        perCase: 4000,
        attachmentShare: [0.8, 0.6, 0.4],
        results: [{ outcome: "into-work" }],
      },
    ]);
    const s = applyDeals(buildLedger(model)).deals[0]!;
    expect(s.schedule.map((r) => r.attachmentPerCase!.toString())).toEqual(["3200", "2400", "1600", "1600", "1600"]);
    for (const r of s.schedule) expect(new Decimal(r.perCase as Decimal).lte(4000)).toBe(true);
    expect(s.figures.resultsShare!).toBeDefined();
  });
  it("pays PbR results on gross claims when asked", () => {
    const pbr = (basis: string) =>
      applyDeals(
        buildLedger(
          withDeals([
            {
              type: "payment-by-results",
              id: "p",
              commissioner: "hmt",
              provider: "council",
              intervention: "early-help",
              attachment: 0,
              results: [{ outcome: "into-work", amount: 1000, basis }],
            },
          ]),
        ),
      ).deals[0]!;
    // into-work: engagement 0.85 × success 0.11 gross; × (1 − 0.5 deadweight) × 0.8 attribution attributable
    const gross = pbr("gross").totals.council!;
    const attributable = pbr("attributable").totals.council!;
    expect(gross.div(attributable).toFixed(6)).toBe(new Decimal(1).div(new Decimal(0.5).times(0.8)).toFixed(6));
  });
  it("pays a plain grant by year or by series", () => {
    const s = applyDeals(buildLedger(withDeals([{ type: "grant", id: "g", from: "hmt", to: "council", amount: 250000, years: [0, 2] }]))).deals[0]!;
    expect(s.byYear.council!.slice(0, 4).map(String)).toEqual(["250000", "250000", "250000", "0"]);
    const t = applyDeals(buildLedger(withDeals([{ type: "grant", id: "g", from: "hmt", to: "council", series: [0, "1000.505"] }]))).deals[0]!;
    expect(t.totals.council!.toString()).toBe("1000.51");
    // Shape first (exactly one of amount or series), then, once the shape is right, the parties.
    const bad = parseModel(withDeals([{ type: "grant", id: "g", from: "hmt", to: "hmt", amount: 1, series: [1] }]));
    expect(bad.ok ? [] : bad.errors).toEqual([{ path: "deals[0]", message: "give exactly one of amount or series" }]);
    const same = parseModel(withDeals([{ type: "grant", id: "g", from: "hmt", to: "hmt", amount: 1 }]));
    expect(same.ok ? [] : same.errors.map((e) => e.path)).toEqual(["deals[0].to"]);
  });
  it("pays the LPSA reward only above the 60% threshold, capped at 2.5% of net budget", () => {
    const reward = (target: number, scale = "proportional") =>
      applyDeals(
        buildLedger(
          withDeals([
            {
              type: "reward-grant",
              id: "lpsa",
              payer: "hmt",
              recipient: "council",
              maximum: { shareOf: 400_000_000, rate: 0.025 },
              targets: [{ outcome: "into-work", target }],
              threshold: 0.6,
              assessmentYear: 3,
              scale,
            },
          ]),
        ),
      ).deals[0]!;
    const achieved = Number(reward(1).schedule[0]!.achieved);
    expect(reward(achieved / 0.59).totals.council).toBeUndefined(); // 59% of target: nothing
    expect(reward(achieved / 0.8).totals.council!.toFixed(0)).toBe("8000000"); // 80% of £10m
    expect(reward(achieved / 0.8, "above-threshold").totals.council!.toFixed(0)).toBe("5000000"); // (0.8 − 0.6)/0.4
    expect(reward(achieved / 2).totals.council!.toFixed(0)).toBe("10000000"); // capped at 100%
  });
  it("runs an outcomes contract with an outcomes fund and a cap", () => {
    const model = withDeals([
      {
        type: "outcomes-contract",
        id: "soc",
        investor: "council",
        payers: [{ agency: "dwp", prices: [{ outcome: "into-work", price: 12000 }] }],
        outcomesFund: { agency: "hmt", share: 0.25 },
        cap: 600000,
      },
    ]);
    const s = applyDeals(buildLedger(model)).deals[0]!;
    expect(s.totals.council!.toString()).toBe("600000");
    expect(s.totals.hmt!.neg().div(600000).toNumber()).toBeCloseTo(0.25, 4);
    expect(s.figures.investorMultiple).not.toBeNull();
  });
  it("keeps a reinvestment pot and refuses to overdraw it", () => {
    const model = withDeals(
      [
        {
          type: "pooled-budget",
          id: "pot",
          pot: "place",
          contributions: [
            { agency: "council", share: 0.5 },
            { agency: "nhs", amount: 100000 },
          ],
          funds: { interventions: ["early-help"] },
          savingsReturn: { share: 0.2, agencies: ["moj", "dwp"] },
        },
      ],
      { agencies: [...familySupport.agencies, { id: "place", name: "Place pot", kind: "pool" }] },
    );
    const s = applyDeals(buildLedger(model)).deals[0]!;
    for (const row of s.schedule) expect(new Decimal(row.balance as Decimal).isNegative()).toBe(false);
    expect(s.events.join(" ")).toMatch(/topped up/);
  });
  it("reports aligned budgets without moving money", () => {
    const model = withDeals(
      [
        {
          type: "pooled-budget",
          id: "al",
          mode: "aligned",
          pot: "place",
          contributions: [{ agency: "council", share: 1 }],
          funds: { interventions: ["early-help"] },
        },
      ],
      { agencies: [...familySupport.agencies, { id: "place", name: "Place pot", kind: "pool" }] },
    );
    const dealt = applyDeals(buildLedger(model));
    expect(dealt.rows.filter((r) => r.line.startsWith("deal:")).length).toBe(0);
    expect(dealt.deals[0]!.events.join(" ")).toMatch(/aligned budget: no money moves/);
  });
  it("a pot's reserve of a fraction of a penny: the surplus is still paid out in whole pence (found by the fuzz)", () => {
    // The surplus above a reserve of £0.004 was not a whole number of pence: splitExact threw.
    const model = withDeals(
      [
        {
          type: "pooled-budget",
          id: "p",
          pot: "place",
          contributions: [
            { agency: "council", amount: 5000000.18 },
            { agency: "nhs", amount: 10819.06 },
          ],
          funds: { interventions: ["early-help"] },
          savingsReturn: { share: 0.663 },
          distribute: "by-contribution",
          overdraft: true,
          reserve: 0.004,
        },
      ],
      { agencies: [...familySupport.agencies, { id: "place", name: "Place pot", kind: "pool" }] },
    );
    const dealt = applyDeals(buildLedger(model));
    for (const row of dealt.rows.filter((r) => r.line.startsWith("deal:"))) expect(row.amount.decimalPlaces()).toBeLessThanOrEqual(2);
    for (let t = 0; t < 10; t++) expect(sum(Object.values(dealt.deals[0]!.byYear).map((y) => y[t]!)).isZero()).toBe(true);
  });
  it("splits by weights that are never negative: refused in the model, and a negative saving or price counts as zero", () => {
    const bad = parseModel(
      withDeals(
        [
          { type: "gainshare", id: "g", from: "moj", to: ["council", "nhs"], share: 0.2, splitBy: { council: -1, nhs: 0 } },
          { type: "pooled-budget", id: "p", pot: "place", contributions: [{ agency: "council", amount: 1 }], distribute: { council: 0 }, reserve: -5 },
        ],
        { agencies: [...familySupport.agencies, { id: "place", name: "Place pot", kind: "pool" }] },
      ),
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.path)).toEqual(["deals[0].splitBy.council", "deals[0].splitBy", "deals[1].distribute", "deals[1].reserve"]);
    // Payers whose savings are negative in a year, and a negative price, do not break the split.
    const model = withDeals(
      [
        { type: "gainshare", id: "g", from: ["moj", "nhs"], to: "council", share: 0.3 },
        {
          type: "outcomes-contract",
          id: "soc",
          investor: "council",
          payers: [
            { agency: "dwp", prices: [{ outcome: "into-work", price: 12000 }] },
            { agency: "hmt", prices: [{ outcome: "into-work", price: -500 }] },
          ],
        },
      ],
      { savings: [{ id: "negative", agency: "nhs", series: [-50000, -50000, -50000, -50000, -50000] }] },
    );
    const dealt = applyDeals(buildLedger(model));
    for (const d of dealt.deals) for (let t = 0; t < 10; t++) expect(sum(Object.values(d.byYear).map((y) => y[t]!)).isZero()).toBe(true);
  });
  it("validates deals with paths", () => {
    const r = parseModel(
      withDeals([
        { type: "gainshare", id: "g", from: "moj", to: "moj", share: 0.2 },
        { type: "loan", id: "l", lender: "hmt", borrower: "council", principal: 1, rate: 0.05, term: 30 },
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["deals[0].to", "deals[1].term"]));
  });
});

describe("Shapley split of a pooled surplus", () => {
  it("splits a two-player surplus equally and hands out exactly the surplus", () => {
    const v = (c: string[]) => new Decimal(c.length === 2 ? 100 : 0);
    expect(Object.values(shapley(["a", "b"], v)).map(String)).toEqual(["50", "50"]);
    const split = shapleySurplus(familySupport, { horizon: 10 });
    expect(sum(Object.values(split.pence)).equals(split.surplus.toDecimalPlaces(2))).toBe(true);
    expect(split.pence.council!.gt(0)).toBe(true);
    expect(sum(Object.values(split.transfers)).abs().lte(0.01)).toBe(true);
  });
});
