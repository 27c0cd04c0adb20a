/**
 * invest-to-save/xlsx: the appraisal as an Excel workbook with live formulas.
 *
 * Needs the optional peer dependency `exceljs` (`npm install exceljs`); without it
 * `buildWorkbook` rejects with an error that says so. Portable: exceljs has a browser build.
 *
 * @module invest-to-save/xlsx
 */
export { buildWorkbook, type WorkbookOptions } from "../report/xlsx";
export { MissingPeerError } from "../report/peers";
