import { writeFileSync } from "node:fs";
import { defineConfig } from "tsup";
import { modelJsonSchema } from "./src/model/json-schema";

// One build, two module formats. The core entry (`src/index.ts`) is portable: it must not import
// Node built-ins. Node-only code (file I/O, worker pool, CLI) lives behind its own entry points.
export default defineConfig({
  entry: {
    index: "src/index.ts",
    // invest-to-save/node: the Monte Carlo worker pool (Node only), and the script each worker runs.
    node: "src/node/index.ts",
    "node-worker": "src/node/worker.ts",
    // The `invest-to-save` command (bin): Node only.
    cli: "src/cli/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  splitting: true,
  treeshake: true,
  // import.meta.url in the CJS build (the CLI finds the chart bundles it inlines with it).
  shims: true,
  // Ship the model file's JSON Schema (generated from the zod schema) for editors.
  async onSuccess() {
    writeFileSync("dist/model.schema.json", JSON.stringify(modelJsonSchema(), null, 2) + "\n");
  },
});
