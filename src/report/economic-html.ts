import type { FinancialCase, UnitMetrics } from "../appraise";
import type { OptionsAppraisal } from "../options";
import { financialCaseTables, optionsTables, unitMetricsTables, type ReportTable } from "./economic";
import { escapeHtml } from "./html-parts";

/** One report table as HTML: a heading, the table (totals rows set apart), and its note. */
function tableHtml(t: ReportTable, level: "h3" | "h4" = "h3"): string {
  const head = t.header.map((h, i) => `<th${t.numeric[i] ? ' class="num"' : ""}>${escapeHtml(h)}</th>`).join("");
  const body = t.rows
    .map((r) => {
      const total = r[0] === "Public sector" || r[0] === "All organisations" || r[0] === "Range";
      return `<tr${total ? ' class="system"' : ""}>${r.map((c, i) => `<td${t.numeric[i] ? ' class="num"' : ""}>${escapeHtml(c)}</td>`).join("")}</tr>`;
    })
    .join("");
  return `<${level}>${escapeHtml(t.title)}</${level}><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ""}`;
}

/**
 * The options section of the HTML report: the ranking against business as usual, then each
 * option's Appraisal Summary Table.
 *
 * @example
 * ```ts
 * const m = { ...model, options: [{ id: "no-evaluation", name: "Drop the evaluation", remove: { costs: ["evaluation"] } }] };
 * optionsHtml(appraiseOptions(m)).startsWith('<section id="options">'); // true
 * ```
 */
export function optionsHtml(r: OptionsAppraisal): string {
  const [ranking, ...ast] = optionsTables(r);
  const perOption = ast.length / Math.max(1, r.options.length);
  const parts = r.options.map((o, k) => {
    const tables = ast
      .slice(k * perOption, (k + 1) * perOption)
      .map((t, i) => tableHtml(i === 0 ? { ...t, title: t.title.replace(/^.*\. (Value for money)$/, "$1") } : t, "h4"));
    return `<article class="ast"><h3>Appraisal Summary Table: ${escapeHtml(o.name)}</h3>${o.description ? `<p>${escapeHtml(o.description)}</p>` : ""}<p class="basis">Against business as usual, ${escapeHtml(r.horizonLabel)}, present values at ${escapeHtml(r.priceBase)} prices.</p>${tables.join("")}</article>`;
  });
  return `<section id="options"><h2>Options against business as usual</h2>${tableHtml(ranking!)}${parts.join("")}</section>`;
}

/**
 * The financial-case section of the HTML report: cash by budget and year, spend, receipts, and
 * funding against availability.
 *
 * @example
 * ```ts
 * financialCaseHtml(financialCase(model)).includes("Families grant (time-limited)"); // true
 * ```
 */
export function financialCaseHtml(fc: FinancialCase): string {
  return `<section id="financial"><h2>Financial case: affordability</h2><p>What each organisation's budgets pay and receive in cash of each year, undiscounted, beside the economic case above (real, discounted).</p>${financialCaseTables(
    fc,
  )
    .map((t) => tableHtml(t))
    .join("")}</section>`;
}

/**
 * The unit-metrics section of the HTML report: cost per participant and cost per outcome.
 *
 * @example
 * ```ts
 * unitMetricsHtml(unitMetrics(model)).includes("Cost per participant"); // true
 * ```
 */
export function unitMetricsHtml(u: UnitMetrics): string {
  return `<section id="unit-metrics"><h2>Unit metrics</h2>${unitMetricsTables(u)
    .map((t) => tableHtml(t))
    .join("")}</section>`;
}
