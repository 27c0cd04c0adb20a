import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseModel, type Model, type ModelError } from "../model";

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
export function formatModelErrors(file: string, errors: readonly ModelError[]): string {
  return `invalid model: ${file}\n${errors.map((e) => `  ${e.path || "(model)"}: ${e.message}`).join("\n")}`;
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
