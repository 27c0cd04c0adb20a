/**
 * Outputs people use: tables (plain text, Markdown, CSV), tidy ledger rows, Vega-Lite charts with
 * static SVG, the self-contained HTML report and the XLSX workbook with live formulas.
 * Portable (no Node built-ins); vega and exceljs are loaded only when a chart or workbook is made.
 */
export { summaryRows, positionWords, type SummaryRow, type SummaryOptions, type MoneyUnit } from "./summary";
export { formatAmount } from "./columns";
export { moneyWords, penaltyStatements, horizonWords } from "./words";
export { formatAppraisalTable, alignColumns, wrapText, type TextTableOptions } from "./text";
export { appraisalMarkdown, markdownTable, type MarkdownOptions } from "./markdown";
export { tidyRows, type TidyRow, type TidyOptions } from "./tidy";
export { toCsv, tidyCsv, summaryCsv } from "./csv";
export { agencyRoles, cashflowData, cumulativeData, incentiveGapData } from "./charts/data";
export { annualCashflowSpec, cumulativePositionSpec, incentiveGapSpec, VEGA_LITE_SCHEMA } from "./charts/specs";
export {
  tornadoSpec,
  tornadoChartInput,
  distributionSpec,
  histogramSummary,
  type TornadoChartBar,
  type TornadoChartInput,
  type DistributionChartInput,
} from "./charts/uncertainty";
export { renderSvg } from "./charts/svg";
export { escapeHtml, type SimulatedParty } from "./html-parts";
export { buildReportHtml, reportCharts, type ReportInput, type ReportOptions, type ReportChart, type ChartScripts } from "./html";
export { buildWorkbook, type WorkbookOptions } from "./xlsx";
export { displayText, csvText, markdownText } from "./safe";
export { inputLabel, modelInputs, type InputRow, type InputUnit } from "./inputs";
export { referenceValues, type ReferenceValueRow } from "./reference-rows";
export { partyStyles, PARTY_COLOURS, type PartyStyle } from "./charts/style";
export { optionsTables, financialCaseTables, unitMetricsTables, tablesText, tablesMarkdown, tablesCsv, type ReportTable } from "./economic";
export { optionsHtml, financialCaseHtml, unitMetricsHtml } from "./economic-html";
export { buildModelWorkbook, type ModelWorkbookOptions, type ModelWorkbookResult } from "./workbook-template";
export { readModelWorkbook, type WorkbookParseResult, type WorkbookError } from "./workbook-read";
export { TEMPLATE_MODEL } from "./workbook-example";
