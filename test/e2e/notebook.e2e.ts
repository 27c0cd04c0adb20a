/**
 * examples/notebook.ipynb in a real Jupyter kernel, as a user runs it: the packed package and the
 * chart packages installed into an empty folder (`npm install invest-to-save vega vega-lite`),
 * Deno's kernel installed with `deno jupyter --install` (the pinned `deno` devDependency), and
 * the notebook executed cell by cell by test/e2e/run-notebook.py, a small front end on Debian's
 * `python3-jupyter-client` (the Jupyter protocol's own client library). Every cell must run without
 * error and show exactly the outputs saved in the notebook.
 *
 * After a deliberate change to what the notebook shows, refresh its saved outputs with
 *
 *     UPDATE_NOTEBOOK=1 npx vitest run --config test/e2e/vitest.config.ts test/e2e/notebook.e2e.ts
 *
 * The kernel is installed under a throwaway HOME, so a developer's own Jupyter set-up is untouched.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { installPackage } from "./packed";
import { requireProgram } from "./programs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NOTEBOOK = join(ROOT, "examples/notebook.ipynb");

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
  metadata: Record<string, unknown>;
}
interface Notebook {
  cells: Cell[];
  metadata: Record<string, unknown>;
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

/** What a person sees of each code cell's outputs, in order. */
function shown(nb: Notebook): unknown[] {
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .map((c) =>
      (c.outputs ?? []).map((o) =>
        o.output_type === "stream"
          ? { stream: o.name, text: text(o.text) }
          : o.output_type === "error"
            ? { error: `${o.ename}: ${o.evalue}` }
            : {
                [o.output_type]: Object.fromEntries(
                  Object.entries(o.data ?? {}).map(([k, v]) => [k, typeof v === "string" || Array.isArray(v) ? text(v as string[]) : v]),
                ),
              },
      ),
    );
}

describe("examples/notebook.ipynb in Deno's Jupyter kernel", () => {
  it("runs every cell in the installed package and shows the saved outputs", () => {
    // Debian's Python, which has Debian's jupyter_client (a pyenv or venv python3 on PATH may not).
    const python = requireProgram(["/usr/bin/python3", "python3"], "python3-jupyter-client", "JUPYTER_PYTHON");
    const saved = JSON.parse(readFileSync(NOTEBOOK, "utf8")) as Notebook;
    expect(saved.metadata.kernelspec).toMatchObject({ name: "deno" });
    const sources = saved.cells.filter((c) => c.cell_type === "code").map((c) => text(c.source));
    expect(sources.join("\n")).not.toMatch(/from\s+["']\.\.?\//); // imports the package, not files

    // The chart packages at the versions the saved SVGs were drawn with (the CLI vendors the same).
    const devDependencies = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies;
    const app = installPackage(inject("tarball"), [`vega@${devDependencies.vega}`, `vega-lite@${devDependencies["vega-lite"]}`]);
    copyFileSync(NOTEBOOK, join(app, "notebook.ipynb"));
    copyFileSync(join(ROOT, "examples/family-support.json"), join(app, "family-support.json"));

    const home = mkdtempSync(join(tmpdir(), "its-jupyter-home-"));
    const env = { ...process.env, HOME: home, JUPYTER_PATH: join(home, ".local/share/jupyter"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
    const install = spawnSync(join(ROOT, "node_modules/.bin/deno"), ["jupyter", "--install", "--force"], { env, encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);

    // The notebook is run by test/e2e/run-notebook.py, a front end on Debian's jupyter_client: it
    // files each output under the cell whose request it answers, as Jupyter front ends do. (Deno's
    // kernel sometimes publishes a cell's result just after reporting the cell done when the
    // machine is busy; nbconvert, which stops listening at that point, then saved the cell with
    // no output in about one run in three under load.)
    const run = spawnSync(python, [join(ROOT, "test/e2e/run-notebook.py"), "notebook.ipynb", "executed.ipynb"], {
      cwd: app,
      env,
      encoding: "utf8",
      timeout: 600_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const executed = JSON.parse(readFileSync(join(app, "executed.ipynb"), "utf8")) as Notebook;
    const outputs = shown(executed);
    expect(outputs.flat().filter((o) => "error" in (o as object))).toEqual([]);
    expect(outputs.every((o) => (o as unknown[]).length > 0)).toBe(true); // every code cell shows something

    if (process.env.UPDATE_NOTEBOOK) writeFileSync(NOTEBOOK, `${JSON.stringify(executed, null, 1)}\n`);
    expect(outputs).toEqual(shown(JSON.parse(readFileSync(NOTEBOOK, "utf8")) as Notebook));
  }, 900_000);
});
