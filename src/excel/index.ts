/**
 * Spreadsheet-compatible finance functions, named and signed exactly as in Excel.
 *
 * @example
 * ```ts
 * import { excel } from "invest-to-save";
 * excel.PMT(0.05, 10, 800000); // -103603.66
 * ```
 */
export * as excel from "./functions";
export { FinanceError, type FinanceErrorCode } from "./errors";
export { excelSerial, excelSerialToDate, type ExcelCell, type ExcelRange, type ExcelDate, type ExcelDateRange } from "./inputs";
