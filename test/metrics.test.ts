import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  annuityFactor,
  bcr,
  cumulative,
  Decimal,
  discountedPaybackYear,
  discountSeries,
  equivalentAnnualCost,
  excel,
  npv,
  paybackPeriod,
  paybackYear,
  roi,
  summariseFlows,
  sum,
} from "../src";

const flow = fc.integer({ min: -1e9, max: 1e9 }).map((p) => new Decimal(p).div(100));
const flows = fc.array(flow, { minLength: 1, maxLength: 40 });
const rate = fc.double({ min: -0.5, max: 2, noNaN: true });

describe("npv (Green Book convention: year 0 undiscounted)", () => {
  it("discounts from year 1", () => {
    expect(npv([-100, 60, 60], { schedule: { rate: 0.1 } }).toFixed(4)).toBe("4.1322");
    expect(npv([]).toString()).toBe("0");
    expect(discountSeries([100, 110], { schedule: { rate: 0.1 } }).map(String)).toEqual(["100", "100"]);
  });
  test.prop([flows])("a zero rate gives the plain sum", (xs) => {
    expect(npv(xs, { schedule: { rate: 0 } }).equals(sum(xs))).toBe(true);
  });
  test.prop([flows, flows, fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })])("is linear in the flows", (a, b, j, k) => {
    const n = Math.max(a.length, b.length);
    const combo = Array.from({ length: n }, (_, t) => (a[t] ?? new Decimal(0)).times(j).plus((b[t] ?? new Decimal(0)).times(k)));
    const lhs = npv(combo);
    const rhs = npv(a).times(j).plus(npv(b).times(k));
    expect(lhs.minus(rhs).abs().lte(1e-20)).toBe(true);
  });
  test.prop([flows, rate])("equals the first flow plus Excel's NPV of the rest", (xs, r) => {
    const nums = xs.map((x) => x.toNumber());
    const ours = npv(xs, { schedule: { rate: r } }).toNumber();
    const theirs = nums[0]! + (nums.length > 1 ? excel.NPV(r, nums.slice(1)) : 0);
    const scale = nums.reduce((s, v, t) => s + Math.abs(v) / (1 + r) ** t, 1);
    expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-12 * scale);
  });
  test.prop([flows, fc.double({ min: 0, max: 0.5, noNaN: true })])(
    "shifting a series one year later multiplies its PV by DF(1) at a constant rate",
    (xs, r) => {
      const later = npv([0, ...xs], { schedule: { rate: r } });
      const now = npv(xs, { schedule: { rate: r } }).div(new Decimal(r).plus(1));
      expect(later.minus(now).abs().lte(1e-20)).toBe(true);
    },
  );
});

describe("ratios, payback and annual equivalents", () => {
  it("reproduces the Green Book box example", () => {
    // Green Book (domain notes §3): PVB £8m, PVC £10m → BCR 0.8, NPSV −£2m.
    const s = summariseFlows({ costs: [10_000_000], savings: [8_000_000] });
    expect(s.bcr?.toString()).toBe("0.8");
    expect(s.npv.toString()).toBe("-2000000");
    expect(s.roi?.toString()).toBe("-0.2");
    expect(s.paybackYear).toBeNull();
    expect(s.irr).toBeNull();
  });
  it("returns null ratios when there are no costs", () => {
    expect(bcr(10, 0)).toBeNull();
    expect(roi(10, 0)).toBeNull();
    expect(roi(151, 100)?.toString()).toBe("0.51");
  });
  it("finds payback years, simple and discounted", () => {
    expect(paybackYear([-100, 30, 40, 50])).toBe(3);
    expect(paybackYear([-100, 30, 40])).toBeNull();
    expect(paybackYear([-100, 120, -50, 60])).toBe(3);
    expect(paybackYear([10, 0])).toBe(0);
    expect(discountedPaybackYear([-100, 55, 55], { schedule: { rate: 0.1 } })).toBeNull();
    expect(discountedPaybackYear([-100, 60, 60], { schedule: { rate: 0.1 } })).toBe(2);
    expect(paybackPeriod([-100, 40, 40, 40])).toBe(2.5);
    expect(paybackPeriod([5])).toBe(0);
    expect(cumulative([-100, 30, 80]).map(String)).toEqual(["-100", "-70", "10"]);
  });
  const investment = fc
    .tuple(fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 30 }))
    .map(([costs, returns]) => [...costs.map((c) => -c), ...returns]);
  test.prop([investment])("for costs-then-returns flows, discounted payback is never earlier than simple", (xs) => {
    const simple = paybackYear(xs);
    const discounted = discountedPaybackYear(xs);
    if (discounted !== null) {
      expect(simple).not.toBeNull();
      expect(discounted).toBeGreaterThanOrEqual(simple!);
    }
  });
  it("annualises like Excel's PMT (the £800,000 loan at 5% over 10 years)", () => {
    // domain notes §6 / Juno CIC: £800,000 at 5% over ten years ≈ £103.6k a year.
    expect(equivalentAnnualCost(800_000, 10, { schedule: { rate: 0.05 } }).toFixed(2)).toBe("103603.66");
    expect(annuityFactor(10, { schedule: { rate: 0.05 } }).toFixed(6)).toBe("7.721735");
    expect(() => equivalentAnnualCost(1, 0)).toThrow(RangeError);
  });
  test.prop([fc.double({ min: 0.001, max: 0.3, noNaN: true }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1e8 })])(
    "equivalent annual cost agrees with PMT at a constant rate",
    (r, n, pv) => {
      const eac = equivalentAnnualCost(pv, n, { schedule: { rate: r } }).toNumber();
      expect(eac).toBeCloseTo(-excel.PMT(r, n, pv), 6);
    },
  );
});
