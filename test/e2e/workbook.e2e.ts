/**
 * Model workbooks in LibreOffice Calc (Debian's `libreoffice-calc-nogui`): a workbook written by
 * `buildModelWorkbook` — with formulas typed into some cells and no saved results — is opened
 * headless, recalculated and saved again as .xlsx by `soffice --convert-to xlsx`, as a user's
 * spreadsheet program would leave it; `readModelWorkbook` still reads it, to the same model and
 * the same appraisal. The sheets are also printed to PDF and rendered to PNG for
 * docs/outputs.md (copied to $REPORT_SCREENSHOT_DIR when set).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { appraise, parseModel, toJSON } from "../../src";
import { buildModelWorkbook, readModelWorkbook, TEMPLATE_MODEL } from "../../src/entries/xlsx";
import { canonical } from "../helpers/canonical";
import { requireProgram } from "./programs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "its-workbook-e2e-"));

/** Runs LibreOffice headless: converts `file` with `filter` into `out` (a folder of its own). */
function soffice(file: string, filter: string, out: string): void {
  const program = requireProgram(["soffice", "libreoffice"], "libreoffice-calc-nogui", "SOFFICE_PATH");
  mkdirSync(out, { recursive: true });
  const profile = pathToFileURL(join(dir, "lo-profile")).href;
  execFileSync(program, [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", out, file], { stdio: "pipe", timeout: 170_000 });
}

async function written(model: unknown, name: string, edit?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const built = await buildModelWorkbook(model);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  edit?.(built.workbook);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, new Uint8Array((await built.workbook.xlsx.writeBuffer()) as ArrayBuffer));
  return file;
}

/** The cell in the column headed `label` on the row whose first cell is `id`. */
function cellOf(ws: ExcelJS.Worksheet, label: string, id: string): ExcelJS.Cell {
  const first = (v: ExcelJS.CellValue) =>
    (v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : String(v ?? "")).split("\n")[0];
  let col = 0;
  ws.getRow(2).eachCell((c, n) => void (first(c.value) === label && (col = n)));
  let row = 0;
  ws.eachRow((r, n) => void (n > 2 && !row && r.getCell(1).value === id && (row = n)));
  expect(col * row).toBeGreaterThan(0);
  return ws.getCell(row, col);
}

describe("a model workbook saved by LibreOffice Calc", () => {
  it.each([
    ["template", TEMPLATE_MODEL],
    ["family-support", JSON.parse(readFileSync(join(ROOT, "examples/family-support.json"), "utf8"))],
    ["every-field", JSON.parse(readFileSync(join(ROOT, "test/fixtures/every-field.json"), "utf8"))],
  ])("%s: recalculated and saved by LibreOffice, it reads to the same model and appraisal", async (name, model) => {
    const file = await written(model, name);
    const out = join(dir, `lo-${name}`);
    soffice(file, "xlsx:Calc MS Excel 2007 XML", out);
    const saved = readFileSync(join(out, `${name}.xlsx`));
    expect(saved.equals(readFileSync(file))).toBe(false); // LibreOffice wrote its own file
    const r = await readModelWorkbook(saved);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
    const original = parseModel(model);
    expect(original.ok).toBe(true);
    if (!original.ok) return;
    expect(canonical(r.model)).toEqual(canonical(original.model));
    expect(canonical(toJSON(appraise(r.model)))).toEqual(canonical(toJSON(appraise(original.model))));
  });

  it("formulas typed into cells (no saved result) are calculated by LibreOffice and read by their result", async () => {
    const file = await written(TEMPLATE_MODEL, "formulas", (wb) => {
      const costs = wb.getWorksheet("Costs")!;
      cellOf(costs, "Amount (£)", "set-up").value = { formula: "100000*1.5" } as ExcelJS.CellFormulaValue;
      // Another cell's value, by reference: the grant years' price is the core years' price.
      const core = cellOf(costs, "Amount (£)", "key-workers-core");
      cellOf(costs, "Amount (£)", "key-workers-grant").value = { formula: `${core.address}*1` } as ExcelJS.CellFormulaValue;
      cellOf(wb.getWorksheet("Outcomes")!, "Success", "custody").value = { formula: "0.5/10" } as ExcelJS.CellFormulaValue;
    });
    // Unsaved formulas are an error that says what to do…
    const before = await readModelWorkbook(readFileSync(file));
    expect(before.ok).toBe(false);
    if (!before.ok)
      expect(before.errors[0]!.message).toMatch(
        /^Costs!\w+: the formula =100000\*1\.5 has no saved result: open the workbook in Excel or LibreOffice and save it/,
      );
    // …and once LibreOffice has calculated and saved them, the model reads with their values.
    const out = join(dir, "lo-formulas");
    soffice(file, "xlsx:Calc MS Excel 2007 XML", out);
    const r = await readModelWorkbook(readFileSync(join(out, "formulas.xlsx")));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
    expect(r.model.costs.find((c) => c.id === "set-up")!.amount).toBe(150000);
    expect(r.model.costs.find((c) => c.id === "key-workers-grant")!.amount).toBe(1500);
    expect(r.model.outcomes.find((o) => o.id === "custody")!.success).toBe(0.05);
  });

  it("prints each sheet landscape, a page or a few wide; screenshots of the sheets as a user sees them", async () => {
    const file = await written(TEMPLATE_MODEL, "model-template");
    const out = join(dir, "pdf");
    soffice(file, "pdf", out);
    const info = execFileSync("pdfinfo", [join(out, "model-template.pdf")], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    process.stdout.write(`the template prints on ${pages} pages\n`);
    // 13 sheets; the widest (Costs, Savings, Outcomes: 30 columns and more) three pages across.
    expect(pages).toBeLessThanOrEqual(30);
    // Screenshots: one sheet at a time, its top-left corner with row numbers and column letters,
    // printed by LibreOffice and cropped.
    const shots: [string, string, string][] = [
      ["Read me", "A1:B22", "workbook-readme.png"],
      ["Appraisal", "A1:C16", "workbook-appraisal.png"],
      ["Agencies", "A1:H7", "workbook-agencies.png"],
      ["Outcomes", "A1:W5", "workbook-outcomes.png"],
      ["Costs", "A1:L7", "workbook-costs.png"],
      ["Deals", "A1:L4", "workbook-deals.png"],
    ];
    for (const [sheet, area, name] of shots) {
      const shotFile = await written(TEMPLATE_MODEL, name.replace(/\.png$/, ""), (wb) => {
        for (const ws of [...wb.worksheets]) {
          if (ws.name !== sheet) {
            wb.removeWorksheet(ws.id);
            continue;
          }
          // The Outcomes picture skips the benefit chain's middle columns to show the values.
          if (sheet === "Outcomes") {
            const header = (c: number) => String((ws.getCell(2, c).value as { richText?: { text: string }[] })?.richText?.[0]?.text ?? "");
            for (let c = 5; !header(c).startsWith("Value: agency"); c++) ws.getColumn(c).hidden = true;
          }
          ws.pageSetup = {
            ...ws.pageSetup,
            printArea: area.replace(/([A-Z]+)(\d+)/g, "$1$$$2"),
            fitToPage: true,
            fitToWidth: 1,
            fitToHeight: 1,
            showRowColHeaders: true,
            showGridLines: true,
            orientation: "landscape",
          };
          ws.headerFooter.oddFooter = "";
        }
      });
      soffice(shotFile, "pdf", out);
      const base = join(out, name.replace(/\.png$/, ""));
      // Crop to the printed cells: the words' bounding box (pdftotext), with a margin.
      const boxes = [
        ...execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", `${base}.pdf`, "-"], { encoding: "utf8" }).matchAll(
          /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g,
        ),
      ].map((m) => m.slice(1).map(Number));
      const dpi = 130;
      const px = (pt: number) => Math.round((pt * dpi) / 72);
      const [x0, y0] = [Math.min(...boxes.map((b) => b[0]!)) - 14, Math.min(...boxes.map((b) => b[1]!)) - 10];
      const [x1, y1] = [Math.max(...boxes.map((b) => b[2]!)) + 14, Math.max(...boxes.map((b) => b[3]!)) + 10];
      execFileSync("pdftoppm", [
        "-png",
        "-r",
        String(dpi),
        "-f",
        "1",
        "-l",
        "1",
        "-x",
        String(px(x0)),
        "-y",
        String(px(y0)),
        "-W",
        String(px(x1 - x0)),
        "-H",
        String(px(y1 - y0)),
        "-singlefile",
        `${base}.pdf`,
        base,
      ]);
      if (process.env.REPORT_SCREENSHOT_DIR) copyFileSync(`${base}.png`, join(process.env.REPORT_SCREENSHOT_DIR, name));
      process.stdout.write(`workbook screenshot: ${base}.png\n`);
    }
  });
});
