/**
 * docs/workbook.md lists every sheet and column of the model workbook, generated from the layout
 * itself (src/report/workbook-layout.ts), so the documentation cannot drift from the workbook.
 * `UPDATE_DOCS=1 npx vitest run test/workbook-docs.test.ts` rewrites the generated block.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { MODEL_WORKBOOK } from "../src/report/workbook-layout";

const DOC = fileURLToPath(new URL("../docs/workbook.md", import.meta.url));
const START = /<!-- columns:start[^>]*-->\n/;
const END = "<!-- columns:end -->";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The model field a column holds, as a path from the model's top. */
function fieldOf(section: (typeof MODEL_WORKBOOK)[number]["sections"][number], path: string): string {
  const c = section.collect;
  if (path === "order") return "(the order of the deals)";
  switch (c.as) {
    case "form":
      return `\`${path}\``;
    case "strings":
      return `\`${section.target}[]\``;
    case "list":
      return `\`${section.target}[].${path}\``;
    case "deals":
      return `\`deals[].${path}\``;
    case "record":
      return path === c.key ? `the key of \`${section.target}\`` : `\`${section.target}.<key>.${path}\``;
    case "scenarios":
      return path === "name"
        ? `the key of \`${section.target}\``
        : path.endsWith("path")
          ? `an input path: a key of \`${section.target}.<name>\``
          : "its value";
  }
}

function columnsMarkdown(): string {
  const parts: string[] = [];
  for (const sheet of MODEL_WORKBOOK) {
    for (const section of sheet.sections) {
      parts.push(`### ${sheet.name}${section.title !== sheet.name ? `: ${section.title}` : ""}`, "", section.intro, "");
      parts.push(section.collect.as === "form" ? "| setting | model field | what it means |" : "| column | model field | what it means |", "|---|---|---|");
      for (const c of section.columns) {
        const field = fieldOf(section, c.path);
        const choices = c.choices
          ? ` Drop-down: ${c.choices.join(", ")}.`
          : c.ids
            ? ` Drop-down: the ids of the ${c.ids === "unitCosts" ? "unit costs" : c.ids}.`
            : "";
        parts.push(`| ${cell(c.label)} | ${field} | ${cell(c.help)}${choices} |`);
      }
      if (section.series) parts.push(`| Year 0, Year 1, … | \`series\` | ${cell(section.series.help)} |`);
      parts.push("");
    }
  }
  return parts.join("\n");
}

it("docs/workbook.md lists every sheet and column of the layout", () => {
  const doc = readFileSync(DOC, "utf8");
  const start = START.exec(doc);
  const end = doc.indexOf(END);
  expect(start && end > start.index).toBeTruthy();
  const generated = `${columnsMarkdown()}\n`;
  const current = doc.slice(start!.index + start![0].length, end);
  if (process.env.UPDATE_DOCS) writeFileSync(DOC, doc.slice(0, start!.index + start![0].length) + generated + doc.slice(end));
  else expect(current).toBe(generated);
});
