import type ExcelJS from "exceljs";
import type { Decimal } from "../money";
import type { FinancialCase, UnitMetrics } from "../appraise";
import { appraisalSummaryTables, type OptionsAppraisal } from "../options";
import { columnLetter, FORMATS } from "./xlsx-sheets";

/** Sheets for the options appraisal, the financial case and unit metrics. */

const bold = { bold: true } as const;

/** Landscape, one page wide, as many pages tall as it takes. */
function printWide(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}
const num = (d: Decimal | null) => (d === null ? "n/a" : d.toNumber());

/**
 * The Options sheet: each option against business as usual (values), then each option's
 * Appraisal Summary Table as text.
 */
export function writeOptionsSheet(ws: ExcelJS.Worksheet, r: OptionsAppraisal): void {
  let row = 1;
  const put = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const x = ws.getRow(row++);
    x.values = values;
    if (font) x.font = font;
    return x;
  };
  put([`Options against business as usual: ${r.title}`], { bold: true, size: 14 });
  put([
    `${r.horizonLabel}, present values at ${r.priceBase} prices. NPSV and BCR: society, social lens; each option minus business as usual (incremental BCR).`,
  ]);
  row++;
  put(["Option", "PV costs £", "PV savings £", "NPSV £", "BCR", "Rank (NPSV)", "Rank (BCR)", "Public-sector net cost £", "Preferred"], bold);
  const b = r.businessAsUsual.figures;
  const bau = put([
    "Business as usual (on its own)",
    b.pvCosts.toNumber(),
    b.pvSavings.toNumber(),
    b.npsv.toNumber(),
    num(b.bcr),
    "",
    "",
    b.publicSectorNetCost.toNumber(),
    r.ranking.preferred === "business-as-usual" ? "yes" : "",
  ]);
  bau.font = { italic: true };
  for (const o of r.options) {
    const v = o.vsBau;
    put([
      o.name,
      v.pvCosts.toNumber(),
      v.pvSavings.toNumber(),
      v.npsv.toNumber(),
      num(v.bcr),
      o.rank.npsv,
      o.rank.bcr ?? "",
      v.publicSectorNetCost.toNumber(),
      r.ranking.preferred === o.id ? "yes" : "",
    ]);
  }
  for (let c = 2; c <= 8; c++) ws.getColumn(c).numFmt = c === 5 ? FORMATS.ratio : c === 6 || c === 7 ? "0" : FORMATS.money;
  put([r.ranking.note]);
  if (r.switching) put([`Switching: ${r.switching.benefitsFall.description}; ${r.switching.costsRise.description}.`]);
  for (const ast of appraisalSummaryTables(r)) {
    row++;
    put([`Appraisal Summary Table: ${ast.name}`], { bold: true, size: 12 });
    put([ast.basis]);
    for (const s of ast.sections) {
      row++;
      put([s.title], bold);
      put(s.columns, { italic: true });
      for (const cells of s.rows) put(cells);
      if (s.note) put([s.note], { italic: true, color: { argb: "FF5F6368" } });
    }
  }
  [64, 22, 22, 22, 12, 12, 12, 24, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  printWide(ws);
}

/**
 * The Financial case sheet: for each budget, cash spent and received by year (values), net
 * (formula: received − spent), and where stated, funding available and headroom (formula:
 * available + net); totals for the public sector and all organisations as formulas.
 */
export function writeFinancialSheet(ws: ExcelJS.Worksheet, fc: FinancialCase, cached = true): void {
  const n = fc.years.length;
  const first = 5; // column E holds the first year
  const col = (t: number) => columnLetter(first + t);
  const totalCol = columnLetter(first + n);
  const value = (formula: string, result: number) => (cached ? { formula, result } : { formula });
  ws.getCell("A1").value = `Financial case: ${fc.title}`;
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = `Cash (nominal £), undiscounted, fiscal lens, cash-releasing flows after deals: ${fc.basis}.`;
  const header = ws.getRow(4);
  header.values = ["Organisation", "Budget", "Funding source", "Flow", ...fc.years, "Total"];
  header.font = bold;
  let row = 5;
  const netRows: { row: number; public: boolean }[] = [];
  const line = (cells: string[], values: number[] | null, formula: ((t: number) => string) | null, emphasis = false) => {
    const r = ws.getRow(row);
    r.values = cells;
    for (let t = 0; t < n; t++) {
      const c = ws.getCell(`${col(t)}${row}`);
      c.value = formula ? value(formula(t), values?.[t] ?? 0) : (values?.[t] ?? 0);
      c.numFmt = FORMATS.money;
    }
    const total = ws.getCell(`${totalCol}${row}`);
    total.value = value(
      `SUM(${col(0)}${row}:${col(n - 1)}${row})`,
      (values ?? []).reduce((a, b) => a + b, 0),
    );
    total.numFmt = FORMATS.money;
    if (emphasis) r.font = bold;
    return row++;
  };
  for (const b of fc.budgets) {
    const who = [b.agencyName, b.budgetName ?? b.budget, b.funding ?? ""];
    const spend = line(
      [...who, "Spent"],
      b.spend.map((d) => d.toNumber()),
      null,
    );
    const income = line(
      [...who, "Received"],
      b.income.map((d) => d.toNumber()),
      null,
    );
    const net = line(
      [...who, "Net"],
      b.net.map((d) => d.toNumber()),
      (t) => `${col(t)}${income}-${col(t)}${spend}`,
      true,
    );
    netRows.push({ row: net, public: b.sector === "public" });
    if (b.available) {
      const available = line(
        [...who, "Available"],
        b.available.map((d) => d.toNumber()),
        null,
      );
      line(
        [...who, "Headroom (− = shortfall)"],
        b.headroom!.map((d) => d.toNumber()),
        (t) => `${col(t)}${available}+${col(t)}${net}`,
      );
    }
    row++;
  }
  const sumOf = (rows: number[], t: number) => (rows.length ? rows.map((r) => `${col(t)}${r}`).join("+") : "0");
  const pub = netRows.filter((x) => x.public).map((x) => x.row);
  const all = netRows.map((x) => x.row);
  line(
    ["Public sector", "", "", "Net"],
    fc.totals.publicSector.net.map((d) => d.toNumber()),
    (t) => sumOf(pub, t),
    true,
  );
  line(
    ["All organisations", "", "", "Net"],
    fc.totals.organisations.net.map((d) => d.toNumber()),
    (t) => sumOf(all, t),
    true,
  );
  const widthFor = (texts: string[], min: number, max: number) => Math.min(max, Math.max(min, ...texts.map((t) => t.length + 2)));
  [
    widthFor(
      fc.budgets.map((b) => b.agencyName),
      18,
      52,
    ),
    widthFor(
      fc.budgets.map((b) => b.budgetName ?? b.budget),
      12,
      40,
    ),
    widthFor(
      fc.budgets.map((b) => b.funding ?? ""),
      14,
      44,
    ),
    24,
    ...fc.years.map(() => 14),
    16,
  ].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", xSplit: 4, ySplit: 4 }];
  printWide(ws);
}

/** The Unit metrics sheet: cost per participant and net outcomes achieved by year. */
export function writeUnitMetricsSheet(ws: ExcelJS.Worksheet, u: UnitMetrics): void {
  let row = 1;
  const put = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const x = ws.getRow(row++);
    x.values = values;
    if (font) x.font = font;
    return x;
  };
  put([`Unit metrics (real £ at ${u.priceBase} prices, ${u.years[0]} to ${u.years[u.years.length - 1]})`], { bold: true, size: 14 });
  row++;
  put(["Intervention", "Participants", "Cost £", "Cost per participant £", "PV cost £", "PV cost per participant £"], bold);
  for (const v of u.interventions) {
    const r = put([v.name, v.totalParticipants.toNumber(), v.totalCost.toNumber(), "", v.pvCost.toNumber(), ""]);
    const at = r.number;
    ws.getCell(`D${at}`).value = { formula: `IF(B${at}=0,"n/a",C${at}/B${at})`, result: v.costPerParticipant?.toNumber() ?? "n/a" };
    ws.getCell(`F${at}`).value = { formula: `IF(B${at}=0,"n/a",E${at}/B${at})`, result: v.pvCostPerParticipant?.toNumber() ?? "n/a" };
    for (const c of ["C", "D", "E", "F"]) ws.getCell(`${c}${at}`).numFmt = FORMATS.money;
  }
  if (u.unattributed.lines.length)
    put([`Costs naming no intervention (${u.unattributed.lines.join(", ")}): ${u.unattributed.cost.toFixed(2)}; not in any unit cost.`], { italic: true });
  row++;
  put(["Intervention", "Outcome", ...u.years, "Total", "Cost per outcome £"], bold);
  const n = u.years.length;
  for (const v of u.interventions) {
    for (const o of v.outcomes) {
      const r = put([v.name, o.label, ...o.achieved.map((d) => d.toNumber())]);
      const at = r.number;
      const total = columnLetter(3 + n);
      ws.getCell(`${total}${at}`).value = { formula: `SUM(C${at}:${columnLetter(2 + n)}${at})`, result: o.total.toNumber() };
      ws.getCell(`${columnLetter(4 + n)}${at}`).value =
        o.costPerOutcome === null
          ? "n/a"
          : { formula: `IF(${total}${at}=0,"n/a",${v.totalCost.toNumber()}/${total}${at})`, result: o.costPerOutcome.toNumber() };
      ws.getCell(`${columnLetter(4 + n)}${at}`).numFmt = FORMATS.money;
      for (let c = 3; c <= 3 + n; c++) ws.getCell(`${columnLetter(c)}${at}`).numFmt = "0.00";
    }
  }
  [34, 40, ...u.years.map(() => 11), 12, 18].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  printWide(ws);
}
