/**
 * Imports only point down the layers: money → time → discount → metrics → excel → reference → model → ledger
 * → deals → appraise → solve → uncertainty → options → report → entries → node → cli (entries: the
 * package's extra entry points, re-exporting). A module may import from its own
 * folder or from any folder before it, never from one after it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const LAYERS = [
  "money",
  "time",
  "discount",
  "metrics",
  "excel",
  "reference",
  "model",
  "ledger",
  "deals",
  "appraise",
  "solve",
  "uncertainty",
  "options",
  "report",
  "entries",
  "node",
  "cli",
];
const SRC = fileURLToPath(new URL("../src", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}
const layerOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0]!;

describe("layers", () => {
  it("every folder of src/ is a known layer", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !LAYERS.includes(f))).toEqual([]);
  });
  it("imports only point down the list", () => {
    const wrong: string[] = [];
    for (const file of files(SRC)) {
      const from = layerOf(file);
      if (!LAYERS.includes(from)) continue;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)) {
        const spec = m[1] ?? m[2]!;
        const target = join(dirname(file), spec);
        const to = layerOf(target);
        if (!LAYERS.includes(to) || to === from) continue;
        if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) wrong.push(`${relative(SRC, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
