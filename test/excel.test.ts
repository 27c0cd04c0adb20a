import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { excel, FinanceError, type FinanceErrorCode } from "../src";
import golden from "./fixtures/excel-golden.json";
import { isTrueRoot } from "./helpers/roots";

type GoldenCase = { fn: keyof typeof excel; args: unknown[]; formula: string; libreoffice: number | { error: string } };
const cases = golden.cases as GoldenCase[];
const call = (c: GoldenCase) => (excel[c.fn] as (...a: unknown[]) => number)(...c.args);

function expectError(fn: () => unknown, code: FinanceErrorCode): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FinanceError);
    expect((e as FinanceError).code).toBe(code);
    expect((e as FinanceError).message.length).toBeGreaterThan(code.length + 5);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe("excel functions against LibreOffice Calc (test/fixtures/excel-golden.json)", () => {
  // Source: LibreOffice Calc recalculating each formula headless; see excel-golden.generate.mts.
  const answered = cases.filter((c) => typeof c.libreoffice === "number");
  it.each(answered.map((c) => [c.formula, c] as const))("%s", (_, c) => {
    const expected = c.libreoffice as number;
    const tolerance = c.fn === "IRR" || c.fn === "XIRR" ? 1e-9 : 1e-12 * Math.max(1, Math.abs(expected));
    expect(Math.abs(call(c) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it("finds the true root wherever LibreOffice's IRR gives up on one-sign-change flows", () => {
    const failed = cases.filter((c) => c.fn === "IRR" && typeof c.libreoffice !== "number");
    let solved = 0;
    for (const c of failed) {
      const values = c.args[0] as number[];
      const changes = values.filter((v, i) => i > 0 && v !== 0 && Math.sign(v) !== Math.sign(values.slice(0, i).filter((x) => x !== 0).at(-1) ?? v)).length;
      if (changes !== 1) continue;
      const r = call(c);
      const scale = values.reduce((s, v, t) => s + Math.abs(v) * (1 + r) ** -t, 0);
      const npvAtR = values.reduce((s, v, t) => s + v * (1 + r) ** -t, 0);
      expect(r).toBeGreaterThan(-1);
      expect(Math.abs(npvAtR)).toBeLessThanOrEqual(1e-9 * scale);
      solved++;
    }
    expect(solved).toBeGreaterThan(20);
  });
});

describe("excel functions: documented examples and errors", () => {
  it("matches Microsoft's documentation examples", () => {
    // Examples from Microsoft's Excel function reference pages (NPV, IRR, MIRR, XNPV, XIRR, FV).
    expect(excel.NPV(0.1, [-10000, 3000, 4200, 6800])).toBeCloseTo(1188.44, 2);
    expect(excel.IRR([-70000, 12000, 15000, 18000, 21000, 26000])).toBeCloseTo(0.0866, 4);
    expect(excel.IRR([-70000, 12000, 15000], -0.1)).toBeCloseTo(-0.4435, 4);
    expect(excel.MIRR([-120000, 39000, 30000, 21000, 37000, 46000], 0.1, 0.12)).toBeCloseTo(0.1261, 4);
    const dates = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"];
    expect(excel.XNPV(0.09, [-10000, 2750, 4250, 3250, 2750], dates)).toBeCloseTo(2086.65, 2);
    expect(excel.XIRR([-10000, 2750, 4250, 3250, 2750], dates)).toBeCloseTo(0.373362535, 8);
    expect(excel.FV(0.06 / 12, 10, -200, -500, 1)).toBeCloseTo(2581.4, 2);
  });
  it("pays £103,603.66 a year on an £800,000 loan at 5% over 10 years", () => {
    // domain notes §6 (Juno CIC, seed 003): annuity ≈ £103.6k; Excel PMT(5%,10,800000) = −103,603.66.
    expect(excel.PMT(0.05, 10, 800000)).toBeCloseTo(-103603.66, 2);
    expect(excel.PMT(0, 10, 1000)).toBe(-100);
  });
  it("accepts Date objects as well as ISO strings", () => {
    const a = excel.XNPV(0.05, [-100, 110], ["2024-01-01", "2025-01-01"]);
    const b = excel.XNPV(0.05, [-100, 110], [new Date(2024, 0, 1), new Date(2025, 0, 1)]);
    expect(a).toBe(b);
  });
  it("answers Excel's errors with a FinanceError carrying the code", () => {
    expectError(() => excel.IRR([100, 200]), "#NUM!");
    expectError(() => excel.IRR([1, -3, 3]), "#NUM!");
    expectError(() => excel.NPV(-1, [1]), "#DIV/0!");
    expectError(() => excel.NPV(NaN, [1]), "#VALUE!");
    expectError(() => excel.NPV(0.1, [1, Infinity]), "#VALUE!");
    expectError(() => excel.MIRR([1, 2], 0.1, 0.1), "#DIV/0!");
    expectError(() => excel.XNPV(0.1, [1, 2], ["2024-01-01"]), "#NUM!");
    expectError(() => excel.XNPV(0.1, [1, 2], ["2024-01-01", "2023-12-31"]), "#NUM!");
    expectError(() => excel.XNPV(0.1, [1, 2], ["2024-01-01", "not a date"]), "#VALUE!");
    expectError(() => excel.XIRR([1, 2], ["2024-01-01", "2024-06-01"]), "#NUM!");
    expectError(() => excel.PMT(0.05, 0, 1000), "#NUM!");
    expectError(() => excel.PMT(0.05, 10, 1000, 0, 2), "#NUM!");
    expectError(() => excel.FV(1e10, 1e10, 1), "#NUM!");
  });
});

describe("excel functions: properties", () => {
  const r = fc.double({ min: -0.9, max: 1, noNaN: true }).filter((x) => Math.abs(x) > 1e-9);
  const n = fc.integer({ min: 1, max: 120 });
  const amount = fc.double({ min: -1e7, max: 1e7, noNaN: true });
  const type = fc.constantFrom(0, 1);

  test.prop([r, n, amount, amount, type])("PMT, PV and FV agree with each other", (rate, nper, pv, fv, t) => {
    const pmt = excel.PMT(rate, nper, pv, fv, t);
    const scale = Math.max(1, Math.abs(pv), Math.abs(fv), Math.abs(pmt * nper)) * Math.max(1, (1 + rate) ** nper, (1 + rate) ** -nper);
    expect(Math.abs(excel.PV(rate, nper, pmt, fv, t) - pv)).toBeLessThanOrEqual(1e-8 * scale);
    expect(Math.abs(excel.FV(rate, nper, pmt, pv, t) - fv)).toBeLessThanOrEqual(1e-8 * scale);
  });
  test.prop([
    fc.array(fc.integer({ min: -1e8, max: 1e8 }).map((x) => x / 100), { minLength: 2, maxLength: 30 }).filter((v) => v.some((x) => x > 0) && v.some((x) => x < 0)),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
  ])("MIRR matches its definition", (values, f, rr) => {
    const nper = values.length;
    const pos = values.map((v) => (v > 0 ? v : 0));
    const neg = values.map((v) => (v < 0 ? v : 0));
    // Excel's documented formula: (−NPV(rr, pos)·(1+rr)^n / (NPV(f, neg)·(1+f)))^(1/(n−1)) − 1
    const expected = ((-excel.NPV(rr, pos) * (1 + rr) ** nper) / (excel.NPV(f, neg) * (1 + f))) ** (1 / (nper - 1)) - 1;
    const actual = excel.MIRR(values, f, rr);
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  });
  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.double({ min: -0.5, max: 1, noNaN: true })])(
    "XNPV on yearly 365-day dates equals the year-0 NPV",
    (values, rate) => {
      const dates = values.map((_, i) => new Date(2023, 0, 1 + 365 * i));
      const direct = values.reduce((s, v, t) => s + v / (1 + rate) ** t, 0);
      const scale = values.reduce((s, v, t) => s + Math.abs(v) / (1 + rate) ** t, 1);
      expect(Math.abs(excel.XNPV(rate, values, dates) - direct)).toBeLessThanOrEqual(1e-12 * scale);
    },
  );
  test.prop([
    fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 4 }),
    fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.integer({ min: 30, max: 400 }), { minLength: 16, maxLength: 16 }),
    fc.double({ min: -0.99, max: 10, noNaN: true }),
  ])("XIRR finds the unique root of one-sign-change dated flows", (out, ins, gaps, guess) => {
    // Keep the root representable as a double: the last inflow is at least 1% of the outlay and
    // comes at least a year after the last outflow (so 1 + r ≥ 0.01; otherwise it can be ~1e-100
    // and r rounds to −1), and flows are at least 30 days apart (otherwise 1 + r can exceed 1e308).
    const outlay = out.reduce((a, b) => a + b, 0);
    const last = Math.max(ins.at(-1)!, Math.ceil(outlay / 100));
    const values = [...out.map((v) => -v), ...ins.slice(0, -1), last];
    let day = 0;
    const offsets = values.map((_, i) => (day += i === 0 ? 0 : gaps[i % 16]!));
    const lastOutflow = offsets[out.length - 1]!;
    if (offsets.at(-1)! < lastOutflow + 365) offsets[offsets.length - 1] = lastOutflow + 365;
    const dates = offsets.map((d) => new Date(2020, 0, 1 + d));
    const r = excel.XIRR(values, dates, guess);
    expect(isTrueRoot(r, offsets.map((d) => d / 365), values)).toBe(true);
  });
});
