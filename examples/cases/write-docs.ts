/**
 * Regenerates the figures in docs/cases.md from the worked examples, so the documentation shows
 * what the code computes. Each case's block sits between `<!-- generated:ID -->` and
 * `<!-- /generated:ID -->`; the prose around the blocks is written by hand.
 *
 *   npx tsx examples/cases/write-docs.ts           # rewrite the blocks
 *   npx tsx examples/cases/write-docs.ts --check   # exit code 1 if docs/cases.md is out of date
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { CASES, caseReport } from "./index";

export const DOCS = new URL("../../docs/cases.md", import.meta.url);

/** docs/cases.md with every generated block replaced by the current output of its case. */
export function fillDocs(text: string): string {
  let out = text;
  for (const study of CASES) {
    const open = `<!-- generated:${study.id} -->`;
    const close = `<!-- /generated:${study.id} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs/cases.md has no block ${open} … ${close}`);
    out = `${out.slice(0, start + open.length)}\n${caseReport(study).markdown}\n${out.slice(end)}`;
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = readFileSync(DOCS, "utf8");
  const next = fillDocs(text);
  if (process.argv.includes("--check")) {
    if (next !== text) {
      console.error("docs/cases.md is out of date: run npx tsx examples/cases/write-docs.ts");
      process.exitCode = 1;
    }
  } else if (next !== text) {
    writeFileSync(DOCS, next);
    console.log("docs/cases.md updated");
  } else console.log("docs/cases.md is up to date");
}
