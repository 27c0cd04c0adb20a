import { readFileSync } from "node:fs";
import { appraiseLedger, financialCase, toJSON, unitMetrics, type AppraiseOptions, type Appraisal } from "../appraise";
import { appraiseOptions as compareOptions, optionModel } from "../options";
import type { DiscountSchedule, Timing } from "../discount";
import { buildLedger, type Ledger } from "../ledger";
import { InvalidModelError, modelJsonSchema, type Lens, type Model } from "../model";
import {
  appraisalMarkdown,
  buildReportHtml,
  buildWorkbook,
  financialCaseTables,
  formatAppraisalTable,
  optionsTables,
  summaryCsv,
  tablesCsv,
  tablesMarkdown,
  tablesText,
  tidyCsv,
  tidyRows,
  tornadoChartInput,
  unitMetricsTables,
  type MoneyUnit,
  type ReportTable,
} from "../report";
import { sensitivity } from "../uncertainty";
import { chartScripts, explorerScript } from "./assets";
import { buildExplorerHtml } from "../report/explorer/html";
import { CliError, EXIT, formatModelErrors, readModelInput, writeOutput } from "./io";
import { buildModelWorkbook } from "../report/workbook-template";
import type { CliIo } from "./program";
import { runSimulation, simulationReportSection, simulationTable, type SimulateCliOptions } from "./simulate";

interface ModelOptions {
  horizons?: number[];
  lens?: Lens;
  cashableOnly?: boolean;
  discount?: DiscountSchedule;
  timing?: Timing;
}

function appraiseOptions(opts: ModelOptions): AppraiseOptions {
  return {
    ...(opts.horizons ? { horizons: opts.horizons } : {}),
    ...(opts.lens ? { lens: opts.lens } : {}),
    ...(opts.cashableOnly ? { cashableOnly: true } : {}),
    ...(opts.discount !== undefined ? { discount: opts.discount } : {}),
    ...(opts.timing ? { timing: opts.timing } : {}),
  };
}

async function load(file: string, opts: ModelOptions): Promise<{ model: Model; ledger: Ledger; appraisal: Appraisal }> {
  const model = await readModelInput(file);
  const ledger = buildLedger(model);
  return { model, ledger, appraisal: appraiseLedger(ledger, appraiseOptions(opts)) };
}

/** `validate`: a one-line summary of a valid model (problems are reported by `readModelInput`). */
export async function validateCommand(file: string, io: CliIo): Promise<void> {
  const model = await readModelInput(file);
  // Options' `set` overrides are input paths, checked when each option is built.
  const optionErrors = model.options.flatMap((o) => {
    try {
      optionModel(model, o.id);
      return [];
    } catch (e) {
      if (e instanceof InvalidModelError) return e.errors;
      throw e;
    }
  });
  if (optionErrors.length) throw new CliError(formatModelErrors(file, optionErrors), EXIT.invalidModel);
  const y = model.appraisal;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [
    count(model.agencies.length, "agency").replace(/agencys$/, "agencies"),
    count(model.interventions.length, "intervention"),
    count(model.costs.length, "cost"),
    count(model.outcomes.length, "outcome"),
    ...(model.options.length ? [count(model.options.length, "option")] : []),
  ];
  io.stdout.write(`valid: ${model.title} — ${parts.join(", ")}; base year ${y.baseYear}, horizons ${y.horizons.join(", ")}\n`);
}

/** What `appraise` can show beside (or instead of) the appraisal itself. */
interface EconomicCaseFlags {
  options?: boolean;
  mcDraws?: number;
  financial?: boolean;
  unitMetrics?: boolean;
}

/**
 * `appraise --options / --financial / --unit-metrics`: the options comparison with its Appraisal
 * Summary Tables, the financial case and unit metrics, in the format asked for.
 */
async function economicCaseOutput(
  file: string,
  opts: ModelOptions & EconomicCaseFlags & { format: "table" | "json" | "csv" | "md"; unit?: MoneyUnit },
): Promise<string> {
  const model = await readModelInput(file);
  const ledger = buildLedger(model);
  const options = opts.options
    ? compareOptions(model, {
        ...(opts.horizons ? { horizon: Math.max(...opts.horizons) } : {}),
        ...(opts.lens ? { lens: opts.lens } : {}),
        ...(opts.discount !== undefined ? { discount: opts.discount } : {}),
        ...(opts.timing ? { timing: opts.timing } : {}),
        ...(opts.mcDraws ? { monteCarlo: { draws: opts.mcDraws, seed: 1 } } : {}),
      })
    : null;
  if (options && options.options.length === 0)
    throw new CliError(`appraise --options: ${file} has no options (add "options" to the model; see docs/model.md)`, EXIT.usage);
  const financial = opts.financial ? financialCase(ledger) : null;
  const units = opts.unitMetrics ? unitMetrics(ledger) : null;
  if (opts.format === "json")
    return `${JSON.stringify(toJSON({ ...(options ? { options } : {}), ...(financial ? { financial } : {}), ...(units ? { unitMetrics: units } : {}) }), null, 2)}\n`;
  const unit = opts.unit ?? "pounds";
  const tables: ReportTable[] = [
    ...(options ? optionsTables(options) : []),
    ...(financial ? financialCaseTables(financial, { unit }) : []),
    ...(units ? unitMetricsTables(units) : []),
  ];
  if (opts.format === "csv") return tablesCsv(tables);
  if (opts.format === "md") return `# ${model.title}\n\n${tablesMarkdown(tables)}`;
  return `${model.title}\n\n${tablesText(tables)}`;
}

/** `appraise`: the appraisal as a table, JSON, CSV or Markdown on stdout. */
export async function appraiseCommand(
  file: string,
  opts: ModelOptions & EconomicCaseFlags & { format: "table" | "json" | "csv" | "md"; unit?: MoneyUnit },
  io: CliIo,
): Promise<void> {
  if (opts.mcDraws && !opts.options) throw new CliError("appraise: --mc-draws goes with --options", EXIT.usage);
  if (opts.options || opts.financial || opts.unitMetrics) {
    io.stdout.write(await economicCaseOutput(file, opts));
    return;
  }
  const { appraisal } = await load(file, opts);
  const out =
    opts.format === "json"
      ? `${JSON.stringify(toJSON(appraisal), null, 2)}\n`
      : opts.format === "csv"
        ? summaryCsv(appraisal, { unit: opts.unit ?? "pence" })
        : opts.format === "md"
          ? appraisalMarkdown(appraisal, { unit: opts.unit ?? "pounds" })
          : formatAppraisalTable(appraisal, { unit: opts.unit ?? "pounds" });
  io.stdout.write(out);
}

/** `simulate`: Monte Carlo summary as a table or JSON. */
export async function simulateCommand(file: string, opts: SimulateCliOptions & { format: "table" | "json" }, io: CliIo): Promise<void> {
  const model = await readModelInput(file);
  const result = await runSimulation(model, opts, io);
  io.stdout.write(opts.format === "json" ? `${JSON.stringify(toJSON(result), null, 2)}\n` : simulationTable(result));
}

/** `report`: the self-contained HTML report. */
export async function reportCommand(
  file: string,
  opts: ModelOptions & { out: string; static?: boolean; draws?: number; seed?: number; interactive?: boolean },
  io: CliIo,
): Promise<void> {
  if (opts.interactive) return explorerCommand(file, opts, io);
  const { model, ledger, appraisal } = await load(file, opts);
  const distributions = Object.keys(model.uncertainty?.distributions ?? {}).length;
  const tornado = distributions > 0 ? tornadoChartInput(sensitivity(model, undefined, appraiseOptions(opts)), { model }) : undefined;
  const simulation = opts.draws
    ? simulationReportSection(await runSimulation(model, { ...opts, draws: opts.draws, seed: opts.seed ?? 1, keepDraws: true }, io), appraisal, model)
    : undefined;
  const options = model.options.length ? compareOptions(model, opts.horizons ? { horizon: Math.max(...opts.horizons) } : {}) : undefined;
  const html = await buildReportHtml(
    {
      appraisal,
      ...(model.description ? { description: model.description } : {}),
      ...(tornado ? { tornado } : {}),
      ...(simulation ? { simulation } : {}),
      ...(options ? { options } : {}),
      financial: financialCase(ledger),
      unitMetrics: unitMetrics(ledger),
    },
    { ...(opts.static ? {} : { scripts: chartScripts() }), footer: `Model: ${file}.` },
  );
  writeOutput(opts.out, html);
  io.stderr.write(`wrote ${opts.out}\n`);
}

/** `report --interactive`: the live deal explorer, one self-contained page. */
async function explorerCommand(file: string, opts: ModelOptions & { out: string; static?: boolean; draws?: number }, io: CliIo): Promise<void> {
  if (opts.static || opts.draws)
    throw new CliError("report --interactive: the explorer recomputes in the page; it takes neither --static nor --draws", EXIT.usage);
  const model = await readModelInput(file);
  // "Copy as model JSON" gives back the model as its author wrote it, when that is a JSON file.
  let source: unknown = model;
  if (file !== "-" && !/\.xls[xm]$/i.test(file)) {
    try {
      source = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
    } catch {
      source = model;
    }
  }
  const html = buildExplorerHtml(source, {
    scripts: { ...chartScripts(), explorer: await explorerScript() },
    options: appraiseOptions(opts),
    footer: `Model: ${file}.`,
  });
  writeOutput(opts.out, html);
  io.stderr.write(`wrote ${opts.out} (the live deal explorer: open it in a browser)\n`);
}

/** `export`: XLSX workbook and tidy ledger rows. */
export async function exportCommand(
  file: string,
  opts: ModelOptions & { xlsx?: string; csv?: string; json?: string; exact?: boolean },
  io: CliIo,
): Promise<void> {
  if (!opts.xlsx && !opts.csv && !opts.json) throw new CliError("export: nothing to write; give --xlsx, --csv and/or --json (see --help)", EXIT.usage);
  const { ledger, appraisal } = await load(file, opts);
  if (opts.xlsx) {
    const model = ledger.plan.model;
    const extras = {
      ...(model.options.length ? { optionsAppraisal: compareOptions(model, opts.horizons ? { horizon: Math.max(...opts.horizons) } : {}) } : {}),
      financialCase: financialCase(ledger),
      unitMetrics: unitMetrics(ledger),
    };
    const bytes = await (await buildWorkbook(ledger, appraisal, extras)).xlsx.writeBuffer();
    writeOutput(opts.xlsx, new Uint8Array(bytes as ArrayBuffer));
    io.stderr.write(`wrote ${opts.xlsx}\n`);
  }
  const rows = opts.csv || opts.json ? tidyRows(ledger, appraisal, { exact: opts.exact ?? false }) : [];
  if (opts.csv) {
    writeOutput(opts.csv, tidyCsv(rows));
    io.stderr.write(`wrote ${opts.csv}\n`);
  }
  if (opts.json) {
    writeOutput(opts.json, `${JSON.stringify(toJSON(rows), null, 2)}\n`);
    io.stderr.write(`wrote ${opts.json}\n`);
  }
}

/** `schema`: the model file's JSON Schema. */
export function schemaCommand(io: CliIo): void {
  io.stdout.write(`${JSON.stringify(modelJsonSchema(), null, 2)}\n`);
}

/**
 * `template`: the fill-in model workbook — the worked example to replace, or (with `--from`) an
 * existing model (JSON or workbook) laid out the same way.
 */
export async function templateCommand(opts: { xlsx: string; from?: string; years?: number }, io: CliIo): Promise<void> {
  let source: unknown;
  if (opts.from) {
    const model = await readModelInput(opts.from);
    // Write the model as its author wrote it (defaults left blank), when it is a JSON file.
    source = /\.json$/i.test(opts.from) ? JSON.parse(readFileSync(opts.from, "utf8").replace(/^\uFEFF/, "")) : model;
  }
  const built = await buildModelWorkbook(source, opts.years ? { years: opts.years } : {});
  if (!built.ok) throw new CliError(formatModelErrors(opts.from ?? "template", built.errors), EXIT.invalidModel);
  const bytes = await built.workbook.xlsx.writeBuffer();
  writeOutput(opts.xlsx, new Uint8Array(bytes as ArrayBuffer));
  io.stderr.write(`wrote ${opts.xlsx}${opts.from ? ` (from ${opts.from})` : " (a worked example: replace its rows with your own)"}\n`);
}
