import type { Appraisal } from "../appraise";
import { basisWords, tableColumns } from "./columns";
import { summaryRows, type MoneyUnit } from "./summary";
import { horizonWords, penaltyStatements } from "./words";

/** Options for {@link appraisalMarkdown}. */
export interface MarkdownOptions {
  /** Money unit (default whole pounds). Columns of agencies add up to the system row. */
  unit?: MoneyUnit;
  /** Leave out the plain-words findings (default false). */
  omitFindings?: boolean;
}

/** Escapes text for a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/**
 * A GitHub-flavoured Markdown table from a header and rows; numeric columns are right-aligned.
 *
 * @example
 * ```ts
 * markdownTable(["Party", "NPV"], [["Police", "665,797"]], [false, true]);
 * // "| Party | NPV |\n| :-- | --: |\n| Police | 665,797 |"
 * ```
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `| ${header.map((_, i) => (numeric[i] ? "--:" : ":--")).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * A Markdown summary of an appraisal for pasting into papers: the basis, one table per horizon
 * (every agency and the whole system, with the system row in bold), and the prevention penalty
 * in plain words. Agency figures are rounded so that each column adds up to the system figure.
 *
 * @example
 * ```ts
 * const md = appraisalMarkdown(appraise(model), { unit: "thousands" });
 * ```
 */
export function appraisalMarkdown(result: Appraisal, options: MarkdownOptions = {}): string {
  const unit = options.unit ?? "pounds";
  const columns = tableColumns(unit);
  const rows = summaryRows(result, { unit });
  const parts = [`## ${cell(result.title)}`, "", `*${basisWords(result)}*`, ""];
  for (const h of result.horizons) {
    const mine = rows.filter((r) => r.horizon === h.years);
    const body = mine.map((r) => {
      const cells = columns.map((c) => c.cell(r));
      return r.party === "system" || r.party === "public-sector" ? cells.map((c) => (c ? `**${c}**` : c)) : cells;
    });
    const title = horizonWords(h.years, result.years);
    parts.push(`### ${title}`, "", markdownTable(columns.map((c) => c.header), body, columns.map((c) => c.numeric)), "");
  }
  if (rows.some((r) => r.incentiveGap)) parts.push("⚠ loses while the whole system gains: the prevention penalty.", "");
  if (!options.omitFindings) parts.push(...penaltyStatements(result).map((s) => `- ${s}`), "");
  parts.push("Agency figures are rounded so that each column adds up to the whole-system figure (largest-remainder rounding); the public sector is the sum of the public bodies' rows.");
  return `${parts.join("\n")}\n`;
}
