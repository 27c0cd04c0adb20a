/**
 * invest-to-save/report: Vega-Lite charts (specs, their data, static SVG) and the self-contained
 * HTML report.
 *
 * The chart specs are plain JSON and need nothing else. Drawing them (`renderSvg`, and so
 * `buildReportHtml`) needs the optional peer dependencies `vega` and `vega-lite`:
 * `npm install vega vega-lite` (without them those functions reject with an error that says so).
 * Portable: no Node built-ins.
 *
 * @module invest-to-save/report
 */
export {
  agencyRoles,
  cashflowData,
  cumulativeData,
  incentiveGapData,
  type CashflowDatum,
  type CumulativeDatum,
  type PaybackMark,
  type GapDatum,
} from "../report/charts/data";
export { annualCashflowSpec, cumulativePositionSpec, incentiveGapSpec, VEGA_LITE_SCHEMA } from "../report/charts/specs";
export {
  tornadoSpec,
  tornadoChartInput,
  distributionSpec,
  histogramSummary,
  type TornadoChartBar,
  type TornadoChartInput,
  type DistributionChartInput,
} from "../report/charts/uncertainty";
export { renderSvg } from "../report/charts/svg";
export { partyStyles, PARTY_COLOURS, type PartyStyle } from "../report/charts/style";
export { buildReportHtml, reportCharts, type ReportInput, type ReportOptions, type ReportChart, type ChartScripts } from "../report/html";
export type { SimulatedParty } from "../report/html-parts";
export { optionsHtml, financialCaseHtml, unitMetricsHtml } from "../report/economic-html";
export { MissingPeerError } from "../report/peers";
