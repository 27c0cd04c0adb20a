import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { excel, FinanceError, irr, irrAll, npv, signChanges } from "../src";
import { clearSignChange, isTrueRoot } from "./helpers/roots";
import { runs } from "./helpers/runs";

/** Relative NPV residual at rate r: |Σ v/(1+r)^t| / Σ |v|/(1+r)^t. */
function residual(values: number[], r: number): number {
  let s = 0;
  let scale = 0;
  values.forEach((v, t) => {
    const p = (1 + r) ** -t;
    s += v * p;
    scale += Math.abs(v) * p;
  });
  return Math.abs(s) / scale;
}

/** Flows that change sign exactly once: some outflows, then inflows (each between 1 and 1e6). */
const oneSignChange = fc
  .tuple(
    fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }),
    fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 4 }),
    fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 25 }),
    fc.boolean(),
    fc.double({ min: -0.99, max: 10, noNaN: true }),
  )
  .map(([out, zeros, ins, flip, guess]) => {
    const values = [...out.map((v) => -v), ...zeros.map(() => 0), ...ins];
    return { values: flip ? values.map((v) => -v) : values, guess };
  });

describe("irr", () => {
  it("solves textbook flows", () => {
    const r = irr([-1000, 300, 400, 500]);
    expect(r.ok && r.rate).toBeCloseTo(0.0889634, 6);
    expect(r.ok && r.unique).toBe(true);
  });
  it("says why when there is no answer", () => {
    expect(irr([100, 200])).toMatchObject({ ok: false, reason: "no-sign-change" });
    expect(irr([0, 0])).toMatchObject({ ok: false, reason: "no-sign-change" });
    expect(irr([1, -3, 3])).toMatchObject({ ok: false, reason: "no-root" });
  });
  it("lists every root when the flows change sign more than once", () => {
    const roots = irrAll([-100, 230, -132]);
    expect(roots.length).toBe(2);
    expect(roots[0]).toBeCloseTo(0.1, 12);
    expect(roots[1]).toBeCloseTo(0.2, 12);
    const near = irr([-100, 230, -132], { guess: 0.3 });
    expect(near.ok && near.rate).toBeCloseTo(0.2, 12);
    expect(near.ok && near.unique).toBe(false);
    // A double root: NPV touches zero at 10% without crossing.
    const double = irrAll([-100, 220, -121]);
    expect(double.length).toBe(1);
    expect(double[0]).toBeCloseTo(0.1, 6);
    // Two roots very close together (10% and 10.5%) are both found.
    const close = irrAll([-1, 2.205, -1.2155]);
    expect(close.length).toBe(2);
  });
  it("finds roots far from the guess, near −100% and very large", () => {
    const tiny = irr([-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1e-6], { guess: 5 });
    expect(tiny.ok && tiny.rate).toBeCloseTo(10 ** -0.6 - 1, 12);
    const huge = irr([-100, 1e7]);
    expect(huge.ok && huge.rate).toBeCloseTo(99999, 6);
  });
  test.prop([oneSignChange], { numRuns: runs(500) })("one sign change always gives the unique IRR above −1, whatever the guess", ({ values, guess }) => {
    expect(signChanges(values)).toBe(1);
    const r = irr(values, { guess });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rate).toBeGreaterThan(-1);
    expect(r.unique).toBe(true);
    expect(residual(values, r.rate)).toBeLessThanOrEqual(1e-9);
  });
  test.prop([oneSignChange])("NPV at the IRR is zero on the exact path too", ({ values }) => {
    const r = irr(values);
    if (!r.ok) throw new Error("expected a root");
    const scale = values.reduce((s, v, t) => s + Math.abs(v) * (1 + r.rate) ** -t, 0);
    expect(Math.abs(npv(values, { schedule: { rate: r.rate } }).toNumber())).toBeLessThanOrEqual(1e-9 * scale);
  });
  test.prop([fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 8 })], { numRuns: runs(100) })(
    "every root irrAll reports makes NPV zero",
    (values) => {
      const times = values.map((_, t) => t);
      for (const r of irrAll(values)) {
        expect(r).toBeGreaterThan(-1);
        expect(isTrueRoot(r, times, values)).toBe(true);
      }
    },
  );
});

/** Flows of any signs (several sign changes), as money-sized integers or doubles, with a guess. */
const anyFlows = fc.record({
  values: fc.oneof(
    fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 2, maxLength: 30 }),
    fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 2, maxLength: 30 }),
    fc.array(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constant(0)), { minLength: 2, maxLength: 60 }),
  ),
  guess: fc.oneof(fc.constant(0.1), fc.double({ min: -0.999, max: 100, noNaN: true })),
});

describe("irr and excel.IRR / XIRR on arbitrary flows: a rate returned is always a root", () => {
  it("regression: several sign changes once gave −0.9999999999999998, where NPV is about +20", () => {
    // NPV overflowed near −100%, and |Infinity| ≤ tolerance × Infinity passed as a residual check.
    const flows = [-33, 87, -30, 23, -14, 76, 97, -23, -27, -31, 36, 35, 34, -31, 47, 57, -84, 25, -40, 17, 20];
    const times = flows.map((_, t) => t);
    const r = irr(flows);
    expect(r).toMatchObject({ ok: true, unique: false });
    expect(r.ok && r.rate).toBeCloseTo(1.4451585150202066, 12);
    expect(irrAll(flows)).toHaveLength(1);
    expect(irrAll(flows)[0]).toBeCloseTo(1.4451585150202066, 12);
    expect(excel.IRR(flows)).toBeCloseTo(1.4451585150202066, 12);
    for (const guess of [-0.99, -0.5, 0, 0.1, 1, 5, 50]) {
      const g = irr(flows, { guess });
      expect(g.ok && isTrueRoot(g.rate, times, flows)).toBe(true);
    }
  });
  test.prop([anyFlows], { numRuns: runs(100) })("irr: a verified root, or a typed no-answer when none is clearly there", ({ values, guess }) => {
    const times = values.map((_, t) => t);
    const r = irr(values, { guess });
    if (r.ok) {
      expect(isTrueRoot(r.rate, times, values), `rate ${r.rate}`).toBe(true);
      expect(r.unique).toBe(signChanges(values) === 1);
    } else {
      expect(["no-sign-change", "no-root"]).toContain(r.reason);
      expect(r.message.length).toBeGreaterThan(10);
      // No root between −90% and +1000% that a grid can see was missed.
      expect(clearSignChange(times, values)).toBe(false);
    }
    let viaExcel: number | null = null;
    try {
      viaExcel = excel.IRR(values, guess);
    } catch (e) {
      expect(e).toBeInstanceOf(FinanceError);
      expect((e as FinanceError).code).toBe("#NUM!");
    }
    expect(viaExcel === null).toBe(!r.ok);
    if (viaExcel !== null) expect(isTrueRoot(viaExcel, times, values)).toBe(true);
  });
  test.prop([anyFlows, fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 60, maxLength: 60 })], { numRuns: runs(60) })(
    "excel.XIRR: a verified root of the dated flows, or #NUM!",
    ({ values, guess }, gaps) => {
      let day = 0;
      const offsets = values.map((_, i) => (day += i === 0 ? 0 : gaps[i]!));
      const dates = offsets.map((d) => new Date(Date.UTC(2020, 0, 1 + d)));
      const times = offsets.map((d) => d / 365);
      let rate: number | null = null;
      try {
        rate = excel.XIRR(values, dates, guess);
      } catch (e) {
        expect(e).toBeInstanceOf(FinanceError);
        expect((e as FinanceError).code).toBe("#NUM!");
      }
      if (rate !== null) expect(isTrueRoot(rate, times, values), `rate ${rate}`).toBe(true);
      else expect(clearSignChange(times, values)).toBe(false);
    },
  );
});
