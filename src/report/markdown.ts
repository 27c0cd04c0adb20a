import type { Appraisal } from "../appraise";
import { basisWords, tableColumns } from "./columns";
import { summaryRows, type MoneyUnit } from "./summary";
import { horizonWords, penaltyStatements } from "./words";
import { markdownText } from "./safe";

/** Options for {@link appraisalMarkdown}. */
export interface MarkdownOptions {
  /** Money unit (default whole pounds). Columns of agencies add up to the system row. */
  unit?: MoneyUnit;
  /** Leave out the plain-words findings (default false). */
  omitFindings?: boolean;
}

/**
 * A GitHub-flavoured Markdown table from a header and rows; numeric columns are right-aligned.
 * Cells are text: markup, pipes and line breaks in them are escaped (see {@link markdownText}).
 *
 * @example
 * ```ts
 * markdownTable(["Party", "NPV"], [["Police", "665,797"]], [false, true]);
 * // "| Party | NPV |\n| :-- | --: |\n| Police | 665,797 |"
 * ```
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[] = []): string {
  return rawTable(
    header.map(markdownText),
    rows.map((r) => r.map(markdownText)),
    numeric,
  );
}

/** A table from cells already written as Markdown. */
function rawTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const rule = `| ${header.map((_, i) => (numeric[i] ? "--:" : ":--")).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * A Markdown summary of an appraisal for pasting into papers: the basis, one table per horizon
 * (every agency and the whole system, with the system row in bold), and the prevention penalty
 * in plain words. Agency figures are rounded so that each column adds up to the system figure.
 * Model text (title, names, findings) is escaped: it shows as written, never as markup.
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
  const parts = [`## ${markdownText(result.title)}`, "", `*${markdownText(basisWords(result))}*`, ""];
  for (const h of result.horizons) {
    const mine = rows.filter((r) => r.horizon === h.years);
    const body = mine.map((r) => {
      const cells = columns.map((c) => markdownText(c.cell(r)));
      return r.party === "system" || r.party === "public-sector" ? cells.map((c) => (c ? `**${c}**` : c)) : cells;
    });
    const title = horizonWords(h.years, result.years);
    parts.push(
      `### ${title}`,
      "",
      rawTable(
        columns.map((c) => markdownText(c.header)),
        body,
        columns.map((c) => c.numeric),
      ),
      "",
    );
  }
  if (rows.some((r) => r.incentiveGap)) parts.push("⚠ loses while the whole system gains: the prevention penalty.", "");
  if (!options.omitFindings) parts.push(...penaltyStatements(result).map((s) => `- ${markdownText(s)}`), "");
  parts.push(
    "Agency figures are rounded so that each column adds up to the whole-system figure (largest-remainder rounding); the public sector is the sum of the public bodies' rows.",
  );
  return `${parts.join("\n")}\n`;
}
