/**
 * The financial case (cash by organisation, budget and year, against available funding) and the
 * unit metrics programmes publish (cost per participant, outcomes achieved, cost per outcome).
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { buildLedger, Decimal, financialCase, selectRows, toJSON, unitMetrics, ZERO, type ModelInput } from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";
import { runs } from "./helpers/runs";
import { applyDeals } from "../src/deals";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;

describe("financial case", () => {
  it("family-support: each budget's cash is its ledger rows inflated at the model's 2% a year", () => {
    const fc = financialCase(familySupport);
    expect(fc.nominal).toBe(true);
    expect(fc.years).toHaveLength(10);
    // Independently: every fiscal, cash-releasing ledger row × 1.02^t, by agency and budget.
    const ledger = buildLedger(familySupport);
    const expected = new Map<string, Decimal[]>();
    for (const r of selectRows(ledger.rows, { lens: "fiscal", cashableOnly: true })) {
      if (r.agency === "households") continue;
      const key = `${r.agency}|${r.budget}`;
      const v = expected.get(key) ?? Array.from({ length: 10 }, () => ZERO);
      v[r.year] = v[r.year]!.plus(r.amount.times(new Decimal("1.02").pow(r.year)));
      expected.set(key, v);
    }
    expect(new Set(fc.budgets.map((b) => `${b.agency}|${b.budget}`))).toEqual(new Set(expected.keys()));
    for (const b of fc.budgets) {
      const want = expected.get(`${b.agency}|${b.budget}`)!;
      b.net.forEach((v, t) => expect(v.toFixed(12), `${b.agency} ${b.budget} ${fc.years[t]}`).toBe(want[t]!.toFixed(12)));
      b.spend.forEach((s, t) => expect(b.income[t]!.minus(s).equals(b.net[t]!)).toBe(true));
    }
    // Totals by year are the sums of the budgets.
    fc.years.forEach((_, t) => expect(fc.totals.organisations.net[t]!.equals(fc.budgets.reduce((s, b) => s.plus(b.net[t]!), ZERO))).toBe(true));
    // The £60,000 a year evaluation is given in cash (nominal): it comes back as £60,000.00 a year.
    const core = fc.budgets.find((b) => b.budget === "early-help")!;
    expect(core.spend.slice(1, 3).map((d) => d.toFixed(2))).toEqual(["60000.00", "60000.00"]);
    // Key workers: 400 families × £3,600 × 1.05 optimism bias, in cash at 2% a year from 2025-26 prices.
    const grant = fc.budgets.find((b) => b.budget === "families-grant")!;
    expect(grant.spend.slice(0, 3).map((d) => d.toFixed(2))).toEqual(["1512000.00", "1542240.00", "1573084.80"]);
    expect(grant.fundingEnds).toBe("2027-28");
  });

  it("shows each budget's funding source and the gap to its available funding", () => {
    const m = structuredClone(familySupport) as { agencies: { id: string; budgets?: Record<string, unknown>[] }[] };
    const council = m.agencies.find((a) => a.id === "council")!;
    council.budgets![1] = { ...council.budgets![1], funding: "Families grant (central government, three years)", available: [1_500_000, 1_550_000, 1_550_000] };
    const fc = financialCase(m);
    const grant = fc.budgets.find((b) => b.budget === "families-grant")!;
    expect(grant.funding).toBe("Families grant (central government, three years)");
    expect(grant.available!.slice(0, 4).map(String)).toEqual(["1500000", "1550000", "1550000", "0"]);
    // Headroom = available − spend + income: 1,500,000 − 1,512,000 = −12,000 (a shortfall).
    expect(grant.headroom!.slice(0, 3).map((d) => d.toFixed(2))).toEqual(["-12000.00", "7760.00", "-23084.80"]);
    expect(fc.budgets.find((b) => b.budget === "early-help")!.available).toBeNull();
  });

  it("says so when the model gives no price basis (amounts stay at price-base prices)", () => {
    const m = structuredClone(familySupport) as Record<string, unknown> & {
      appraisal: Record<string, unknown>;
      costs: Record<string, unknown>[];
      tables: { unitCosts: Record<string, unknown>[] };
    };
    delete m.appraisal.prices;
    m.costs = m.costs.filter((c) => c.prices !== "nominal");
    for (const u of m.tables.unitCosts) delete u.priceBase;
    const fc = financialCase(m);
    expect(fc.nominal).toBe(false);
    expect(fc.basis).toMatch(/no price basis/);
    const ledger = buildLedger(m);
    const grant = fc.budgets.find((b) => b.budget === "families-grant")!;
    expect(grant.spend[1]!.toString()).toBe(
      ledger.rows
        .find((r) => r.line === "cost:key-workers-grant" && r.year === 1)!
        .amount.neg()
        .toString(),
    );
  });

  it("counts deals' payments in cash, and they net to zero between organisations", () => {
    const m = {
      ...structuredClone(familySupport),
      deals: [{ type: "gainshare", id: "gs", from: ["police", "moj", "nhs"], to: "council", share: 0.3 }],
    } as ModelInput;
    const before = financialCase(familySupport);
    const after = financialCase(m);
    const dealt = applyDeals(buildLedger(m));
    const paid = dealt.rows.filter((r) => r.line === "deal:gs");
    expect(paid.length).toBeGreaterThan(0);
    // Organisations together: the gainshare only moves cash between them.
    after.years.forEach((_, t) => expect(after.totals.organisations.net[t]!.toFixed(9)).toBe(before.totals.organisations.net[t]!.toFixed(9)));
    const council = (fc: typeof after) => fc.budgets.filter((b) => b.agency === "council").reduce((s, b) => s.plus(b.total.net), ZERO);
    expect(council(after).gt(council(before))).toBe(true);
  });
});

describe("unit metrics", () => {
  it("family-support: participants, cost per participant and outcomes achieved", () => {
    const u = unitMetrics(familySupport);
    const help = u.interventions[0]!;
    expect(help.totalParticipants.toString()).toBe("2000");
    // 2,000 families × £3,600 × 1.05 + £250,000 set-up × 1.05 (optimism bias, grade 2).
    expect(help.totalCost.toString()).toBe("7822500");
    expect(help.costPerParticipant!.toFixed(2)).toBe("3911.25");
    // Custody: 400 a year × 0.85 engaged × 0.04 × (1 − 0.4) × 0.7, from the year after each cohort.
    const custody = help.outcomes.find((o) => o.outcome === "custody")!;
    expect(custody.achieved.map((d) => d.toFixed(4))).toEqual([
      "0.0000",
      "5.7120",
      "5.7120",
      "5.7120",
      "5.7120",
      "5.7120",
      "0.0000",
      "0.0000",
      "0.0000",
      "0.0000",
    ]);
    expect(custody.costPerOutcome!.toFixed(2)).toBe(new Decimal(7822500).div(28.56).toFixed(2));
    expect(help.pvCostPerParticipant!.lt(help.costPerParticipant!)).toBe(true);
    expect(u.unattributed.lines).toEqual(["cost:evaluation"]);
  });

  it("limits to the years asked for", () => {
    const u = unitMetrics(familySupport, { years: 2 });
    expect(u.years).toEqual(["2025-26", "2026-27"]);
    expect(u.interventions[0]!.totalParticipants.toString()).toBe("800");
  });
  it("a vanishing share of outcomes gives no cost per outcome, not one beyond any sum of money (found by the fuzz)", () => {
    // reach 5e-324: about 10^-320 outcomes, and a cost per outcome of 10^330 shown as Infinity.
    const m = structuredClone(familySupport) as any;
    m.outcomes[0].reach = 5e-324;
    const o = unitMetrics(m).interventions[0]!.outcomes[0]!;
    expect(o.total.isZero()).toBe(false);
    expect(o.costPerOutcome).toBeNull();
    expect(o.pvCostPerOutcome).toBeNull();
    expect(JSON.stringify(toJSON(unitMetrics(m)))).not.toMatch(/Infinity|NaN/);
  });
});

describe("properties on random models", () => {
  test.prop([arbitraryModel(), fc.integer({ min: 0, max: 50 }).map((x) => x / 1000)], { numRuns: runs(40) })(
    "each budget's cash is its real net inflated year by year; organisations add up; unit metrics never NaN",
    (input, inflation) => {
      const m = { ...input, appraisal: { ...input.appraisal, prices: { inflation } } } as ModelInput;
      const fc1 = financialCase(m);
      const real = financialCase({ ...m, appraisal: { ...m.appraisal, prices: { inflation: 0 } } });
      fc1.budgets.forEach((b, i) =>
        b.net.forEach((v, t) =>
          expect(
            v
              .minus(real.budgets[i]!.net[t]!.times(new Decimal(1).plus(inflation).pow(t)))
              .abs()
              .lt(1e-9),
          ).toBe(true),
        ),
      );
      fc1.years.forEach((_, t) => expect(fc1.totals.organisations.net[t]!.equals(fc1.budgets.reduce((s, b) => s.plus(b.net[t]!), ZERO))).toBe(true));
      const text = JSON.stringify(toJSON({ fc: fc1, u: unitMetrics(m) }));
      expect(text).not.toMatch(/NaN|Infinity|undefined/);
    },
  );
});
