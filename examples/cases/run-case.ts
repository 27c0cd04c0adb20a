/**
 * Appraise one worked example of a real programme, check its published headline, and show what
 * the headline hides (per-agency split, prevention penalty, discounting and horizon, deals,
 * switching values). Output is plain text for a terminal; with --markdown, the Markdown that
 * docs/cases.md shows.
 *
 *   npx tsx examples/cases/run-case.ts examples/cases/cheshire-west.json
 *   npx tsx examples/cases/run-case.ts --all        # every case, exit code 1 if a headline fails
 *   npx tsx examples/cases/run-case.ts --markdown examples/cases/cheshire-west.json
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { loadModel, type Model } from "../../src";
import { CASES, caseReport, findCase } from "./index";
import { loadCase, plainText, type CaseStudy } from "./lib";

function run(study: CaseStudy, model: Model, markdownOut: boolean): boolean {
  const { markdown, ok } = caseReport(study, model);
  const md = `${markdown}\n\n**Assumptions register** (the model's notes):\n\n${model.notes.map((n) => `- ${n}`).join("\n")}\n`;
  if (markdownOut) console.log(`## ${model.title}\n\n${md}`);
  else console.log(`${model.title}\n${"=".repeat(Math.min(100, [...model.title].length))}\n\n${plainText(md)}\n`);
  return ok;
}

const markdownOut = process.argv.includes("--markdown");
const args = process.argv.slice(2).filter((a) => a !== "--markdown");
const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  if (args.length !== 1) {
    console.error("usage: npx tsx examples/cases/run-case.ts [--markdown] <examples/cases/case.json | --all>");
    process.exitCode = 2;
  } else if (args[0] === "--all") {
    const failed = CASES.filter((c) => !run(c, loadCase(c.id), markdownOut));
    if (failed.length) {
      console.error(`headline not reproduced: ${failed.map((c) => c.id).join(", ")}`);
      process.exitCode = 1;
    }
  } else {
    const file = args[0]!;
    try {
      const study = findCase(file);
      if (!run(study, loadModel(JSON.parse(readFileSync(file, "utf8"))), markdownOut)) process.exitCode = 1;
    } catch (e) {
      console.error(e instanceof Error ? e.message : String(e));
      process.exitCode = 2;
    }
  }
}
