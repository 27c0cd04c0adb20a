/**
 * Pins the public API: every name each entry point of the package exports (values and types,
 * and the members of the `excel` and `schemas` namespaces) is listed in test/public-api.txt, so
 * adding, removing or renaming an export is a visible decision in review, never an accident.
 *
 * When you change an export on purpose: name it in its group in src/index.ts (or the entry file
 * under src/entries/), give it an @example, then run
 *
 *     UPDATE_PUBLIC_API=1 npx vitest run test/public-api.test.ts
 *
 * and commit the updated test/public-api.txt with your change (and a line in CHANGELOG.md).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as core from "../src/index";
import * as report from "../src/entries/report";
import * as xlsx from "../src/entries/xlsx";
import * as node from "../src/node/index";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PINNED = fileURLToPath(new URL("./public-api.txt", import.meta.url));

/** Entry points as a user imports them, with their source file and the module itself. */
const ENTRIES = [
  { name: "invest-to-save", file: "src/index.ts", runtime: core },
  { name: "invest-to-save/report", file: "src/entries/report.ts", runtime: report },
  { name: "invest-to-save/xlsx", file: "src/entries/xlsx.ts", runtime: xlsx },
  { name: "invest-to-save/node", file: "src/node/index.ts", runtime: node },
] as const;

const program = ts.createProgram(
  ENTRIES.map((e) => `${ROOT}${e.file}`),
  {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
);
const checker = program.getTypeChecker();

/** "value name" / "type name" lines for a module's exports; a namespace's members as "ns.member". */
function exportLines(moduleSymbol: ts.Symbol, prefix = ""): string[] {
  const lines: string[] = [];
  for (const e of checker.getExportsOfModule(moduleSymbol)) {
    const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
    const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
    const isType = (target.flags & (ts.SymbolFlags.Type | ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) !== 0;
    const name = `${prefix}${e.name}`;
    if (target.flags & ts.SymbolFlags.ValueModule) {
      lines.push(`namespace ${name}`);
      lines.push(...exportLines(target, `${name}.`));
      continue;
    }
    if (isValue) lines.push(`value ${name}`);
    if (isType && !(target.flags & ts.SymbolFlags.Class)) lines.push(`type ${name}`);
  }
  return lines;
}

function currentApi(): string {
  const sections = ENTRIES.map((entry) => {
    const sf = program.getSourceFile(`${ROOT}${entry.file}`)!;
    const lines = exportLines(checker.getSymbolAtLocation(sf)!).sort();
    return [`# ${entry.name} (${entry.file})`, ...lines].join("\n");
  });
  return `${sections.join("\n\n")}\n`;
}

describe("public API", () => {
  const api = currentApi();

  it("matches the pinned list in test/public-api.txt", () => {
    if (process.env.UPDATE_PUBLIC_API) writeFileSync(PINNED, api);
    const pinned = readFileSync(PINNED, "utf8");
    if (api === pinned) return;
    const now = new Set(api.split("\n").filter((l) => l && !l.startsWith("#")));
    const before = new Set(pinned.split("\n").filter((l) => l && !l.startsWith("#")));
    const added = [...now].filter((l) => !before.has(l));
    const removed = [...before].filter((l) => !now.has(l));
    expect.fail(
      [
        "The public API changed (test/public-api.txt pins it).",
        added.length ? `Added:   ${added.join(", ")}` : "",
        removed.length ? `Removed: ${removed.join(", ")}` : "",
        "If this is intended: UPDATE_PUBLIC_API=1 npx vitest run test/public-api.test.ts, then commit test/public-api.txt",
        "with the change and note it in CHANGELOG.md. If not: list the name by hand in src/index.ts (or src/entries/*.ts).",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  });

  it("exports at run time exactly the values the types declare", () => {
    for (const entry of ENTRIES) {
      const section = api.split("\n\n").find((s) => s.startsWith(`# ${entry.name} `))!;
      const declared = section
        .split("\n")
        .filter((l) => /^(value|namespace) [^.]+$/.test(l))
        .map((l) => l.split(" ")[1]!)
        .sort();
      expect(Object.keys(entry.runtime).sort(), entry.name).toEqual(declared);
    }
  });

  it("keeps internals internal", () => {
    const values = new Set(Object.keys(core));
    for (const name of ["runBlocks", "blockRange", "uniformOpen", "brent", "escapeHtml", "compilePlan", "ModelSchema"])
      expect(values.has(name), name).toBe(false);
    expect(Object.keys(core.schemas)).toContain("ModelSchema");
  });
});
