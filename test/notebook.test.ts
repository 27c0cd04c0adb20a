/**
 * Runs examples/notebook.ipynb so it cannot silently rot: its code cells, in order, as one Deno
 * program (the `deno` devDependency, the same runtime as the Deno Jupyter kernel), from the
 * examples/ folder like the kernel. Outside a kernel `Deno.jupyter` throws, so its calls go to a
 * stand-in that records what each cell displays; a cell's last expression is recorded too, as
 * the kernel shows it. Any error in any cell fails the test.
 *
 * The notebook imports the package as a user would (`invest-to-save`, `invest-to-save/report`);
 * here an import map points those at the TypeScript source, so this quick check needs no build.
 * test/e2e/notebook.e2e.ts runs it for real: the packed package, installed, in Deno's Jupyter
 * kernel driven by nbconvert, compared with the outputs saved in the notebook.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const notebook = JSON.parse(readFileSync(new URL("../examples/notebook.ipynb", import.meta.url), "utf8")) as {
  nbformat: number;
  metadata: { kernelspec: { name: string } };
  cells: { cell_type: string; source: string[] }[];
};

const PRELUDE = `
const __shown: { cell: number; kind: string; bundle: Record<string, unknown> }[] = [];
let __cell = -1;
const __jupyter = new Proxy({
  display: async (bundle: Record<string, unknown>, options?: { raw?: boolean }) => {
    if (!options?.raw) throw new Error("the notebook displays raw MIME bundles");
    __shown.push({ cell: __cell, kind: "display", bundle });
  },
}, { get: (target, key) => { if (key in target) return (target as Record<PropertyKey, unknown>)[key]; throw new Error("Deno.jupyter." + String(key) + " is not covered by the notebook test's stand-in"); } });
const __result = (value: unknown) => { if (value !== undefined) __shown.push({ cell: __cell, kind: "result", bundle: { "text/plain": String(value) } }); };
`;

/** The cell's code with Deno.jupyter replaced and its last expression (if any) recorded. */
function prepare(source: string): string {
  const code = source.replace(/\bDeno\.jupyter\b/g, "__jupyter");
  const file = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true);
  const last = file.statements[file.statements.length - 1];
  if (!last || !ts.isExpressionStatement(last)) return code;
  const start = last.getStart(file);
  return `${code.slice(0, start)}__result(${last.expression.getText(file)});${code.slice(last.getEnd())}`;
}

describe("examples/notebook.ipynb", () => {
  it("is a notebook for the Deno kernel", () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.metadata.kernelspec.name).toBe("deno");
  });

  it("runs every code cell in order in Deno, showing a table, the penalty and charts", () => {
    const cells = notebook.cells.filter((c) => c.cell_type === "code").map((c) => c.source.join(""));
    expect(cells.length).toBeGreaterThanOrEqual(5);
    const program = [
      PRELUDE,
      ...cells.map((c, i) => `// ---- cell ${i}\n__cell = ${i};\n${prepare(c)}`),
      `console.log("@@shown" + JSON.stringify(__shown));`,
    ].join("\n");
    const importMap = join(mkdtempSync(join(tmpdir(), "its-notebook-")), "import-map.json");
    const source = (file: string) => new URL(file, new URL("..", import.meta.url)).href;
    writeFileSync(
      importMap,
      JSON.stringify({ imports: { "invest-to-save": source("src/index.ts"), "invest-to-save/report": source("src/entries/report.ts") } }),
    );
    const deno = spawnSync(
      `${ROOT}node_modules/.bin/deno`,
      ["run", "--allow-read", "--allow-env", "--allow-sys", "--no-prompt", `--import-map=${importMap}`, "-"],
      {
        cwd: `${ROOT}examples`,
        input: program,
        encoding: "utf8",
        env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
        timeout: 180_000,
      },
    );
    expect(deno.error).toBeUndefined();
    expect(deno.status, deno.stderr).toBe(0);
    const marker = deno.stdout.lastIndexOf("@@shown");
    const shown = JSON.parse(deno.stdout.slice(marker + "@@shown".length)) as { cell: number; kind: string; bundle: Record<string, unknown> }[];

    const results = shown.filter((s) => s.kind === "result").map((s) => s.bundle["text/plain"]);
    expect(results[0]).toBe("Early help for families: a council-funded family support service: whole-system NPV over 10 years £1,397,519.02");
    expect(results[1]).toMatch(/^Council NPV over 10 years: mean −£1\.\dm, chance it is positive \d+\.\d%$/);

    const markdown = shown.map((s) => s.bundle["text/markdown"]).filter((m): m is string => typeof m === "string");
    expect(markdown[0]).toContain("| County council | investor, loses ⚠ | 7,598,166 | 5,952,129 | 165,289 | −1,480,748 | 0.81 | never |");
    expect(markdown[1]).toMatch(/^- Over 10 years \(2025-26 to 2034-35\)/);

    const charts = shown.filter((s) => "application/vnd.vegalite.v5+json" in s.bundle);
    expect(charts).toHaveLength(3);
    for (const c of charts) {
      expect(String(c.bundle["image/svg+xml"])).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect((c.bundle["application/vnd.vegalite.v5+json"] as { $schema: string }).$schema).toContain("vega-lite/v5");
    }
    // The 10-year table is displayed as the cell's output (not printed to the console, whose
    // stream a Jupyter client may miss), with the penalty flagged.
    const tables = shown.map((s) => s.bundle["text/plain"]).filter((t): t is string => typeof t === "string" && t.startsWith("Party"));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatch(/^County council\s+−1,480,748\s+0\.81\s+yes$/m);
  }, 200_000);
});
