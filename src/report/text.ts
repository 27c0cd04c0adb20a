import type { Appraisal } from "../appraise";
import { basisWords, tableColumns } from "./columns";
import { summaryRows, type MoneyUnit } from "./summary";
import { horizonWords, penaltyStatements } from "./words";
import { displayText } from "./safe";

/** Options for {@link formatAppraisalTable}. */
export interface TextTableOptions {
  /** Money unit (default whole pounds). Columns of agencies add up to the system row. */
  unit?: MoneyUnit;
  /** Leave out the plain-words findings under the tables (default false). */
  omitFindings?: boolean;
  /** Wrap the findings at this many columns (default: the tables' width, at least 80; 0 = no wrapping). */
  width?: number;
}

/**
 * Wraps text at `width` columns, breaking at spaces, with later lines indented by `hang` spaces.
 *
 * @example
 * ```ts
 * wrapText("- one two three", 9, 2); // "- one two\n  three"
 * ```
 */
export function wrapText(text: string, width: number, hang = 0): string {
  if (width <= 0) return text;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    if (line.trim() && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = " ".repeat(hang) + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

/**
 * Aligns cells into a plain-text table: text columns left, numbers right, two spaces between.
 *
 * @example
 * ```ts
 * alignColumns([["Party", "NPV"], ["Police", "665,797"]], [false, true]);
 * // "Party       NPV\nPolice  665,797"
 * ```
 */
export function alignColumns(rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const widths = numeric.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => {
          const pad = " ".repeat(widths[c]! - [...cell].length);
          return numeric[c] ? pad + cell : cell + pad;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * The appraisal as plain text for a terminal or an email: a heading with the basis (lens,
 * discounting, prices), then for each horizon a table of every agency and the whole system
 * (PV costs, PV savings, PV transfers, NPV, BCR, payback), agencies that lose while the system
 * gains flagged `(!)`, and the prevention penalty in plain words (wrapped to the tables' width). Model text is shown on one line
 * with control characters replaced (see {@link displayText}), so no name can move the cursor,
 * clear the screen or break a row.
 *
 * @example
 * ```ts
 * console.log(formatAppraisalTable(appraise(model, { horizons: [1, 5, 10] })));
 * ```
 */
export function formatAppraisalTable(result: Appraisal, options: TextTableOptions = {}): string {
  const unit = options.unit ?? "pounds";
  const columns = tableColumns(unit, " (!)");
  const rows = summaryRows(result, { unit });
  // Model text on one line, with no control characters: a name cannot move the cursor or break a row.
  const clean = (text: string) => displayText(text, { oneLine: true });
  const parts: string[] = [clean(result.title), basisWords(result), ""];
  let widest = 0;
  for (const h of result.horizons) {
    const mine = rows.filter((r) => r.horizon === h.years);
    const cells = [columns.map((c) => c.header), ...mine.map((r) => columns.map((c) => clean(c.cell(r))))];
    const table = alignColumns(
      cells,
      columns.map((c) => c.numeric),
    ).split("\n");
    const width = Math.max(...table.map((l) => l.length));
    widest = Math.max(widest, width);
    // A rule above the public-sector and whole-system rows, which sum the agency rows above them.
    table.splice(table.length - 2, 0, "-".repeat(width));
    parts.push(horizonWords(h.years, result.years), ...table, "");
  }
  if (rows.some((r) => r.incentiveGap)) parts.push("(!) loses while the whole system gains: the prevention penalty.", "");
  if (!options.omitFindings) {
    const wrapAt = options.width ?? Math.max(80, widest);
    for (const s of penaltyStatements(result)) parts.push(wrapText(`- ${clean(s)}`, wrapAt, 2));
  }
  return `${parts.join("\n").trimEnd()}\n`;
}
