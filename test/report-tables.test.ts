import { runs } from "./helpers/runs";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  appraise,
  appraiseLedger,
  appraisalMarkdown,
  buildLedger,
  csvText,
  Decimal,
  displayText,
  markdownText,
  formatAppraisalTable,
  penaltyStatements,
  summaryCsv,
  summaryRows,
  tidyCsv,
  tidyRows,
  toCsv,
  ZERO,
  type ModelInput,
  type MoneyUnit,
  type SummaryRow,
} from "../src";
import { arbitraryModel } from "./helpers/arbitrary-model";

const familySupport = JSON.parse(readFileSync(new URL("../examples/family-support.json", import.meta.url), "utf8")) as ModelInput;
const result = appraise(familySupport);
const MONEY = ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const;
// The precision each unit is rounded to (as shown): £m to one decimal place.
const UNIT: Record<MoneyUnit, number> = { pence: 0.01, pounds: 1, thousands: 1000, millions: 1e5 };

/** Checks a summary: columns add up to the system row, rows add across, each figure within a unit. */
function checkAddsUp(rows: SummaryRow[], exact: ReturnType<typeof appraise>, unit: MoneyUnit): void {
  for (const h of exact.horizons) {
    const mine = rows.filter((r) => r.horizon === h.years);
    const system = mine.find((r) => r.party === "system")!;
    const publicSector = mine.find((r) => r.party === "public-sector")!;
    const agencies = mine.filter((r) => r.party !== "system" && r.party !== "public-sector");
    const publicIds = new Set(exact.agencies.filter((a) => a.sector === "public").map((a) => a.id));
    for (const k of MONEY) {
      expect(agencies.reduce((s, r) => s.plus(r[k]), ZERO).equals(system[k])).toBe(true);
      expect(
        agencies
          .filter((r) => publicIds.has(r.party))
          .reduce((s, r) => s.plus(r[k]), ZERO)
          .equals(publicSector[k]),
      ).toBe(true);
      expect(system[k].minus(h.system[k]).abs().lte(UNIT[unit])).toBe(true);
      for (const r of agencies) expect(r[k].minus(h.agencies[r.party]![k]).abs().lte(UNIT[unit])).toBe(true);
    }
  }
}

/** Rows whose NPV is not their rounded savings − costs + transfers. */
const rowsNotAddingAcross = (rows: SummaryRow[]) => rows.filter((r) => !r.pvSavings.minus(r.pvCosts).plus(r.pvTransfers).equals(r.npv));

describe("summaryRows", () => {
  it("adds up down every column and across every row, in every unit", () => {
    for (const unit of ["pence", "pounds", "thousands", "millions"] as const) {
      const rows = summaryRows(result, { unit });
      checkAddsUp(rows, result, unit);
      // In pence and pounds rows add across as well, except where the column totals forbid it:
      // then by one unit at most (here the 10-year NHS row, and the totals that sum it).
      if (unit === "pence" || unit === "pounds") {
        const off = rowsNotAddingAcross(rows);
        expect(off.length).toBeLessThanOrEqual(3);
        for (const r of off) expect(r.pvSavings.minus(r.pvCosts).plus(r.pvTransfers).minus(r.npv).abs().lte(UNIT[unit])).toBe(true);
      }
    }
  });

  test.prop([arbitraryModel({ agencies: { min: 1, max: 6 } })], { numRuns: runs(40) })("adds up for random models", (model) => {
    const a = appraise(model);
    checkAddsUp(summaryRows(a), a, "pence");
    const pounds = summaryRows(a, { unit: "pounds" });
    checkAddsUp(pounds, a, "pounds");
    // Rows add across too, except where the column's total forbids it (rare, at most a unit out).
    for (const r of rowsNotAddingAcross(pounds)) expect(r.pvSavings.minus(r.pvCosts).plus(r.pvTransfers).minus(r.npv).abs().lte(3)).toBe(true);
  });

  it("flags the incentive gap exactly where the appraisal finds one", () => {
    const flagged = summaryRows(result)
      .filter((r) => r.incentiveGap)
      .map((r) => `${r.party}@${r.horizon}`);
    expect(flagged).toEqual(result.incentiveGaps.map((g) => `${g.agency}@${g.horizon}`));
  });
});

describe("formatAppraisalTable", () => {
  const text = formatAppraisalTable(result);
  it("shows every horizon, agency and the system, with the penalty flagged and explained", () => {
    for (const h of ["1 year (2025-26)", "5 years (2025-26 to 2029-30)", "10 years (2025-26 to 2034-35)"]) expect(text).toContain(h);
    expect(text).toMatch(/Public sector\s+public bodies together/);
    for (const a of result.agencies) expect(text).toContain(a.name);
    expect(text).toMatch(/County council\s+investor, loses \(!\)/);
    expect(text).toContain("(!) loses while the whole system gains");
    expect(text).toContain("passing back £1.5m in present value");
  });
  it("aligns numbers on the right edge of each column", () => {
    const block = text.split("\n\n")[1]!.split("\n").slice(1);
    const header = block[0]!;
    const npvEnd = header.indexOf("NPV £") + "NPV £".length;
    for (const line of block.slice(1)) if (!line.startsWith("-")) expect(line.slice(0, npvEnd)).toMatch(/\d$/);
  });
});

describe("penaltyStatements", () => {
  it("names the loser, the gain, the transfer, the settlement problem and the funding cliff", () => {
    const s = penaltyStatements(result);
    expect(s[0]).toBe(
      "Over 10 years (2025-26 to 2034-35) the whole system gains £1.4m (the public sector gains £4.0m), but County council loses £1.5m. Police force, Ministry of Justice (HMPPS, courts), NHS integrated care board, Department for Work and Pensions and HM Treasury (tax receipts) gain; passing back £1.5m in present value — 26% of their present-value savings — would bring County council to break-even.",
    );
    expect(s.some((x) => x.startsWith("County council sets its budget one year at a time"))).toBe(true);
    expect(s.some((x) => x.startsWith("Funding cliff: County council's families-grant funding ends in 2027-28"))).toBe(true);
  });
  it("says so when there is no penalty", () => {
    const single = { ...familySupport, agencies: familySupport.agencies.slice(0, 1) } as ModelInput;
    expect(() => appraise(single)).toThrow(); // outcomes name other agencies: the model is invalid
    const none = appraise({ ...familySupport, costShunts: [], outcomes: [] });
    expect(penaltyStatements(none)[0]).toMatch(/^The whole system does not gain/);
  });
});

describe("Markdown", () => {
  const md = appraisalMarkdown(result);
  it("writes one GitHub table per horizon, numbers right-aligned, system row in bold", () => {
    const tables = md.split("\n").filter((l) => l.startsWith("| :-- "));
    expect(tables).toHaveLength(3);
    expect(tables[0]).toBe("| :-- | :-- | --: | --: | --: | --: | --: | :-- |");
    expect(md).toContain(
      "| **Public sector** | **public bodies together** | **7,598,166** | **8,995,685** | **2,582,559** | **3,980,078** | **1.52** | **2030-31** |",
    );
    expect(md).toContain("| **Whole system** | **whole system** | **7,598,166** | **8,995,685** | **0** | **1,397,519** | **1.18** | **2030-31** |");
  });
  it("has columns that add up to the system row", () => {
    const lines = md.split("\n");
    const start = lines.indexOf("### 10 years (2025-26 to 2034-35)");
    // The agency rows, then (skipping the public-sector row) the whole-system row.
    const rows = lines.slice(start + 4, start + 4 + result.agencies.length + 2);
    const body = [...rows.slice(0, -2), rows[rows.length - 1]!];
    const num = (cell: string) => Number(cell.replace(/\*|,/g, "").replace("−", "-"));
    const cells = body.map((l) => l.split(" | ").map((c) => c.replace(/^\| |\s\|$/g, "")));
    for (const col of [2, 3, 4, 5]) {
      const agencies = cells.slice(0, -1).reduce((s, r) => s + num(r[col]!), 0);
      expect(agencies).toBe(num(cells[cells.length - 1]![col]!));
    }
  });
  it("escapes pipes in names", () => {
    const odd = appraise({ ...familySupport, title: "A | B" });
    expect(appraisalMarkdown(odd)).toContain("## A \\| B");
  });
});

describe("CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and round-trips through a CSV parser", () => {
    const rows = [["a,b", 'say "hi"', "two\nlines", -1.5, null, true]];
    const text = toCsv(["x", "y", "z", "n", "empty", "flag"], rows);
    expect(text).toBe('x,y,z,n,empty,flag\r\n"a,b","say ""hi""","two\nlines",-1.5,,true\r\n');
    expect(parse(text)).toEqual([
      ["x", "y", "z", "n", "empty", "flag"],
      ["a,b", 'say "hi"', "two\nlines", "-1.5", "", "true"],
    ]);
  });
  it("summary CSV in pence: agency rows add up to the system row for every horizon", () => {
    const records = parse(summaryCsv(result), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(result.horizons.length * (result.agencies.length + 2));
    for (const h of result.horizons) {
      const mine = records.filter((r) => Number(r.horizon) === h.years);
      const sys = mine.find((r) => r.party === "system")!;
      for (const k of ["pv_costs", "pv_savings", "pv_transfers", "npv"]) {
        const total = mine.filter((r) => r.party !== "system" && r.party !== "public-sector").reduce((s, r) => s.plus(r[k]!), ZERO);
        expect(total.equals(new Decimal(sys[k]!))).toBe(true);
      }
    }
    const council10 = records.find((r) => r.horizon === "10" && r.party === "council")!;
    expect(council10).toMatchObject({ position: "investor-loses", incentive_gap: "true", payback_year: "", bcr: "0.805118" });
  });
  it("tidy ledger rows: the counted rows, with each agency-year summing to the appraisal's yearly net", () => {
    const ledger = buildLedger(familySupport);
    const a = appraiseLedger(ledger);
    const rows = tidyRows(ledger, a);
    const records = parse(tidyCsv(rows), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(rows.length);
    expect(records[0]).toMatchObject({ agency: "council", line: "cost:set-up", label: "Set-up: recruitment, training, case system", amount: "-262500.00" });
    for (const ag of a.agencies) {
      a.annual.agencies[ag.id]!.net.forEach((net, t) => {
        const sum = records.filter((r) => r.agency === ag.id && Number(r.year) === t).reduce((s, r) => s.plus(r.amount!), ZERO);
        expect(sum.equals(net.toDecimalPlaces(2))).toBe(true);
      });
    }
    const exact = tidyRows(ledger, a, { exact: true });
    expect(
      exact
        .map((r) => new Decimal(r.amount))
        .reduce((s, x) => s.plus(x), ZERO)
        .equals(a.annual.system.net.reduce((s, x) => s.plus(x), ZERO)),
    ).toBe(true);
  });
  it("tidy rows follow the lens: the social lens counts more rows than the fiscal", () => {
    const ledger = buildLedger(familySupport);
    expect(tidyRows(ledger, appraiseLedger(ledger, { lens: "social" })).length).toBeGreaterThan(tidyRows(ledger, appraiseLedger(ledger)).length);
  });
});

test.prop([fc.array(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), { minLength: 1, maxLength: 6 })], {
  numRuns: runs(200),
})("CSV of arbitrary cells parses back to the same text (formula-like text with a leading apostrophe)", (cells) => {
  const text = toCsv(
    cells.map((_, i) => `c${i}`),
    [cells],
  );
  const back = parse(text, { relax_column_count: false }) as string[][];
  expect(back[1]).toEqual(cells.map((c) => (c === null ? "" : typeof c === "string" ? csvText(c) : String(c))));
  // No text cell a spreadsheet would take for a formula, unless it is a plain number.
  for (const cell of back[1]!) if (/^[=+\-@\t\r\n]/.test(cell)) expect(Number.isFinite(Number(cell)), cell).toBe(true);
});

/** Names an attacker might put in a model: formulas, markup, line breaks and terminal escapes. */
const HOSTILE = {
  formula: '=HYPERLINK("http://x","y")',
  plus: "+1+1",
  minus: "-2+3",
  at: "@SUM(1,2)",
  tab: "\t=1+1",
  cr: "\r=1+1",
  script: "<script>alert(1)</script>",
  img: '<img src=x onerror="alert(1)">',
  newline: "Police\n| x | y |\n- item",
  link: "[click](javascript:alert(1))",
  escape: "Clear\u001b[2J\u001b[31mred",
  bidi: "Police \u202e000,001\u202c",
};

describe("hostile model text", () => {
  const hostile = appraise({
    ...familySupport,
    title: HOSTILE.img,
    // The model's agencies take the first names; the rest are agencies with no flows.
    agencies: Object.values(HOSTILE).map((name, i) => ({ ...(familySupport.agencies[i] ?? { id: `extra-${i}` }), name })),
  } as ModelInput);
  it("CSV: every name that could be a formula opens as text; numbers (negative too) stay numbers", () => {
    const records = parse(summaryCsv(hostile), { columns: true }) as Record<string, string>[];
    for (const r of records) {
      expect(r.name!, r.name).not.toMatch(/^[=+\-@\t\r]/);
      for (const k of ["pv_costs", "pv_savings", "pv_transfers", "npv"]) expect(r[k]).toMatch(/^-?\d+\.\d\d$/);
    }
    expect(records.find((r) => r.party === "council")!.name).toBe(`'${HOSTILE.formula}`);
    expect(records.find((r) => r.party === "council" && r.horizon === "10")!.npv).toBe("-1480748.29");
    const ledger = buildLedger({ ...familySupport, agencies: familySupport.agencies.map((a) => ({ ...a, name: HOSTILE.minus })) } as ModelInput);
    const tidy = parse(tidyCsv(tidyRows(ledger, appraiseLedger(ledger))), { columns: true }) as Record<string, string>[];
    expect(tidy[0]).toMatchObject({ agency_name: `'${HOSTILE.minus}`, amount: "-262500.00" });
  });
  it("csvText: the OWASP rule, and plain numbers left alone", () => {
    for (const t of ["=1", "+1+1", "-A", "@x", "\tx", "\rx", "\nx", "\uff1d1"]) expect(csvText(t)).toBe(`'${t}`);
    for (const t of ["-262500.00", "+5", "1e-7", "-0.5", "County", "", "a=b"]) expect(csvText(t)).toBe(t);
  });
  it("Markdown: no HTML, no broken tables or lists, no links from names", () => {
    const md = appraisalMarkdown(hostile);
    expect(md).not.toMatch(/<(script|img)/i);
    expect(md).toContain('## &lt;img src=x onerror="alert(1)"&gt;');
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("\\[click\\](javascript:alert(1))");
    // Every table row still has its eight cells: a line break or pipe in a name cannot split one.
    for (const line of md.split("\n").filter((l) => l.startsWith("| "))) expect(line.split(/(?<!\\)\|/).length - 2).toBe(8);
    // Findings are one list item each.
    const findings = penaltyStatements(hostile);
    expect(md.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(findings.length);
    expect(markdownText("1. two")).toBe("1\\. two");
    expect(markdownText("- x")).toBe("\\- x");
    expect(markdownText("0.00")).toBe("0.00");
  });
  it("plain text: names on one line, no terminal escapes, no bidirectional overrides", () => {
    const text = formatAppraisalTable(hostile);
    expect(text).not.toMatch(/[\u001b\u202e\r\t]/);
    expect(text).toContain("Police | x | y | - item");
    expect(text).toContain("Clear\ufffd[2J\ufffd[31mred");
    expect(displayText("a\u0000b\u2066c")).toBe("a\ufffdbc");
  });
});
