import type { TopLevelSpec } from "vega-lite";
import type { Tornado } from "../../uncertainty";
import type { Model } from "../../model";
import { inputLabel, inputUnit } from "../inputs";
import { CHART_CONFIG, ONE_ROW, VEGA_LITE_SCHEMA } from "./specs";
import { poundsAxis, SYSTEM_STYLE, wrapLabelExpr } from "./style";
import { moneyWords } from "../words";

/** One input's swing in a tornado chart: the NPV with the input at its low and at its high value. */
export interface TornadoChartBar {
  /** What was varied, in words ("Success rate: custody"). */
  label: string;
  /** NPV with the input at its low value, and at its high value. */
  low: number;
  high: number;
  /** The input values themselves, for the tooltip ("0.3", "£3,600"). */
  lowInput?: string;
  highInput?: string;
}

/** Data for {@link tornadoSpec}: the central NPV and each input's swing. */
export interface TornadoChartInput {
  /** Whose NPV ("Whole system", "County council"). */
  party: string;
  /** Central-case NPV. */
  base: number;
  bars: readonly TornadoChartBar[];
  /** The party's colour (default: the whole system's near-black; low values are drawn in a lighter tone). */
  colour?: string;
}

/**
 * Turns the sensitivity module's tornado data into chart input for one party (the whole system
 * by default) at one horizon (the longest by default). Given the model, each bar is named in
 * words ("Fewer custodial sentences: success rate", see {@link inputLabel}), the party by its
 * name, and the input values in their units ("2%", "£3,600"); without it, by the input's path.
 *
 * @throws RangeError when the horizon or party is not in the data.
 * @example
 * ```ts
 * const t = sensitivity(model, [{ path: "outcomes.custody.success", low: 0.02, high: 0.06 }]);
 * tornadoChartInput(t).bars[0].label;            // "outcomes.custody.success"
 * tornadoChartInput(t, { model }).bars[0].label; // "Fewer custodial sentences: success rate"
 * tornadoChartInput(t, { model }).bars[0].lowInput; // "2%"
 * ```
 */
export function tornadoChartInput(tornado: Tornado, options: { horizon?: number; party?: string; partyName?: string; model?: Model } = {}): TornadoChartInput {
  const h = options.horizon === undefined ? tornado.horizons[tornado.horizons.length - 1] : tornado.horizons.find((x) => x.years === options.horizon);
  if (!h) throw new RangeError(`no tornado data at horizon ${options.horizon}`);
  const party = options.party ?? "system";
  const bars = party === "system" ? h.system : h.agencies[party];
  const base = party === "system" ? h.baseNpv.system : h.baseNpv.agencies[party];
  if (!bars || !base) throw new RangeError(`no tornado data for party ${JSON.stringify(party)}`);
  const model = options.model;
  const agencyName = model?.agencies.find((a) => a.id === party)?.name;
  const shown = (path: string, value: number) => {
    if (!model) return String(value);
    const unit = inputUnit(model, path);
    if (unit === "share" || unit === "rate") return `${Number((value * 100).toPrecision(3))}%`;
    if (unit === "money") return `£${value.toLocaleString("en-GB", { maximumFractionDigits: 2 })}`;
    return value.toLocaleString("en-GB", { maximumFractionDigits: 6 });
  };
  return {
    party: options.partyName ?? (party === "system" ? "Whole system" : (agencyName ?? party)),
    base: base.toNumber(),
    bars: bars.map((b) => ({
      label: model ? inputLabel(model, b.path) : b.path,
      low: b.npvLow.toNumber(),
      high: b.npvHigh.toNumber(),
      lowInput: shown(b.path, b.low),
      highInput: shown(b.path, b.high),
    })),
  };
}

const CONFIG = CHART_CONFIG;
/** Bars for the whole system in its neutral style, the same in every chart. */
const NEUTRAL_BARS = SYSTEM_STYLE.colour;

/** A lighter tone of a colour (mixed with white), for the "input at low value" bars. */
function lighter(hex: string, by = 0.55): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const c = [16, 8, 0].map((s) => Math.round(((n >> s) & 255) + (255 - ((n >> s) & 255)) * by));
  return `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function checkFinite(values: readonly number[], what: string): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${what}[${bad}] must be a finite number, got ${values[bad]}`);
}

/**
 * Tornado chart of one-way sensitivity: for each input, a bar from the central NPV to the NPV at
 * the input's low value and another to its high value, widest swing at the top. Drawn in the
 * party's colour (the whole system's neutral dark grey by default), the low value in a lighter
 * tone; long input names wrap; the axis reads £3m, £500k.
 *
 * @throws RangeError when a value is not a finite number.
 * @example
 * ```ts
 * tornadoSpec({ party: "Whole system", base: 3.98e6, bars: [{ label: "Success rate", low: 1.2e6, high: 6.1e6 }] });
 * ```
 */
export function tornadoSpec(input: TornadoChartInput): TopLevelSpec {
  checkFinite([input.base, ...input.bars.flatMap((b) => [b.low, b.high])], "tornado values");
  const colour = input.colour ?? NEUTRAL_BARS;
  const sorted = [...input.bars].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
  const values = sorted.flatMap((b, rank) => [
    { label: b.label, rank, side: "Input at low value", npv: b.low, input: b.lowInput ?? "low", base: input.base },
    { label: b.label, rank, side: "Input at high value", npv: b.high, input: b.highInput ?? "high", base: input.base },
  ]);
  const y = {
    field: "label",
    type: "nominal",
    sort: { field: "rank", op: "min" },
    title: null,
    axis: { labelExpr: wrapLabelExpr(40), labelLimit: 0, labelFontSize: 11 },
  } as const;
  // The input's value at the outer end of each bar: left of a bar that ends below the central case.
  const endLabels = (align: "left" | "right") => ({
    data: { values },
    transform: [{ filter: align === "right" ? "datum.npv < datum.base" : "datum.npv >= datum.base" }],
    mark: { type: "text", align, baseline: "middle", dx: align === "right" ? -4 : 4, fontSize: 11, color: "#333" },
    encoding: { y, x: { field: "npv", type: "quantitative" }, text: { field: "input" } },
  });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `What moves the NPV: ${input.party}`,
      subtitle: "One input at a time, from its low to its high value (the values at the bar ends); the red line is the central case",
    },
    width: 560,
    height: { step: 36 },
    config: CONFIG,
    layer: [
      {
        data: { values },
        mark: { type: "bar", tooltip: true },
        encoding: {
          y,
          x: { field: "npv", type: "quantitative", scale: { padding: 48 }, axis: poundsAxis(`Net present value (£), ${input.party}`) },
          x2: { field: "base" },
          color: {
            field: "side",
            type: "nominal",
            title: null,
            scale: { domain: ["Input at low value", "Input at high value"], range: [lighter(colour), colour] },
            legend: { orient: "bottom" },
          },
          tooltip: [
            { field: "label", title: "Input" },
            { field: "input", title: "Value" },
            { field: "npv", type: "quantitative", title: "NPV £", format: ",.0f" },
          ],
        },
      },
      endLabels("left"),
      endLabels("right"),
      { data: ONE_ROW, mark: { type: "rule", color: "#c00", strokeWidth: 2 }, encoding: { x: { datum: input.base } } },
      {
        data: ONE_ROW,
        mark: { type: "text", color: "#c00", fontSize: 11, align: "center", baseline: "bottom", dy: -3, y: 0 },
        encoding: { x: { datum: input.base }, text: { value: `central ${moneyWords(input.base)}` } },
      },
    ],
  } as TopLevelSpec;
}

/** Data for {@link distributionSpec}: simulated NPVs of one party. */
export interface DistributionChartInput {
  party: string;
  /** NPV of each draw. */
  draws: ArrayLike<number>;
  /** Number of histogram bins (default 40). */
  bins?: number;
  /** Figures to mark, when already computed (e.g. by `simulate`); else computed from the draws. */
  summary?: { mean: number; p5: number; p95: number; probabilityPositive: number };
  /** The party's colour (default: the whole system's neutral grey). */
  colour?: string;
}

/**
 * Histogram of draws with their mean, 5th and 95th percentiles (linear interpolation between
 * order statistics) and the share above zero.
 *
 * @throws RangeError when there are no draws or a draw is not finite.
 * @example
 * ```ts
 * histogramSummary([1, 2, 3, 4], 2).bins.map((b) => b.count); // [2, 2]
 * ```
 */
export function histogramSummary(
  draws: ArrayLike<number>,
  bins = 40,
): { bins: { start: number; end: number; count: number }[]; mean: number; p5: number; p95: number; probabilityPositive: number } {
  const xs = Float64Array.from(draws);
  if (xs.length === 0) throw new RangeError("draws must not be empty");
  checkFinite(Array.from(xs), "draws");
  xs.sort();
  const q = (p: number) => {
    const h = (xs.length - 1) * p;
    const lo = Math.floor(h);
    return xs[lo]! + (h - lo) * ((xs[Math.min(lo + 1, xs.length - 1)] ?? xs[lo]!) - xs[lo]!);
  };
  const min = xs[0]!;
  const max = xs[xs.length - 1]!;
  const width = max > min ? (max - min) / bins : 1;
  const counts = new Array<number>(max > min ? bins : 1).fill(0);
  let sum = 0;
  let above = 0;
  for (const x of xs) {
    counts[Math.min(counts.length - 1, Math.floor((x - min) / width))]! += 1;
    sum += x;
    if (x > 0) above += 1;
  }
  return {
    bins: counts.map((count, i) => ({ start: min + i * width, end: min + (i + 1) * width, count })),
    mean: sum / xs.length,
    p5: q(0.05),
    p95: q(0.95),
    probabilityPositive: above / xs.length,
  };
}

/**
 * Monte Carlo distribution of NPV: a histogram of the draws with the mean, the 5th and 95th
 * percentiles and zero marked, and the chance the NPV is above zero in the subtitle.
 *
 * @throws RangeError when there are no draws or a draw is not finite.
 * @example
 * ```ts
 * distributionSpec({ party: "Whole system", draws: [1, 2, 2, 3, 5] });
 * ```
 */
export function distributionSpec(input: DistributionChartInput): TopLevelSpec {
  const s = { ...histogramSummary(input.draws, input.bins ?? 40), ...input.summary };
  const marks = [
    { label: "P5", value: s.p5 },
    { label: "mean", value: s.mean },
    { label: "P95", value: s.p95 },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `Monte Carlo distribution of NPV: ${input.party}`,
      subtitle: `${input.draws.length.toLocaleString("en-GB")} draws; chance NPV > 0: ${(s.probabilityPositive * 100).toFixed(1)}%; marked: mean, 5th (P5) and 95th (P95) percentiles`,
    },
    width: 560,
    height: 240,
    config: CONFIG,
    layer: [
      {
        data: { values: s.bins },
        mark: { type: "bar", color: input.colour ?? lighter(NEUTRAL_BARS, 0.4), tooltip: true, binSpacing: 0 },
        encoding: {
          x: { field: "start", type: "quantitative", bin: { binned: true }, axis: poundsAxis("Net present value (£)") },
          x2: { field: "end" },
          y: { field: "count", type: "quantitative", title: "Draws" },
          tooltip: [
            { field: "start", type: "quantitative", title: "From £", format: ",.0f" },
            { field: "end", type: "quantitative", title: "To £", format: ",.0f" },
            { field: "count", type: "quantitative", title: "Draws" },
          ],
        },
      },
      {
        data: { values: marks },
        mark: { type: "rule", color: "#222", strokeWidth: 1.5 },
        encoding: {
          x: { field: "value", type: "quantitative" },
          strokeDash: { condition: { test: "datum.label === 'mean'", value: [1, 0] }, value: [4, 3] },
          tooltip: [{ field: "label" }, { field: "value", type: "quantitative", format: ",.0f" }],
        },
      },
      {
        data: { values: marks },
        mark: { type: "text", align: "center", baseline: "bottom", dy: -4, fontSize: 10, y: 0 },
        encoding: { x: { field: "value", type: "quantitative" }, text: { field: "label" } },
      },
      { data: ONE_ROW, mark: { type: "rule", color: "#c00" }, encoding: { x: { datum: 0 } } },
    ],
  } as TopLevelSpec;
}
