import type { TopLevelSpec } from "vega-lite";
import type { Appraisal } from "../appraise";
import { basisWords } from "./columns";
import { annualCashflowSpec, cumulativePositionSpec, incentiveGapSpec } from "./charts/specs";
import { distributionSpec, tornadoSpec, type TornadoChartInput } from "./charts/uncertainty";
import { renderSvg } from "./charts/svg";
import { assumptionsHtml, dealsHtml, escapeHtml, headlineHtml, horizonTablesHtml, simulationTableHtml, type SimulatedParty } from "./html-parts";
import { REPORT_CSS } from "./html-style";
import { financialCaseHtml, optionsHtml, unitMetricsHtml } from "./economic-html";
import type { FinancialCase, UnitMetrics } from "../appraise";
import type { OptionsAppraisal } from "../options";
import { penaltyStatements } from "./words";

/** What the report shows besides the appraisal itself. */
export interface ReportInput {
  appraisal: Appraisal;
  /** The model's description, shown above the assumptions register. */
  description?: string;
  /** One-way sensitivity, drawn as a tornado chart. */
  tornado?: TornadoChartInput;
  /** Monte Carlo results: simulated NPVs per party (the first with draws is charted) and how they were made. */
  simulation?: { parties: readonly SimulatedParty[]; note: string };
  /** Options against business as usual, with their Appraisal Summary Tables. */
  options?: OptionsAppraisal;
  /** The financial case (cash by budget and year). */
  financial?: FinancialCase;
  /** Cost per participant and per outcome. */
  unitMetrics?: UnitMetrics;
}

/** The browser builds of vega, vega-lite and vega-embed, inlined to make the charts interactive. */
export interface ChartScripts {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

/** Options for {@link buildReportHtml}. */
export interface ReportOptions {
  /**
   * Inline these browser bundles so the charts become interactive (tooltips) in the browser.
   * Without them the page shows the pre-rendered SVG charts only. Either way it needs no network.
   */
  scripts?: ChartScripts;
  /** A line for the footer, e.g. when and from which file the report was made. */
  footer?: string;
}

/** A chart in the report: its id, spec and pre-rendered SVG. */
export interface ReportChart {
  id: string;
  spec: TopLevelSpec;
}

/**
 * The charts a report shows for its input, in order: the tornado and the Monte Carlo
 * distribution only when the input has them.
 *
 * @example
 * ```ts
 * reportCharts({ appraisal: result }).map((c) => c.id); // ["cashflow", "cumulative", "incentive-gap"]
 * ```
 */
export function reportCharts(input: ReportInput): ReportChart[] {
  const a = input.appraisal;
  const charts: ReportChart[] = [
    { id: "cashflow", spec: annualCashflowSpec(a) },
    { id: "cumulative", spec: cumulativePositionSpec(a) },
    { id: "incentive-gap", spec: incentiveGapSpec(a) },
  ];
  if (input.tornado?.bars.length) charts.push({ id: "tornado", spec: tornadoSpec(input.tornado) });
  const first = input.simulation?.parties.find((p) => p.draws && p.draws.length > 0);
  if (first?.draws) charts.push({ id: "distribution", spec: distributionSpec({ party: first.party, draws: first.draws, summary: first }) });
  return charts;
}

/** JSON safe to place inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A library bundle safe to place inside a <script> element. */
function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

// Replaces each chart's static SVG with an interactive vega-embed view; marks success on the figure.
const EMBED = `
document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
  var spec = JSON.parse(document.getElementById("spec-" + figure.id).textContent);
  var target = figure.querySelector(".chart-body");
  vegaEmbed(target, spec, { renderer: "svg", actions: false, tooltip: true }).then(function () {
    figure.setAttribute("data-rendered", "interactive");
  }).catch(function (error) {
    console.error("chart " + figure.id + " could not be drawn: " + error);
  });
});`;

/**
 * Builds the HTML report as one self-contained page (no network needed to view it): the
 * headline figures, the prevention penalty in plain words, a per-agency table for each horizon,
 * before/after deals when the appraisal has deals, the charts (annual cashflow by agency,
 * cumulative discounted position with paybacks, the incentive gap by horizon, and — when given —
 * a tornado and the Monte Carlo distribution), and the assumptions register.
 *
 * Every chart is pre-rendered to SVG, so it shows without JavaScript; pass `scripts` to make
 * them interactive as well. Portable: returns a string, writes nothing.
 *
 * @example
 * ```ts
 * const html = await buildReportHtml({ appraisal: result, description: model.description });
 * html.startsWith("<!doctype html>"); // true
 * html.includes("County council");    // true
 * ```
 */
export async function buildReportHtml(input: ReportInput, options: ReportOptions = {}): Promise<string> {
  const a = input.appraisal;
  const charts = reportCharts(input);
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec)));
  const figure = (c: ReportChart, i: number) =>
    `<figure class="chart" id="${c.id}" data-chart data-rendered="static"><div class="chart-body">${svgs[i]}</div><script type="application/json" id="spec-${c.id}">${scriptJson(c.spec)}</script></figure>`;
  const byId = (id: string) => {
    const i = charts.findIndex((c) => c.id === id);
    return i < 0 ? "" : figure(charts[i]!, i);
  };
  const penalty = penaltyStatements(a);
  const uncertainty =
    input.tornado || input.simulation
      ? `<section id="uncertainty"><h2>Uncertainty</h2>${byId("tornado")}${input.simulation ? simulationTableHtml(input.simulation.parties, input.simulation.note) : ""}${byId("distribution")}</section>`
      : "";
  const scripts = options.scripts
    ? [options.scripts.vega, options.scripts.vegaLite, options.scripts.vegaEmbed, EMBED].map((s) => `<script>${scriptText(s)}</script>`).join("\n")
    : "";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(a.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(a.title)}</h1><p class="basis">${escapeHtml(basisWords(a))}</p></header>
<section id="headline"><h2>Headline</h2>${headlineHtml(a)}</section>
<section id="penalty"><h2>Who pays and who saves</h2><ul class="findings">${penalty.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul></section>
<section id="agencies"><h2>Each agency at each horizon</h2><p>Present values in £. Agency figures are rounded so that each column adds up to the whole-system row. Highlighted rows lose while the whole system gains: the prevention penalty.</p>${horizonTablesHtml(a)}</section>
${dealsHtml(a)}
${input.options?.options.length ? optionsHtml(input.options) : ""}${input.financial ? financialCaseHtml(input.financial) : ""}${input.unitMetrics ? unitMetricsHtml(input.unitMetrics) : ""}
<section id="charts"><h2>Charts</h2>${byId("cashflow")}${byId("cumulative")}${byId("incentive-gap")}</section>
${uncertainty}
${assumptionsHtml(a, input.description)}
<footer>Made with invest-to-save.${options.footer ? ` ${escapeHtml(options.footer)}` : ""}</footer>
</main>
${scripts}
</body>
</html>
`;
}
