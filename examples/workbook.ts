// From a workbook to the deal explorer, in code: the fill-in template written, "edited" as an
// analyst would edit it, read back (with an error naming its cell first), appraised, and turned
// into the live deal explorer. Run with `npx tsx examples/workbook.ts`; it writes into
// examples/out/. From the command line the same is:
//
//   invest-to-save template --xlsx model.xlsx
//   invest-to-save validate model.xlsx
//   invest-to-save report model.xlsx --interactive --out explorer.html
import { mkdirSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { appraise, formatPounds } from "../src";
import { buildModelWorkbook, readModelWorkbook } from "../src/entries/xlsx";
import { buildExplorerHtml } from "../src/entries/report";
import { chartScripts, explorerScript } from "../src/cli/assets";

const out = new URL("./out/", import.meta.url);
mkdirSync(out, { recursive: true });

// 1. The template: a sheet per part of the model, with a worked example to replace.
const template = await buildModelWorkbook();
if (!template.ok) throw new Error("the template is always valid");
const bytes = (await template.workbook.xlsx.writeBuffer()) as ArrayBuffer;
writeFileSync(new URL("model.xlsx", out), new Uint8Array(bytes));
console.log(`Sheets: ${template.workbook.worksheets.map((w) => w.name).join(", ")}`);

// 2. An analyst's edits: the custody success rate typed as "140%" by mistake, then put right.
const wb = new ExcelJS.Workbook();
await wb.xlsx.load(bytes);
const outcomes = wb.getWorksheet("Outcomes")!;
outcomes.getCell("D3").value = "140%";
const wrong = await readModelWorkbook((await wb.xlsx.writeBuffer()) as ArrayBuffer);
if (!wrong.ok) for (const e of wrong.errors) console.log(`Error: ${e.message} (${e.path})`);
outcomes.getCell("D3").value = "6%";
const read = await readModelWorkbook((await wb.xlsx.writeBuffer()) as ArrayBuffer);
if (!read.ok) throw new Error(read.errors.map((e) => e.message).join("\n"));

// 3. The model read back is a model like any other: appraise it.
const ten = appraise(read.model).horizons.find((h) => h.years === 10)!;
console.log(`Custody success rate read back: ${read.model.outcomes[0]!.success}`);
console.log(`Whole-system NPV over 10 years: ${formatPounds(ten.system.npv, { places: 0 })}`);
console.log(`County council's NPV over 10 years: ${formatPounds(ten.agencies.council!.npv, { places: 0 })}`);

// 4. The live deal explorer for it: one self-contained page.
const html = buildExplorerHtml(read.model, { scripts: { ...chartScripts(), explorer: await explorerScript() } });
writeFileSync(new URL("explorer.html", out), html);
console.log(`Wrote examples/out/model.xlsx and examples/out/explorer.html (${Math.round(html.length / 1024)} kB: open it in a browser)`);
