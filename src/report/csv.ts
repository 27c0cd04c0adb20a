import type { Appraisal } from "../appraise";
import { fixed } from "./columns";
import { summaryRows, type MoneyUnit } from "./summary";
import type { TidyRow } from "./tidy";
import { csvText } from "./safe";

type Cell = string | number | boolean | null;

/**
 * Writes CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line
 * breaks quoted and quotes doubled) with a header row. Empty cells for null; booleans as
 * `true`/`false`. Text that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
 * `@`, a tab or a line break) is written with a leading apostrophe so that it opens as text (see
 * {@link csvText}); numbers, and text that is a plain number, are written as they are. (Written
 * here rather than with csv-stringify: its Node build touches `Buffer` as it loads, which breaks
 * the core in a browser, and its browser build would add a Buffer polyfill to every app's bundle.
 * test/report-tables.test.ts reads the output back with csv-parse.)
 *
 * @example
 * ```ts
 * toCsv(["label", "amount"], [["Set-up, year 0", -262500]]); // 'label,amount\r\n"Set-up, year 0",-262500\r\n'
 * toCsv(["agency"], [["=1+1"]]);                             // "agency\r\n'=1+1\r\n"
 * ```
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((record) => `${record.map(csvField).join(",")}\r\n`).join("");
}

function csvField(cell: Cell): string {
  const text = cell === null ? "" : typeof cell === "string" ? csvText(cell) : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const TIDY_COLUMNS: [string, keyof TidyRow][] = [
  ["agency", "agency"],
  ["agency_name", "agencyName"],
  ["budget", "budget"],
  ["year", "year"],
  ["financial_year", "financialYear"],
  ["line", "line"],
  ["label", "label"],
  ["kind", "kind"],
  ["lens", "lens"],
  ["cashable", "cashable"],
  ["category", "category"],
  ["intervention", "intervention"],
  ["price_base", "priceBase"],
  ["amount", "amount"],
  ["discount_schedule", "discount"],
  ["discount_factor", "discountFactor"],
  ["present_value", "presentValue"],
  ["source", "source"],
];

/**
 * Tidy ledger rows (see `tidyRows`) as CSV, one row per agency × budget × year × line, with
 * snake_case headers for data tools (R, pandas, Power BI).
 *
 * @example
 * ```ts
 * const csv = tidyCsv(tidyRows(ledger, appraiseLedger(ledger)));
 * ```
 */
export function tidyCsv(rows: readonly TidyRow[]): string {
  return toCsv(
    TIDY_COLUMNS.map(([h]) => h),
    rows.map((r) => TIDY_COLUMNS.map(([, k]) => r[k])),
  );
}

/**
 * The appraisal summary as CSV: one row per horizon × party (each agency, then `system`), money
 * rounded to the unit (pence by default) so that each column of agencies adds up to the system
 * row; ratios to 6 places; payback as appraisal year and financial year (empty when none).
 *
 * @example
 * ```ts
 * const csv = summaryCsv(appraise(model));
 * ```
 */
export function summaryCsv(result: Appraisal, options: { unit?: MoneyUnit } = {}): string {
  const unit = options.unit ?? "pence";
  const places = unit === "pence" ? 2 : 0;
  const header = [
    "horizon",
    "party",
    "name",
    "position",
    "pv_costs",
    "pv_savings",
    "pv_transfers",
    "npv",
    "bcr",
    "roi",
    "payback_year",
    "payback_financial_year",
    "discounted_payback_year",
    "discounted_payback_financial_year",
    "irr",
    "incentive_gap",
  ];
  const rows = summaryRows(result, { unit }).map((r) => [
    r.horizon,
    r.party,
    r.name,
    r.position,
    fixed(r.pvCosts, places),
    fixed(r.pvSavings, places),
    fixed(r.pvTransfers, places),
    fixed(r.npv, places),
    r.bcr === null ? null : fixed(r.bcr, 6),
    r.roi === null ? null : fixed(r.roi, 6),
    r.paybackYear,
    r.paybackFinancialYear,
    r.discountedPaybackYear,
    r.discountedPaybackFinancialYear,
    r.irr === null ? null : Number(r.irr.toPrecision(12)),
    r.incentiveGap,
  ]);
  return toCsv(header, rows);
}
