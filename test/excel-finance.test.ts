/**
 * The loan, rate and depreciation functions of `excel` (issue 18) and the spreadsheet input forms
 * of every `excel` function: published examples, peers' test values, properties (inverse
 * functions, sums) and a comparison with formulajs. The LibreOffice golden values are checked in
 * test/excel.test.ts.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import * as formulajs from "@formulajs/formulajs";
import { annuityPeriods, annuityRate, Decimal, excel, excelSerial, excelSerialToDate, FinanceError, type FinanceErrorCode } from "../src";
import { runs } from "./helpers/runs";

function codeOf(fn: () => unknown): FinanceErrorCode | "no error" {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FinanceError);
    expect((e as FinanceError).message.length).toBeGreaterThan(12);
    return (e as FinanceError).code;
  }
  return "no error";
}

const close = (a: number, b: number, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe("published examples", () => {
  it("matches Microsoft's Excel reference examples", () => {
    // Source: the examples on Microsoft's support pages for each function (Excel for Microsoft 365).
    expect(excel.RATE(4 * 12, -200, 8000) * 12).toBeCloseTo(0.0924, 4);
    expect(excel.NPER(0.12 / 12, -100, -1000, 10000, 1)).toBeCloseTo(59.6738657, 6);
    expect(excel.NPER(0.12 / 12, -100, -1000, 10000)).toBeCloseTo(60.0821229, 6);
    expect(excel.NPER(0.12 / 12, -100, -1000)).toBeCloseTo(-9.57859404, 7);
    expect(excel.IPMT(0.1 / 12, 1, 3 * 12, 8000)).toBeCloseTo(-66.67, 2);
    expect(excel.IPMT(0.1, 3, 3, 8000)).toBeCloseTo(-292.45, 2);
    expect(excel.PPMT(0.1 / 12, 1, 2 * 12, 2000)).toBeCloseTo(-75.62, 2);
    expect(excel.PPMT(0.08, 10, 10, 200000)).toBeCloseTo(-27598.05, 2);
    expect(excel.CUMIPMT(0.09 / 12, 30 * 12, 125000, 13, 24, 0)).toBeCloseTo(-11135.23213, 5);
    expect(excel.CUMIPMT(0.09 / 12, 30 * 12, 125000, 1, 1, 0)).toBeCloseTo(-937.5, 10);
    expect(excel.CUMPRINC(0.09 / 12, 30 * 12, 125000, 13, 24, 0)).toBeCloseTo(-934.1071234, 7);
    expect(excel.CUMPRINC(0.09 / 12, 30 * 12, 125000, 1, 1, 0)).toBeCloseTo(-68.27827118, 8);
    expect(excel.ISPMT(0.1 / 12, 1, 3 * 12, 8000000)).toBeCloseTo(-64814.81, 2);
    expect(excel.ISPMT(0.1, 1, 3, 8000000)).toBeCloseTo(-533333.33, 2);
    expect(excel.EFFECT(0.0525, 4)).toBeCloseTo(0.05354267, 8);
    expect(excel.NOMINAL(0.053543, 4)).toBeCloseTo(0.05250032, 8);
    expect(excel.FVSCHEDULE(1, [0.09, 0.11, 0.1])).toBeCloseTo(1.33089, 12);
    expect(excel.PDURATION(0.025, 2000, 2200)).toBeCloseTo(3.86, 2);
    expect(excel.PDURATION(0.025 / 12, 1000, 1200)).toBeCloseTo(87.6, 1);
    expect(excel.RRI(96, 10000, 11000)).toBeCloseTo(0.0009933, 7);
    expect(excel.SLN(30000, 7500, 10)).toBe(2250);
    expect(excel.SYD(30000, 7500, 10, 1)).toBeCloseTo(4090.91, 2);
    expect(excel.SYD(30000, 7500, 10, 10)).toBeCloseTo(409.09, 2);
    const db = [186083.33, 259639.42, 176814.44, 120410.64, 81999.64, 55841.76, 15845.1];
    db.forEach((d, i) => expect(excel.DB(1000000, 100000, 6, i + 1, 7)).toBeCloseTo(d, 2));
    expect(excel.DDB(2400, 300, 10 * 365, 1)).toBeCloseTo(1.32, 2);
    expect(excel.DDB(2400, 300, 10 * 12, 1, 2)).toBeCloseTo(40, 10);
    expect(excel.DDB(2400, 300, 10, 1, 2)).toBeCloseTo(480, 10);
    expect(excel.DDB(2400, 300, 10, 2, 1.5)).toBeCloseTo(306, 10);
    expect(excel.DDB(2400, 300, 10, 10)).toBeCloseTo(22.12, 2);
  });

  it("matches numpy-financial's test values", () => {
    // Source: numpy/numpy-financial, numpy_financial/tests/test_financial.py (values there were
    // computed with Google Sheets or by hand).
    expect(excel.RATE(10, 0, -3500, 10000)).toBeCloseTo(0.1107, 4);
    // test_gh48: two periods, no payment; the last has no real rate.
    const pvs = [-593.06, -4725.38, -662.05, -428.78];
    const fvs = [214.07, 4509.97, 224.11, 686.29];
    const want = [-0.39920185, -0.02305873, -0.41818459, 0.26513414];
    pvs.forEach((pv, i) => expect(excel.RATE(2, 0, pv, fvs[i])).toBeCloseTo(want[i]!, 8));
    expect(codeOf(() => excel.RATE(2, 0, -13.65, -329.67))).toBe("#NUM!");
    // test_rate_with_infeasible_solution: paying in while holding a positive balance.
    expect(codeOf(() => excel.RATE(12, 400, 10000, 5000))).toBe("#NUM!");
    expect(codeOf(() => excel.RATE(12, 400, 10000, 5000, 1))).toBe("#NUM!");
    expect(excel.NPER(0, -2000, 0, 100000)).toBeCloseTo(50, 10);
    expect(excel.NPER(0.075, -2000, 0, 100000)).toBeCloseTo(21.544944, 6);
    expect(excel.NPER(0.075, -2000, 0, 100000, 1)).toBeCloseTo(20.76156441, 4);
    expect(excel.NPER(0.1, 0, -500, 1500)).toBeCloseTo(11.52670461, 8);
    expect(excel.NPER(0, -100, 1000)).toBe(10);
    expect(excel.PPMT(0.1 / 12, 1, 60, 55000)).toBeCloseTo(-710.25, 2);
    [-75.62318601, -76.25337923, -76.88882405, -77.52956425].forEach((p, i) => expect(excel.PPMT(0.1 / 12, i + 1, 24, 2000, 0)).toBeCloseTo(p, 8));
    expect(excel.IPMT(0.1 / 12, 1, 24, 2000)).toBeCloseTo(-16.666667, 6);
    expect(excel.IPMT(0.1 / 12, 1, 24, 2000, 0, 1)).toBe(0);
    // test_gh_17: start-of-period payments on a 30-year mortgage.
    expect(excel.IPMT(0.001988079518355057, 2, 360, 300000, 0, 1)).toBeCloseTo(-594.107158, 6);
    expect(excel.IPMT(0.001988079518355057, 3, 360, 300000, 0, 1)).toBeCloseTo(-592.971592, 6);
    expect(codeOf(() => excel.IPMT(0.1 / 12, 0, 24, 2000))).toBe("#NUM!");
  });
});

describe("spreadsheet input forms", () => {
  it("uses every value NPV is given: arguments, ranges, 2-D ranges; blanks are skipped", () => {
    const four = [-10000, 2000, 4000, 8000];
    const expected = four.reduce((s, v, i) => s + v / 1.1 ** (i + 1), 0);
    expect(excel.NPV(0.1, [-10000, 2000, 4000], 8000)).toBeCloseTo(expected, 9);
    expect(excel.NPV(0.1, -10000, 2000, 4000, 8000)).toBeCloseTo(expected, 9);
    expect(
      excel.NPV(0.1, [
        [-10000, 2000],
        [4000, 8000],
      ]),
    ).toBeCloseTo(expected, 9);
    expect(
      excel.NPV(
        0.1,
        [
          [-10000, null],
          [2000, undefined],
        ],
        [[[4000]]],
        null,
        8000,
      ),
    ).toBeCloseTo(expected, 9);
    expect(excel.NPV(0.1, [null, null])).toBe(0); // only blank cells: nothing to discount (LibreOffice: 0)
  });
  it("refuses what Excel would skip or misread, rather than lose a value without a word", () => {
    const loose = excel as unknown as Record<string, (...a: unknown[]) => number>;
    expect(codeOf(() => loose.NPV!(0.1, [-100, "60", 60]))).toBe("#VALUE!");
    expect(codeOf(() => loose.NPV!(0.1, [-100, true]))).toBe("#VALUE!");
    expect(codeOf(() => loose.NPV!(0.1, [-100, NaN]))).toBe("#VALUE!");
    expect(codeOf(() => loose.NPV!(0.1))).toBe("#VALUE!");
    expect(codeOf(() => loose.IRR!([-100, 60, 60], 0.1, 99))).toBe("#VALUE!");
    expect(codeOf(() => loose.PMT!(0.05, 10, 1000, 0, 0, 99))).toBe("#VALUE!");
    expect(codeOf(() => loose.SLN!(100, 10, 5, 1))).toBe("#VALUE!");
    expect(codeOf(() => loose.RATE!(10, -100, 800, 0, 0, 0.1, 1))).toBe("#VALUE!");
    expect(codeOf(() => loose.EFFECT!("5%", 4))).toBe("#VALUE!");
    expect(codeOf(() => loose.FVSCHEDULE!(100, [0.1, "x"]))).toBe("#VALUE!");
    try {
      loose.NPV!(0.1, [
        [-100, 5],
        [60, "sixty"],
      ]);
    } catch (e) {
      expect((e as Error).message).toContain("values[0][1][1]");
    }
  });
  it("reads an omitted or null optional argument as its default", () => {
    expect(excel.PMT(0.05, 10, 1000, null, 1)).toBe(excel.PMT(0.05, 10, 1000, 0, 1));
    expect(excel.RATE(10, -100, 800, null, null, null)).toBe(excel.RATE(10, -100, 800));
    expect(excel.IRR([-100, 60, 60], null)).toBe(excel.IRR([-100, 60, 60]));
    expect(excel.DB(1000, 100, 5, 1, null)).toBe(excel.DB(1000, 100, 5, 1, 12));
  });
  it("skips blank cells in IRR and MIRR, takes them as 0% in FVSCHEDULE", () => {
    expect(
      excel.IRR([
        [-100, null],
        [60, 60],
      ]),
    ).toBe(excel.IRR([-100, 60, 60]));
    expect(excel.MIRR([-100, null, 60, undefined, 60], 0.1, 0.1)).toBe(excel.MIRR([-100, 60, 60], 0.1, 0.1));
    expect(excel.FVSCHEDULE(100, [0.1, null, 0.1])).toBeCloseTo(121, 12);
  });
  it("treats any nonzero type as payment at the start of each period, as Excel does", () => {
    // [MS-OI29500] 2.1.1025 (PV), 2.1.1004 (NPER), 2.1.978 (IPMT): Office treats nonzero type as 1.
    for (const type of [2, -1, 0.5]) {
      expect(excel.PMT(0.05, 10, 1000, 0, type)).toBe(excel.PMT(0.05, 10, 1000, 0, 1));
      expect(excel.PV(0.05, 10, -100, 0, type)).toBe(excel.PV(0.05, 10, -100, 0, 1));
      expect(excel.NPER(0.05, -100, 1000, 0, type)).toBe(excel.NPER(0.05, -100, 1000, 0, 1));
      expect(excel.IPMT(0.05, 3, 10, 1000, 0, type)).toBe(excel.IPMT(0.05, 3, 10, 1000, 0, 1));
    }
    // CUMIPMT and CUMPRINC truncate type and then need 0 or 1 (Excel's documentation).
    expect(codeOf(() => excel.CUMIPMT(0.05, 10, 1000, 1, 10, 2))).toBe("#NUM!");
  });
});

describe("dates: Date, ISO strings and Excel serial numbers", () => {
  const values = [-10000, 2750, 4250, 3250, 2750];
  const iso = ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"];
  it("gives the same XNPV and XIRR for each form of the same dates", () => {
    const asDates = iso.map((d) => new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))));
    const serials = iso.map(excelSerial);
    expect(serials).toEqual([39448, 39508, 39751, 39859, 39904]); // as Excel's DATE() gives them
    const npv = excel.XNPV(0.09, values, iso);
    expect(excel.XNPV(0.09, values, asDates)).toBe(npv);
    expect(excel.XNPV(0.09, values, serials)).toBe(npv);
    expect(excel.XNPV(0.09, values, [iso[0]!, asDates[1]!, serials[2]!, serials[3]! + 0.9, iso[4]!])).toBe(npv); // mixed, and a time of day dropped
    expect(excel.XIRR(values, serials)).toBe(excel.XIRR(values, iso));
    expect(excel.XNPV(0.09, [values], [serials])).toBe(npv); // as one row
  });
  it("states the 1900 leap-year quirk: serial 60 is 29 February 1900, a day that never was", () => {
    expect(excelSerial("1900-01-01")).toBe(1);
    expect(excelSerial("1900-02-28")).toBe(59);
    expect(excelSerial("1900-03-01")).toBe(61);
    expect(codeOf(() => excelSerialToDate(60))).toBe("#VALUE!");
    // Across the missing day Excel counts two days, and so does XNPV here.
    expect(excel.XNPV(0.1, [-100, 100], ["1900-02-28", "1900-03-01"])).toBeCloseTo(-100 + 100 / 1.1 ** (2 / 365), 12);
    expect(codeOf(() => excelSerial("1899-12-31"))).toBe("#VALUE!");
    expect(codeOf(() => excelSerial(-1))).toBe("#VALUE!");
    expect(codeOf(() => excelSerial("31/12/2024"))).toBe("#VALUE!");
  });
  test.prop([fc.integer({ min: 1, max: 2958465 }).filter((s) => s !== 60)], { numRuns: runs(100) })("serial → date → serial is the identity", (s) => {
    expect(excelSerial(excelSerialToDate(s))).toBe(s);
  });
  it("pairs values with dates: a blank value counts as 0 on its date, a value without a date is refused", () => {
    const d = [45000, 45100, 45200, 45400];
    expect(excel.XNPV(0.05, [-1000, null, 600, 600], d)).toBe(excel.XNPV(0.05, [-1000, 0, 600, 600], d));
    expect(excel.XNPV(0.05, [-1000, 600, null], [45000, 45100, null])).toBe(excel.XNPV(0.05, [-1000, 600], [45000, 45100]));
    expect(codeOf(() => excel.XNPV(0.05, [-1000, 600, 600], [45000, 45100, null]))).toBe("#VALUE!");
    expect(codeOf(() => excel.XNPV(0.05, [-1000, 600], [45000]))).toBe("#NUM!");
  });
});

describe("errors as Excel gives them", () => {
  it("answers each function's invalid arguments with its code", () => {
    expect(codeOf(() => excel.RATE(0, -100, 800))).toBe("#NUM!");
    expect(codeOf(() => excel.RATE(10, 100, 800))).toBe("#NUM!");
    expect(excel.RATE(10, 0, 0, 0)).toBe(0.1); // every rate fits: the guess, as Excel and LibreOffice
    expect(codeOf(() => excel.NPER(0.05, -1, 100))).toBe("#NUM!");
    expect(codeOf(() => excel.NPER(-2, -10, 100))).toBe("#NUM!");
    expect(codeOf(() => excel.IPMT(0.05, 11, 10, 1000))).toBe("#NUM!");
    expect(codeOf(() => excel.CUMIPMT(0, 10, 1000, 1, 10, 0))).toBe("#NUM!");
    expect(codeOf(() => excel.CUMPRINC(0.05, 10, 1000, 1, 11, 0))).toBe("#NUM!");
    expect(codeOf(() => excel.CUMPRINC(0.05, 10, 1000, 6, 5, 0))).toBe("#NUM!");
    expect(codeOf(() => excel.ISPMT(0.1, 1, 0, 100))).toBe("#DIV/0!");
    expect(codeOf(() => excel.EFFECT(0.05, 0.5))).toBe("#NUM!");
    expect(codeOf(() => excel.NOMINAL(0, 4))).toBe("#NUM!");
    expect(codeOf(() => excel.PDURATION(0, 100, 200))).toBe("#NUM!");
    expect(codeOf(() => excel.RRI(10, 100, -200))).toBe("#NUM!");
    expect(codeOf(() => excel.SLN(100, 10, 0))).toBe("#DIV/0!");
    expect(codeOf(() => excel.SYD(100, 10, 0, 1))).toBe("#NUM!");
    expect(codeOf(() => excel.DB(1000, 100, 5, 1, 13))).toBe("#NUM!");
    expect(codeOf(() => excel.DB(1000, 100, 5, 7))).toBe("#NUM!");
    expect(codeOf(() => excel.DDB(2400, 300, 10, 11))).toBe("#NUM!");
    expect(codeOf(() => excel.DDB(2400, 300, 10, 2, 0))).toBe("#NUM!");
  });
});

describe("typed versions", () => {
  it("annuityRate says whether the rate is unique and why there is none", () => {
    const r = annuityRate({ periods: 10, payment: -100, presentValue: 800 });
    expect(r.ok && r.unique).toBe(true);
    expect(r.ok && r.rate).toBeCloseTo(excel.RATE(10, -100, 800), 14);
    // A balloon makes the flows (−100, 230, −132) change sign twice: rates of 10% and 20%.
    const two = annuityRate({ periods: 2, payment: 230, presentValue: -100, futureValue: -362 });
    expect(two.ok && [two.rate, two.unique]).toEqual([expect.closeTo(0.1, 12), false]);
    const other = annuityRate({ periods: 2, payment: 230, presentValue: -100, futureValue: -362 }, { guess: 0.3 });
    expect(other.ok && other.rate).toBeCloseTo(0.2, 12);
    expect(annuityRate({ periods: 10, payment: 100, presentValue: 800 })).toMatchObject({ ok: false, reason: "no-root" });
    expect(annuityRate({ periods: 10, payment: 0, presentValue: 0 })).toMatchObject({ ok: false, reason: "every-rate" });
    expect(() => annuityRate({ periods: 0, payment: -100, presentValue: 800 })).toThrow(RangeError);
    expect(() => annuityRate({ periods: 10, payment: NaN, presentValue: 800 })).toThrow(RangeError);
  });
  it("finds the rate whatever the guess, where Excel's Newton from 10% fails", () => {
    for (const guess of [0.1, -0.99, 5, 1e3]) {
      const r = annuityRate({ periods: 360, payment: -665.3, presentValue: 100000 }, { guess });
      expect(r.ok && r.rate).toBeCloseTo(0.005833302372523, 14);
    }
    // A fractional number of periods (no Descartes bound: found by the scan).
    expect(excel.RATE(10.5, -100, 800)).toBeCloseTo(0.0504359702865, 12);
  });
  it("annuityPeriods says when a loan is never repaid", () => {
    expect(annuityPeriods({ rate: 0.05, payment: -4000, presentValue: 100000 })).toMatchObject({ ok: false, reason: "never" });
    expect(annuityPeriods({ rate: 0, payment: 0, presentValue: 0 })).toMatchObject({ ok: false, reason: "every-period" });
    const n = annuityPeriods({ rate: 0.05, payment: -100, presentValue: 1000, timing: "start" });
    expect(n.ok && n.periods).toBeCloseTo(excel.NPER(0.05, -100, 1000, 0, 1), 14);
    expect(() => annuityPeriods({ rate: -1, payment: -100, presentValue: 1000 })).toThrow(RangeError);
  });
});

describe("properties", () => {
  const rate = fc.double({ min: -0.5, max: 0.5, noNaN: true }).filter((x) => Math.abs(x) > 1e-6);
  const nper = fc.integer({ min: 1, max: 360 });
  const money = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const type = fc.constantFrom(0, 1);
  /** The size of a loan's money at its largest, against which rounding is judged. */
  const size = (r: number, n: number, ...xs: number[]) => Math.max(1, ...xs.map(Math.abs)) * Math.max(1, (1 + r) ** n, (1 + r) ** -n);

  test.prop([rate, nper, money, money, type], { numRuns: runs(100) })("IPMT + PPMT = PMT in every period", (r, n, pv, fv, t) => {
    const pmt = excel.PMT(r, n, pv, fv, t);
    for (let per = 1; per <= n; per += Math.max(1, Math.floor(n / 7))) {
      const sum = excel.IPMT(r, per, n, pv, fv, t) + excel.PPMT(r, per, n, pv, fv, t);
      expect(Math.abs(sum - pmt)).toBeLessThanOrEqual(1e-12 * size(r, n, pv, fv, pmt));
    }
  });

  test.prop(
    [
      fc.double({ min: 1e-4, max: 0.3, noNaN: true }),
      fc.integer({ min: 1, max: 120 }),
      fc.double({ min: 1, max: 1e6, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 1000 }),
      type,
    ],
    { numRuns: runs(60) },
  )("CUMIPMT and CUMPRINC are the sums of IPMT and PPMT", (r, n, pv, a, b, t) => {
    const start = 1 + (a % n);
    const end = start + (b % (n - start + 1));
    let interest = 0;
    let principal = 0;
    for (let per = start; per <= end; per++) {
      interest += excel.IPMT(r, per, n, pv, 0, t);
      principal += excel.PPMT(r, per, n, pv, 0, t);
    }
    const scale = 1e-11 * Math.max(1, pv * (1 + r) ** n);
    expect(Math.abs(excel.CUMIPMT(r, n, pv, start, end, t) - interest)).toBeLessThanOrEqual(scale);
    expect(Math.abs(excel.CUMPRINC(r, n, pv, start, end, t) - principal)).toBeLessThanOrEqual(scale);
    if (start === 1 && end === n) expect(excel.CUMPRINC(r, n, pv, 1, n, t)).toBeCloseTo(-pv, 6); // the whole loan is repaid
  });

  test.prop(
    [
      fc.double({ min: -0.3, max: 0.5, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-12),
      nper,
      fc.double({ min: 1, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      type,
      fc.constantFrom(0.1, -0.5, 0.01, 2),
    ],
    { numRuns: runs(100) },
  )("RATE inverts PMT (a loan with a partial balloon has one rate, found whatever the guess)", (r, n, pv, balloonShare, t, guess) => {
    const fv = -pv * balloonShare; // a balance of up to the whole loan left to repay at the end
    const pmt = excel.PMT(r, n, pv, fv, t);
    fc.pre(Math.abs(pmt) > 1e-9 * pv && Number.isFinite(pmt));
    fc.pre(!(n === 1 && t === 1)); // one payment at the start: the rate only acts on the balloon, if any
    const found = excel.RATE(n, pmt, pv, fv, t, guess);
    // The rate reproduces the payment to rounding, and is the rate itself where that is well conditioned.
    expect(Math.abs(excel.PMT(found, n, pv, fv, t) - pmt)).toBeLessThanOrEqual(1e-8 * Math.max(Math.abs(pmt), pv * Math.abs(r)));
    if (Math.abs(pmt) > 1e-6 * pv * Math.max(1, (1 + r) ** n)) expect(Math.abs(found - r)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(r)));
  });

  test.prop(
    [
      fc.oneof(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.5, max: 60, noNaN: true })),
      fc.oneof(fc.constant(0), fc.integer({ min: -1e5, max: 1e5 })),
      fc.oneof(fc.constant(0), fc.integer({ min: -1e6, max: 1e6 })),
      fc.oneof(fc.constant(0), fc.integer({ min: -1e6, max: 1e6 })),
      type,
      fc.double({ min: -0.95, max: 3, noNaN: true }),
    ],
    { numRuns: runs(60) },
  )("RATE gives a true rate, or #NUM! only when an independent scan finds none", (n, pmt, pv, fv, t, guess) => {
    // The equation divided by max(1, (1 + r)^n), by direct powers (no code shared with the library).
    const f = (r: number) => {
      const g = (1 + r) ** n;
      const value = r === 0 ? pv + pmt * n + fv : pv * g + (pmt * (1 + r * t) * (g - 1)) / r + fv;
      return { value: value / Math.max(1, g), size: (Math.abs(pv * g) + Math.abs((pmt * (1 + r * t) * (g - 1)) / (r || 1)) + Math.abs(fv)) / Math.max(1, g) };
    };
    let answer: number | FinanceErrorCode;
    try {
      answer = excel.RATE(n, pmt, pv, fv, t, guess);
    } catch (e) {
      answer = (e as FinanceError).code;
    }
    if (typeof answer === "number") {
      if (pv === 0 && pmt === 0 && fv === 0) return;
      const { value, size } = f(answer);
      expect(answer).toBeGreaterThan(-1);
      expect(Math.abs(value)).toBeLessThanOrEqual(1e-8 * size);
    } else {
      expect(answer).toBe("#NUM!");
      let last = f(Math.expm1(-5)).value;
      let change: number | null = null;
      for (let i = 1; i <= 4000 && change === null; i++) {
        const now = f(Math.expm1(-5 + (10 * i) / 4000)).value;
        if (now !== 0 && Math.sign(now) === -Math.sign(last)) change = Math.expm1(-5 + (10 * i) / 4000);
        last = now;
      }
      expect(change, "the equation changes sign near this rate").toBeNull();
    }
  });

  test.prop(
    [
      fc.double({ min: -0.3, max: 0.5, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-12),
      fc.double({ min: 0.5, max: 400, noNaN: true }),
      fc.double({ min: 1, max: 1e6, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      type,
    ],
    {
      numRuns: runs(100),
    },
  )("NPER inverts PMT", (r, n, pv, balloonShare, t) => {
    const fv = -pv * balloonShare;
    const pmt = excel.PMT(r, n, pv, fv, t);
    fc.pre(Number.isFinite(pmt) && pmt !== 0);
    // How far n can move before the equation notices: the size of its terms over its slope in n.
    const g = (1 + r) ** n;
    const k = pmt * (1 + r * t);
    const terms = r === 0 ? Math.abs(pv) + Math.abs(pmt * n) + Math.abs(fv) : Math.abs(pv * g) + Math.abs((k * (g - 1)) / r) + Math.abs(fv);
    const slope = r === 0 ? Math.abs(pmt) : Math.abs(Math.log1p(r) * g * (pv + k / r));
    const conditioning = terms / slope;
    fc.pre(conditioning < 1e9); // beyond this, no float answer pins n down
    const found = excel.NPER(r, pmt, pv, fv, t);
    expect(Math.abs(found - n)).toBeLessThanOrEqual(1e-11 * conditioning + 1e-12 * n);
  });

  test.prop([fc.double({ min: 1e-6, max: 2, noNaN: true }), fc.integer({ min: 1, max: 365 })], { numRuns: runs(100) })(
    "EFFECT and NOMINAL invert each other",
    (rate, m) => {
      expect(close(excel.NOMINAL(excel.EFFECT(rate, m), m), rate, 1e-13)).toBe(true);
      expect(close(excel.EFFECT(excel.NOMINAL(rate, m), m), rate, 1e-13)).toBe(true);
      expect(excel.EFFECT(rate, m)).toBeGreaterThanOrEqual(rate * (1 - 1e-15)); // compounding never lowers the rate
    },
  );

  test.prop([fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })], {
    numRuns: runs(100),
  })("PDURATION and RRI invert each other and FV", (r, pv, growth) => {
    const fv = pv * (1 + growth);
    const n = excel.PDURATION(r, pv, fv);
    expect(close(excel.RRI(n, pv, fv), r, 1e-9)).toBe(true);
    expect(close(-excel.FV(r, n, 0, pv), fv, 1e-9)).toBe(true);
  });

  test.prop([fc.double({ min: 1, max: 1e7, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 50 })], { numRuns: runs(60) })(
    "SLN, SYD and DDB (switched to salvage) depreciate exactly cost − salvage over the life",
    (cost, share, life) => {
      const salvage = cost * share;
      let syd = 0;
      for (let p = 1; p <= life; p++) syd += excel.SYD(cost, salvage, life, p);
      expect(close(syd, cost - salvage, 1e-12)).toBe(true);
      expect(close(excel.SLN(cost, salvage, life) * life, cost - salvage, 1e-12)).toBe(true);
      let ddb = 0;
      for (let p = 1; p <= life; p++) ddb += excel.DDB(cost, salvage, life, p, life);
      expect(close(ddb, cost - salvage, 1e-12)).toBe(true); // factor = life: everything but salvage in year 1
    },
  );
});

describe("EFFECT and NOMINAL for very frequent compounding", () => {
  it("stay exact where (1 + r/m)^m − 1 loses digits", () => {
    // LibreOffice gives EFFECT(0.05, 1000000) = 0.0512710949759108 (test/fixtures/excel-golden.json).
    const exact = (r: number, m: number) => new Decimal(1).plus(new Decimal(r).div(m)).pow(m).minus(1).toNumber();
    for (const [r, m] of [
      [0.05, 1e6],
      [0.05, 365],
      [1e-8, 1e6],
      [0.3, 52],
    ] as const) {
      expect(close(excel.EFFECT(r, m), exact(r, m), 4e-15)).toBe(true);
    }
    expect(Math.abs(0.0512710949759108 - exact(0.05, 1e6))).toBeGreaterThan(1e-12);
  });
});

describe("against formulajs", () => {
  // formulajs returns an Error value instead of throwing; such cases are left out.
  const theirs = (fn: keyof typeof formulajs, ...args: number[]): number | null => {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: each test names the formulajs function to compare with
    const v = (formulajs[fn] as (...a: number[]) => unknown)(...args);
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  };
  const r = fc.double({ min: 0.001, max: 0.2, noNaN: true });
  const n = fc.integer({ min: 2, max: 60 });
  const amount = fc.double({ min: 100, max: 1e6, noNaN: true });
  const type = fc.constantFrom(0, 1);

  test.prop([r, n, amount, type, fc.integer({ min: 1, max: 60 })], { numRuns: runs(60) })(
    "IPMT, PPMT, CUMIPMT, CUMPRINC, NPER, ISPMT agree",
    (rate, nper, pv, t, k) => {
      const per = 1 + (k % nper);
      const pairs: [number, number | null][] = [
        [excel.IPMT(rate, per, nper, pv, 0, t), theirs("IPMT", rate, per, nper, pv, 0, t)],
        [excel.PPMT(rate, per, nper, pv, 0, t), theirs("PPMT", rate, per, nper, pv, 0, t)],
        [excel.CUMIPMT(rate, nper, pv, 1, per, t), theirs("CUMIPMT", rate, nper, pv, 1, per, t)],
        [excel.CUMPRINC(rate, nper, pv, 1, per, t), theirs("CUMPRINC", rate, nper, pv, 1, per, t)],
        [excel.NPER(rate, excel.PMT(rate, nper, pv, 0, t), pv, 0, t), theirs("NPER", rate, excel.PMT(rate, nper, pv, 0, t), pv, 0, t)],
        [excel.ISPMT(rate, per, nper, pv), theirs("ISPMT", rate, per, nper, pv)],
      ];
      for (const [ours, other] of pairs) if (other !== null) expect(close(ours, other, 1e-9)).toBe(true);
    },
  );

  test.prop([r, n, amount, fc.double({ min: 0, max: 0.9, noNaN: true })], { numRuns: runs(60) })(
    "RATE agrees where formulajs converges",
    (rate, nper, pv, share) => {
      const pmt = excel.PMT(rate, nper, pv, -pv * share);
      const other = theirs("RATE", nper, pmt, pv, -pv * share);
      // formulajs stops after 100 Newton steps whatever the residual; keep only its true roots.
      if (other !== null && Math.abs(excel.PMT(other, nper, pv, -pv * share) - pmt) < 1e-6 * Math.abs(pmt)) {
        expect(Math.abs(excel.RATE(nper, pmt, pv, -pv * share) - other)).toBeLessThanOrEqual(1e-8);
      }
    },
  );

  test.prop(
    [amount, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 12 })],
    { numRuns: runs(60) },
  )("SLN, SYD, DDB, DB, EFFECT, NOMINAL, PDURATION, RRI agree", (cost, share, life, k, month) => {
    const salvage = cost * share;
    const per = 1 + (k % life);
    const pairs: [number, number | null][] = [
      [excel.SLN(cost, salvage, life), theirs("SLN", cost, salvage, life)],
      [excel.SYD(cost, salvage, life, per), theirs("SYD", cost, salvage, life, per)],
      [excel.DDB(cost, salvage, life, per), theirs("DDB", cost, salvage, life, per)],
      [excel.EFFECT(share + 0.01, month), theirs("EFFECT", share + 0.01, month)],
      [excel.NOMINAL(share + 0.01, month), theirs("NOMINAL", share + 0.01, month)],
      [excel.PDURATION(share + 0.01, cost, cost * 2), theirs("PDURATION", share + 0.01, cost, cost * 2)],
      [excel.RRI(per, cost, cost * 3), theirs("RRI", per, cost, cost * 3)],
    ];
    for (const [ours, other] of pairs) if (other !== null) expect(close(ours, other, 1e-9)).toBe(true);
    // formulajs rounds DB's rate with toFixed, which rounds a few halves down; compare away from them.
    const raw = (1 - (salvage / cost) ** (1 / life)) * 1000;
    if (salvage > 0 && Math.abs(raw - Math.floor(raw) - 0.5) > 1e-6) {
      const other = theirs("DB", cost, salvage, life, per, month);
      if (other !== null) expect(close(excel.DB(cost, salvage, life, per, month), other, 1e-9)).toBe(true);
    }
  });
});
