/**
 * invest-to-save/xlsx: the appraisal as an Excel workbook with live formulas, and models as
 * workbooks — the fill-in template an analyst completes, written from the example or from a
 * model, and read back to the same model with errors that name their cells.
 *
 * Needs the optional peer dependency `exceljs` (`npm install exceljs`); without it
 * `buildWorkbook`, `buildModelWorkbook` and `readModelWorkbook` reject with an error that says
 * so. Portable: exceljs has a browser build.
 *
 * @module invest-to-save/xlsx
 */
export { buildWorkbook, type WorkbookOptions } from "../report/xlsx";
export { buildModelWorkbook, type ModelWorkbookOptions, type ModelWorkbookResult } from "../report/workbook-template";
export { readModelWorkbook, type WorkbookParseResult, type WorkbookError } from "../report/workbook-read";
export { TEMPLATE_MODEL } from "../report/workbook-example";
export { MissingPeerError } from "../report/peers";
