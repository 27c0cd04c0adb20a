import type { Decimal } from "../money";
import type { Lens } from "../model";
import type { OptionFigures, OptionResult, OptionsAppraisal } from "./types";

/**
 * The Appraisal Summary Table: one per option, the Green Book's one-page summary of an option
 * against business as usual — value for money, monetised costs and benefits by lens, who pays
 * and who gains, the optimism-bias adjustment, switching values, the risk range and the effects
 * not valued in money. Laid out as plain tables of text so that every output (terminal,
 * Markdown, HTML, workbook) shows the same words and figures.
 */

/** A titled table of text cells. */
export interface AstSection {
  title: string;
  columns: string[];
  rows: string[][];
  /** A sentence under the table, when one helps. */
  note?: string;
}

/** The summary of one option. */
export interface AppraisalSummaryTable {
  option: string;
  name: string;
  description: string | null;
  /** "Against business as usual, 10 years (2025-26 to 2034-35), present values at 2025-26 prices". */
  basis: string;
  sections: AstSection[];
}

/**
 * Pounds to the nearest pound with thousands separators and a true minus sign.
 *
 * @example
 * ```ts
 * pounds(new Decimal("-1234567.5")); // "−£1,234,568"
 * ```
 */
export function pounds(d: Decimal | number): string {
  const rounded = typeof d === "number" ? Math.round(d) : d.toDecimalPlaces(0).toNumber();
  const whole = (typeof d === "number" ? Math.abs(rounded).toFixed(0) : d.toDecimalPlaces(0).abs().toFixed(0)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return rounded < 0 ? `−£${whole}` : `£${whole}`;
}

const ratio = (d: Decimal | null, note: string | null) => (d === null ? `n/a (${note ?? "no costs"})` : d.toDecimalPlaces(2).toFixed(2));
const LENS_WORDS: Record<Lens, string> = {
  social: "Society, social lens (NPSV: all costs and benefits)",
  economic: "Society, economic lens (+ earnings, output)",
  fiscal: "Society, fiscal lens (public budgets' flows)",
};

function costsBenefits(f: OptionFigures): AstSection {
  const rows = (["social", "economic", "fiscal"] as const).map((l) => [
    LENS_WORDS[l],
    pounds(f.byLens[l].pvCosts),
    pounds(f.byLens[l].pvSavings),
    pounds(f.byLens[l].net),
  ]);
  rows.push(["Public sector (Exchequer), fiscal lens", pounds(f.publicSector.pvCosts), pounds(f.publicSector.pvSavings), pounds(f.publicSector.net)]);
  return {
    title: "Monetised costs and benefits, against business as usual",
    columns: ["View", "PV costs", "PV savings", "Net"],
    rows,
    note: "Transfers (benefits, taxes, deal payments) net to zero for society; for the public sector, transfers received count as benefits and paid as costs.",
  };
}

/**
 * The Appraisal Summary Table of each option in an options appraisal.
 *
 * @example
 * ```ts
 * const m = { ...model, options: [{ id: "no-evaluation", name: "Drop the evaluation", remove: { costs: ["evaluation"] }, unmonetised: [{ description: "Less learning for other councils", direction: "negative" }] }] };
 * const [ast] = appraisalSummaryTables(appraiseOptions(m));
 * ast.sections.map((s) => s.title);
 * // ["Value for money", "Monetised costs and benefits, against business as usual", "Who pays and who gains", "Optimism bias", "Switching values", "Risk", "Effects not valued in money"]
 * ast.sections[6].rows[0]; // ["Less learning for other councils", "negative", ""]
 * ```
 */
export function appraisalSummaryTables(r: OptionsAppraisal): AppraisalSummaryTable[] {
  const n = r.options.length;
  return r.options.map((o: OptionResult): AppraisalSummaryTable => {
    const v = o.vsBau;
    const valueForMoney: AstSection = {
      title: "Value for money",
      columns: ["Measure", "Value"],
      rows: [
        ["Net present social value (NPSV) against business as usual", pounds(v.npsv)],
        ["Benefit–cost ratio (incremental: extra benefits ÷ extra costs)", ratio(v.bcr, v.bcrNote)],
        ["Rank by NPSV", `${o.rank.npsv} of ${n}`],
        ["Rank by BCR", o.rank.bcr === null ? "not ranked (no BCR)" : `${o.rank.bcr} of ${n}`],
        ["Preferred option", r.ranking.preferred === o.id ? "yes" : "no"],
      ],
    };
    const names = (id: string) => r.agencies.find((a) => a.id === id)?.name ?? id;
    const who: AstSection = {
      title: "Who pays and who gains",
      columns: ["Party", `NPV against business as usual (${r.lens} lens)`],
      rows: [
        ["Net cost to the public sector (fiscal lens)", pounds(v.publicSectorNetCost)],
        ...Object.entries(v.agencies)
          .filter(([id, npv]) => !npv.isZero() || !o.absolute.agencies[id]!.isZero())
          .map(([id, npv]) => [names(id), pounds(npv)]),
        ...o.incentiveGaps.map((g) => [
          `Incentive gap: ${g.agency}`,
          `loses ${pounds(g.npv.neg())} while society gains; a transfer of ${pounds(g.transferNeeded)} would close it`,
        ]),
      ],
    };
    const ob: AstSection = {
      title: "Optimism bias",
      columns: ["Adjustment (present value, social lens)", "Against business as usual", "Option on its own"],
      rows: [
        ["Added to costs", pounds(v.optimismBias.costs), pounds(o.absolute.optimismBias.costs)],
        ["Taken off benefits", pounds(v.optimismBias.benefits), pounds(o.absolute.optimismBias.benefits)],
      ],
      note: "From the model's confidence grades and Green Book project categories (each line's trace shows its rate).",
    };
    const switching: AstSection = { title: "Switching values", columns: ["What would have to change"], rows: o.switching.map((s) => [s.description]) };
    let risk: AstSection;
    if (!o.risk) risk = { title: "Risk", columns: ["Range"], rows: [["No scenarios or Monte Carlo run in the model: no risk range."]] };
    else if (o.risk.kind === "scenarios") {
      risk = {
        title: "Risk",
        columns: ["Scenario", "NPSV against business as usual"],
        rows: [...o.risk.scenarios.map((s) => [s.name, pounds(s.npsv)]), ["Range", `${pounds(o.risk.low)} to ${pounds(o.risk.high)}`]],
        ...(o.risk.skipped.length ? { note: `Overrides this option has no input for, left out: ${o.risk.skipped.join("; ")}.` } : {}),
      };
    } else {
      const s = o.risk.summary;
      const p = (x: number) => pounds(x);
      risk = {
        title: "Risk",
        columns: ["Monte Carlo", "NPSV against business as usual"],
        rows: [
          ["Mean", p(s.mean)],
          ["5th percentile", p(s.p5)],
          ["Median", p(s.p50)],
          ["95th percentile", p(s.p95)],
          ["Chance NPSV > 0", `${(s.probabilityPositive * 100).toFixed(1)}%`],
        ],
        note: `${o.risk.draws} paired draws (seed ${o.risk.seed}) of ${o.risk.inputs.join(", ")}.`,
      };
    }
    const unmonetised: AstSection = {
      title: "Effects not valued in money",
      columns: ["Effect", "Direction", "Note"],
      rows: o.unmonetised.length ? o.unmonetised.map((u) => [u.description, u.direction, u.note ?? ""]) : [["None recorded", "", ""]],
    };
    return {
      option: o.id,
      name: o.name,
      description: o.description,
      basis: `Against business as usual, ${r.horizonLabel}, present values at ${r.priceBase} prices`,
      sections: [valueForMoney, costsBenefits(v), who, ob, switching, risk, unmonetised],
    };
  });
}
