/**
 * The Green Book economic case: public sector and society, transfers, per-line discount
 * schedules, horizons that count budget years, and the regressions found when they were checked.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { appraise, buildLedger, Decimal, discountFactors, formatAmount, parseModel, simulate, summaryRows, type ModelInput } from "../src";
import { runs } from "./helpers/runs";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const clone = <T>(x: T): T => structuredClone(x);

/** A minimal model: one public body paying, others as given. */
function model(parts: Partial<ModelInput> & Pick<ModelInput, "agencies">): ModelInput {
  return { title: "Test", appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [41], years: 41 }, ...parts };
}

describe("each line its own discount schedule", () => {
  // Golden figures from the issue, checked independently in float64 (running products of
  // 1/(1 + r) with the Green Book STPR bands 3.5% to year 30 then 3%, and the health schedule
  // 1.5% then 1.29%): HM Treasury, The Green Book (2022), Annex A6, Tables 7 and 8.
  const golden = (qalyDiscount: "stpr" | "stpr-health" | undefined, fiscal: "stpr" | "stpr-health" | undefined = undefined) =>
    appraise(
      model({
        agencies: [{ id: "nhs", name: "NHS" }],
        costs: [{ id: "programme", agency: "nhs", per: "once", amount: 1_000_000, year: 0 }],
        savings: [
          { id: "fiscal", agency: "nhs", amount: 20_000, years: [1, 40], cashable: true, ...(fiscal ? { discount: fiscal } : {}) },
          { id: "qalys", agency: "nhs", amount: 30_000, years: [1, 40], lens: "social", ...(qalyDiscount ? { discount: qalyDiscount } : {}) },
        ],
      }),
      { lens: "social" },
    ).horizons[0]!.system.npv.toFixed(2);

  it("discounts QALY value on the health schedule and fiscal savings on STPR in one appraisal", () => {
    expect(golden("stpr-health")).toBe("328084.20");
  });
  it("gives £71,558.63 all on STPR and £499,101.25 all on the health schedule", () => {
    expect(golden(undefined)).toBe("71558.63");
    expect(golden("stpr-health", "stpr-health")).toBe("499101.25");
  });
  it("shows each line's schedule in the ledger and the audit trail", () => {
    const ledger = buildLedger(
      model({ agencies: [{ id: "nhs", name: "NHS" }], savings: [{ id: "qalys", agency: "nhs", amount: 1, years: [0, 2], discount: "stpr-health" }] }),
    );
    expect(new Set(ledger.rows.map((r) => r.discount))).toEqual(new Set(["stpr-health"]));
    expect(ledger.lines[0]!.factors.discount).toBe("stpr-health");
  });
  it("keeps a line's own schedule when the appraisal's is overridden", () => {
    const m = model({
      agencies: [{ id: "nhs", name: "NHS" }],
      savings: [
        { id: "cash", agency: "nhs", amount: 100, years: [1, 1] },
        { id: "qalys", agency: "nhs", amount: 100, years: [1, 1], discount: "stpr-health" },
      ],
    });
    const r = appraise(m, { discount: { rate: 0 } });
    // £100 undiscounted plus £100 at the health rate's 1.5% for one year.
    expect(r.horizons[0]!.system.npv.toFixed(6)).toBe(new Decimal(100).plus(new Decimal(100).div("1.015")).toFixed(6));
  });
  it("carries per-line schedules into the Monte Carlo fast path", () => {
    const m = model({
      agencies: [{ id: "nhs", name: "NHS" }],
      costs: [{ id: "programme", agency: "nhs", per: "once", amount: 1_000_000, year: 0 }],
      savings: [{ id: "qalys", agency: "nhs", amount: 30_000, years: [1, 40], lens: "social", discount: "stpr-health" }],
    });
    const mc = simulate(m, {
      draws: 64,
      seed: 3,
      lens: "social",
      distributions: { "savings.qalys.amount": { type: "uniform", min: 29_999.999, max: 30_000.001 } },
    });
    expect(mc.method).toBe("fast");
    const exact = appraise(m, { lens: "social" }).horizons[0]!.system.npv.toNumber();
    expect(Math.abs(mc.horizons[0]!.system.mean - exact)).toBeLessThan(1);
  });
});

describe("public sector and society", () => {
  const r = appraise(familySupport);
  const social = appraise(familySupport, { lens: "social" });
  const at = (a: typeof r, h: number) => a.horizons.find((x) => x.years === h)!;
  /** The same model without its two transfer lines (benefits not paid, tax received). */
  const withoutTransfers = (() => {
    const m = clone(familySupport);
    const work = m.outcomes!.find((o) => o.id === "into-work")!;
    work.values = work.values.filter((v) => v.transferFrom === undefined);
    return m;
  })();

  it("books benefits not paid as a transfer from the household: DWP gains, the household loses, society nets to zero", () => {
    const rows = buildLedger(familySupport).rows.filter((r) => r.line === "outcome:into-work:0" && r.year === 2);
    expect(rows.map((x) => [x.agency, x.kind, x.counterparty, x.amount.isPositive()])).toEqual([
      ["dwp", "transfer", "households", true],
      ["households", "transfer", "dwp", false],
    ]);
    expect(rows[0]!.amount.plus(rows[1]!.amount).isZero()).toBe(true);
    for (const a of [r, social]) for (const h of a.horizons) expect(h.system.pvTransfers.isZero()).toBe(true);
  });
  it("leaves transfers out of the social NPV (the Green Book NPSV) and in the public sector's", () => {
    const base = appraise(withoutTransfers, { lens: "social" });
    const fiscalBase = appraise(withoutTransfers);
    for (const h of [1, 5, 10]) {
      expect(at(social, h).system.npv.equals(at(base, h).system.npv)).toBe(true);
      expect(at(social, h).system.pvSavings.equals(at(base, h).system.pvSavings)).toBe(true);
    }
    // Public sector: the £10,000 of benefits and £5,000 of tax a year per parent in work, in present value.
    const gain = at(r, 10).publicSector.npv.minus(at(fiscalBase, 10).publicSector.npv);
    expect(gain.toFixed(0)).toBe(at(r, 10).agencies.dwp!.npv.plus(at(r, 10).agencies.hmt!.npv).toFixed(0));
    expect(gain.toFixed(0)).toBe("2582559");
  });
  it("reports the public sector as its public bodies only, and society as everyone", () => {
    for (const h of r.horizons) {
      const pub = ["council", "police", "moj", "nhs", "dwp", "hmt"].reduce((s, id) => s.plus(h.agencies[id]!.npv), new Decimal(0));
      expect(h.publicSector.npv.minus(pub).abs().lt(1e-20)).toBe(true);
      const all = Object.values(h.agencies).reduce((s, m) => s.plus(m.npv), new Decimal(0));
      expect(h.system.npv.minus(all).abs().lt(1e-20)).toBe(true);
    }
    expect(r.agencies.find((a) => a.id === "households")!.sector).toBe("households");
  });
  it("keeps a Lottery or philanthropic funder outside the public sector, as an investor or payer", () => {
    const m = model({
      appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [5], years: 5 },
      agencies: [
        { id: "lottery", name: "National Lottery Community Fund", sector: "third-sector" },
        { id: "trust", name: "A charitable trust", sector: "third-sector" },
        { id: "council", name: "Council" },
      ],
      costs: [{ id: "delivery", agency: "lottery", amount: 100_000, years: [0, 1] }],
      savings: [{ id: "care", agency: "council", amount: 80_000, years: [1, 4], cashable: true }],
      deals: [{ type: "grant", id: "top-up", from: "trust", to: "lottery", amount: 10_000 }],
    });
    const h = appraise(m).horizons[0]!;
    expect(h.agencies.lottery!.position).toBe("investor-loses");
    expect(h.agencies.trust!.position).toBe("payer");
    expect(h.agencies.council!.position).toBe("beneficiary-gains");
    // Public sector: the council alone; society adds the funders' money.
    expect(h.publicSector.npv.equals(h.agencies.council!.npv)).toBe(true);
    expect(h.system.npv.equals(h.agencies.council!.npv.plus(h.agencies.lottery!.npv).plus(h.agencies.trust!.npv))).toBe(true);
  });
  it("calls a party that only pays on results a payer, never a beneficiary", () => {
    const m = model({
      appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [5], years: 5 },
      agencies: [
        { id: "fund", name: "Shared Outcomes Fund" },
        { id: "provider", name: "Provider", sector: "third-sector" },
      ],
      interventions: [{ id: "v", name: "Service", cohort: 100 }],
      costs: [{ id: "delivery", agency: "provider", intervention: "v", per: "participant", amount: 1000 }],
      outcomes: [{ id: "o", intervention: "v", success: 0.5, values: [{ agency: "provider", amount: 0, lens: "social" }] }],
      deals: [{ type: "outcomes-contract", id: "soc", investor: "provider", payers: [{ agency: "fund", prices: [{ outcome: "o", price: 3000 }] }] }],
    });
    const h = appraise(m).horizons[0]!;
    expect(h.agencies.fund!.position).toBe("payer");
  });
});

describe("horizons count budget years", () => {
  const r = appraise(familySupport, { horizons: [1, 3, 5, 10] });
  it("a horizon of N years covers the first N financial years, labelled by them", () => {
    expect(r.horizons.map((h) => h.label)).toEqual([
      "1 year (2025-26)",
      "3 years (2025-26 to 2027-28)",
      "5 years (2025-26 to 2029-30)",
      "10 years (2025-26 to 2034-35)",
    ]);
    expect(r.years.length).toBe(10);
    const net = r.annual.agencies.moj!.pv.net;
    expect(r.horizons[1]!.agencies.moj!.npv.equals(net[0]!.plus(net[1]!).plus(net[2]!))).toBe(true);
  });
  it("agrees with a 3-year settlement: the same three years", () => {
    const moj = r.agencies.find((a) => a.id === "moj")!;
    expect(moj.settlement.years).toBe(3);
    expect(moj.settlement.npvInSettlement.equals(r.horizons[1]!.agencies.moj!.npv)).toBe(true);
  });
  it("refuses a horizon of 0 years or longer than the appraisal", () => {
    expect(() => appraise(familySupport, { horizons: [0] })).toThrow(/horizons\[0\]/);
    expect(() => appraise(familySupport, { horizons: [11] })).toThrow(/from 1 to 10/);
    const bad = parseModel({ ...clone(familySupport), appraisal: { ...familySupport.appraisal, horizons: [12] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ path: "appraisal.horizons[0]" });
  });

  // Moving every flow one year later multiplies every present value by 1 / (1 + r), under either
  // timing, because mid-year timing treats year 0 like every other year.
  const series = fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 12 });
  test.prop([fc.array(series, { minLength: 1, maxLength: 4 }), fc.constantFrom("end" as const, "mid" as const), fc.integer({ min: 0, max: 150 })], {
    numRuns: runs(60),
  })("shifting every flow one year later scales every PV by the same factor (end and mid timing)", (lines, timing, bp) => {
    const rate = bp / 1000;
    const build = (shift: number) =>
      model({
        appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [13], years: 13, discount: { rate }, timing },
        agencies: [
          { id: "a", name: "A" },
          { id: "b", name: "B", sector: "households" },
        ],
        savings: lines.map((s, i) => ({ id: `s${i}`, agency: i % 2 ? "b" : "a", series: [...Array<number>(shift).fill(0), ...s], cashable: true })),
      });
    const a = appraise(build(0), { lens: "social" }).horizons[0]!;
    const b = appraise(build(1), { lens: "social" }).horizons[0]!;
    const k = new Decimal(1).div(new Decimal(rate).plus(1));
    for (const [x, y] of [
      [a.system, b.system],
      [a.publicSector, b.publicSector],
      [a.agencies.b!, b.agencies.b!],
    ] as const) {
      expect(y.npv.minus(x.npv.times(k)).abs().lte(1e-20)).toBe(true);
    }
  });
  it("mid-year timing takes year 0 at half a year too", () => {
    const f = discountFactors(2, { rate: 0.1 }, { timing: "mid" });
    expect(f.map((x) => x.toFixed(10))).toEqual([1 / Math.sqrt(1.1), 1 / 1.1 / Math.sqrt(1.1), 1 / 1.21 / Math.sqrt(1.1)].map((x) => x.toFixed(10)));
  });
});

describe("regressions", () => {
  it("rounds £m once, at the one decimal shown: £0.90m is 0.9 and £19.17m is 19.2, not 1.0 and 19.0", () => {
    expect(formatAmount(new Decimal(900_000), "millions")).toBe("0.9");
    expect(formatAmount(new Decimal(19_170_000), "millions")).toBe("19.2");
    expect(formatAmount(new Decimal(-1_480_748.29), "millions")).toBe("−1.5");
    // And the columns still add up at that precision: agencies to the whole system.
    for (const h of [1, 5, 10]) {
      const rows = summaryRows(appraise(familySupport), { unit: "millions" }).filter((r) => r.horizon === h);
      const system = rows.find((r) => r.party === "system")!;
      const agencies = rows.filter((r) => r.party !== "system" && r.party !== "public-sector");
      expect(agencies.reduce((sum, r) => sum.plus(r.npv), new Decimal(0)).equals(system.npv)).toBe(true);
      for (const r of rows) expect(r.npv.times(10).isInteger()).toBe(true);
    }
  });
  it("funding cliffs count savings of a cohort drawn from the funded intervention", () => {
    const m = model({
      appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [10], years: 10 },
      agencies: [
        { id: "council", name: "Council", budgets: [{ id: "grant", fundingEndsYear: 1 }] },
        { id: "nhs", name: "NHS" },
      ],
      interventions: [
        { id: "screening", name: "Screening", cohort: [1000, 1000] },
        { id: "treatment", name: "Follow-up treatment", cohort: { from: "screening", share: 0.1, lag: 1 } },
      ],
      costs: [{ id: "screen", agency: "council", budget: "grant", intervention: "screening", per: "participant", amount: 100 }],
      outcomes: [
        { id: "well", intervention: "treatment", success: 1, lag: 1, persistence: { years: 5 }, values: [{ agency: "nhs", amount: 2000, cashable: true }] },
      ],
    });
    const [cliff] = appraise(m).fundingCliffs;
    expect(cliff!.interventions).toEqual(["screening", "treatment"]);
    expect(cliff!.pvSavingsAfterEnd.gt(0)).toBe(true);
    expect(cliff!.shareOfSavingsAfterEnd!.toNumber()).toBeGreaterThan(0.9);
    expect(cliff!.systemDiscountedPaybackYear).not.toBeNull();
  });
  it("refuses a nominal loan whose deflator does not cover its years, with a path", () => {
    const m = model({
      appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [5], years: 5, prices: { deflator: { "2025-26": 100, "2026-27": 102 } } },
      agencies: [
        { id: "lender", name: "Lender" },
        { id: "borrower", name: "Borrower" },
      ],
      deals: [{ type: "loan", id: "loan", lender: "lender", borrower: "borrower", principal: 1000, rate: 0.05, term: 3 }],
    });
    const r = parseModel(m);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain("appraisal.prices.deflator");
    expect(() => appraise(m)).toThrow(/the deflator has no value for 2027-28/);
  });
});
