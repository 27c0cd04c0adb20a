import { toDecimal, type Decimal } from "../money";
import type { Appraisal } from "../appraise";
import { positionWords, type MoneyUnit, type SummaryRow } from "./summary";

/**
 * Money with thousands separators in the given unit, no currency sign: `1,234,567` for pounds,
 * `1,234.57` for pence, `1,235` (thousands) for `"thousands"`; negatives with a minus sign (−).
 *
 * @example
 * ```ts
 * formatAmount(new Decimal("-1480748.29"), "pounds"); // "−1,480,748"
 * ```
 */
export function formatAmount(value: Decimal, unit: MoneyUnit): string {
  const scaled = unit === "thousands" ? value.div(1000) : unit === "millions" ? value.div(1e6) : value;
  const places = unit === "pence" ? 2 : unit === "millions" ? 1 : 0;
  const fixed = scaled.abs().toFixed(places);
  const [whole = "0", frac] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = scaled.isNegative() && !/^[0.]+$/.test(fixed);
  return `${negative ? "−" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/**
 * A Decimal as fixed-point text, never "-0.00": a value that rounds to zero is written unsigned.
 *
 * @example
 * ```ts
 * fixed(new Decimal("-0.001"), 2); // "0.00"
 * ```
 */
export function fixed(value: Decimal, places: number): string {
  const text = value.toFixed(places);
  return /^-[0.]+$/.test(text) ? text.slice(1) : text;
}

/** The heading word for a money unit: "£", "£k", "£m". */
export function unitHeading(unit: MoneyUnit): string {
  return unit === "thousands" ? "£k" : unit === "millions" ? "£m" : "£";
}

/** A ratio for tables (2 places), or "n/a" when undefined (no costs). */
export function formatRatio(value: Decimal | null): string {
  return value === null ? "n/a" : fixed(toDecimal(value), 2);
}

/**
 * A payback cell: the financial year; "never" when there is no payback within the horizon;
 * "n/a" for a party with no costs whose position is never negative (nothing to pay back).
 */
export function formatPayback(row: SummaryRow): string {
  if (row.paybackYear === 0 && row.pvCosts.isZero()) return "n/a";
  return row.paybackFinancialYear ?? "never";
}

/** The columns shared by the text and Markdown tables: header and cell text. */
export function tableColumns(unit: MoneyUnit, flag = " ⚠"): { header: string; numeric: boolean; cell: (r: SummaryRow) => string }[] {
  const u = unitHeading(unit);
  return [
    { header: "Party", numeric: false, cell: (r) => r.name },
    { header: "Position", numeric: false, cell: (r) => (r.incentiveGap ? `${positionWords(r.position)}${flag}` : positionWords(r.position)) },
    { header: `PV costs ${u}`, numeric: true, cell: (r) => formatAmount(r.pvCosts, unit) },
    { header: `PV savings ${u}`, numeric: true, cell: (r) => formatAmount(r.pvSavings, unit) },
    { header: `PV transfers ${u}`, numeric: true, cell: (r) => formatAmount(r.pvTransfers, unit) },
    { header: `NPV ${u}`, numeric: true, cell: (r) => formatAmount(r.npv, unit) },
    { header: "BCR", numeric: true, cell: (r) => formatRatio(r.bcr) },
    { header: "Payback", numeric: false, cell: formatPayback },
  ];
}

/** "Fiscal lens · Green Book STPR, end-of-year · 2025-26 prices, present values at 2025-26". */
export function basisWords(a: Pick<Appraisal, "lens" | "cashableOnly" | "discount" | "timing" | "priceBase" | "baseYear">): string {
  const d = a.discount;
  const discount =
    d === "stpr"
      ? "Green Book STPR"
      : d === "stpr-health"
        ? "Green Book STPR (health)"
        : Array.isArray(d)
          ? "custom discount bands"
          : `discount rate ${toDecimal((d as { rate: Decimal | number | string }).rate)
              .times(100)
              .toString()}%`;
  const lens = `${a.lens[0]!.toUpperCase()}${a.lens.slice(1)} lens${a.cashableOnly ? " (cashable only)" : ""}`;
  return `${lens} · ${discount}, ${a.timing === "mid" ? "mid-year" : "end-of-year"} · ${a.priceBase} prices, present values at ${a.baseYear}`;
}
