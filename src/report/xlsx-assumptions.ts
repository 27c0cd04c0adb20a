import type ExcelJS from "exceljs";
import type { Model } from "../model";
import type { Appraisal } from "../appraise";
import { basisWords } from "./columns";
import { modelInputs, type InputUnit } from "./inputs";
import { referenceValues } from "./reference-rows";
import { cellText, fitRow, font, FORMATS, printSetup, styleHeader, wrappedLines } from "./xlsx-sheets";

/** How a value of each unit is shown in a cell. */
const UNIT_FORMAT: Record<InputUnit, string> = {
  share: FORMATS.share,
  rate: FORMATS.rate,
  money: FORMATS.pence,
  year: FORMATS.whole,
  years: FORMATS.whole,
  count: "#,##0.##",
  number: FORMATS.number,
  "yes/no": FORMATS.number,
  setting: FORMATS.number,
};

/** A cell value: numbers (and decimal-string amounts) as numbers, switches as yes/no, the rest as text. */
function cellValue(value: number | string | boolean, unit: InputUnit): number | string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value;
  return unit !== "setting" && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : cellText(value);
}

/**
 * Writes the Assumptions sheet, for whoever audits the appraisal: the model's assumptions
 * register (its notes), then every input of the model — its path, what it is in words, its value
 * in its unit, the unit, and the note or source the model gives — and last the reference values
 * the appraisal relies on (unit costs, optimism bias, discount rates) with their sources.
 */
export function writeAssumptionsSheet(ws: ExcelJS.Worksheet, model: Model, appraisal: Appraisal): void {
  const widths = [40, 54, 12, 24, 50];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  let row = 1;
  const put = (values: (string | number)[]) => {
    const r = ws.getRow(row++);
    r.values = values;
    return r;
  };
  const heading = (text: string) => {
    row++;
    put([text]).font = font({ bold: true, size: 12 });
  };
  put([cellText(model.title)]).font = font({ bold: true, size: 14 });
  put([basisWords(appraisal)]);

  heading("Assumptions register (the model's notes)");
  styleHeader(put(["#", "Note"]), 5);
  if (model.notes.length === 0) put(["", "(none recorded)"]);
  model.notes.forEach((n, i) => {
    const r = put([i + 1, cellText(n)]);
    ws.mergeCells(r.number, 2, r.number, 5);
    r.getCell(1).alignment = { vertical: "top", horizontal: "left" };
    r.getCell(2).alignment = { wrapText: true, vertical: "top" };
    // A merged cell does not grow to fit: the row gets the height its text needs across B:E.
    r.height = Math.ceil(
      wrappedLines(
        cellText(n),
        widths.slice(1).reduce((a, b) => a + b, 0),
      ) *
        14.5 +
        2,
    );
  });

  heading("Every input");
  const inputsHeader = put(["Path in the model file", "Input", "Value", "Unit", "Note or source"]);
  styleHeader(inputsHeader, 5);
  for (const input of modelInputs(model)) {
    const value = cellValue(input.value, input.unit);
    const r = put([input.path, cellText(input.label), value, input.unitWords, cellText(input.note)]);
    r.getCell(3).numFmt = UNIT_FORMAT[input.unit];
    r.getCell(3).alignment = { horizontal: typeof value === "number" ? "right" : "left" };
    r.getCell(4).alignment = { horizontal: "left", indent: 1 };
    fitRow(ws, r, [1, 2, 4, 5]);
  }

  heading("Reference values");
  styleHeader(put(["Path in the model file", "Reference value", "Value", "Unit", "Source"]), 5);
  const refs = referenceValues(model);
  if (refs.length === 0) put(["", "(none: the model has no reference tables, and its discounting is its own)"]);
  for (const ref of refs) {
    const unit: InputUnit = /^£/.test(ref.unit) ? "money" : /discount rate|uplift/.test(ref.unit) ? "rate" : /share/.test(ref.unit) ? "share" : "number";
    const r = put([
      ref.path ?? "(library)",
      cellText(ref.name),
      cellValue(ref.value, unit),
      ref.unit,
      cellText(ref.note ? `${ref.source}. ${ref.note}` : ref.source),
    ]);
    r.getCell(3).numFmt = UNIT_FORMAT[unit];
    r.getCell(3).alignment = { horizontal: "right" };
    r.getCell(4).alignment = { horizontal: "left", indent: 1 };
    fitRow(ws, r, [1, 2, 4, 5]);
  }
  printSetup(ws, appraisal);
}
