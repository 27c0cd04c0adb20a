/**
 * Options against business as usual: merging, ranking by NPSV and BCR, switching values, risk
 * ranges, the Appraisal Summary Table, and errors at the option's own paths.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import {
  appraise,
  appraiseOptions,
  appraisalSummaryTables,
  buildLedger,
  businessAsUsual,
  Decimal,
  InvalidModelError,
  optionModel,
  parseModel,
  type ModelInput,
} from "../src";

const example = JSON.parse(readFileSync(new URL("../examples/options.json", import.meta.url), "utf8")) as ModelInput;

/** One public body; each option is a cost and a saving of its own, so every figure is known by hand. */
function simple(options: unknown[]): ModelInput {
  return {
    title: "Options",
    appraisal: { baseYear: "2025-26", priceBase: "2025-26", horizons: [1], years: 1, discount: { rate: 0 } },
    agencies: [
      { id: "council", name: "Council" },
      { id: "nhs", name: "NHS" },
    ],
    options,
  } as ModelInput;
}
const line = (id: string, cost: number, saving: number) => ({
  id,
  name: id,
  costs: [{ id: `${id}-cost`, agency: "council", per: "once", amount: cost }],
  savings: [{ id: `${id}-saving`, agency: "nhs", per: "once", amount: saving, cashable: true }],
});

describe("ranking", () => {
  it("ranks by NPSV and by BCR and says when they disagree", () => {
    // A: £1,000,000 for £1,500,000 (NPSV £500,000, BCR 1.5); B: £100,000 for £300,000 (NPSV £200,000, BCR 3).
    const r = appraiseOptions(simple([line("a", 1_000_000, 1_500_000), line("b", 100_000, 300_000)]));
    expect(r.ranking.byNpsv).toEqual(["a", "b"]);
    expect(r.ranking.byBcr).toEqual(["b", "a"]);
    expect(r.ranking.preferred).toBe("a");
    expect(r.ranking.agree).toBe(false);
    expect(r.ranking.note).toMatch(/disagree.*a has the highest NPSV, b the highest BCR/);
    expect(r.options.map((o) => [o.vsBau.npsv.toString(), o.vsBau.bcr!.toString()])).toEqual([
      ["500000", "1.5"],
      ["200000", "3"],
    ]);
    // Switching: A's lead over B is £300,000: 20% of A's benefits, 30% of its costs.
    expect(r.switching!.runnerUp).toBe("b");
    expect(r.switching!.benefitsFall.share!.toString()).toBe("0.2");
    expect(r.switching!.costsRise.share!.toString()).toBe("0.3");
  });

  it("prefers business as usual when no option has a positive NPSV", () => {
    const r = appraiseOptions(simple([line("a", 1_000, 500), line("b", 1_000, 900)]));
    expect(r.ranking.preferred).toBe("business-as-usual");
    expect(r.ranking.byNpsv).toEqual(["b", "a"]);
    expect(r.options[0]!.switching[0]!.description).toMatch(/PV savings rise by 100% \(£500\)/);
  });

  it("reports against business as usual: the option's figures minus business as usual's", () => {
    const m = simple([line("a", 1_000_000, 1_500_000)]) as ModelInput & Record<string, unknown>;
    m.costs = [{ id: "today", agency: "council", per: "once", amount: 200_000 }];
    m.savings = [{ id: "today-saving", agency: "nhs", per: "once", amount: 250_000, cashable: true }];
    const r = appraiseOptions(m);
    expect(r.businessAsUsual.figures.npsv.toString()).toBe("50000");
    expect(r.options[0]!.absolute.npsv.toString()).toBe("550000");
    expect(r.options[0]!.vsBau.npsv.toString()).toBe("500000");
    // Incremental BCR: £1.5m extra benefits for £1m extra costs.
    expect(r.options[0]!.vsBau.bcr!.toString()).toBe("1.5");
    expect(r.options[0]!.vsBau.publicSectorNetCost.toString()).toBe("-500000");
    expect(r.options[0]!.vsBau.agencies).toEqual({ council: new Decimal(-1_000_000), nhs: new Decimal(1_500_000) });
    // The council loses while society gains: an incentive gap closed by a £1m transfer.
    expect(r.options[0]!.incentiveGaps).toEqual([{ agency: "council", npv: new Decimal(-1_000_000), transferNeeded: new Decimal(1_000_000) }]);
  });
});

describe("examples/options.json", () => {
  const r = appraiseOptions(example);

  it("gives a ranked comparison of two options", () => {
    expect(r.options.map((o) => o.id)).toEqual(["mentoring", "intensive"]);
    expect(r.ranking.byNpsv).toEqual(["intensive", "mentoring"]);
    expect(r.ranking.preferred).toBe("intensive");
    expect(r.horizonLabel).toBe("10 years (2025-26 to 2034-35)");
  });

  it("matches each option's model built by hand, appraised on its own", () => {
    // Independent of the merge: the intensive option written out as a whole model.
    const hand = structuredClone(example) as ModelInput & Record<string, unknown>;
    const opt = (hand.options as Record<string, unknown>[])[1]!;
    hand.costs = opt.costs as ModelInput["costs"];
    hand.outcomes = opt.outcomes as ModelInput["outcomes"];
    hand.unmonetised = opt.unmonetised as ModelInput["unmonetised"];
    hand.options = [];
    const social = (m: unknown) => appraise(m, { lens: "social", horizons: [10] }).horizons[0]!.system;
    const bau = social(businessAsUsual(example));
    expect(r.options[1]!.vsBau.npsv.equals(social(hand).npv.minus(bau.npv))).toBe(true);
    // The mentoring option's set override: the advice service at £350 a person.
    expect(optionModel(example, "mentoring").costs.find((c) => c.id === "advice-service")!.amount).toBe(350);
  });

  it("cites the QALY and WELLBY values in the options' own lines", () => {
    const ledger = buildLedger(optionModel(example, "intensive"));
    const health = ledger.lines.find((l) => l.label.startsWith("Health gain"))!;
    expect(health.factors.reference).toMatch(/^qaly: £70,000 in 2020-21 prices × 1\.1969906 × 0\.05 units = £4,189\.47$/);
    expect(health.factors.discount).toBe("stpr-health");
    const victims = buildLedger(businessAsUsual(example)).lines.find((l) => l.label.startsWith("Victims"))!;
    expect(victims.factors.reference).toMatch(/^wellby: £13,000 in 2019 prices × [\d.]+ × 0\.1 units = £/);
  });

  it("gives each option a risk range from the scenarios, containing its central NPSV", () => {
    for (const o of r.options) {
      expect(o.risk?.kind).toBe("scenarios");
      if (o.risk?.kind !== "scenarios") continue;
      expect(o.risk.scenarios.map((s) => s.name)).toEqual(["base", "low", "high"]);
      expect(o.risk.low.lte(o.vsBau.npsv) && o.risk.high.gte(o.vsBau.npsv)).toBe(true);
    }
  });

  it("pairs Monte Carlo draws: an option that changes nothing differs from business as usual by exactly 0", () => {
    const same = { ...structuredClone(example), options: [{ id: "same", name: "Same", set: {} }] };
    const mc = appraiseOptions(same, { monteCarlo: { draws: 300, seed: 5 } });
    const risk = mc.options[0]!.risk!;
    expect(risk.kind).toBe("monte-carlo");
    if (risk.kind === "monte-carlo") expect([risk.summary.min, risk.summary.max]).toEqual([0, 0]);
  });

  it("has an Appraisal Summary Table per option", () => {
    const asts = appraisalSummaryTables(r);
    expect(asts.map((a) => a.option)).toEqual(["mentoring", "intensive"]);
    const intensive = asts[1]!;
    expect(intensive.sections.map((s) => s.title)).toEqual([
      "Value for money",
      "Monetised costs and benefits, against business as usual",
      "Who pays and who gains",
      "Optimism bias",
      "Switching values",
      "Risk",
      "Effects not valued in money",
    ]);
    expect(intensive.sections[0]!.rows[4]).toEqual(["Preferred option", "yes"]);
    expect(intensive.sections[6]!.rows.map((x) => x[1])).toEqual(["positive", "negative"]);
    // Optimism bias: the outsourcing category's 41% upper bound, half mitigated, on the new service's costs.
    expect(r.options[1]!.absolute.optimismBias.costs.gt(0)).toBe(true);
    for (const a of asts) for (const s of a.sections) for (const row of s.rows) expect(row.length).toBe(s.columns.length);
  });
});

describe("errors at the option's own paths", () => {
  const withOption = (option: Record<string, unknown>) => ({ ...structuredClone(example), options: [{ id: "x", name: "X", ...option }] });

  it("checks options' lines and removals when the model is parsed", () => {
    const r = parseModel(withOption({ costs: [{ id: "c", agency: "nobody", per: "once", amount: 1 }], remove: { outcomes: ["nothing"] } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(["options[0].remove.outcomes[0]", "options[0].costs[0].agency"]);
    const dup = parseModel({
      ...withOption({}),
      options: [
        { id: "x", name: "X" },
        { id: "x", name: "Y" },
      ],
    });
    expect(!dup.ok && dup.errors[0]!.path).toBe("options[1].id");
  });

  it("reports a bad override path or value when the option is built", () => {
    expect(() => optionModel(withOption({ set: { "outcomes.nothing.engagement": 0.5 } }), "x")).toThrow(InvalidModelError);
    try {
      appraiseOptions(withOption({ set: { "outcomes.reoffending.engagement": 1.5 } }));
    } catch (e) {
      expect((e as InvalidModelError).errors[0]!.path).toBe('options[0].set["outcomes.reoffending.engagement"]');
    }
    expect(() => optionModel(example, "nope")).toThrow(/no option "nope"/);
  });
});
