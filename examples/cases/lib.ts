/**
 * Shared helpers for the worked examples of real programmes (examples/cases/*.json): loading a
 * case, checking a published headline against the ledger to the paper's own rounding, and
 * markdown tables of what the library adds. Used by run-case.ts, write-docs.ts and
 * test/cases.test.ts.
 */
import { readFileSync } from "node:fs";
import {
  appraise,
  formatPounds,
  horizonLabel,
  loadModel,
  roundTo,
  setInputs,
  toDecimal,
  type Appraisal,
  type AppraiseOptions,
  type Decimal,
  type HorizonResult,
  type Model,
  type ShareRange,
  wrapText,
} from "../../src";
// The plain-text table layout of formatAppraisalTable, for the case reports' own tables.
import { alignColumns } from "../../src/report/text";
import { brent } from "../../src/metrics/roots";

/** Money unit a case is reported in. */
export type Unit = "" | "k" | "m" | "bn";

/** One published figure and the figure the model computes, compared to the paper's rounding. */
export interface Check {
  figure: string;
  /** The published figure as the paper writes it. */
  published: string;
  /** The model's figure, shown with two more decimals than the paper uses. */
  computed: string;
  ok: boolean;
  /** Where the published figure comes from. */
  source: string;
}

/** A worked example: its model file, how to check its headline, and what the library adds. */
export interface CaseStudy {
  /** File stem in examples/cases/ (also the model's id). */
  id: string;
  title: string;
  /** Reproduces the published headline from the model's ledger and appraisal. */
  headline(model: Model): Check[];
  /** Markdown blocks: what the published figure hides. */
  explain(model: Model): string[];
}

/** Reads and validates examples/cases/<id>.json. */
export function loadCase(id: string): Model {
  return loadModel(JSON.parse(readFileSync(new URL(`./${id}.json`, import.meta.url), "utf8")));
}

/** How a published figure is written: prefix/suffix, decimal places, or rounding to a step (e.g. nearest £100m). */
export interface Format {
  prefix?: string;
  suffix?: string;
  places?: number;
  step?: number;
  /** Decimals shown for the model's figure (default: two more than the paper's). */
  shown?: number;
}

const grouped = (s: string) => s.replace(/^(-?\d+)/, (w) => w.replace(/\B(?=(\d{3})+(?!\d))/g, ","));

/**
 * Compares a computed value (already in the published figure's units) with the published one,
 * rounded half-up as the paper rounds it: to `places` decimals, or to the nearest `step`.
 */
export function check(figure: string, source: string, published: number, computed: Decimal | number, format: Format = {}): Check {
  const { prefix = "", suffix = "", places = 0, step, shown = places + 2 } = format;
  const value = toDecimal(typeof computed === "number" ? String(computed) : computed);
  const rounded = step ? roundTo(value.div(step), 0).times(step) : roundTo(value, places);
  return {
    figure,
    published: `${prefix}${grouped(published.toFixed(places))}${suffix}`,
    computed: `${prefix}${grouped(roundTo(value, shown).toFixed(shown))}${suffix}`,
    ok: rounded.equals(toDecimal(String(published))),
    source,
  };
}

/** Money for tables, in the case's unit. */
export function money(value: Decimal, unit: Unit, places = unit === "" ? 0 : 1): string {
  return formatPounds(value, { unit, places });
}

/** A ratio to two decimals, or a dash when it does not exist. */
export function ratio(value: Decimal | null, places = 2): string {
  return value === null ? "–" : roundTo(value, places).toFixed(places);
}

/** A share as a percentage. */
export function pct(value: Decimal | number | null, places = 1): string {
  if (value === null) return "–";
  return `${roundTo(toDecimal(typeof value === "number" ? String(value) : value).times(100), places).toFixed(places)}%`;
}

/** A markdown table. */
export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

/** The published-vs-computed table. */
export function headlineTable(checks: readonly Check[]): string {
  return table(
    ["Figure", "Published", "Model", "Reproduced"],
    checks.map((c) => [c.figure, c.published, c.computed, c.ok ? "yes" : "**NO**"]),
  );
}

/** The horizon result for a number of years (throws if the appraisal has no such horizon). */
export function at(result: Pick<Appraisal, "horizons">, years: number): HorizonResult {
  const h = result.horizons.find((x) => x.years === years);
  if (!h) throw new RangeError(`no ${years}-year horizon in this appraisal`);
  return h;
}

const POSITION: Record<string, string> = {
  "investor-loses": "invests, loses",
  "investor-gains": "invests, gains",
  "investor-breaks-even": "invests, breaks even",
  payer: "pays out",
  "beneficiary-gains": "gains",
  "beneficiary-loses": "loses",
  uninvolved: "–",
};

/** A horizon in words: "5 years (2013-14 to 2017-18)" (a horizon of N years covers years 0..N − 1). */
export function span(result: Pick<Appraisal, "years">, years: number): string {
  return horizonLabel(years, result.years);
}

/** Whether the model has parties outside the public sector (households, business, third sector). */
export function hasNonPublic(result: Pick<Appraisal, "agencies">): boolean {
  return result.agencies.some((a) => a.sector !== "public");
}

/** Whose figures: the whole system (society: everyone) or the public sector (public bodies only). */
export type View = "system" | "publicSector";

/**
 * The closing rows of a party table: the whole system, preceded by the public sector when some
 * party is not a public body (then the system is society, and transfers such as benefits not paid
 * count for the public sector but net to zero for society).
 */
function totalRows(result: Appraisal, h: HorizonResult, cells: (m: HorizonResult["system"], view: View) => string[]): string[][] {
  if (!hasNonPublic(result)) return [["**Whole system**", ...cells(h.system, "system")]];
  return [
    ["**Public sector**", ...cells(h.publicSector, "publicSector")],
    ["**Whole system (society)**", ...cells(h.system, "system")],
  ];
}

/**
 * Every involved party at one horizon: PV costs, PV savings, transfers, NPV, position; then the
 * public sector (when some party is not public) and the whole system.
 */
export function agencyTable(result: Appraisal, years: number, unit: Unit, places?: number): string {
  const h = at(result, years);
  const rows = result.agencies
    .filter((a) => h.agencies[a.id]!.position !== "uninvolved")
    .map((a) => {
      const m = h.agencies[a.id]!;
      return [
        a.name,
        money(m.pvCosts, unit, places),
        money(m.pvSavings, unit, places),
        money(m.pvTransfers, unit, places),
        money(m.npv, unit, places),
        POSITION[m.position]!,
      ];
    });
  rows.push(
    ...totalRows(result, h, (m, view) => [
      money(m.pvCosts, unit, places),
      money(m.pvSavings, unit, places),
      view === "publicSector" ? money(m.pvTransfers, unit, places) : "",
      `**${money(m.npv, unit, places)}**`,
      `BCR ${ratio(m.bcr)}`,
    ]),
  );
  return table(["Agency", "PV costs", "PV savings", "Transfers", "NPV", "Position"], rows);
}

/** NPV before and after the model's deals for every party at one horizon. */
export function dealTable(result: Appraisal, years: number, unit: Unit, places?: number): string {
  const after = at(result, years);
  const before = result.beforeDeals ? at(result.beforeDeals, years) : after;
  const rows = result.agencies
    .filter((a) => before.agencies[a.id]!.position !== "uninvolved" || after.agencies[a.id]!.position !== "uninvolved")
    .map((a) => [
      a.name,
      money(before.agencies[a.id]!.npv, unit, places),
      money(after.agencies[a.id]!.npv, unit, places),
      POSITION[after.agencies[a.id]!.position]!,
    ]);
  rows.push(...totalRows(result, after, (m, view) => [money(before[view].npv, unit, places), money(m.npv, unit, places), ""]));
  return table(["Party", "NPV without the deal", "NPV with the deal", "Position with the deal"], rows);
}

/**
 * The system (or the public sector) at each horizon under the published convention and under the
 * model's own (Green Book) settings: the effect of discounting and of the horizon in one table.
 */
export function conventionTable(model: Model, published: AppraiseOptions, unit: Unit, label = "Undiscounted", view: View = "system"): string {
  const a = appraise(model, published);
  const g = appraise(model);
  return table(
    ["Horizon", `${label}: NPV`, `${label}: BCR`, "Green Book (STPR): NPV", "Green Book: BCR"],
    g.horizons.map((h) => {
      const p = at(a, h.years)[view];
      return [h.label, money(p.npv, unit), ratio(p.bcr), money(h[view].npv, unit), ratio(h[view].bcr)];
    }),
  );
}

/** Incentive gaps in words: who loses while the system (society) gains, and the transfer that closes it. */
export function gapLines(result: Appraisal, unit: Unit): string {
  if (result.incentiveGaps.length === 0) return "No incentive gap: at no horizon does the system gain while an agency loses.";
  const mixed = hasNonPublic(result);
  return result.incentiveGaps
    .map((g) => {
      const name = result.agencies.find((a) => a.id === g.agency)!.name;
      const share = g.shareOfGainersSavings ? `, ${pct(g.shareOfGainersSavings)} of the gainers' PV savings` : "";
      const who =
        mixed && g.publicSectorNpv
          ? `society gains ${money(g.systemNpv, unit)} (the public sector ${money(g.publicSectorNpv, unit)})`
          : `the system gains ${money(g.systemNpv, unit)}`;
      return `- Over ${span(result, g.horizon)}: ${who} but ${name} loses ${money(g.agencyNpv.neg(), unit)}; closing the gap takes a transfer of ${money(g.transferNeeded, unit)} in present value${share}.`;
    })
    .join("\n");
}

/** A gainshare range in words: the smallest share that closes the gap, and the most the payers can give. */
export function rangeText(range: ShareRange, payers: string, receivers: string): string {
  if (!range.ok) return range.message;
  const most = range.maxShare.lt(1) ? ` (${payers} still break even at any share up to ${pct(range.maxShare, 1)})` : "";
  return `${payers} paying ${receivers} ${pct(range.minShare, 2)} of their savings closes the gap over ${range.horizon} years${most}`;
}

/**
 * A switching value for the public sector (or the whole system): the value of one input, within
 * `bounds`, at which that view's NPV over `horizon` years is zero, or null when the NPV keeps its
 * sign across the range (found with \`brent\` on exact appraisals; the library's \`switchingValue\`
 * measures the system or one agency, searching a grid first).
 */
export function breakEvenValue(
  model: Model,
  path: string,
  horizon: number,
  bounds: [number, number],
  options: AppraiseOptions & { view?: View } = {},
): number | null {
  const { view = "publicSector", ...appraiseOptions } = options;
  const npv = (x: number) => at(appraise(setInputs(model, { [path]: x }), { ...appraiseOptions, horizons: [horizon] }), horizon)[view].npv.toNumber();
  const [lo, hi] = [npv(bounds[0]), npv(bounds[1])];
  if (lo === 0) return bounds[0];
  if (hi === 0) return bounds[1];
  if (Math.sign(lo) === Math.sign(hi)) return null;
  return brent(npv, bounds[0], bounds[1], { xtol: 1e-9, fa: lo, fb: hi }).x;
}

/** Drops an outcome (and any deal or shunt reference to it is the caller's concern). */
export function withoutOutcome(model: Model, id: string): Model {
  return loadModel({ ...model, outcomes: model.outcomes.filter((o) => o.id !== id) });
}

/** Cells of a Markdown table row (pipes escaped with a backslash stay in the cell). */
function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));
}

/** Markdown emphasis and code marks removed: what a reader sees rendered. */
function plainInline(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\\([\\`*_[\]|~#+\-.!()])/g, "$1");
}

/**
 * The case reports' Markdown as plain text for a terminal: tables aligned in columns (numbers
 * right-aligned, a rule under the header), bold and code marks removed, paragraphs and list items
 * wrapped at `width` columns. The Markdown itself stays the source for docs/cases.md.
 */
export function plainText(markdown: string, width = 100): string {
  const out: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim().startsWith("|")) {
      const block: string[] = [];
      while (i < lines.length && lines[i]!.trim().startsWith("|")) block.push(lines[i++]!);
      i--;
      const rule = block.findIndex((l) => /^\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(l.trim()));
      const raw = block.filter((_, k) => k !== rule).map(tableCells);
      const rows = raw.map((r) => r.map(plainInline));
      // Right-align a column when every figure in it is a number (money, ratio, share).
      const body = rows.slice(rule === 1 ? 1 : 0);
      const numeric = rows[0]!.map((_, k) => body.some((r) => r[k]) && body.every((r) => !r[k] || /^[−+-]?£?[\d.,]+(m|bn|k)?%?$/.test(r[k]!)));
      // A long header goes onto more lines (bottom-aligned), no wider than its column's figures.
      const headerLines = rule === 1 ? rows[0]!.map((h, k) => wrapText(h, Math.max(16, ...body.map((r) => [...(r[k] ?? "")].length))).split("\n")) : [];
      const depth = Math.max(1, ...headerLines.map((l) => l.length));
      const header = Array.from({ length: rule === 1 ? depth : 0 }, (_, line) => headerLines.map((l) => l[line - (depth - l.length)] ?? ""));
      const text = alignColumns([...header, ...(rule === 1 ? body : rows)], numeric).split("\n");
      const rulerOf = () => "-".repeat(Math.max(...text.map((t) => [...t].length)));
      // A rule above the totals (the rows Markdown shows in bold), and under the header.
      const firstTotal = raw.findIndex((r, k) => k > 0 && /^\*\*/.test(r[0] ?? ""));
      if (firstTotal > 0) text.splice(firstTotal - (rule === 1 ? 1 : 0) + header.length, 0, rulerOf());
      if (rule === 1) text.splice(header.length, 0, rulerOf());
      out.push(...text);
    } else if (/^\s*[-*] /.test(line)) out.push(wrapText(`- ${plainInline(line.replace(/^\s*[-*] /, ""))}`, width, 2));
    else out.push(wrapText(plainInline(line), width));
  }
  return out.join("\n");
}
