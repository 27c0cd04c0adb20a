import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { addSeries, Decimal, decimalString, formatPounds, roundSeriesConserving, roundTo, splitExact, sum, toDecimal, toPence } from "../src";
import DecimalJs from "decimal.js";

const pence = fc.integer({ min: -1e12, max: 1e12 }).map((p) => new Decimal(p).div(100));
const weights = fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0));

describe("toDecimal", () => {
  it("reads numbers through their shortest string, strings and Decimals", () => {
    expect(toDecimal(0.1).plus(0.2).toString()).toBe("0.3");
    expect(toDecimal(" 1_000.50 ").toString()).toBe("1000.5");
    expect(toDecimal(new DecimalJs("2.5")).toString()).toBe("2.5");
  });
  it("refuses NaN, infinities and junk with a RangeError", () => {
    for (const bad of [NaN, Infinity, -Infinity, "abc", "", "Infinity", {} as never]) {
      expect(() => toDecimal(bad)).toThrow(RangeError);
    }
  });
  it("is unaffected by the global decimal.js configuration", () => {
    const before = DecimalJs.precision;
    DecimalJs.set({ precision: 5 });
    try {
      expect(toDecimal(1).div(3).toString()).toBe("0.3333333333333333333333333333333333333333");
    } finally {
      DecimalJs.set({ precision: before });
    }
  });
});

describe("sums and rounding", () => {
  it("sums exactly", () => {
    expect(sum([0.1, 0.2, "0.3"]).toString()).toBe("0.6");
    expect(sum([]).toString()).toBe("0");
    expect(
      addSeries([
        [1, 2],
        [10, 20, 30],
      ]).map(String),
    ).toEqual(["11", "22", "30"]);
  });
  it("rounds half away from zero by default, half-even on request", () => {
    expect(toPence("2.675").toString()).toBe("2.68");
    expect(toPence("-2.675").toString()).toBe("-2.68");
    expect(toPence("2.665", "half-even").toString()).toBe("2.66");
    expect(roundTo("1234.5", 0).toString()).toBe("1235");
    expect(() => roundTo(1, -1)).toThrow(RangeError);
  });
  it("formats pounds for people and decimals for JSON", () => {
    expect(formatPounds(-1234.567)).toBe("−£1,234.57");
    expect(formatPounds(20_600_000_000, { unit: "bn", places: 1 })).toBe("£20.6bn");
    expect(formatPounds(-0.001)).toBe("£0.00");
    expect(decimalString(new Decimal("1e-7"))).toBe("0.0000001");
    expect(decimalString(new Decimal("-0"))).toBe("0");
    expect(decimalString(new Decimal("1e30"))).toBe("1000000000000000000000000000000");
  });
});

describe("splitExact (largest remainder)", () => {
  it("splits a pound three ways and five pence two ways", () => {
    expect(splitExact(100, [1, 1, 1]).map(String)).toEqual(["33.34", "33.33", "33.33"]);
    expect(splitExact("0.05", [0.5, 0.5]).map(String)).toEqual(["0.03", "0.02"]);
    expect(splitExact(-1, [1, 2]).map(String)).toEqual(["-0.33", "-0.67"]);
    expect(splitExact(10, [0, 1]).map(String)).toEqual(["0", "10"]);
  });
  it("refuses sub-penny amounts, negative or all-zero weights", () => {
    expect(() => splitExact("0.001", [1])).toThrow(/whole number/);
    expect(() => splitExact(1, [1, -1])).toThrow(/weights\[1\]/);
    expect(() => splitExact(1, [0, 0])).toThrow(/all be zero/);
  });
  test.prop([pence, weights])("never loses or invents a penny", (amount, w) => {
    const parts = splitExact(amount, w);
    expect(sum(parts).equals(amount)).toBe(true);
    parts.forEach((p) => expect(p.times(100).isInteger()).toBe(true));
  });
  test.prop([pence, weights])("each part is within a penny of its exact quota", (amount, w) => {
    const total = w.reduce((a, b) => a + b, 0);
    splitExact(amount, w).forEach((p, i) => {
      const quota = amount.times(w[i]!).div(total);
      expect(p.minus(quota).abs().lt("0.01")).toBe(true);
    });
  });
  test.prop([
    fc.array(
      fc.integer({ min: -1e9, max: 1e9 }).map((x) => new Decimal(x).div(1000)),
      { maxLength: 30 },
    ),
  ])("conserving rounding keeps the rounded total", (values) => {
    const rounded = roundSeriesConserving(values);
    expect(sum(rounded).equals(toPence(sum(values)))).toBe(true);
    rounded.forEach((r, i) => expect(r.minus(values[i]!).abs().lt("0.01")).toBe(true));
  });
});

describe("roundSeriesConserving with a given total a whole unit away (regression: fuzz seed 1816447685)", () => {
  // A group's total can be the difference of two figures each rounded by half a unit (the whole
  // system's and the public sector's), so it may sit exactly one unit from the group's exact sum.
  it("adds or takes back the unit, and the series still sums to the total", () => {
    expect(roundSeriesConserving(["0.005", "0.005"], { total: "0.02" }).map(String)).toEqual(["0.01", "0.01"]);
    expect(roundSeriesConserving(["0.01", "0.01"], { total: "0.01" }).map(String)).toEqual(["0.01", "0"]);
    expect(
      roundSeriesConserving(["-43107.975", "0.005"], { total: "-43107.98" })
        .reduce((a, b) => a.plus(b))
        .toString(),
    ).toBe("-43107.98");
  });
  it("still refuses a total more than a unit away", () => {
    expect(() => roundSeriesConserving(["0.01", "0.01"], { total: "0.05" })).toThrow(RangeError);
  });
});
