import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import {
  financialYearDays,
  financialYearEnd,
  financialYearLabels,
  financialYearOf,
  financialYearStart,
  formatFinancialYear,
  parseFinancialYear,
  toAppraisalYears,
  yearAt,
  yearOffset,
} from "../src";

describe("UK financial years", () => {
  it("parses and formats labels", () => {
    expect(parseFinancialYear("2025-26")).toBe(2025);
    expect(parseFinancialYear("2025/26")).toBe(2025);
    expect(parseFinancialYear("2025-2026")).toBe(2025);
    expect(parseFinancialYear("1999-00")).toBe(1999);
    expect(formatFinancialYear(1999)).toBe("1999-00");
    expect(formatFinancialYear(2034)).toBe("2034-35");
  });
  it("refuses malformed or non-consecutive labels", () => {
    for (const bad of ["2025-27", "2025", "25-26", "2025-2027", "year"]) {
      expect(() => parseFinancialYear(bad)).toThrow(RangeError);
    }
    expect(() => formatFinancialYear(25.5)).toThrow(RangeError);
  });
  it("puts 31 March in the old year and 1 April in the new", () => {
    expect(financialYearOf("2026-03-31")).toBe(2025);
    expect(financialYearOf("2026-04-01")).toBe(2026);
    expect(financialYearOf(new Date(2026, 0, 15))).toBe(2025);
    expect(() => financialYearOf("2026-13-01")).toThrow(RangeError);
  });
  it("knows year boundaries, lengths and offsets", () => {
    expect(financialYearStart("2025-26").toDateString()).toBe("Tue Apr 01 2025");
    expect(financialYearEnd("2025-26").toDateString()).toBe("Tue Mar 31 2026");
    expect(financialYearDays("2027-28")).toBe(366);
    expect(financialYearDays("2025-26")).toBe(365);
    expect(yearOffset("2030-31", "2025-26")).toBe(5);
    expect(formatFinancialYear(yearAt("2025-26", 3))).toBe("2028-29");
    expect(financialYearLabels("2025-26", 2)).toEqual(["2025-26", "2026-27", "2027-28"]);
  });
  test.prop([fc.integer({ min: 1900, max: 2200 })])("label round-trips", (y) => {
    expect(parseFinancialYear(formatFinancialYear(y))).toBe(y);
  });
  test.prop([fc.date({ min: new Date(1950, 0, 1), max: new Date(2150, 0, 1), noInvalidDate: true })])(
    "every date lies between its year's start and end",
    (d) => {
      const fy = financialYearOf(d);
      expect(financialYearStart(fy).getTime()).toBeLessThanOrEqual(d.getTime());
      expect(new Date(fy + 1, 3, 1).getTime()).toBeGreaterThan(d.getTime());
    },
  );
});

describe("dated flows to appraisal years", () => {
  it("buckets by financial year and sums exactly", () => {
    const years = toAppraisalYears(
      [
        { date: "2025-05-01", amount: -100 },
        { date: "2026-03-31", amount: "10.1" },
        { date: "2027-04-01", amount: 60 },
        { date: "2025-04-01", amount: "0.2" },
      ],
      { base: "2025-26" },
    );
    expect(years.map(String)).toEqual(["-89.7", "0", "60"]);
  });
  it("refuses or drops flows outside the period", () => {
    const flows = [
      { date: "2024-06-01", amount: 1 },
      { date: "2025-06-01", amount: 2 },
    ];
    expect(() => toAppraisalYears(flows, { base: "2025-26" })).toThrow(/flows\[0\].*-1/);
    expect(toAppraisalYears(flows, { base: "2025-26", outside: "drop" }).map(String)).toEqual(["2"]);
    expect(toAppraisalYears(flows.slice(1), { base: "2025-26", years: 3 }).length).toBe(4);
  });
});
