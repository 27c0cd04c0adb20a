import { roundSeriesConserving, ZERO, type Decimal } from "../money";
import type { FinancialBudget, FinancialCase, UnitMetrics } from "../appraise";
import { appraisalSummaryTables, type AstSection, type OptionsAppraisal } from "../options";
import { fixed, formatAmount, formatRatio, unitHeading } from "./columns";
import { toCsv } from "./csv";
import { markdownTable } from "./markdown";
import { UNIT_SIZE, type MoneyUnit } from "./summary";
import { alignColumns } from "./text";

/**
 * Outputs for the options appraisal (ranking and Appraisal Summary Tables), the financial case
 * and unit metrics: one set of tables (header, rows, which columns are numbers) rendered as
 * plain text, Markdown or CSV, so every format shows the same figures.
 */

/** A table ready to render: a title, a header, rows of text cells, and which columns are numeric. */
export interface ReportTable {
  title: string;
  header: string[];
  rows: string[][];
  numeric: boolean[];
  /** A sentence under the table. */
  note?: string;
}

const money = (d: Decimal, unit: MoneyUnit = "pounds") => formatAmount(d, unit);

// ---------------------------------------------------------------------------------------------
// Options

/**
 * The ranking table and each option's Appraisal Summary Table, as report tables.
 *
 * @example
 * ```ts
 * const m = { ...model, options: [{ id: "no-evaluation", name: "Drop the evaluation", remove: { costs: ["evaluation"] } }] };
 * optionsTables(appraiseOptions(m))[0].header;
 * // ["Option", "PV costs £", "PV savings £", "NPSV £", "BCR", "Rank (NPSV)", "Rank (BCR)", "Public-sector net cost £"]
 * ```
 */
export function optionsTables(r: OptionsAppraisal): ReportTable[] {
  const bau = r.businessAsUsual.figures;
  const ranking: ReportTable = {
    title: `Options against business as usual: ${r.horizonLabel}, present values at ${r.priceBase} prices (NPSV and BCR: society, social lens)`,
    header: ["Option", "PV costs £", "PV savings £", "NPSV £", "BCR", "Rank (NPSV)", "Rank (BCR)", "Public-sector net cost £"],
    numeric: [false, true, true, true, true, true, true, true],
    rows: [
      ...r.options.map((o) => [
        `${o.name}${r.ranking.preferred === o.id ? " (preferred)" : ""}`,
        money(o.vsBau.pvCosts),
        money(o.vsBau.pvSavings),
        money(o.vsBau.npsv),
        o.vsBau.bcr === null ? "n/a" : formatRatio(o.vsBau.bcr),
        String(o.rank.npsv),
        o.rank.bcr === null ? "–" : String(o.rank.bcr),
        money(o.vsBau.publicSectorNetCost),
      ]),
    ],
    note: [
      `Each option's figures are its own minus business as usual's (business as usual on its own: PV costs £${money(bau.pvCosts)}, PV savings £${money(bau.pvSavings)}, NPSV £${money(bau.npsv)}); the BCR is incremental.`,
      r.ranking.note,
      r.switching ? `Switching: ${r.switching.benefitsFall.description}; ${r.switching.costsRise.description}.` : "",
    ]
      .filter(Boolean)
      .join(" "),
  };
  const asts = appraisalSummaryTables(r).flatMap((a) =>
    a.sections.map(
      (s: AstSection, i): ReportTable => ({
        title: i === 0 ? `Appraisal Summary Table: ${a.name}. ${a.basis}. ${s.title}` : s.title,
        header: s.columns,
        rows: s.rows,
        numeric: s.columns.map(
          (_, c) => c > 0 && s.rows.some((row) => (row[c] ?? "") !== "") && s.rows.every((row) => /^(−?£[\d,]+|[\d.]+|n\/a.*|)$/.test(row[c] ?? "")),
        ),
        ...(s.note ? { note: s.note } : {}),
      }),
    ),
  );
  return [ranking, ...asts];
}

// ---------------------------------------------------------------------------------------------
// Financial case

/** Rounds each year's column of budgets to the unit so that it adds up to its rounded total. */
function roundedColumns(values: readonly (readonly Decimal[])[], years: number, unit: MoneyUnit): Decimal[][] {
  const size = UNIT_SIZE[unit];
  const out = values.map(() => new Array<Decimal>(years));
  for (let t = 0; t < years; t++) {
    const col = roundSeriesConserving(
      values.map((v) => v[t]!),
      { unit: size },
    );
    col.forEach((v, i) => (out[i]![t] = v));
  }
  return out;
}

const sum = (xs: readonly Decimal[]) => xs.reduce((a, b) => a.plus(b), ZERO);

/**
 * The financial case as report tables: net cash by budget and year (with the public-sector and
 * all-organisation totals), spend by budget, and funding available with the headroom of each
 * budget that states it. Each year's column is rounded so that it adds up to the totals shown.
 *
 * @example
 * ```ts
 * const tables = financialCaseTables(financialCase(model));
 * tables.map((t) => t.title.split(":")[0]); // ["Net cash by budget", "Cash spent by budget", "Cash received by budget", "Funding available and headroom"]
 * ```
 */
export function financialCaseTables(fc: FinancialCase, options: { unit?: MoneyUnit } = {}): ReportTable[] {
  const unit = options.unit ?? "pounds";
  const u = unitHeading(unit);
  const n = fc.years.length;
  // The funding-source column only when some budget states its source.
  const sources = fc.budgets.some((b) => b.funding !== null);
  const header = ["Organisation", "Budget", ...(sources ? ["Funding source"] : []), ...fc.years.map((y) => `${y} ${u}`), `Total ${u}`];
  const numeric = [false, false, ...(sources ? [false] : []), ...fc.years.map(() => true), true];
  const label = (b: FinancialBudget) => [b.agencyName, b.budgetName ?? b.budget, ...(sources ? [b.funding ?? ""] : [])];
  const blank = sources ? ["", ""] : [""];
  const block = (title: string, pick: (b: FinancialBudget) => Decimal[], note: string, dropZero: boolean): ReportTable => {
    const rounded = roundedColumns(fc.budgets.map(pick), n, unit);
    const line = (cells: string[], values: Decimal[]) => [...cells, ...values.map((v) => money(v, unit)), money(sum(values), unit)];
    const group = (keep: (b: FinancialBudget) => boolean) => fc.years.map((_, t) => sum(fc.budgets.map((b, i) => (keep(b) ? rounded[i]![t]! : ZERO))));
    return {
      title: `${title}: ${fc.basis}`,
      header,
      numeric,
      rows: [
        ...fc.budgets.flatMap((b, i) => (dropZero && pick(b).every((v) => v.isZero()) ? [] : [line(label(b), rounded[i]!)])),
        line(
          ["Public sector", ...blank],
          group((b) => b.sector === "public"),
        ),
        line(
          ["All organisations", ...blank],
          group(() => true),
        ),
      ],
      note,
    };
  };
  const tables = [
    block(
      "Net cash by budget",
      (b) => b.net,
      "Cash received minus cash paid (+ receives, − pays), undiscounted. Fiscal lens, cash-releasing flows only (capacity freed without cash is left out), after deals; households are not budget holders and are not shown.",
      false,
    ),
    block("Cash spent by budget", (b) => b.spend, "Costs and transfers paid, in cash of each year (budgets that pay nothing are left out).", true),
    block(
      "Cash received by budget",
      (b) => b.income,
      "Cashable savings and transfers received, in cash of each year (budgets that receive nothing are left out).",
      true,
    ),
  ];
  const funded = fc.budgets.filter((b) => b.available);
  if (funded.length) {
    tables.push({
      title: `Funding available and headroom: ${fc.basis}`,
      header: ["Organisation", "Budget", "", ...fc.years.map((y) => `${y} ${u}`), `Total ${u}`],
      numeric: [false, false, false, ...fc.years.map(() => true), true],
      rows: funded.flatMap((b) => {
        const row = (what: string, values: Decimal[]) => [
          b.agencyName,
          b.budgetName ?? b.budget,
          what,
          ...values.map((v) => money(v, unit)),
          money(sum(values), unit),
        ];
        return [row("available", b.available!), row("net cash", b.net), row("headroom (− = shortfall)", b.headroom!)];
      }),
      note: "Headroom is the funding available plus the budget's net cash: what is left each year, or (negative) the shortfall to fund.",
    });
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------
// Unit metrics

/**
 * Unit metrics as report tables: per intervention, participants, cost and cost per participant;
 * then net outcomes achieved by year and the cost per outcome achieved.
 *
 * @example
 * ```ts
 * unitMetricsTables(unitMetrics(model))[0].rows[0].slice(0, 4); // ["Intensive family support", "2,000", "7,822,500", "3,911.25"]
 * ```
 */
export function unitMetricsTables(u: UnitMetrics): ReportTable[] {
  const pence = (d: Decimal | null) => (d === null ? "n/a" : formatAmount(d, "pence"));
  const count = (d: Decimal) => {
    const s = fixed(d, 1);
    const [w = "0", f = "0"] = s.split(".");
    const whole = w.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return f === "0" ? whole : `${whole}.${f}`;
  };
  const people: ReportTable = {
    title: `Unit costs by intervention (real £ at ${u.priceBase} prices, ${u.years[0]} to ${u.years[u.years.length - 1]})`,
    header: ["Intervention", "Participants", "Cost £", "Cost per participant £", "PV cost per participant £"],
    numeric: [false, true, true, true, true],
    rows: u.interventions.map((v) => [v.name, count(v.totalParticipants), money(v.totalCost), pence(v.costPerParticipant), pence(v.pvCostPerParticipant)]),
    note: `Costs are the cost lines that name the intervention, with their optimism-bias adjustments.${u.unattributed.lines.length ? ` Costs naming no intervention (${u.unattributed.lines.join(", ")}: £${money(u.unattributed.cost)}) are not in any unit cost.` : ""}`,
  };
  const outcomes: ReportTable = {
    title: "Net outcomes achieved by year, and cost per outcome achieved",
    header: ["Intervention", "Outcome", ...u.years, "Total", "Cost per outcome £", "PV cost per outcome £"],
    numeric: [false, false, ...u.years.map(() => true), true, true, true],
    rows: u.interventions.flatMap((v) =>
      v.outcomes.map((o) => [v.name, o.label, ...o.achieved.map(count), count(o.total), pence(o.costPerOutcome), pence(o.pvCostPerOutcome)]),
    ),
    note: "Attributable outcomes newly achieved each year: net of deadweight, attribution and displacement, after ramp-up and lag. Each outcome's cost is the intervention's whole cost (outcomes of one intervention share it).",
  };
  return [people, outcomes];
}

// ---------------------------------------------------------------------------------------------
// Rendering

/**
 * Report tables as plain text: each title, the aligned table, and its note.
 *
 * @example
 * ```ts
 * tablesText([{ title: "T", header: ["A", "B"], rows: [["x", "1"]], numeric: [false, true] }]); // "T\nA  B\nx  1\n"
 * ```
 */
export function tablesText(tables: readonly ReportTable[]): string {
  return tables.map((t) => `${t.title}\n${alignColumns([t.header, ...t.rows], t.numeric)}\n${t.note ? `${t.note}\n` : ""}`).join("\n");
}

/**
 * Report tables as Markdown: a bold title, the table, and its note in italics.
 *
 * @example
 * ```ts
 * tablesMarkdown([{ title: "T", header: ["A"], rows: [["x"]], numeric: [false] }]); // "**T**\n\n| A |\n| :-- |\n| x |\n"
 * ```
 */
export function tablesMarkdown(tables: readonly ReportTable[]): string {
  const esc = (s: string) => s.replace(/([\\*_`[\]])/g, "\\$1");
  return tables.map((t) => `**${esc(t.title)}**\n\n${markdownTable(t.header, t.rows, t.numeric)}\n${t.note ? `\n_${esc(t.note)}_\n` : ""}`).join("\n");
}

/** A numeric cell as shown ("−£1,234", "3,911.25") back to a plain number for data tools; other text as it is. */
function plain(cell: string): string | number {
  const s = cell.replace(/[£,]/g, "").replace(/^−/, "-");
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : cell;
}

/**
 * Report tables as one CSV: a `table` column naming each table, then its header's columns;
 * numeric columns as plain numbers (in the unit their header names).
 *
 * @example
 * ```ts
 * tablesCsv([{ title: "T", header: ["A", "B £"], rows: [["x", "−1,234"]], numeric: [false, true] }]); // "table,A,B £\r\nT,x,-1234\r\n"
 * ```
 */
export function tablesCsv(tables: readonly ReportTable[]): string {
  return tables
    .map((t) =>
      toCsv(
        ["table", ...t.header],
        t.rows.map((r) => [t.title, ...r.map((c, i) => (t.numeric[i] ? plain(c) : c))]),
      ),
    )
    .join("\r\n");
}
