/**
 * Models from a workbook: the fill-in template and `--from model.json` write every field of the
 * model where the reader finds it again; a workbook as a person (or another spreadsheet program)
 * leaves it still reads; every error names the cell to fix.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appraise, Decimal, modelJsonSchema, parseModel, toJSON, type Model } from "../src";
import { buildModelWorkbook, readModelWorkbook, TEMPLATE_MODEL, type WorkbookParseResult } from "../src/entries/xlsx";
import { decodeCell, encodeCell, type CellKind } from "../src/report/workbook-cells";
import { MODEL_WORKBOOK, type Section } from "../src/report/workbook-layout";
import { runCli } from "../src/cli/program";
import { canonical } from "./helpers/canonical";
import { runs } from "./helpers/runs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLES = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => `examples/${f}`),
  ...readdirSync(join(ROOT, "examples/cases"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => `examples/cases/${f}`),
  "test/fixtures/every-field.json",
  "test/fixtures/every-field-deflator.json",
  "test/fixtures/every-field-source.json",
];
const read = (file: string) => JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Record<string, unknown>;

// ---- Helpers ----------------------------------------------------------------------------------

async function bytesOf(wb: ExcelJS.Workbook): Promise<ArrayBuffer> {
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

async function workbookOf(model: unknown = TEMPLATE_MODEL): Promise<ExcelJS.Workbook> {
  const built = await buildModelWorkbook(model);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  // Through the bytes, as a user's file would be.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await bytesOf(built.workbook));
  return wb;
}

const firstLine = (v: ExcelJS.CellValue) => {
  const text = typeof v === "string" ? v : v && typeof v === "object" && "richText" in v ? v.richText.map((t) => t.text).join("") : "";
  return text.split("\n")[0]!.trim();
};

/** The cell in the column headed `label` (in the header row under `title`) on the row whose first cell is `id`. */
function cellOf(ws: ExcelJS.Worksheet, label: string, id: string, title?: string): ExcelJS.Cell {
  let headerRow = 0;
  let titleSeen = title === undefined;
  ws.eachRow((row, r) => {
    if (headerRow) return;
    if (!titleSeen && firstLine(row.getCell(1).value) === title) titleSeen = true;
    else if (titleSeen && [...Array(row.cellCount).keys()].some((i) => firstLine(row.getCell(i + 1).value) === label)) headerRow = r;
  });
  expect(headerRow, `header ${label}`).toBeGreaterThan(0);
  const header = ws.getRow(headerRow);
  let col = 0;
  header.eachCell((c, n) => void (firstLine(c.value) === label && (col = n)));
  let row = 0;
  ws.eachRow((r, n) => void (n > headerRow && !row && String(r.getCell(1).value) === id && (row = n)));
  expect(row, `row ${id}`).toBeGreaterThan(0);
  return ws.getCell(row, col);
}

async function reread(wb: ExcelJS.Workbook): Promise<WorkbookParseResult> {
  return readModelWorkbook(await bytesOf(wb));
}

function ok(r: WorkbookParseResult): Model {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.model;
}

// ---- Round trip -------------------------------------------------------------------------------

describe("model → workbook → model", () => {
  it.each(["(the template's example)", ...EXAMPLES])("%s: the same model and the same appraisal, to the penny", async (file) => {
    const raw = file.startsWith("(") ? TEMPLATE_MODEL : read(file);
    const original = parseModel(raw);
    expect(original.ok).toBe(true);
    if (!original.ok) return;
    const back = ok(await reread(await workbookOf(raw)));
    expect(canonical(back)).toEqual(canonical(original.model));
    // Money is carried as exact decimal strings in the JSON of an appraisal: equal means equal to the penny and beyond.
    expect(canonical(toJSON(appraise(back)))).toEqual(canonical(toJSON(appraise(original.model))));
  });

  it.each(["test/fixtures/every-field-deflator.json", "examples/options.json"])(
    "%s: a parsed model (defaults filled in, reference values resolved) written and read again is the same model",
    async (file) => {
      const once = ok(await reread(await workbookOf(read(file))));
      expect(once.references.length).toBeGreaterThan(0);
      const wb = await workbookOf(once);
      // The reference values are named again, not written as numbers.
      expect(JSON.stringify(wb.getWorksheet("Outcomes")!.getSheetValues())).toMatch(/ref wellby/);
      const twice = ok(await reread(wb));
      expect(canonical(twice)).toEqual(canonical(once));
    },
  );

  it("does not write an invalid model: it returns the model's errors", async () => {
    const broken = read("examples/family-support.json");
    (broken.costs as Record<string, unknown>[])[0]!.agency = "nobody";
    const built = await buildModelWorkbook(broken);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.errors.map((e) => e.path)).toContain("costs[0].agency");
    expect((await buildModelWorkbook("{ not json")).ok).toBe(false);
  });
});

// ---- Every field has a place ------------------------------------------------------------------

type Json = Record<string, unknown>;

/** Leaf paths of the input JSON Schema: `outcomes[].persistence.years`, `deals[]<loan>.rate`, `tables.optimismBias.{key}.costs`. */
function schemaPaths(): Set<string> {
  const root = modelJsonSchema() as Json;
  const defs = (root.$defs ?? {}) as Record<string, Json>;
  const out = new Set<string>();
  const walk = (node: Json | undefined, path: string, depth = 0): void => {
    if (!node || depth > 40) return;
    if (typeof node.$ref === "string") {
      walk(defs[node.$ref.replace("#/$defs/", "")], path, depth + 1);
      return;
    }
    for (const k of ["anyOf", "oneOf", "allOf"] as const) {
      const branches = node[k] as Json[] | undefined;
      if (!branches) continue;
      for (const b of branches) {
        const resolved = typeof b.$ref === "string" ? defs[b.$ref.replace("#/$defs/", "")]! : b;
        const type = ((resolved.properties as Json | undefined)?.type as Json | undefined)?.const;
        walk(b, typeof type === "string" ? `${path}<${type}>` : path, depth + 1);
      }
    }
    if (node.properties || node.type === "object") {
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Json>))
        if (k !== "type" || !path.endsWith(">")) walk(v, path ? `${path}.${k}` : k, depth + 1);
      if (node.additionalProperties && typeof node.additionalProperties === "object") walk(node.additionalProperties as Json, `${path}.{key}`, depth + 1);
      return;
    }
    if (node.prefixItems) (node.prefixItems as Json[]).forEach((n, i) => walk(n, `${path}[${i}]`, depth + 1));
    if (node.items) {
      walk(node.items as Json, `${path}[]`, depth + 1);
      return;
    }
    if (node.prefixItems) return;
    if (!node.anyOf && !node.oneOf) out.add(path);
  };
  walk(root, "");
  return out;
}

/** The schema paths a column covers, under an item prefix. */
function columnPaths(prefix: string, path: string, kind: CellKind): string[] {
  const p = `${prefix}${path.replace(/\.(\d+)(?=\.|$)/g, "[$1]")}`;
  if (path.startsWith("set[].")) return [`${prefix}set.{key}`]; // an option's set: a record shown as rows
  if (path === "option") return []; // not a field: which option a line belongs to
  switch (kind) {
    case "amount":
      return [p, `${p}.ref`, `${p}.scenario`, `${p}.year`, `${p}.units`];
    case "ids":
    case "numbers":
    case "shares":
      return [p, `${p}[]`];
    case "countOrList":
    case "moneyOrList":
    case "shareOrList":
      return [p, `${p}[]`];
    case "schedule":
      return [p, `${p}.rate`, `${p}[].fromYear`, `${p}[].rate`];
    case "fyIndex":
      return [p, `${p}.{key}`];
    case "choiceOrWeights":
      return [p, `${p}.{key}`];
    default:
      return [p];
  }
}

/** The schema paths the workbook's layout places. */
function layoutPaths(): Set<string> {
  const out = new Set<string>();
  const add = (prefix: string, s: Section, skip: string[] = []) => {
    for (const c of s.columns) if (!skip.includes(c.path)) for (const p of columnPaths(prefix, c.path, c.kind)) out.add(p);
    if (s.series) out.add(`${prefix}series[]`);
  };
  for (const sheet of MODEL_WORKBOOK) {
    for (const s of sheet.sections) {
      const c = s.collect;
      if (c.as === "form") add("", s);
      else if (c.as === "list") add(`${s.target}[].`, s);
      else if (c.as === "strings") out.add(`${s.target}[]`);
      else if (c.as === "scenarios") out.add(`${s.target}.{key}.{key}`);
      else if (c.as === "deals") add(`deals[]<${c.type}>.`, s, ["order"]);
      else if (c.as === "record") {
        const types = s.columns.find((x) => x.path === "type")?.choices;
        if (types) for (const t of types) add(`${s.target}.{key}<${t}>.`, s, [c.key, "type"]);
        else add(`${s.target}.{key}.`, s, [c.key]);
      }
      // Options' lines share the tables of business as usual.
      if (s.optionLines && c.as === "list") add(`options[].${s.target}[].`, s);
      if (s.optionLines && c.as === "deals") add(`options[].deals[]<${c.type}>.`, s, ["order"]);
    }
  }
  return out;
}

describe("the workbook's layout", () => {
  it("places every field of the model's JSON Schema, each deal type's and each distribution's", () => {
    const placed = layoutPaths();
    // `references` is what parseModel resolved: the workbook names each reference where it is used ("ref qaly").
    const missing = [...schemaPaths()].filter((p) => !placed.has(p) && !p.startsWith("references[]")).sort();
    expect(missing).toEqual([]);
  });

  it("places nothing the schema does not have (no misspelt column)", () => {
    const schema = schemaPaths();
    const loose = new Set([...schema].map((p) => p.replace(/<[^>]+>/g, "")));
    const extra = [...layoutPaths()].filter(
      (p) =>
        !schema.has(p) &&
        !schema.has(`${p}[]`) &&
        !schema.has(`${p}.{key}`) &&
        !loose.has(p.replace(/<[^>]+>/g, "")) &&
        !loose.has(`${p.replace(/<[^>]+>/g, "")}[]`),
    );
    // A column kind's alternative spellings (a schedule's bands, a list's items) need not all exist in one branch.
    expect(extra.filter((p) => !/(\.rate|\[\]\.fromYear|\[\]\.rate|\[\]|\.\{key\})$/.test(p))).toEqual([]);
  });

  it("has one sheet per part of the model, in the order the issue names them", async () => {
    const wb = await workbookOf();
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Read me",
      "Appraisal",
      "Agencies",
      "Interventions",
      "Costs",
      "Savings",
      "Outcomes",
      "Cost shunts",
      "Deals",
      "Uncertainty",
      "Unit costs",
      "Optimism bias",
      "Options",
    ]);
    // The success rate is column D of the Outcomes sheet, as error messages name it.
    expect(firstLine(wb.getWorksheet("Outcomes")!.getCell("D2").value)).toBe("Success");
  });

  it("offers drop-downs for ids and allowed words, and explains each column", async () => {
    const wb = await workbookOf();
    const costs = wb.getWorksheet("Costs")!;
    const agency = cellOf(costs, "Agency", "set-up");
    expect(agency.dataValidation).toMatchObject({ type: "list", formulae: [expect.stringMatching(/^Agencies!\$A\$3:\$A\$\d+$/)] });
    expect(cellOf(costs, "Category", "set-up").dataValidation).toMatchObject({ type: "list", formulae: ['"revenue,capital"'] });
    expect(cellOf(costs, "Budget", "set-up").dataValidation.formulae?.[0]).toMatch(/^Agencies!\$F\$3:\$F\$\d+$/);
    const outcomes = wb.getWorksheet("Outcomes")!;
    expect(cellOf(outcomes, "Success", "custody").dataValidation).toMatchObject({ type: "decimal", formulae: [0, 1] });
    expect(cellOf(outcomes, "Value: unit cost", "custody").dataValidation.formulae?.[0]).toMatch(/^'Unit costs'!\$A\$3:\$A\$\d+$/);
    const header = outcomes.getCell("D2").value as { richText: { text: string }[] };
    expect(header.richText.map((t) => t.text).join("")).toMatch(
      /^Success\nShare of engaged participants achieving the outcome \(0–1, or a percentage\)\. Required, unless Rate with and Rate without are given\./,
    );
  });
});

// ---- Errors name cells ------------------------------------------------------------------------

describe("errors name the cell a user would fix, alongside the model path", () => {
  it("a share out of range: Outcomes!D7: success must be between 0 and 1, got 1.4", async () => {
    const model = read("examples/family-support.json");
    const wb = await workbookOf(model);
    const outcomes = wb.getWorksheet("Outcomes")!;
    const cell = cellOf(outcomes, "Success", "into-work");
    cell.value = 1.4;
    const r = await reread(wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: "outcomes[4].success", cell: `Outcomes!D${cell.row}`, message: `Outcomes!D${cell.row}: success must be between 0 and 1, got 1.4` },
    ]);
  });

  it("missing fields and fields of deals", async () => {
    const wb = await workbookOf(read("test/fixtures/every-field.json"));
    cellOf(wb.getWorksheet("Agencies")!, "Name", "police").value = null;
    cellOf(wb.getWorksheet("Deals")!, "Interest rate", "loan", "Loans").value = -2;
    const r = await reread(wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const name = cellOf(wb.getWorksheet("Agencies")!, "Name", "police");
    const rate = cellOf(wb.getWorksheet("Deals")!, "Interest rate", "loan", "Loans");
    expect(r.errors).toEqual([
      { path: "agencies[1].name", cell: `Agencies!${name.address}`, message: `Agencies!${name.address}: name: required (expected string)` },
      { path: "deals[0].rate", cell: `Deals!${rate.address}`, message: `Deals!${rate.address}: rate: expected a number > -1, got -2` },
    ]);
  });

  it("cross-references, in the item's own columns and in its sub-list rows", async () => {
    const wb = await workbookOf(read("test/fixtures/every-field.json"));
    const agency = cellOf(wb.getWorksheet("Costs")!, "Agency", "evaluation");
    agency.value = "nobody";
    const outcomes = wb.getWorksheet("Outcomes")!;
    // The second value of custody is on the row below custody's.
    const custody = cellOf(outcomes, "Value: agency", "custody");
    outcomes.getCell(custody.row + 1, custody.col).value = "nowhere";
    const r = await reread(wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e]));
    expect(byPath["costs[3].agency"]!.message).toMatch(new RegExp(`^Costs!${agency.address}: agency: .*nobody`));
    expect(byPath["outcomes[1].values[1].agency"]!.cell).toBe(`Outcomes!${outcomes.getColumn(custody.col).letter}${custody.row + 1}`);
  });

  it("cells that cannot be read: text in a number, a formula with no saved result, an unknown column or setting", async () => {
    const wb = await workbookOf();
    const costs = wb.getWorksheet("Costs")!;
    cellOf(costs, "Amount (£)", "set-up").value = "lots";
    cellOf(costs, "Growth a year", "set-up").value = { formula: "B3*2" } as ExcelJS.CellFormulaValue;
    const extra = costs.getCell(2, 60);
    extra.value = "My own column";
    wb.getWorksheet("Appraisal")!.getCell("A17").value = "Colour";
    const r = await reread(wb);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = r.errors.map((e) => e.message);
    const amount = cellOf(costs, "Amount (£)", "set-up");
    expect(messages).toContain(`Costs!${amount.address}: Amount (£): expected an amount in £, got "lots"`);
    expect(messages.some((m) => /^Costs!\w+: the formula =B3\*2 has no saved result/.test(m))).toBe(true);
    expect(messages.some((m) => m.startsWith(`Costs!${extra.address}: unknown column "My own column" in Costs`))).toBe(true);
    expect(messages.some((m) => m.startsWith('Appraisal!A17: unknown setting "Colour"'))).toBe(true);
    // The amount that could not be read is not also reported as missing.
    expect(messages.filter((m) => m.startsWith(`Costs!${amount.address}`))).toHaveLength(1);
  });

  it("a record key given twice, a scenario split in two", async () => {
    const wb = await workbookOf();
    const u = wb.getWorksheet("Uncertainty")!;
    const row = cellOf(u, "Type", "outcomes.police-demand.success", "Distributions").row;
    u.getCell(row, 1).value = "outcomes.custody.success";
    const r = await reread(wb);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.message)).toEqual([
        `Uncertainty!A${row}: Input path "outcomes.custody.success" is given twice in Distributions; give each once`,
      ]);
  });

  it("never throws for input that is not a model workbook", async () => {
    for (const bytes of [
      new Uint8Array(),
      new Uint8Array([1, 2, 3]),
      new TextEncoder().encode(readFileSync(join(ROOT, "examples/family-support.json"), "utf8")),
    ]) {
      const r = await readModelWorkbook(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.message).toMatch(/^not a readable Excel workbook/);
    }
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet("Sheet1").getCell("A1").value = "hello";
    const r = await readModelWorkbook(await bytesOf(empty));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Appraisal sheet: title: required/), expect.stringMatching(/^Agencies sheet: agencies: required/)]),
      );
  });

  it("never throws whatever is typed into the cells (fuzz)", async () => {
    const base = await bytesOf(await workbookOf());
    const values = fc.oneof(
      fc.constant(null),
      fc.double({ noNaN: true }),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.date({ noInvalidDate: true }),
      fc.constantFrom("=1+", "4%", "1,200", "2025/26", "stpr", "a, b", "0: 3.5%", "[1]", "£-5"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), values), {
          minLength: 1,
          maxLength: 6,
        }),
        async (edits) => {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(base);
          for (const [sheet, row, col, value] of edits) wb.worksheets[sheet]!.getCell(row, col).value = value as ExcelJS.CellValue;
          const r = await reread(wb);
          if (!r.ok) for (const e of r.errors) expect(typeof e.message).toBe("string");
        },
      ),
      { numRuns: runs(15) },
    );
  }, 120_000);
});

// ---- Cells as a user's workbook has them ------------------------------------------------------

describe("cells as a person (or another program) leaves them", () => {
  it("formulas by their result, number text, percentages, dates, booleans as words, text that starts with =", async () => {
    const wb = await workbookOf();
    const costs = wb.getWorksheet("Costs")!;
    cellOf(costs, "Amount (£)", "set-up").value = { formula: "100000*1.5", result: 150000 } as ExcelJS.CellFormulaValue;
    cellOf(costs, "Amount (£)", "key-workers-grant").value = "1,650.50";
    cellOf(costs, "Label", "key-workers-core").value = '=HYPERLINK("http://x","y")';
    const outcomes = wb.getWorksheet("Outcomes")!;
    cellOf(outcomes, "Success", "custody").value = "6%";
    cellOf(outcomes, "Lag (years)", "custody").value = " 2 ";
    cellOf(wb.getWorksheet("Savings")!, "Cashable", "gp-time").value = "No";
    const appraisal = wb.getWorksheet("Appraisal")!;
    let baseRow = 0;
    appraisal.eachRow((r, n) => void (r.getCell(1).value === "Base year" && (baseRow = n)));
    appraisal.getCell(baseRow, 2).value = new Date(Date.UTC(2025, 8, 30)); // 30 September 2025: in 2025-26
    appraisal.getCell(baseRow, 2).numFmt = "dd/mm/yyyy"; // as a spreadsheet formats a date typed in
    const m = ok(await reread(wb));
    expect(m.costs.find((c) => c.id === "set-up")!.amount).toBe(150000);
    expect(m.costs.find((c) => c.id === "key-workers-grant")!.amount).toBe(1650.5);
    expect(m.costs.find((c) => c.id === "key-workers-core")!.label).toBe('=HYPERLINK("http://x","y")');
    expect(m.outcomes.find((o) => o.id === "custody")!.success).toBe(0.06);
    expect(m.outcomes.find((o) => o.id === "custody")!.lag).toBe(2);
    expect(m.savings[0]!.cashable).toBe(false);
    expect(m.appraisal.baseYear).toBe("2025-26");
  });

  it("blank rows between items, sheets of one's own, rows moved up to replace a deleted title", async () => {
    const wb = await workbookOf();
    const costs = wb.getWorksheet("Costs")!;
    costs.spliceRows(4, 0, [], []); // two blank rows after the first cost
    const outcomes = wb.getWorksheet("Outcomes")!;
    outcomes.spliceRows(1, 1); // the title row deleted: the header is now row 1
    wb.addWorksheet("My working").getCell("A1").value = "scratch 42";
    const m = ok(await reread(wb));
    const original = parseModel(TEMPLATE_MODEL);
    expect(original.ok && canonical(m)).toEqual(original.ok && canonical(original.model));
  });

  it("a continuation row with its own fields filled in starts a new item (and says what is missing)", async () => {
    const wb = await workbookOf();
    const agencies = wb.getWorksheet("Agencies")!;
    const council = cellOf(agencies, "Name", "council");
    agencies.getCell(council.row + 1, 2).value = "A second name"; // on the budget row, agency id blank
    const r = await reread(wb);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(new RegExp(`^Agencies!A${council.row + 1}: id: required`));
  });
});

// ---- Cell codecs ------------------------------------------------------------------------------

describe("cell kinds: what is written reads back", () => {
  const decimal = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 })).map(([n, p]) => new Decimal(n).div(10 ** p));
  const share = fc.integer({ min: 0, max: 10_000 }).map((n) => new Decimal(n).div(10_000));
  const cases: [CellKind, fc.Arbitrary<unknown>][] = [
    [
      "money",
      fc.oneof(
        decimal.map((d) => d.toNumber()),
        decimal.map((d) => d.toString()),
        fc.constant("0.1234567890123456789"),
      ),
    ],
    ["share", share.map((d) => d.toNumber())],
    ["ids", fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,8}$/), { minLength: 1, maxLength: 4 })],
    [
      "numbers",
      fc.array(
        decimal.map((d) => d.toNumber()),
        { minLength: 1, maxLength: 5 },
      ),
    ],
    ["countOrList", fc.oneof(fc.nat(), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }))],
    [
      "schedule",
      fc.oneof(
        fc.constantFrom("stpr", "stpr-health"),
        share.map((d) => ({ rate: d.toNumber() })),
        fc.array(fc.record({ fromYear: fc.nat(100), rate: share.map((d) => d.toNumber()) }), { minLength: 1, maxLength: 3 }),
      ),
    ],
    [
      "fyIndex",
      fc.dictionary(
        fc.integer({ min: 1990, max: 2090 }).map((y) => `${y}-${String((y + 1) % 100).padStart(2, "0")}`),
        decimal.map((d) => d.abs().toNumber()),
        { minKeys: 1, maxKeys: 4 },
      ),
    ],
    [
      "choiceOrWeights",
      fc.oneof(
        fc.constantFrom("investment", "equal"),
        fc.dictionary(
          fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/),
          fc.nat(9).map((n) => n + 1),
          { minKeys: 1, maxKeys: 3 },
        ),
      ),
    ],
  ];
  it.each(cases)("%s", (kind, values) => {
    fc.assert(
      fc.property(values, (v) => {
        const decoded = decodeCell(encodeCell(v, kind), kind, ["investment", "equal"]);
        expect(decoded.ok).toBe(true);
        if (decoded.ok) expect(canonical(decoded.value)).toEqual(canonical(v));
      }),
      { numRuns: runs(200) },
    );
  });
});

// ---- The command line -------------------------------------------------------------------------

describe("the command line takes workbooks", () => {
  const cli = async (args: string[]) => {
    let out = "";
    let err = "";
    const code = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
    return { code, out, err };
  };
  it("template --from, then appraise and validate the workbook as the JSON", async () => {
    const dir = await import("node:fs").then((fs) => fs.mkdtempSync(join(ROOT, "node_modules/.cache-wb-")));
    const file = join(dir, "family-support.xlsx");
    expect((await cli(["template", "--xlsx", file, "--from", join(ROOT, "examples/family-support.json")])).code).toBe(0);
    const fromWorkbook = await cli(["appraise", file, "--format", "json"]);
    const fromJson = await cli(["appraise", join(ROOT, "examples/family-support.json"), "--format", "json"]);
    expect(fromWorkbook.code).toBe(0);
    expect(JSON.parse(fromWorkbook.out)).toEqual(JSON.parse(fromJson.out));
    const template = join(dir, "template.xlsx");
    expect((await cli(["template", "--xlsx", template])).code).toBe(0);
    expect((await cli(["validate", template])).out).toMatch(/^valid: Early help for families/);
    // A broken workbook: exit 1, each problem with its cell and its model path.
    const wb = await workbookOf();
    cellOf(wb.getWorksheet("Outcomes")!, "Success", "custody").value = 1.4;
    const broken = join(dir, "broken.xlsx");
    await wb.xlsx.writeFile(broken);
    const bad = await cli(["appraise", broken]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^invalid model: .*broken\.xlsx\n {2}Outcomes!D3: success must be between 0 and 1, got 1\.4 \(outcomes\[0\]\.success\)\n$/);
    (await import("node:fs")).rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
