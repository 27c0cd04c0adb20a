import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseModel, type Model, type ModelError } from "../model";
import { readModelWorkbook, type WorkbookError } from "../report/workbook-read";

/** Exit codes: 0 success, 1 invalid model, 2 usage (bad arguments, unreadable or unwritable file). */
export const EXIT = { ok: 0, invalidModel: 1, usage: 2 } as const;

/** A failure that ends the command with an exit code and a message for stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** "invalid model: file\n  path: message" — one line per problem, each with its JSON path. */
export function formatModelErrors(file: string, errors: readonly (ModelError | WorkbookError)[]): string {
  // A workbook's errors start with their cell; the model path follows.
  const line = (e: ModelError | WorkbookError) =>
    "cell" in e && e.cell ? `  ${e.message}${e.path ? ` (${e.path})` : ""}` : `  ${e.path || "(model)"}: ${e.message}`;
  return `invalid model: ${file}\n${errors.map(line).join("\n")}`;
}

/** Is this file a workbook? By its name (.xlsx, .xlsm) or its first bytes (a zip archive). */
export function isWorkbook(file: string, bytes: Uint8Array): boolean {
  return /\.xls[xm]$/i.test(file) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);
}

/**
 * Reads and validates a model: a JSON model file, or a model workbook (.xlsx, as written by
 * `invest-to-save template`), from a file or standard input (-).
 *
 * @throws CliError exit 2 when the file cannot be read; exit 1, listing every problem with its
 *   JSON path (and, for a workbook, its cell), when it is not a valid model.
 */
export async function readModelInput(file: string): Promise<Model> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (e) {
    throw new CliError(`cannot read model file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.usage);
  }
  const parsed = isWorkbook(file, bytes) ? await readModelWorkbook(bytes) : parseModel(bytes);
  if (!parsed.ok) throw new CliError(formatModelErrors(file, parsed.errors), EXIT.invalidModel);
  return parsed.model;
}

/**
 * Reads and validates a model file (JSON in UTF-8, with or without a byte-order mark).
 *
 * @throws CliError exit 2 when the file cannot be read; exit 1, listing every problem with its
 *   JSON path, when it is not valid JSON or not a valid model.
 */
export function readModel(file: string): Model {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (e) {
    throw new CliError(`cannot read model file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.usage);
  }
  // parseModel decodes the bytes strictly: a byte-order mark is fine, invalid UTF-8 is refused.
  const parsed = parseModel(bytes);
  if (!parsed.ok) throw new CliError(formatModelErrors(file, parsed.errors), EXIT.invalidModel);
  return parsed.model;
}

/** Writes a file, creating its folder. @throws CliError exit 2 when it cannot be written. */
export function writeOutput(file: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.usage);
  }
}
