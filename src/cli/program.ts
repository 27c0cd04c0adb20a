import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { InvalidModelError } from "../model";
import { appraiseCommand, exportCommand, reportCommand, schemaCommand, simulateCommand, templateCommand, validateCommand } from "./actions";
import type { DiscountSchedule } from "../discount";
import { CliError, EXIT } from "./io";
import { VERSION } from "./version";

/** Where the CLI writes: stdout for results, stderr for messages and the progress bar. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

function horizonsOption(value: string): number[] {
  const parts = value.split(",").map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) throw new InvalidArgumentError("expected whole numbers of years separated by commas, e.g. 1,5,10");
  return parts.map(Number);
}

function positiveInt(name: string, min = 1) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value)))
      throw new InvalidArgumentError(`expected a whole number ≥ ${min} for ${name}`);
    return Number(value);
  };
}

const EXAMPLES = `
Examples:
  $ invest-to-save validate examples/family-support.json
  $ invest-to-save appraise examples/family-support.json --horizons 1,5,10
  $ invest-to-save appraise examples/family-support.json --format csv > summary.csv
  $ invest-to-save appraise examples/cases/cheshire-west.json --discount 0 --horizons 4
  $ invest-to-save appraise examples/options.json --options
  $ invest-to-save appraise examples/family-support.json --financial --unit thousands
  $ invest-to-save simulate examples/family-support.json --draws 10000 --seed 42 --workers 2
  $ invest-to-save report examples/family-support.json --out report.html
  $ invest-to-save report examples/family-support.json --interactive --out explorer.html
  $ invest-to-save export examples/family-support.json --xlsx appraisal.xlsx --csv ledger.csv
  $ invest-to-save schema > model.schema.json
  $ invest-to-save template --xlsx model.xlsx
  $ invest-to-save template --xlsx family-support.xlsx --from examples/family-support.json
  $ invest-to-save appraise model.xlsx

A model is a JSON file or a model workbook (.xlsx, as \`template\` writes it): every command takes either.

Exit codes: 0 ok, 1 invalid model (each problem on stderr with its JSON path, and a workbook's cell), 2 usage.`;

/** `--discount stpr | stpr-health | <rate>`: "0" appraises undiscounted, "0.035" at a flat 3.5%. */
function discountOption(value: string): DiscountSchedule {
  const v = value.trim();
  if (v === "stpr" || v === "stpr-health") return v;
  if (/^-?\d+(\.\d+)?$/.test(v) && Number(v) > -1 && Number(v) < 1) return { rate: v };
  throw new InvalidArgumentError('expected "stpr", "stpr-health" or a rate such as 0.035 (0 for undiscounted)');
}

const discountOptions = (command: Command) =>
  command
    .addOption(
      new Option(
        "--discount <schedule>",
        'discounting: "stpr", "stpr-health", or a flat rate such as 0.035 (0 = undiscounted); default: the model\'s',
      ).argParser(discountOption),
    )
    .addOption(new Option("--timing <timing>", "when in each year flows happen (default: the model's)").choices(["end", "mid"]));

const lensOption = () =>
  new Option("--lens <lens>", "which flows count: fiscal (public budgets), economic (+ earnings, GVA), social (everything)").choices([
    "fiscal",
    "economic",
    "social",
  ]);
const horizonOption = () => new Option("--horizons <years>", "horizons in years, comma-separated (default: the model's)").argParser(horizonsOption);

/** Builds the command-line program; every action reports its exit code through `done`. */
export function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command("invest-to-save")
    .description("Appraise prevention spending across agencies: who pays, who saves, and when.")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXAMPLES);
  const run = (action: () => Promise<void> | void) => async () => {
    await action();
    done(EXIT.ok);
  };

  program
    .command("validate")
    .description("check a model file; print a one-line summary, or every problem with its JSON path")
    .argument("<model>", "model file (JSON or .xlsx workbook), or - for standard input")
    .action((file: string) => run(() => validateCommand(file, io))());

  program
    .command("appraise")
    .description("appraise a model: each agency and the whole system at each horizon, the prevention penalty")
    .argument("<model>", "model file (JSON or .xlsx workbook), or - for standard input")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv", "md"]).default("table"))
    .addOption(horizonOption())
    .addOption(lensOption())
    .option("--cashable-only", "count cashable flows only")
    .addOption(new Option("--unit <unit>", "money unit for table, csv and md (csv defaults to pence)").choices(["pence", "pounds", "thousands", "millions"]))
    .option("--options", "compare the model's options with business as usual: ranking by NPSV and BCR, and an Appraisal Summary Table per option")
    .option(
      "--mc-draws <n>",
      "with --options: risk ranges from this many paired Monte Carlo draws (default: from the model's scenarios)",
      positiveInt("--mc-draws"),
    )
    .option("--financial", "the financial case: cash (nominal) by organisation, budget and financial year, against available funding")
    .option("--unit-metrics", "cost per participant, net outcomes achieved by year and cost per outcome, per intervention");
  discountOptions(program.commands.at(-1)!).action((file: string, opts) => run(() => appraiseCommand(file, opts, io))());

  program
    .command("simulate")
    .description("Monte Carlo over the model's uncertainty distributions: NPV percentiles and the chance of an incentive gap")
    .argument("<model>", "model file (JSON or .xlsx workbook) with an uncertainty block")
    .requiredOption("--draws <n>", "number of draws", positiveInt("--draws"))
    .requiredOption("--seed <s>", "random seed (whole number); the same seed gives the same figures", positiveInt("--seed", 0))
    .option("--workers <w>", "worker threads (default 1; capped at 2 per core); figures do not depend on it", positiveInt("--workers"))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .addOption(horizonOption())
    .addOption(lensOption())
    .action((file: string, opts) => run(() => simulateCommand(file, opts, io))());

  program
    .command("report")
    .description("write a self-contained HTML report (opens with no network): headline, tables, charts, assumptions")
    .argument("<model>", "model file (JSON or .xlsx workbook)")
    .requiredOption("--out <file>", "HTML file to write")
    .addOption(horizonOption())
    .addOption(lensOption())
    .option("--draws <n>", "add a Monte Carlo section with this many draws", positiveInt("--draws"))
    .option("--seed <s>", "seed for the Monte Carlo section (default 1)", positiveInt("--seed", 0))
    .option("--static", "pre-rendered SVG charts only, no inlined JavaScript (a much smaller file)")
    .option("--interactive", "the live deal explorer instead: move a deal's terms or an uncertain input and every figure is recomputed in the page")
    .action((file: string, opts) => run(() => reportCommand(file, opts, io))());

  program
    .command("export")
    .description("write the appraisal for spreadsheets and data tools: XLSX with live formulas, tidy CSV/JSON ledger rows")
    .argument("<model>", "model file (JSON or .xlsx workbook)")
    .option("--xlsx <file>", "XLSX workbook: Summary (live formulas), Flows, Ledger, Inputs")
    .option("--csv <file>", "tidy ledger rows as CSV (one row per agency × budget × year × line)")
    .option("--json <file>", "tidy ledger rows as JSON")
    .option("--exact", "write ledger amounts in full instead of pence")
    .addOption(horizonOption())
    .addOption(lensOption())
    .action((file: string, opts) => run(() => exportCommand(file, opts, io))());

  program
    .command("template")
    .description("write a fill-in model workbook (.xlsx): a sheet per part of the model, explained headers, drop-downs, an example to replace")
    .requiredOption("--xlsx <file>", "workbook to write")
    .option("--from <model>", "fill it from an existing model (JSON or workbook) instead of the example")
    .option("--years <n>", "year columns to offer for amounts by year (default: the model's years, at least 10)", positiveInt("--years"))
    .action((opts) => run(() => templateCommand(opts, io))());

  program
    .command("schema")
    .description("print the model file's JSON Schema")
    .action(() => run(() => schemaCommand(io))());

  return program;
}

/**
 * Runs the CLI on arguments (without `node` and the script), writing to `io`. Resolves to the
 * exit code: 0 ok, 1 invalid model, 2 usage.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...args], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version succeed; a missing command (help shown as an error) or a bad option is usage.
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      io.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof InvalidModelError) {
      // Bad option values (horizons beyond the model, a bad lens) are usage errors; the rest is the model.
      const usage = e.errors.every((x) => x.path.startsWith("options."));
      const where = (path: string) => path.replace(/^options\./, "--") || "(model)";
      io.stderr.write(`${usage ? "invalid option" : "invalid model"}:\n${e.errors.map((x) => `  ${where(x.path)}: ${x.message}`).join("\n")}\n`);
      return usage ? EXIT.usage : EXIT.invalidModel;
    }
    throw e;
  }
}
