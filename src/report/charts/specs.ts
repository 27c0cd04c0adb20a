import type { TopLevelSpec } from "vega-lite";
import type { Appraisal } from "../../appraise";
import { cashflowData, chartNumber, cumulativeData, incentiveGapData } from "./data";

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
const MONEY_AXIS = { format: "~s", title: "£ (real, price base)" } as const;
const MONEY_TOOLTIP = { format: ",.0f" } as const;
const CONFIG = { font: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelLimit: 260 } };

type Chartable = Pick<Appraisal, "title" | "agencies" | "annual" | "years" | "discountFactors" | "horizons">;

/**
 * A scale of its own for a chart whose values are all the same: Vega cannot label an axis over
 * an empty range (it says "values from NaN to NaN"), so the range is widened around the value
 * (−1 to 1 around zero). Otherwise nothing: Vega picks the range.
 *
 * @example
 * ```ts
 * flatScale([0, 0]);  // { scale: { domain: [-1, 1] } }
 * flatScale([0, 5]);  // {}
 * ```
 */
export function flatScale(values: readonly number[]): { scale?: { domain: [number, number] } } {
  if (values.length === 0 || values.some((v) => v !== values[0])) return {};
  const v = values[0]!;
  const d = Math.max(1, Math.abs(v) / 10);
  return { scale: { domain: [v - d, v + d] } };
}

/**
 * Annual cashflow by agency: undiscounted net flow per year (real terms), stacked, investors'
 * spending below zero and beneficiaries' savings above, with the whole system's net as a line.
 *
 * @example
 * ```ts
 * const spec = annualCashflowSpec(appraise(model)); // render with vega-embed or renderSvg(spec)
 * ```
 */
export function annualCashflowSpec(appraisal: Chartable): TopLevelSpec {
  const data = cashflowData(appraisal);
  const system = appraisal.annual.system.net.map((v, t) => ({ t, year: appraisal.years[t]!, net: chartNumber(v) }));
  const order = { field: "t", op: "min" } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Annual cashflow by agency", subtitle: "Net money to each agency each year (undiscounted, real terms); the line is the whole system" },
    width: WIDTH,
    height: 300,
    config: CONFIG,
    layer: [
      {
        data: { values: data },
        mark: { type: "bar", tooltip: true },
        encoding: {
          x: { field: "year", type: "ordinal", sort: order, title: "Financial year" },
          y: { field: "net", type: "quantitative", aggregate: "sum", stack: "zero", axis: MONEY_AXIS, ...flatScale([...data.map((d) => d.net), ...system.map((d) => d.net)]) },
          color: { field: "agency", type: "nominal", title: "Agency", scale: { scheme: "tableau10" } },
          tooltip: [
            { field: "agency", title: "Agency" },
            { field: "role", title: "Role" },
            { field: "year", title: "Year" },
            { field: "net", type: "quantitative", aggregate: "sum", title: "Net £", ...MONEY_TOOLTIP },
          ],
        },
      },
      {
        data: { values: system },
        mark: { type: "line", color: "#222", strokeWidth: 2, point: { color: "#222" } },
        encoding: {
          x: { field: "year", type: "ordinal", sort: order },
          y: { field: "net", type: "quantitative" },
          tooltip: [
            { field: "year", title: "Year" },
            { field: "net", type: "quantitative", title: "Whole system net £", ...MONEY_TOOLTIP },
          ],
        },
      },
      { mark: { type: "rule", color: "#555" }, encoding: { y: { datum: 0 } } },
    ],
  } as TopLevelSpec;
}

/**
 * Cumulative discounted position: each agency's and the whole system's present value to date,
 * year by year, with the discounted payback year marked for the system and every investor
 * (or "no payback by …" when it never comes within the appraisal).
 *
 * @example
 * ```ts
 * const spec = cumulativePositionSpec(appraise(model));
 * ```
 */
export function cumulativePositionSpec(appraisal: Chartable): TopLevelSpec {
  const { points, paybacks } = cumulativeData(appraisal);
  const x = { field: "year", type: "ordinal", sort: { field: "t", op: "min" }, title: "Financial year" } as const;
  const color = { field: "party", type: "nominal", title: "Party", scale: { scheme: "tableau10" } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Cumulative discounted position", subtitle: "Present value to date; the marked year is when each investor and the system pay back" },
    width: WIDTH,
    height: 300,
    config: CONFIG,
    layer: [
      { mark: { type: "rule", color: "#555" }, encoding: { y: { datum: 0 } } },
      {
        data: { values: points },
        mark: { type: "line", point: true, tooltip: true },
        encoding: {
          x,
          y: { field: "cumulative", type: "quantitative", axis: { ...MONEY_AXIS, title: "£ present value to date" }, ...flatScale(points.map((p) => p.cumulative)) },
          color,
          strokeDash: { condition: { test: "datum.party === 'Whole system'", value: [6, 3] }, value: [1, 0] },
          strokeWidth: { condition: { test: "datum.party === 'Whole system'", value: 3 }, value: 1.8 },
          tooltip: [
            { field: "party", title: "Party" },
            { field: "year", title: "Year" },
            { field: "cumulative", type: "quantitative", title: "PV to date £", ...MONEY_TOOLTIP },
          ],
        },
      },
      {
        data: { values: paybacks },
        layer: [
          { mark: { type: "point", shape: "diamond", size: 160, filled: true, stroke: "#000", strokeWidth: 1 }, encoding: { x, y: { field: "cumulative", type: "quantitative" }, color } },
          {
            mark: { type: "text", align: "left", dx: 8, dy: -10, fontSize: 11, fontWeight: "bold" },
            encoding: { x, y: { field: "cumulative", type: "quantitative" }, text: { field: "text" }, color },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}

/**
 * The incentive gap by horizon: NPV of the whole system, each investor, and the beneficiaries
 * together at each horizon. The gap is where the system gains and an investor loses.
 *
 * @example
 * ```ts
 * const spec = incentiveGapSpec(appraise(model, { horizons: [1, 5, 10] }));
 * ```
 */
export function incentiveGapSpec(appraisal: Chartable): TopLevelSpec {
  const data = incentiveGapData(appraisal);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: "Who gains at each horizon", subtitle: "Net present value; an incentive gap is a system gain alongside an investor's loss" },
    width: WIDTH,
    height: 280,
    config: CONFIG,
    data: { values: data },
    layer: [
      {
        mark: { type: "bar", tooltip: true },
        encoding: {
          x: { field: "horizon", type: "ordinal", sort: { field: "years", op: "min" }, title: "Horizon", axis: { labelAngle: 0 } },
          xOffset: { field: "party", type: "nominal", sort: { field: "party", order: "ascending" } },
          y: { field: "npv", type: "quantitative", axis: { ...MONEY_AXIS, title: "NPV £" }, ...flatScale(data.map((d) => d.npv)) },
          color: { field: "party", type: "nominal", title: "Party", scale: { scheme: "set2" } },
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
