/**
 * The end-to-end fuzz: mutated model files (test/helpers/fuzz.ts: unknown union members, wrong
 * types at every path, huge and tiny numbers, deletions, extra deals and distributions) go through
 * parse, appraise, simulate, sensitivity, scenarios, options, the financial case, unit metrics
 * and every output: the JSON, the summary CSV, the tidy ledger CSV, Markdown, the text table, the
 * economic-case tables, and (for one model in eight) the HTML report and the XLSX workbook. Each must end in a valid result or in path-named errors (InvalidModelError); nothing
 * else may be thrown, no output may show NaN, Infinity or undefined, and money must be conserved
 * (agencies sum to the system, public bodies to the public sector, in the exact figures and in
 * what is written).
 *
 * Seeded, so a run is repeatable: FUZZ_SEED (default 17) picks the models, FUZZ_RUNS how many
 * (default 120, in about a minute on a busy machine). The deep run, done for issue 17:
 *
 *     FUZZ_RUNS=10000 npx vitest run test/fuzz.test.ts
 *
 * It prints how many models were valid, refused, and simulated, and how long it took.
 */
import { afterAll, describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import ExcelJS from "exceljs";
import {
  appraiseOptions,
  financialCase,
  financialCaseTables,
  optionsTables,
  tablesCsv,
  tablesMarkdown,
  tablesText,
  unitMetrics,
  unitMetricsTables,
  appraiseLedger,
  buildLedger,
  formatAppraisalTable,
  InvalidModelError,
  appraise,
  appraisalMarkdown,
  parseModel,
  runScenarios,
  sensitivity,
  simulate,
  sum,
  summaryCsv,
  summaryRows,
  tidyCsv,
  tidyRows,
  toJSON,
  type Model,
} from "../src";
import { buildReportHtml, tornadoChartInput } from "../src/entries/report";
import { buildWorkbook, type WorkbookOptions } from "../src/entries/xlsx";
import { simulationReportSection, simulationTable } from "../src/cli/simulate";
import { jsonConservationProblems } from "./helpers/conservation";
import { mutatedModel } from "./helpers/fuzz";
import { fuzzRuns } from "./helpers/runs";

const RUNS = fuzzRuns(120);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 17;

const stats = {
  models: 0,
  valid: 0,
  invalid: 0,
  simulated: 0,
  simulateRefused: 0,
  sensitivity: 0,
  options: 0,
  reports: 0,
  errors: 0,
  started: performance.now(),
};

/** Every string in a model file, longest first: model text is allowed to say "undefined". */
function stringsOf(doc: unknown, out = new Set<string>()): Set<string> {
  if (typeof doc === "string") out.add(doc);
  else if (Array.isArray(doc)) doc.forEach((v) => stringsOf(v, out));
  else if (doc && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      out.add(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/** Fails when an output shows NaN, Infinity or undefined anywhere outside the model's own text. */
function expectClean(what: string, text: string, modelText: readonly string[]): void {
  let rest = text;
  for (const s of modelText) if (s.length > 0 && /NaN|Infinity|undefined/.test(s)) rest = rest.split(s).join("");
  const bad = /NaN|Infinity|undefined/.exec(rest);
  expect(bad, `${what} shows "${bad?.[0]}" near: ${rest.slice(Math.max(0, (bad?.index ?? 0) - 80), (bad?.index ?? 0) + 40)}`).toBeNull();
}

/** Path-named errors: what InvalidModelError must carry. */
function expectPathNamed(errors: readonly { path: string; message: string }[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(typeof e.path).toBe("string");
    expect(typeof e.message).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
  }
}

/** Runs `f`; an InvalidModelError (path-named) is an answer, anything else thrown fails the test. */
function refusedOr<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof InvalidModelError)) throw e;
    expectPathNamed(e.errors);
    stats.errors += e.errors.length;
    return null;
  }
}

/** The exact appraisal conserves: agencies sum to the system and public bodies to the public sector. */
function expectConserved(model: Model, a: ReturnType<typeof appraise>): void {
  const isPublic = new Set(model.agencies.filter((x) => x.sector === "public").map((x) => x.id));
  for (const h of a.horizons) {
    for (const k of ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const) {
      const all = sum(Object.values(h.agencies).map((m) => m[k]));
      const pub = sum(
        Object.entries(h.agencies)
          .filter(([id]) => isPublic.has(id))
          .map(([, m]) => m[k]),
      );
      expect(all.minus(h.system[k]).abs().lt("0.000001"), `horizon ${h.years} ${k}: agencies ${all} vs system ${h.system[k]}`).toBe(true);
      expect(pub.minus(h.publicSector[k]).abs().lt("0.000001"), `horizon ${h.years} ${k}: public bodies ${pub} vs public sector ${h.publicSector[k]}`).toBe(
        true,
      );
    }
  }
  // The printed tables add up too: each column of agencies sums to the whole-system row.
  const rows = summaryRows(a);
  for (const h of a.horizons) {
    const at = rows.filter((r) => r.horizon === h.years);
    const agencies = at.filter((r) => r.party !== "system" && r.party !== "public-sector");
    const system = at.find((r) => r.party === "system")!;
    for (const k of ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const) expect(sum(agencies.map((r) => r[k])).equals(system[k])).toBe(true);
  }
}

async function expectCleanWorkbook(
  ledger: ReturnType<typeof buildLedger>,
  a: ReturnType<typeof appraise>,
  extras: WorkbookOptions,
  text: readonly string[],
): Promise<void> {
  const wb = await buildWorkbook(ledger, a, extras);
  const bytes = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes as ArrayBuffer);
  back.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        if (typeof v === "number") expect(Number.isFinite(v), `${sheet.name}!${cell.address}`).toBe(true);
        else if (typeof v === "string") expectClean(`${sheet.name}!${cell.address}`, v, text);
        else if (v && typeof v === "object" && "formula" in v) {
          const { formula, result } = v as { formula: string; result?: unknown };
          expectClean(`${sheet.name}!${cell.address} formula`, formula, text);
          if (typeof result === "number") expect(Number.isFinite(result)).toBe(true);
        }
      }),
    ),
  );
}

async function everything(doc: unknown, full: boolean): Promise<void> {
  stats.models++;
  const parsed = parseModel(doc);
  if (!parsed.ok) {
    stats.invalid++;
    expectPathNamed(parsed.errors);
    stats.errors += parsed.errors.length;
    expect(() => appraise(doc)).toThrow(InvalidModelError);
    return;
  }
  stats.valid++;
  const model = parsed.model;
  const text = [...stringsOf(model)].sort((x, y) => y.length - x.length);
  const ledger = buildLedger(model);
  const a = appraiseLedger(ledger);
  expectConserved(model, a);

  const json = toJSON(a);
  expectClean("JSON", JSON.stringify(json), text);
  expect(jsonConservationProblems(json)).toEqual([]);
  expectClean("text table", formatAppraisalTable(a), text);
  expectClean("summary CSV", summaryCsv(a), text);
  expectClean("Markdown", appraisalMarkdown(a), text);
  expectClean("tidy CSV", tidyCsv(tidyRows(ledger, a)), text);
  expectClean("tidy JSON", JSON.stringify(toJSON(tidyRows(ledger, a))), text);

  // The economic and financial case: options against business as usual, the financial case and
  // unit metrics, as JSON and as tables (text, CSV, Markdown).
  const financial = financialCase(ledger);
  const units = unitMetrics(ledger);
  const options = model.options.length > 0 ? refusedOr(() => appraiseOptions(model)) : null;
  if (options) stats.options++;
  const tables = [...(options ? optionsTables(options) : []), ...financialCaseTables(financial), ...unitMetricsTables(units)];
  expectClean("economic case JSON", JSON.stringify(toJSON({ ...(options ? { options } : {}), financial, unitMetrics: units })), text);
  expectClean("economic case tables", tablesText(tables) + tablesCsv(tables) + tablesMarkdown(tables), text);

  let simulation: ReturnType<typeof simulationReportSection> | undefined;
  let tornado: ReturnType<typeof tornadoChartInput> | undefined;
  if (model.uncertainty?.distributions && Object.keys(model.uncertainty.distributions).length > 0) {
    const mc = refusedOr(() => simulate(model, { draws: 48, seed: 3, keepDraws: full }));
    if (mc) {
      stats.simulated++;
      expectClean("simulation JSON", JSON.stringify(toJSON(mc)), text);
      expectClean("simulation table", simulationTable(mc), text);
      if (full) simulation = simulationReportSection(mc, a, model);
    } else stats.simulateRefused++;
    const t = refusedOr(() => sensitivity(model));
    if (t) {
      stats.sensitivity++;
      expectClean("sensitivity", JSON.stringify(toJSON(t)), text);
      if (full) tornado = tornadoChartInput(t, { model });
    }
  }
  if (model.uncertainty?.scenarios) {
    const s = refusedOr(() => runScenarios(model, model.uncertainty!.scenarios));
    if (s) expectClean("scenarios", JSON.stringify(toJSON(s)), text);
  }
  if (full) {
    stats.reports++;
    const html = await buildReportHtml({
      appraisal: a,
      ...(tornado ? { tornado } : {}),
      ...(simulation ? { simulation } : {}),
      ...(options ? { options } : {}),
      financial,
      unitMetrics: units,
    });
    expectClean("HTML report", html, text);
    await expectCleanWorkbook(ledger, a, { ...(options ? { optionsAppraisal: options } : {}), financialCase: financial, unitMetrics: units }, text);
  }
}

describe("fuzzing the boundary: mutated models through parse, appraise, simulate and every output", () => {
  afterAll(() => {
    const seconds = ((performance.now() - stats.started) / 1000).toFixed(0);
    console.log(
      `fuzz (seed ${SEED}): ${stats.models} models, ${stats.valid} valid and ${stats.invalid} refused (${stats.errors} path-named errors); ` +
        `${stats.simulated} simulated, ${stats.simulateRefused} simulations refused, ${stats.sensitivity} tornados, ${stats.options} options appraisals, ${stats.reports} HTML reports and workbooks; ${seconds} s`,
    );
    // Both branches must be exercised: mutated models are a mix of valid and refused files.
    expect(stats.valid).toBeGreaterThan(RUNS / 10);
    expect(stats.invalid).toBeGreaterThan(RUNS / 10);
  });
  test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: Math.ceil(RUNS / 2), seed: SEED })("random JSON is refused with path-named errors", (doc) =>
    everything(doc, false),
  );
  test.prop([mutatedModel, fc.integer({ min: 0, max: 7 })], { numRuns: RUNS, seed: SEED })(
    "mutated models: a valid result with clean, conserving outputs, or path-named errors",
    (doc, pick) => everything(doc, pick === 0),
    // The default run takes about a minute on a busy machine; a deep run about a second a model.
    Math.max(300_000, RUNS * 2_000),
  );
});
