/**
 * The core entry point and the report and workbook entries must run unchanged in Node, Deno,
 * bundlers and browsers: nothing reachable from them may import a Node built-in or touch
 * Node-only globals. Node-only code lives behind its own entry points (src/node, src/cli).
 * test/e2e/package.e2e.ts checks the built core the same way, by bundling it for the browser.
 */
import { builtinModules } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function resolveLocal(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, "index.ts"), base]) if (existsSync(candidate) && candidate.endsWith(".ts")) return candidate;
  return null;
}

/** Every module reachable from an entry through relative imports, with its external imports. */
function reachable(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const external: string[] = [];
    seen.set(file, external);
    const specs: string[] = [];
    sf.forEachChild(function walk(node) {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
        specs.push(node.moduleSpecifier.text);
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!))
        specs.push((node.arguments[0] as ts.StringLiteral).text);
      node.forEachChild(walk);
    });
    for (const spec of specs) {
      if (spec.startsWith(".")) {
        const target = resolveLocal(file, spec);
        if (target) visit(target);
      } else external.push(spec);
    }
  };
  visit(entry);
  return seen;
}

describe.each(["src/index.ts", "src/entries/report.ts", "src/entries/xlsx.ts"])("portable entry %s", (entry) => {
  const modules = reachable(join(ROOT, entry));
  it("reaches its modules", () => {
    expect(modules.size).toBeGreaterThan(entry === "src/index.ts" ? 30 : 5);
  });
  it("imports no Node built-in anywhere it reaches", () => {
    const offenders = [...modules].flatMap(([file, specs]) => specs.filter((s) => BUILTINS.has(s)).map((s) => `${relative(ROOT, file)} imports ${s}`));
    expect(offenders).toEqual([]);
  });
  it("uses no Node-only globals (process, Buffer, require, __dirname)", () => {
    const offenders = [...modules.keys()].flatMap((file) => {
      const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      return [/\bprocess\./, /\bBuffer\b/, /\brequire\(/, /\b__dirname\b/]
        .filter((re) => re.test(text))
        .map((re) => `${relative(ROOT, file)} uses ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });
  it("keeps src/node and src/cli out of the core", () => {
    const inside = [...modules.keys()].map((f) => relative(ROOT, f)).filter((f) => f.startsWith("src/node/") || f.startsWith("src/cli/"));
    expect(inside).toEqual([]);
  });
});
