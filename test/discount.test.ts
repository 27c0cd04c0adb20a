import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { deflate, discountFactors, discountRates, inflate, npv, priceFactor, rebase, STPR_HEALTH, type DiscountSchedule } from "../src";
import { discountFactorsFloat } from "../src/discount/factors";

describe("Green Book discount factors", () => {
  it("has year 0 = 1 and length years + 1", () => {
    const f = discountFactors(10);
    expect(f.length).toBe(11);
    expect(f[0]!.toString()).toBe("1");
  });
  it("matches 1/1.035^t within the first band", () => {
    // Green Book: 3.5% for years 0–30, so DF(t) = 1/1.035^t (checked with python: 1/1.035**30).
    expect(discountFactors(10)[10]!.toFixed(9)).toBe("0.708918814");
    expect(discountFactors(30)[30]!.toFixed(9)).toBe("0.356278411");
  });
  it("is the running product across band edges (STPR)", () => {
    const f = discountFactors(310);
    const edges: [number, string, string][] = [
      [31, "1.035", "1.03"],
      [76, "1.03", "1.025"],
      [126, "1.025", "1.02"],
      [201, "1.02", "1.015"],
      [301, "1.015", "1.01"],
    ];
    for (const [year, before, after] of edges) {
      expect(f[year - 1]!.equals(f[year - 2]!.div(before))).toBe(true);
      expect(f[year]!.equals(f[year - 1]!.div(after))).toBe(true);
    }
    // Not the same as 1/1.03^31: the running product keeps the 3.5% years.
    expect(
      f[31]!
        .minus(1 / 1.03 ** 31)
        .abs()
        .gt(0.01),
    ).toBe(true);
  });
  it("uses the health schedule's bands", () => {
    const f = discountFactors(31, "stpr-health");
    expect(f[1]!.equals(discountFactors(1, { rate: "0.015" })[1]!)).toBe(true);
    expect(f[31]!.equals(f[30]!.div("1.0129"))).toBe(true);
    expect(STPR_HEALTH.bands.length).toBe(6);
  });
  it("accepts custom bands and validates them", () => {
    const f = discountFactors(3, [
      { fromYear: 0, rate: 0.1 },
      { fromYear: 2, rate: 0 },
    ]);
    expect(f.map((x) => x.toFixed(6))).toEqual(["1.000000", "0.909091", "0.909091", "0.909091"]);
    expect(() => discountFactors(3, [])).toThrow(/at least one band/);
    expect(() =>
      discountFactors(3, [
        { fromYear: 0, rate: 0.1 },
        { fromYear: 0, rate: 0.2 },
      ]),
    ).toThrow(/bands\[1\]/);
    expect(() => discountFactors(3, { rate: -1 })).toThrow(/above −1/);
    expect(() => discountFactors(-1)).toThrow(/years/);
    expect(() => discountFactors(2, "nope" as DiscountSchedule)).toThrow(/unknown/);
  });
  it("reports the rate in force each year", () => {
    expect(discountRates(32).slice(29).map(Number)).toEqual([0.035, 0.035, 0.03, 0.03]);
  });
  it("offers mid-year timing: every year's flows half a year later, year 0 included", () => {
    const end = discountFactors(3, { rate: 0.1 });
    const mid = discountFactors(3, { rate: 0.1 }, { timing: "mid" });
    expect(mid[0]!.toFixed(12)).toBe((1 / Math.sqrt(1.1)).toFixed(12));
    expect(mid[1]!.toFixed(12)).toBe((1 / 1.1 / Math.sqrt(1.1)).toFixed(12));
    expect(mid[3]!.toFixed(12)).toBe(end[3]!.div(Math.sqrt(1.1)).toFixed(12));
    // Across a band edge the half year takes the next year's rate (STPR: 3% from year 31).
    const stpr = discountFactors(30, "stpr", { timing: "mid" });
    expect(stpr[30]!.toFixed(15)).toBe(discountFactors(30)[30]!.div(Math.sqrt(1.03)).toFixed(15));
  });
  it("offers float factors equal to the exact ones", () => {
    const exact = discountFactors(100);
    discountFactorsFloat(100).forEach((f, t) => expect(f).toBe(exact[t]!.toNumber()));
  });

  const schedules = fc.oneof(
    fc.constant<DiscountSchedule>("stpr"),
    fc.constant<DiscountSchedule>("stpr-health"),
    fc.double({ min: 0.0001, max: 0.5, noNaN: true }).map<DiscountSchedule>((rate) => ({ rate })),
  );
  test.prop([schedules, fc.integer({ min: 1, max: 320 })])("factors strictly decrease at positive rates", (s, years) => {
    const f = discountFactors(years, s);
    for (let t = 1; t <= years; t++) expect(f[t]!.lt(f[t - 1]!)).toBe(true);
  });
  test.prop([schedules, fc.integer({ min: 0, max: 200 }), fc.integer({ min: -1e9, max: 1e9 })])(
    "a flow shifted one year later is worth exactly one year's factor less",
    (s, year, amount) => {
      const at = (t: number) => npv([...Array<number>(t).fill(0), amount], { schedule: s });
      const rate = discountRates(year + 1, s)[year + 1]!;
      expect(
        at(year + 1)
          .minus(at(year).div(rate.plus(1)))
          .abs()
          .lte(Math.abs(amount) * 1e-30),
      ).toBe(true);
    },
  );
});

describe("real and nominal prices", () => {
  it("deflates £1,000 a year at 2% as in the Green Book example", () => {
    // Green Book deflator example (domain notes §3): 1000, 980, 961, 942, 924, 906.
    const real = deflate(Array(6).fill(1000), { firstYear: "2025-26", priceBase: "2025-26", basis: { inflation: 0.02 } });
    expect(real.map((v) => v.toFixed(0))).toEqual(["1000", "980", "961", "942", "924", "906"]);
  });
  it("inflates back to cash exactly", () => {
    const opts = { firstYear: 2025, priceBase: 2027, basis: { inflation: "0.025" } } as const;
    const cash = [100, 200, 300, 400];
    inflate(deflate(cash, opts), opts).forEach((v, i) => expect(v.minus(cash[i]!).abs().lt(1e-30)).toBe(true));
  });
  it("uses a deflator index by year and rebases between price years", () => {
    const deflator = { "2023-24": 100, "2024-25": 103, "2025-26": 105.06 };
    expect(priceFactor("2023-24", "2025-26", { deflator }).toString()).toBe("1.0506");
    expect(rebase([100, 200], { from: "2023-24", to: "2025-26", basis: { deflator } }).map(String)).toEqual(["105.06", "210.12"]);
    expect(deflate([103], { firstYear: "2024-25", priceBase: "2023-24", basis: { deflator } })[0]!.toString()).toBe("100");
    expect(() => priceFactor("2022-23", "2025-26", { deflator })).toThrow(/2022-23/);
  });
});
