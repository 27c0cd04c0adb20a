import type { TopLevelSpec } from "vega-lite";
import type { Appraisal } from "../../appraise";
import { cashflowData, chartNumber, cumulativeData, incentiveGapData } from "./data";
import { placeLabels, type Box, type Segment } from "./labels";
import { niceDomain, partyStyles, poundsAxis, wrapLabelExpr, type PartyStyle } from "./style";

/**
 * The Vega-Lite schema the specs are written against (vega-lite 6).
 *
 * @example
 * ```ts
 * annualCashflowSpec(result).$schema === VEGA_LITE_SCHEMA; // true
 * ```
 */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

const WIDTH = 620;
/** Data for a layer that draws one reference mark (a zero line): one empty row. */
export const ONE_ROW = { values: [{}] };
const HEIGHT = 300;
const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
const MONEY_TOOLTIP = { format: ",.0f" } as const;
/** Legend labels wrap at this many characters. */
const LEGEND_WRAP = 26;

/** Every legend: long names wrap onto more lines (the expression reads the label; no name is written into it). */
const LEGEND = { labelExpr: wrapLabelExpr(LEGEND_WRAP), labelLimit: 0 } as const;

/** Shared look: system fonts, no frame, legends on the right. */
export const CHART_CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600 },
  legend: { labelFontSize: 11, titleFontSize: 12, rowPadding: 5, symbolSize: 120 },
  title: { fontSize: 14, subtitleFontSize: 12, subtitleColor: "#555", anchor: "start", offset: 12 },
} as const;

type Chartable = Pick<Appraisal, "title" | "agencies" | "annual" | "years" | "discountFactors" | "horizons" | "priceBase">;

/** Colour (and line) scales for the parties a chart shows, in the report's one order. */
function scales(styles: readonly PartyStyle[], shown: ReadonlySet<string>) {
  const mine = styles.filter((s) => shown.has(s.name));
  return {
    colour: { domain: mine.map((s) => s.name), range: mine.map((s) => s.colour) },
    dash: { domain: mine.map((s) => s.name), range: mine.map((s) => s.dash) },
    // Ordinal: each party its own width. (A nominal strokeWidth otherwise gets a point scale,
    // which spreads widths between the range's ends and draws NaN when one party is shown.)
    width: { type: "ordinal", domain: mine.map((s) => s.name), range: mine.map((s) => s.width) },
  };
}

/** A darker tone of a colour, for text drawn in a party's colour on white. */
function darker(hex: string, by = 0.35): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const c = [16, 8, 0].map((s) => Math.round(((n >> s) & 255) * (1 - by)));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** Financial years ("2025-26", about 50 px) stand upright while each has 58 px, else slant. */
const yearLabelAngle = (years: number) => (WIDTH / years >= 58 ? 0 : -45);

const realTerms = (a: Pick<Appraisal, "priceBase">) => `real terms, ${a.priceBase} prices`;

/**
 * Annual cashflow by agency: undiscounted net flow per year (real terms), stacked, investors'
 * spending below zero and beneficiaries' savings above, with the whole system's net as a dashed
 * dark line (and the public sector's as a dotted grey one when they differ). Each agency has its
 * colour from `partyStyles`, the same in every chart; money axes read £3m, £500k.
 *
 * @example
 * ```ts
 * const spec = annualCashflowSpec(appraise(model)); // render with vega-embed or renderSvg(spec)
 * ```
 */
export function annualCashflowSpec(appraisal: Chartable): TopLevelSpec {
  const styles = partyStyles(appraisal);
  const bars = cashflowData(appraisal);
  const totals = styles
    .filter((s) => s.neutral)
    .flatMap((s) =>
      (s.id === "system" ? appraisal.annual.system : appraisal.annual.publicSector).net.map((v, t) => ({
        t,
        year: appraisal.years[t]!,
        party: s.name,
        net: chartNumber(v),
      })),
    );
  const shown = new Set([...bars.map((b) => b.agency), ...totals.map((t) => t.party)]);
  const sc = scales(styles, shown);
  const order = { field: "t", op: "min" } as const;
  const x = { field: "year", type: "ordinal", sort: order, title: "Financial year", axis: { labelAngle: yearLabelAngle(appraisal.years.length) } } as const;
  const colour = (field: string) => ({ field, type: "nominal", title: "Party", scale: sc.colour, legend: { symbolType: "square", ...LEGEND } }) as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Annual cashflow by agency",
      subtitle: `Net money to each agency each year (undiscounted, ${realTerms(appraisal)}); lines: the whole system and the public sector`,
    },
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: bars },
        mark: { type: "bar", tooltip: true },
        encoding: {
          x,
          y: { field: "net", type: "quantitative", aggregate: "sum", stack: "zero", axis: poundsAxis("Net flow (£)") },
          color: colour("agency"),
          order: { field: "t" },
          tooltip: [
            { field: "agency", title: "Agency" },
            { field: "role", title: "Role" },
            { field: "year", title: "Year" },
            { field: "net", type: "quantitative", aggregate: "sum", title: "Net £", ...MONEY_TOOLTIP },
          ],
        },
      },
      { data: ONE_ROW, mark: { type: "rule", color: "#555" }, encoding: { y: { datum: 0 } } },
      {
        data: { values: totals },
        mark: { type: "line", point: { filled: true, size: 30 } },
        encoding: {
          x,
          y: { field: "net", type: "quantitative" },
          color: colour("party"),
          strokeDash: { field: "party", type: "nominal", sort: sc.dash.domain, scale: sc.dash, legend: null },
          strokeWidth: { field: "party", type: "nominal", sort: sc.width.domain, scale: sc.width, legend: null },
          tooltip: [
            { field: "party", title: "Party" },
            { field: "year", title: "Year" },
            { field: "net", type: "quantitative", title: "Net £", ...MONEY_TOOLTIP },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Cumulative discounted position: each agency's, the public sector's and the whole system's
 * present value to date, year by year, with the discounted payback year marked for the system,
 * the public sector and every investor (or "no payback by …" when it never comes within the
 * appraisal). The payback labels are placed so that none overlaps another or a marker, with a
 * leader line when a label has to sit away from its marker.
 *
 * @example
 * ```ts
 * const spec = cumulativePositionSpec(appraise(model));
 * ```
 */
export function cumulativePositionSpec(appraisal: Chartable): TopLevelSpec {
  const styles = partyStyles(appraisal);
  const byName = new Map(styles.map((s) => [s.name, s]));
  const { points, paybacks } = cumulativeData(appraisal);
  const sc = scales(styles, new Set(points.map((p) => p.party)));
  const n = appraisal.years.length;
  const domain = niceDomain(points.map((p) => p.cumulative));
  // Pixel positions (the scales are fixed): a point scale with half a step of padding at each end.
  const px = (t: number) => (WIDTH * (t + 0.5)) / n;
  const py = (v: number) => (HEIGHT * (domain[1] - v)) / (domain[1] - domain[0]);
  const obstacles: Box[] = points.map((p) => ({ x0: px(p.t) - 3, y0: py(p.cumulative) - 3, x1: px(p.t) + 3, y1: py(p.cumulative) + 3 }));
  const segments: Segment[] = points.flatMap((p, i) => {
    const next = points[i + 1];
    return next && next.party === p.party ? [[px(p.t), py(p.cumulative), px(next.t), py(next.cumulative)] as const] : [];
  });
  // The whole system first (it matters most), then the public sector, then the investors.
  const ordered = [...paybacks].sort(
    (a, b) =>
      Number(byName.get(b.party)?.neutral ?? 0) - Number(byName.get(a.party)?.neutral ?? 0) ||
      (a.party === "Whole system" ? -1 : b.party === "Whole system" ? 1 : 0),
  );
  const texts = ordered.map((p) => `${shortName(p.party)}: ${p.text}`);
  const placed = placeLabels(
    ordered.map((p, i) => ({ x: px(p.t), y: py(p.cumulative), text: texts[i]! })),
    { width: WIDTH, height: HEIGHT, fontSize: LABEL_FONT, bold: true, obstacles, segments },
  );
  const labels = ordered.flatMap((p, i) => {
    const at = placed[i];
    if (!at) return [];
    const colour = byName.get(p.party)?.colour ?? "#222222";
    return [
      {
        party: p.party,
        text: texts[i]!,
        lx: at.lx,
        ly: at.ly,
        align: at.align,
        ink: darker(colour),
        x: px(p.t),
        y: py(p.cumulative),
        leader: at.leader,
        ex: at.align === "left" ? at.box.x0 : at.box.x1,
      },
    ];
  });
  // A label that fits nowhere in the plot (very crowded charts) is listed under the title instead.
  const unplaced = texts.filter((_, i) => !placed[i]);
  const x = {
    field: "year",
    type: "ordinal",
    sort: { field: "t", op: "min" },
    title: "Financial year",
    scale: { type: "point", padding: 0.5 },
    axis: { labelAngle: yearLabelAngle(n) },
  } as const;
  const y = { field: "cumulative", type: "quantitative", scale: { domain, nice: false, zero: false } } as const;
  const pixel = (field: string) => ({ field, type: "quantitative", scale: null }) as const;
  const textLayer = (align: "left" | "right") => ({
    data: { values: labels.filter((l) => l.align === align) },
    mark: { type: "text", align, baseline: "middle", fontSize: LABEL_FONT, fontWeight: 600 },
    encoding: { x: pixel("lx"), y: pixel("ly"), text: { field: "text" }, color: { field: "ink", type: "nominal", scale: null } },
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: "Cumulative discounted position",
      subtitle: [
        `Present value to date (${realTerms(appraisal)}); ◆ marks the year each investor, the public sector and the whole system pay back`,
        ...(unplaced.length ? [`Also: ${unplaced.join("; ")}`] : []),
      ],
    },
    width: WIDTH,
    height: HEIGHT,
    config: CHART_CONFIG,
    layer: [
      { data: ONE_ROW, mark: { type: "rule", color: "#555" }, encoding: { y: { datum: 0, scale: { domain, nice: false, zero: false } } } },
      {
        data: { values: points },
        mark: { type: "line", point: { filled: true, size: 24 }, tooltip: true },
        encoding: {
          x,
          y: { ...y, axis: poundsAxis("Present value to date (£)") },
          color: { field: "party", type: "nominal", title: "Party", scale: sc.colour, legend: LEGEND },
          strokeDash: { field: "party", type: "nominal", sort: sc.dash.domain, scale: sc.dash, legend: null },
          strokeWidth: { field: "party", type: "nominal", sort: sc.width.domain, scale: sc.width, legend: null },
          tooltip: [
            { field: "party", title: "Party" },
            { field: "year", title: "Year" },
            { field: "cumulative", type: "quantitative", title: "PV to date £", ...MONEY_TOOLTIP },
          ],
        },
      },
      {
        data: { values: paybacks },
        mark: { type: "point", shape: "diamond", size: 150, filled: true, stroke: "#000", strokeWidth: 1, opacity: 1 },
        encoding: {
          x,
          y,
          color: { field: "party", type: "nominal", title: "Party", scale: sc.colour, legend: LEGEND },
          tooltip: [
            { field: "party", title: "Party" },
            { field: "text", title: "Payback" },
          ],
        },
      },
      {
        data: { values: labels.filter((l) => l.leader) },
        mark: { type: "rule", strokeWidth: 1, opacity: 0.8 },
        encoding: { x: pixel("x"), y: pixel("y"), x2: { field: "ex" }, y2: { field: "ly" }, color: { field: "ink", type: "nominal", scale: null } },
      },
      textLayer("left"),
      textLayer("right"),
    ],
  } as TopLevelSpec;
}

const LABEL_FONT = 11;
/**
 * A party name short enough for a chart label: without a closing remark in brackets ("DWP
 * (Jobcentre Plus)" → "DWP"), and at most 26 characters, cut at a word. The legend has the full name.
 */
function shortName(name: string): string {
  const bare = name.replace(/\s*\([^()]*\)\s*$/, "") || name;
  if (bare.length <= 26) return bare;
  const cut = bare.slice(0, 25);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 14)).replace(/[\s,(–-]+$/, "")}…`;
}

/**
 * The incentive gap by horizon: NPV of the whole system, the public sector (when some party is
 * not a public body) and every agency at each horizon, in the parties' report colours (the
 * totals in neutral greys). The gap is where the system gains and an investor loses.
 *
 * @example
 * ```ts
 * const spec = incentiveGapSpec(appraise(model, { horizons: [1, 5, 10] }));
 * ```
 */
export function incentiveGapSpec(appraisal: Chartable): TopLevelSpec {
  const styles = partyStyles(appraisal);
  const data = incentiveGapData(appraisal);
  const shown = new Set(data.map((d) => d.party));
  const sc = scales(styles, shown);
  const order = [...new Set(data.map((d) => d.party))];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Who gains at each horizon", subtitle: "Net present value; an incentive gap is a whole-system gain alongside an investor's loss" },
    width: WIDTH,
    height: 280,
    config: CHART_CONFIG,
    data: { values: data },
    layer: [
      {
        mark: { type: "bar", tooltip: true },
        encoding: {
          x: { field: "horizon", type: "ordinal", sort: { field: "years", op: "min" }, title: "Horizon", axis: { labelAngle: 0 } },
          xOffset: { field: "party", type: "nominal", sort: order, scale: { paddingInner: 0.08 } },
          y: { field: "npv", type: "quantitative", scale: { padding: 10 }, axis: poundsAxis("Net present value (£)") },
          color: { field: "party", type: "nominal", title: "Party", scale: sc.colour, legend: { symbolType: "square", ...LEGEND } },
          tooltip: [
            { field: "party", title: "Party" },
            { field: "horizon", title: "Horizon" },
            { field: "npv", type: "quantitative", title: "NPV £", ...MONEY_TOOLTIP },
          ],
        },
      },
      { mark: { type: "rule", color: "#555" }, encoding: { y: { datum: 0 } } },
    ],
  } as TopLevelSpec;
}
