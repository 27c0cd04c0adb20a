import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { annualFlows, appraise, buildLedger, Decimal, discountFactors, parseModel, selectRows, sum, type ModelInput } from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";
import { runs } from "./helpers/runs";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const clone = <T>(x: T): T => structuredClone(x);
const close = (a: Decimal, b: Decimal, tol = 1e-9) =>
  a
    .minus(b)
    .abs()
    .lte(new Decimal(tol).times(Decimal.max(1, a.abs(), b.abs())));

describe("buildLedger", () => {
  it("traces a row to its inputs (family support, custody savings to MoJ in 2026-27)", () => {
    const ledger = buildLedger(familySupport);
    const row = ledger.rows.find((r) => r.line === "outcome:custody:0" && r.year === 1 && r.cashable);
    expect(row).toBeDefined();
    // 400 families × 0.85 engagement × 0.04 success × (1 − 0.4 deadweight) × 0.7 attribution = 5.712
    // outcomes from the year-0 cohort, effective from year 1 (lag 1); £51,000 in 2023-24 prices
    // × 1.02² to 2025-26 prices; × (1 − 0.1) optimism bias (grade 2); × 0.5 realised as cash.
    const expected = new Decimal("5.712").times(51000).times("1.0404").times("0.9").times("0.5");
    expect(row!.amount.equals(expected)).toBe(true);
    expect(row!.agency).toBe("moj");
    expect(row!.financialYear).toBe("2026-27");
    expect(row!.source).toBe("outcomes[1].values[0]");
    expect(row!.quantity!.toString()).toBe("5.712");
    const trace = ledger.lines.find((l) => l.line === "outcome:custody:0")!;
    expect(trace.factors).toMatchObject({ success: "0.04", deadweight: "0.4", optimismBiasReduction: "0.1", realisation: "0.5" });
    expect(trace.factors.prices).toContain("2023-24 prices");
  });
  it("charges per-participant costs by cohort and deflates nominal costs", () => {
    const rows = buildLedger(familySupport).rows;
    const keyWorkers = rows.filter((r) => r.line === "cost:key-workers-grant");
    expect(keyWorkers.map((r) => r.year)).toEqual([0, 1, 2]);
    // 400 × £3,600 × 1.05 optimism-bias uplift (grade 2), as a cost (negative)
    expect(keyWorkers[0]!.amount.toString()).toBe("-1512000");
    expect(keyWorkers[0]!.budget).toBe("families-grant");
    const evaluation = rows.filter((r) => r.line === "cost:evaluation");
    // £60,000 cash a year at 2% inflation, in 2025-26 prices: 60000 / 1.02^t
    expect(evaluation[2]!.amount.toFixed(6)).toBe(new Decimal(-60000).div("1.0404").toFixed(6));
  });
  it("books direct savings: timed like costs, reduced by optimism bias, split by realisation", () => {
    const model = clone(familySupport);
    model.savings = [
      { id: "beds", agency: "nhs", series: [0, 100000, 200000], cashable: false, realisation: 0.25, confidence: "3" },
      { id: "per-family", agency: "police", intervention: "early-help", per: "participant", amount: 50, cashable: true, growth: 0.1 },
    ];
    const ledger = buildLedger(model);
    const beds = ledger.rows.filter((r) => r.line === "saving:beds");
    // £200,000 in year 2 × (1 − 0.2 optimism bias, grade 3) = £160,000: a quarter cash, the rest capacity.
    expect(beds.filter((r) => r.year === 2).map((r) => [r.cashable, r.amount.toString()])).toEqual([
      [true, "40000"],
      [false, "120000"],
    ]);
    expect(beds.every((r) => r.kind === "saving" && r.source === "savings[0]")).toBe(true);
    const perFamily = ledger.rows.filter((r) => r.line === "saving:per-family");
    // 400 families × £50, growing 10% a year from the first delivery year.
    expect(perFamily.map((r) => r.amount.toString())).toEqual(["20000", "22000", "24200", "26620", "29282"]);
    expect(perFamily[1]!.quantity!.toString()).toBe("400");
    const bad = parseModel({ ...model, savings: [{ id: "x", agency: "nowhere", amount: 1, series: [1] }] });
    expect(bad.ok ? [] : bad.errors).toEqual([{ path: "savings[0]", message: "give exactly one of amount or series" }]);
    const unknown = parseModel({ ...model, savings: [{ id: "x", agency: "nowhere", amount: 1 }] });
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.path)).toEqual(["savings[0].agency"]);
  });
  it("books a cost shunt as equal and opposite transfers", () => {
    const rows = buildLedger(familySupport).rows.filter((r) => r.line === "shunt:talking-therapies");
    expect(rows.length).toBe(8);
    expect(sum(rows.map((r) => r.amount)).isZero()).toBe(true);
    expect(rows.filter((r) => r.agency === "council").every((r) => r.amount.eq(45000))).toBe(true);
  });

  test.prop([arbitraryModel()], { numRuns: runs(60) })(
    "agencies sum to the system exactly, every year and line; transfers net to zero; the public sector is its public bodies",
    (input) => {
      const ledger = buildLedger(input);
      const ids = ledger.plan.agencies.map((a) => a.id);
      const publicIds = ledger.plan.agencies.filter((a) => a.sector === "public").map((a) => a.id);
      const factors = Object.fromEntries(Object.entries(ledger.schedules).map(([k, s]) => [k, discountFactors(ledger.years - 1, s)]));
      const { system, publicSector, agencies } = annualFlows(ledger.entries, ledger.plan.agencies, ledger.years, factors);
      for (let t = 0; t < ledger.years; t++) {
        expect(system.net[t]!.equals(sum(ids.map((id) => agencies[id]!.net[t]!)))).toBe(true);
        expect(system.net[t]!.equals(sum(ledger.rows.filter((r) => r.year === t).map((r) => r.amount)))).toBe(true);
        expect(system.transfers[t]!.isZero()).toBe(true);
        expect(system.pv.transfers[t]!.isZero()).toBe(true);
        expect(publicSector.net[t]!.equals(sum(publicIds.map((id) => agencies[id]!.net[t]!)))).toBe(true);
        expect(close(publicSector.pv.net[t]!, sum(publicIds.map((id) => agencies[id]!.pv.net[t]!)), 1e-30)).toBe(true);
      }
      // Every transfer line (cost shunt, transferFrom) books equal and opposite amounts each year.
      for (const line of new Set(ledger.rows.filter((r) => r.kind === "transfer").map((r) => r.line))) {
        const byYear = new Map<number, Decimal>();
        for (const r of ledger.rows.filter((x) => x.line === line)) byYear.set(r.year, (byYear.get(r.year) ?? new Decimal(0)).plus(r.amount));
        byYear.forEach((v) => expect(v.isZero()).toBe(true));
      }
      for (const r of ledger.rows) expect(r.amount.decimalPlaces()).toBeLessThanOrEqual(12);
    },
  );
});

describe("appraise: properties", () => {
  test.prop([arbitraryModel(), fc.integer({ min: 2, max: 9 })], { numRuns: runs(40) })("scaling every flow by k scales every NPV by k", (input, k) => {
    const scaled = clone(input);
    const times = (x: unknown) => (x === undefined ? undefined : Number(x) * k);
    for (const c of [...(scaled.costs ?? []), ...(scaled.savings ?? [])]) {
      if (c.amount !== undefined) c.amount = times(c.amount);
      if (c.series) c.series = c.series.map((v) => times(v)!);
    }
    scaled.outcomes?.forEach((o) => o.values.forEach((v) => (v.amount = times(v.amount))));
    scaled.costShunts?.forEach((s) => (s.amount = times(s.amount)));
    const a = appraise(input, { lens: "social" });
    const b = appraise(scaled, { lens: "social" });
    a.horizons.forEach((h, i) => {
      expect(close(b.horizons[i]!.system.npv, h.system.npv.times(k))).toBe(true);
      for (const [id, m] of Object.entries(h.agencies)) expect(close(b.horizons[i]!.agencies[id]!.npv, m.npv.times(k))).toBe(true);
    });
  });
  test.prop([arbitraryModel({ withShunts: false, agencies: { min: 2, max: 5 } }), fc.integer({ min: 1, max: 1e6 }), fc.nat(), fc.nat()], { numRuns: runs(40) })(
    "adding a cost shunt leaves the system unchanged",
    (input, amount, i, j) => {
      const n = input.agencies.length;
      const from = input.agencies[i % n]!.id;
      const to = input.agencies[((i % n) + 1 + (j % (n - 1))) % n]!.id;
      const withShunt = clone(input);
      withShunt.costShunts = [{ id: "added", from, to, amount }];
      for (const lens of ["fiscal", "social"] as const) {
        const a = appraise(input, { lens });
        const b = appraise(withShunt, { lens });
        a.horizons.forEach((h, k) => {
          const s = b.horizons[k]!.system;
          expect(s.npv.equals(h.system.npv)).toBe(true);
          expect(s.pvCosts.equals(h.system.pvCosts)).toBe(true);
          expect(s.pvSavings.equals(h.system.pvSavings)).toBe(true);
          expect(String(s.bcr)).toBe(String(h.system.bcr));
        });
      }
    },
  );
  test.prop([arbitraryModel({ withShunts: false }), fc.nat()], { numRuns: runs(40) })("moving a saving one year later never raises any NPV", (input, pick) => {
    fc.pre((input.outcomes ?? []).length > 0);
    const k = pick % input.outcomes!.length;
    // A transfer moved later helps the party it comes from: keep the moved outcome's values as savings.
    const before = clone(input);
    for (const v of before.outcomes![k]!.values) delete v.transferFrom;
    const later = clone(before);
    later.outcomes![k]!.lag = (later.outcomes![k]!.lag ?? 0) + 1;
    const a = appraise(before, { lens: "social" });
    const b = appraise(later, { lens: "social" });
    a.horizons.forEach((h, i) => {
      expect(b.horizons[i]!.system.npv.lte(h.system.npv)).toBe(true);
      for (const [id, m] of Object.entries(h.agencies)) expect(b.horizons[i]!.agencies[id]!.npv.lte(m.npv)).toBe(true);
    });
  });
  test.prop([arbitraryModel()], { numRuns: runs(40) })("a 1-year horizon is year 0 alone; a 2-year horizon adds year 1 discounted", (input) => {
    const plain = clone(input);
    for (const l of [...(plain.savings ?? []), ...(plain.outcomes ?? []).flatMap((o) => o.values)]) delete l.discount;
    const model = parseModel(plain);
    if (!model.ok) throw new Error("generator made an invalid model");
    const two = Math.min(2, model.model.appraisal.years!);
    const r = appraise(model.model, { horizons: [1, two], lens: "social" });
    const df1 = discountFactors(1)[1]!;
    const net = r.annual.system.net;
    expect(r.horizons[0]!.system.npv.equals(net[0]!)).toBe(true);
    if (two === 2)
      expect(
        r.horizons[1]!.system.npv.minus(net[0]!.plus(net[1]!.times(df1)))
          .abs()
          .lte(1e-20),
      ).toBe(true);
  });
  test.prop([arbitraryModel(), fc.constantFrom("end" as const, "mid" as const)], { numRuns: runs(40) })(
    "each row is discounted with its own line's schedule",
    (input, timing) => {
      const ledger = buildLedger(input);
      const r = appraise(input, { lens: "social", timing, horizons: [ledger.years] });
      // Independently: every row × the factor of its own schedule in its year.
      const expected = sum(
        ledger.rows.map((row) => row.amount.times(discountFactors(ledger.years - 1, ledger.schedules[row.discount]!, { timing })[row.year]!)),
      );
      expect(r.horizons[0]!.system.npv.minus(expected).abs().lte(1e-18)).toBe(true);
    },
  );
  test.prop([arbitraryModel()], { numRuns: runs(40) })("system NPV is the sum of agency NPVs; lenses nest", (input) => {
    const fiscal = appraise(input, { lens: "fiscal" });
    for (const h of fiscal.horizons) {
      const total = sum(Object.values(h.agencies).map((m) => m.npv));
      expect(h.system.npv.minus(total).abs().lte(1e-18)).toBe(true);
      expect(h.system.pvTransfers.isZero()).toBe(true);
    }
    const ledger = buildLedger(input);
    expect(selectRows(ledger.rows, { lens: "fiscal" }).length).toBeLessThanOrEqual(selectRows(ledger.rows, { lens: "economic" }).length);
    expect(selectRows(ledger.rows, { lens: "social" }).length).toBe(ledger.rows.length);
    expect(selectRows(ledger.rows, { lens: "social", cashableOnly: true }).every((r) => r.cashable)).toBe(true);
  });
});
