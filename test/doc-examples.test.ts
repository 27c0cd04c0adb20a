/**
 * Runs every TSDoc `@example` in the library's source, so that examples cannot rot.
 *
 * For each doc comment in the folders listed in {@link FOLDERS}, every ```ts block under an
 * `@example` tag is taken out of the comment, its `import` lines are dropped, it is transpiled
 * with TypeScript and run with every export of the package's entry points (`src/index.ts` and
 * `src/entries/report.ts`, `src/entries/xlsx.ts`) and of its own module (so internal
 * helpers can be shown too, with the rest of its folder's index) in scope, plus these ready-made values: `model` (examples/family-support.json parsed), `ledger` (buildLedger(model)),
 * `result` (appraise(model)), `flows` (result.annual) and `json` (the raw JSON text).
 *
 * A statement followed on its last line by `// <literal>` (number, string, boolean, null, or an
 * array/object literal of those) asserts that its value equals the literal. Numbers are compared
 * to the literal's own decimal places (`// 0.0866` accepts 0.08663094…). A long statement may put
 * its `// <literal>` alone on the next line instead. A parenthesised remark after the literal is
 * ignored (`// 3 (year 3)`); any other comment is just a comment. Every assertion must actually
 * run (one inside a branch that is never taken fails the example).
 *
 * The ```ts blocks of the markdown files in {@link DOCS} are run the same way.
 *
 * To cover another folder of src/, add its name to FOLDERS once its examples pass (and its
 * public exports all have one); to check another document, add it to DOCS.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as core from "../src/index";
import * as reportEntry from "../src/entries/report";
import * as xlsxEntry from "../src/entries/xlsx";
import { blocksIn, examplesIn, exportedValues, instrument, mismatch, show, tsFiles, type Check, type Example } from "./helpers/doc-examples";

/** Folders of src/ whose examples are run (and whose public exports must have one). */
const FOLDERS = [
  "money",
  "time",
  "discount",
  "metrics",
  "excel",
  "reference",
  "model",
  "ledger",
  "appraise",
  "deals",
  "solve",
  "uncertainty",
  "options",
  "report",
] as const;
/** Markdown files whose ```ts blocks are run the same way. */
const DOCS = ["docs/conventions.md"] as const;

/** Every public export, from every entry point. */
const lib = { ...core, ...reportEntry, ...xlsxEntry };

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");

// ---------------------------------------------------------------------------------------------
// Context and running

const json = readFileSync(join(ROOT, "examples", "family-support.json"), "utf8");
const parsed = lib.parseModel(json);
if (!parsed.ok) throw new Error(`examples/family-support.json is invalid: ${JSON.stringify(parsed.errors)}`);
const model = parsed.model;
const ledger = lib.buildLedger(model);
const result = lib.appraise(model);
const context: Record<string, unknown> = { ...lib, model, ledger, result, flows: result.annual, json };

/**
 * The module an example comes from: its own exports (even internal ones) are in scope too, and
 * so are those of its folder's index (an internal helper's example may use its neighbours).
 */
async function moduleOf(file: string): Promise<Record<string, unknown>> {
  const folder = join(ROOT, file.split("/").slice(0, 2).join("/"), "index.ts");
  const neighbours = existsSync(folder) ? ((await import(/* @vite-ignore */ folder)) as Record<string, unknown>) : {};
  return { ...neighbours, ...((await import(/* @vite-ignore */ join(ROOT, file))) as Record<string, unknown>) };
}

/** Examples may use top-level `await` (e.g. rendering a chart): they run as async functions. */
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

async function run(example: Example, own: Record<string, unknown>): Promise<{ checks: Check[]; problems: string[] }> {
  const { source, checks, problems } = instrument(example);
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, isolatedModules: true },
    reportDiagnostics: true,
  });
  const syntax = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (syntax.length > 0) return { checks, problems: [...problems, `${example.where}: does not parse: ${syntax.join("; ")}`] };
  const failures: string[] = [];
  const __check = (index: number, actual: unknown): unknown => {
    const c = checks[index]!;
    c.ran = true;
    const m = mismatch(actual, c.expected);
    if (m) failures.push(`${example.file}:${c.line}: ${m}`);
    return actual;
  };
  const scope: Record<string, unknown> = { ...own, ...context };
  const names = Object.keys(scope);
  const body = out.outputText.replace(/^export\s*\{\s*\};?\s*$/m, "");
  try {
    // The block lets an example declare its own `model`, `ledger`… over the ready-made ones.
    await new AsyncFunction(...names, "__check", `"use strict";\n{\n${body}\n}`)(...names.map((n) => scope[n]), __check);
  } catch (e) {
    failures.push(`${example.where}: threw ${(e as Error).stack ?? String(e)}`);
  }
  const skipped = checks.filter((c) => !c.ran).map((c) => `${example.file}:${c.line}: expected ${show(c.expected)} but that line never ran`);
  return { checks, problems: [...problems, ...failures, ...skipped] };
}

const files = FOLDERS.flatMap((f) => tsFiles(join(SRC, f))).sort();
const examples = [...files.flatMap((f) => examplesIn(ROOT, f)), ...DOCS.flatMap((d) => blocksIn(ROOT, d))];

describe("TSDoc @example blocks run and show true values", () => {
  it("finds examples in every listed folder and document", () => {
    for (const f of FOLDERS)
      expect(
        examples.some((e) => e.file.startsWith(`src/${f}/`)),
        `no examples in src/${f}`,
      ).toBe(true);
    for (const d of DOCS)
      expect(
        examples.some((e) => e.file === d),
        `no \`\`\`ts blocks in ${d}`,
      ).toBe(true);
  });
  it.each(examples.map((e) => [e.where, e] as const))("%s", async (_, example) => {
    const { problems } = await run(example, example.file.endsWith(".ts") ? await moduleOf(example.file) : {});
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

describe("public exports", () => {
  it("each public function, class and constant in the listed folders has an @example", () => {
    const publicNames = new Set<string>();
    for (const [name, value] of Object.entries(lib)) {
      publicNames.add(name);
      if (Object.prototype.toString.call(value) === "[object Module]") for (const k of Object.keys(value as object)) publicNames.add(k);
    }
    const missing = files.flatMap((f) =>
      exportedValues(f)
        .filter((e) => publicNames.has(e.name) && !e.hasExample)
        .map((e) => `${relative(ROOT, f).split("\\").join("/")}:${e.line} ${e.name}`),
    );
    expect(missing, `exports without an @example:\n${missing.join("\n")}`).toEqual([]);
  });
});
