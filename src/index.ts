/**
 * invest-to-save: appraise prevention spending across agencies.
 *
 * The core entry point is portable (Node, Deno, bundlers, browsers): nothing it reaches imports a
 * Node built-in, and its only dependencies are what an appraisal needs. Charts and the HTML
 * report are in `invest-to-save/report`, the XLSX workbook in `invest-to-save/xlsx` (their heavy
 * packages are optional peer dependencies), worker threads in `invest-to-save/node`.
 *
 * This list is the public API, written out by hand and grouped. Anything not named here is
 * internal and may change in any release. To add an export: name it in its group below, give it
 * a TSDoc `@example`, and update the pinned list (test/public-api.test.ts says how).
 *
 * @module invest-to-save
 */

// ---- Money and time -------------------------------------------------------------------------
export { Decimal, ZERO, ONE, toDecimal, sum, addSeries, scaleSeries, type MoneyInput } from "./money/decimal";
export { roundTo, toPence, decimalString, formatPounds, type RoundingMode } from "./money/round";
export { splitExact, roundSeriesConserving, type SplitOptions, type ConservingOptions } from "./money/split";
export {
  financialYearOf,
  financialYearStart,
  financialYearEnd,
  financialYearDays,
  financialYearLabels,
  formatFinancialYear,
  parseFinancialYear,
  toFinancialYear,
  toDate,
  yearAt,
  yearOffset,
  type FinancialYear,
  type DateInput,
} from "./time/financial-year";
export { toAppraisalYears, type DatedFlow, type AppraisalYearsOptions } from "./time/dated-flows";

// ---- Discounting and prices -----------------------------------------------------------------
export { SCHEDULES, STPR, STPR_HEALTH, type DiscountBand, type ScheduleData } from "./discount/data";
export { discountFactors, discountRates, type DiscountOptions, type DiscountSchedule, type Timing } from "./discount/factors";
export { deflate, inflate, priceFactor, rebase, type DeflatorIndex, type PriceBasis } from "./discount/deflate";

// ---- Finance functions ----------------------------------------------------------------------
export { npv, presentValue, discountSeries } from "./metrics/npv";
export { irr, irrAll, signChanges, type IrrResult } from "./metrics/irr";
export { paybackYear, paybackPeriod, discountedPaybackYear, cumulative } from "./metrics/payback";
export { bcr, roi, annuityFactor, equivalentAnnualCost, summariseFlows, type FlowSummary } from "./metrics/ratios";
export { annuityRate, annuityPeriods, type AnnuityTerms, type AnnuityRateResult, type AnnuityPeriodsResult, type PaymentTiming } from "./metrics/annuity";
/** Spreadsheet-compatible finance functions, named and signed as in Excel (`excel.PMT`, `excel.XIRR`…). */
export { excel, FinanceError, type FinanceErrorCode } from "./excel";
export { excelSerial, excelSerialToDate, type ExcelCell, type ExcelRange, type ExcelDate, type ExcelDateRange } from "./excel/inputs";

// ---- Green Book reference values (versioned data with sources) -------------------------------
export {
  dataVersions,
  lookupReference,
  hmtDeflatorIndex,
  priceYearLabel,
  optimismBiasUplift,
  distributionalWeight,
  distributionalWeights,
  marginalExcessTaxBurden,
  REFERENCE_NAMES,
  OPTIMISM_BIAS_CATEGORIES,
  OPTIMISM_BIAS_STAGES,
  HMT_DEFLATOR_NAME,
  type DataVersion,
  type ReferenceName,
  type ReferenceRequest,
  type ReferenceValue,
  type ReferenceLookup,
  type OptimismBiasStage,
  type OptimismBiasUplift,
  type QuintileWeight,
} from "./reference/values";
export {
  GDP_DEFLATOR,
  OPTIMISM_BIAS,
  QALY,
  WELLBY,
  VPF,
  CARBON,
  DISTRIBUTIONAL_WEIGHTS,
  MTEB,
  REFERENCE_TABLES,
  type TableHeader,
  type ScenarioValuesTable,
  type DeflatorTable,
  type CarbonTable,
  type OptimismBiasCategory,
  type OptimismBiasTable,
  type DistributionalTable,
  type MtebTable,
} from "./reference/tables";

// ---- The model ------------------------------------------------------------------------------
export { parseModel, loadModel, formatPath, InvalidModelError, type ParseResult, type ModelError } from "./model/parse";
export { validateModel, appraisalYears, type Issue } from "./model/validate";
export { modelJsonSchema } from "./model/json-schema";
export type {
  Model,
  ModelInput,
  Agency,
  Sector,
  Intervention,
  Cost,
  Saving,
  Outcome,
  OutcomeValue,
  CostShunt,
  Tables,
  Lens,
  ModelOption,
  Unmonetised,
  ResolvedReference,
} from "./model/schema";
export { chainRates, rateBetter, type ChainRates } from "./model/outcome-rate";
export type { Deal, DealBasis, Gainshare, PooledBudget, PaymentByResults, RewardGrant, EarnBack, OutcomesContract, Loan, Grant } from "./model/deals-schema";
export type { Distribution, DistributionInput, Correlation, Uncertainty } from "./model/uncertainty-schema";
/** The zod schemas behind {@link parseModel}, for composing your own validation (`schemas.ModelSchema`). */
export * as schemas from "./entries/schemas";

// ---- Ledger and appraisal -------------------------------------------------------------------
export { buildLedger } from "./ledger/build";
export { cashPart, LEDGER_PLACES } from "./ledger/cash";
export type { Ledger, LedgerEntry, LedgerLine, LedgerRow, LineTrace, RowKind } from "./ledger/rows";
export type { LineOrigin } from "./ledger/plan";
export {
  selectRows,
  selectEntries,
  annualFlows,
  type RowFilter,
  type AnnualFlows,
  type FlowSeries,
  type Parties,
  type PartyFlows,
  type FactorsBySchedule,
} from "./ledger/aggregate";
export {
  appraise,
  appraiseLedger,
  appraiseLenses,
  appraisalBasis,
  horizonLabel,
  type AppraisalBasis,
  type Appraisal,
  type AppraiseOptions,
  type HorizonResult,
  type AgencyMetrics,
  type AgencySummary,
  type ScheduleUse,
} from "./appraise/appraise";
export { metricsFor, metricsAtHorizons, type Metrics } from "./appraise/metrics";
export {
  positionOf,
  isIncentiveGap,
  incentiveGaps,
  fundingCliffs,
  settlementView,
  type Position,
  type IncentiveGap,
  type FundingCliff,
  type SettlementView,
} from "./appraise/penalty";
export { toJSON, type Json, type JsonOptions } from "./appraise/json";
export { financialCase, type FinancialCase, type FinancialBudget, type FinancialTotals, type FinancialCaseOptions } from "./appraise/financial";
export { unitMetrics, type UnitMetrics, type InterventionUnitMetrics, type OutcomeUnitMetrics } from "./appraise/unit-metrics";

// ---- Deals and solvers ----------------------------------------------------------------------
export { applyDeal, applyDeals, gainshareDue, annuity, type DealtLedger, type DealSummary, type ScheduleRow } from "./deals";
export { equaliseShare, gainshareRange, type EqualShare, type GainshareTarget, type ShareRange, type ShareSolveOptions } from "./solve/gainshare";
export { shapley, shapleySurplus, type SurplusSplit } from "./solve/shapley";

// ---- Uncertainty ----------------------------------------------------------------------------
export {
  simulate,
  type SimulateOptions,
  type SimulationResult,
  type HorizonSimulation,
  type SimulationProgress,
  type SimulatedInput,
  type SimulationDraws,
} from "./uncertainty/simulate";
export { runScenarios, scenarioTable, type Scenarios, type ScenarioResult, type ScenarioTable } from "./uncertainty/scenarios";
export { sensitivity, type SensitivitySpec, type Tornado, type TornadoBar, type HorizonTornado } from "./uncertainty/sensitivity";
export { switchingValue, type SwitchingOptions, type SwitchingValue } from "./uncertainty/switching";
export { summariseDraws, quantiles, incentiveGapProbability, type NpvSummary } from "./uncertainty/summary";
export { parseDistribution, support, centralValue, moments, normalQuantile, normalCdf } from "./uncertainty/distributions";
export { quantileOf, betaCdf } from "./uncertainty/quantiles";
export { resolveInput, getInput, setInputs, type ResolvedInput, type InputDomain } from "./uncertainty/paths";
export { uncertainInputs, type UncertainInput } from "./uncertainty/resolve";
export { compileNpv, type NpvKernel, type KernelOptions } from "./uncertainty/compile";

// ---- Options against business as usual ------------------------------------------------------
export {
  appraiseOptions,
  businessAsUsual,
  optionModel,
} from "./options/options";
export type {
  OptionsSettings,
  OptionsAppraisal,
  OptionResult,
  OptionFigures,
  OptionGap,
  CostsSavings,
  RiskRange,
  SwitchingEntry,
} from "./options/types";
export { appraisalSummaryTables, type AppraisalSummaryTable, type AstSection } from "./options/ast";

// ---- Reports (plain text, Markdown, CSV, tidy rows: no heavy packages) ----------------------
// Charts and the HTML report: `invest-to-save/report`. The XLSX workbook: `invest-to-save/xlsx`.
export { summaryRows, positionWords, type SummaryRow, type SummaryOptions, type MoneyUnit } from "./report/summary";
export { formatAmount } from "./report/columns";
export { moneyWords, penaltyStatements, horizonWords } from "./report/words";
export { formatAppraisalTable, alignColumns, wrapText, type TextTableOptions } from "./report/text";
export { appraisalMarkdown, type MarkdownOptions } from "./report/markdown";
export { tidyRows, type TidyRow, type TidyOptions } from "./report/tidy";
export { toCsv, tidyCsv, summaryCsv } from "./report/csv";
export { displayText, csvText, markdownText } from "./report/safe";
export { modelInputs, inputLabel, type InputRow, type InputUnit } from "./report/inputs";
export { referenceValues, type ReferenceValueRow } from "./report/reference-rows";
export { optionsTables, financialCaseTables, unitMetricsTables, tablesText, tablesMarkdown, tablesCsv, type ReportTable } from "./report/economic";
