import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/program";
import { TimeLeft } from "../src/cli/simulate";
import { appraise, modelJsonSchema, type ModelInput } from "../src";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const EXAMPLE = join(ROOT, "examples/family-support.json");
const familySupport = JSON.parse(readFileSync(EXAMPLE, "utf8")) as ModelInput;
const dir = mkdtempSync(join(tmpdir(), "its-cli-"));

/** Runs the CLI in this process, capturing what it writes. */
async function cli(args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: tty, columns: 100 } as { write(s: string): unknown; isTTY: boolean },
  });
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content));
  return path;
}

const withUncertainty = file("mc.json", {
  ...familySupport,
  uncertainty: { distributions: { "outcomes.custody.success": { type: "triangular", min: 0.02, mode: 0.04, max: 0.07 } } },
});

describe("invest-to-save (the built command, spawned)", () => {
  // Spawned through tsx on the source, as a user runs the bin: real exit codes and streams.
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/cli/index.ts"), ...args], { encoding: "utf8", cwd: ROOT });
  it("--help: exit 0, every command and examples", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    for (const c of ["validate", "appraise", "simulate", "report", "export", "schema"]) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain("$ invest-to-save appraise examples/family-support.json --horizons 1,5,10");
  });
  it("an invalid model: exit 1 with every problem's JSON path on stderr", () => {
    const r = run("validate", file("bad.json", { title: "", appraisal: { baseYear: "2025" }, agencies: [] }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("  title: expected a non-empty text");
    expect(r.stderr).toContain("  appraisal.baseYear: expected a financial year");
  });
  it("a usage error: exit 2", () => {
    const r = run("appraise", EXAMPLE, "--format", "xml");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Allowed choices are table, json, csv, md");
  });
});

describe("commands (in process)", () => {
  it("validate: a one-line summary", async () => {
    const r = await cli(["validate", EXAMPLE]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^valid: Early help for families.*7 agencies, 1 intervention, 4 costs, 5 outcomes/);
  });
  it("exit codes: no command, unknown command, missing file, bad JSON, bad option values", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect(await cli(["appraise", join(dir, "missing.json")])).toMatchObject({ code: 2, err: expect.stringContaining("cannot read model file") });
    expect(await cli(["appraise", file("broken.json", '{"title": ')])).toMatchObject({ code: 1, err: expect.stringContaining("not valid JSON") });
    expect(await cli(["appraise", EXAMPLE, "--horizons", "1,50"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--horizons[1]: expected a whole number of years from 1 to 10, got 50"),
    });
    expect((await cli(["appraise", EXAMPLE, "--horizons", "1,x"])).code).toBe(2);
    expect((await cli(["appraise", EXAMPLE, "--lens", "moral"])).code).toBe(2);
    expect((await cli(["simulate", EXAMPLE, "--draws", "0", "--seed", "1"])).code).toBe(2);
    expect((await cli(["simulate", EXAMPLE, "--draws", "10"])).code).toBe(2);
    expect((await cli(["export", EXAMPLE])).code).toBe(2);
    expect((await cli(["--version"])).out).toMatch(/^\d+\.\d+\.\d+/);
  });
  it("appraise: a per-agency table at each horizon with the penalty flagged", async () => {
    const r = await cli(["appraise", EXAMPLE, "--horizons", "1,5,10"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/10 years \(2025-26 to 2034-35\)\nParty\s+Position\s+PV costs £/);
    expect(r.out).toMatch(/County council\s+investor, loses \(!\)\s+7,598,166\s+5,952,129\s+165,289\s+−1,480,748\s+0\.81\s+never/);
    expect(r.out).toMatch(/Families \(households\)\s+payer\s+0\s+0\s+−2,582,559\s+−2,582,559/);
    expect(r.out).toMatch(/Public sector\s+public bodies together\s+7,598,166\s+8,995,685\s+2,582,559\s+3,980,078\s+1\.52\s+2030-31/);
    expect(r.out).toMatch(/Whole system\s+whole system\s+7,598,166\s+8,995,685\s+0\s+1,397,519\s+1\.18\s+2030-31/);
  });
  it("appraise --format json|csv|md, --lens", async () => {
    const json = JSON.parse((await cli(["appraise", EXAMPLE, "--format", "json"])).out);
    expect(json.horizons[2].agencies.council.npv).toBe("-1480748.29");
    const csv = parse((await cli(["appraise", EXAMPLE, "--format", "csv", "--horizons", "10"])).out, { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.party === "public-sector")).toMatchObject({ horizon: "10", npv: "3980078.25" });
    expect(csv.find((r) => r.party === "system")).toMatchObject({ horizon: "10", npv: "1397519.02" });
    expect((await cli(["appraise", EXAMPLE, "--format", "md"])).out).toContain("| :-- | :-- | --: |");
    const social = JSON.parse((await cli(["appraise", EXAMPLE, "--format", "json", "--lens", "social"])).out);
    expect(social.lens).toBe("social");
    expect(social.horizons[2].system.npv).toBe(appraise(familySupport, { lens: "social" }).horizons[2]!.system.npv.toFixed(2));
  });
  it("appraise --discount and --timing: the Cheshire West 108/41 reproduced undiscounted", async () => {
    // "£108m over five years": five financial years, 2013-14 to 2017-18; the public bodies' savings.
    const r = await cli(["appraise", "examples/cases/cheshire-west.json", "--discount", "0", "--horizons", "5", "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.discount).toEqual({ rate: "0" });
    expect(json.horizons[0].label).toBe("5 years (2013-14 to 2017-18)");
    const ps = json.horizons[0].publicSector;
    expect(Number(ps.pvSavings) + Number(ps.pvTransfers)).toBe(108000000);
    expect(ps).toMatchObject({ pvCosts: "41000000", bcr: "2.634146" });
    const flat = JSON.parse((await cli(["appraise", EXAMPLE, "--discount", "0.035", "--timing", "mid", "--format", "json"])).out);
    expect(flat.timing).toBe("mid");
    expect((await cli(["appraise", EXAMPLE, "--discount", "two"])).code).toBe(2);
    expect((await cli(["appraise", EXAMPLE, "--timing", "noon"])).code).toBe(2);
  });
  it("schema: the model's JSON Schema", async () => {
    expect(JSON.parse((await cli(["schema"])).out)).toEqual(JSON.parse(JSON.stringify(modelJsonSchema())));
  });
  it("simulate: seeded percentiles; quiet on stderr when it is not a terminal, a progress bar when it is", async () => {
    const a = await cli(["simulate", withUncertainty, "--draws", "2000", "--seed", "7", "--format", "json"]);
    const b = await cli(["simulate", withUncertainty, "--draws", "2000", "--seed", "7", "--format", "json"], true);
    expect(a.code).toBe(0);
    expect(a.err).toBe("");
    expect(b.err).toMatch(/simulating \[/);
    expect(JSON.parse(a.out)).toEqual(JSON.parse(b.out));
    const table = await cli(["simulate", withUncertainty, "--draws", "2000", "--seed", "7"]);
    expect(table.out).toMatch(/Monte Carlo: 2,000 draws, seed 7/);
    expect(table.out).toMatch(/County council\s+−[\d,]+\s+−[\d,]+/);
  });
  it("simulate --workers beyond the cores: capped, with a note; the same figures", async () => {
    const args = ["simulate", withUncertainty, "--draws", "300", "--seed", "5", "--format", "json"];
    const many = await cli([...args, "--workers", "1000"]);
    expect(many.code).toBe(0);
    expect(many.err).toMatch(/^note: --workers 1000 is more than this machine can use \(\d+ cores?\); using \d+ worker threads \(at most 2 per core\)\n$/);
    expect(JSON.parse(many.out)).toEqual(JSON.parse((await cli(args)).out));
  });
  it("reads a model file with a UTF-8 byte-order mark; refuses invalid UTF-8 with the byte offset", async () => {
    const text = readFileSync(EXAMPLE);
    const bom = file("bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]));
    expect(await cli(["validate", bom])).toMatchObject({ code: 0, out: expect.stringMatching(/^valid: /) });
    const broken = Buffer.from(text);
    broken[200] = 0xff;
    const bad = await cli(["validate", file("latin1.json", broken)]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\(model\): not valid UTF-8: byte 0xFF at byte offset 200 \(line \d+\)/);
  });
  it("report: writes a self-contained HTML file, interactive by default, smaller with --static", async () => {
    const out = join(dir, "report.html");
    const r = await cli(["report", withUncertainty, "--out", out, "--draws", "1000", "--seed", "3"]);
    expect(r).toMatchObject({ code: 0, err: `wrote ${out}\n` });
    const html = readFileSync(out, "utf8");
    expect(html).toContain("vegaEmbed(target, spec");
    for (const id of ["cashflow", "cumulative", "incentive-gap", "tornado", "distribution"]) expect(html).toContain(`<figure class="chart" id="${id}"`);
    const small = join(dir, "static.html");
    expect((await cli(["report", EXAMPLE, "--out", small, "--static"])).code).toBe(0);
    const page = readFileSync(small, "utf8");
    expect(page).not.toContain("<script>");
    expect(page.length).toBeLessThan(html.length / 3);
  });
  it("export: XLSX with formulas, tidy CSV and JSON", async () => {
    const [x, c, j] = ["out.xlsx", "rows.csv", "rows.json"].map((f) => join(dir, f));
    const r = await cli(["export", EXAMPLE, "--xlsx", x!, "--csv", c!, "--json", j!]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x!);
    expect((wb.getWorksheet("Summary")!.getCell("C6").value as { formula: string }).formula).toMatch(/^SUMPRODUCT\(/);
    const rows = parse(readFileSync(c!, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(JSON.parse(readFileSync(j!, "utf8")).length);
    expect(Object.keys(rows[0]!)).toContain("present_value");
  });
});

describe("simulate progress: time left", () => {
  it("says it is estimating until it has a rate, then estimates from the recent rate (start-up and warm-up not counted)", () => {
    let now = 0;
    const t = new TimeLeft(10_000, () => now);
    expect(t.text()).toBe("estimating time left…");
    now = 4000; // four seconds of start-up, then the first block
    t.update(100);
    expect(t.text()).toBe("estimating time left…");
    now = 4100; // 100 ms later and 1% done: still too little to go on
    t.update(200);
    expect(t.seconds()).toBeNull();
    now = 4400; // 0.4 s of reports: 300 draws in 0.4 s since the first
    t.update(400);
    expect(t.text()).toBe("13s left");
    // Warmed up: 1,000 draws every 0.1 s; the window forgets the slow start.
    for (let done = 1400; done <= 9400; done += 1000) {
      now += 100;
      t.update(done);
    }
    expect(t.text()).toBe("1s left");
    now += 100;
    t.update(10_000);
    expect(t.text()).toBe("0s left");
  });
  it("writes minutes and seconds for long runs", () => {
    let now = 0;
    const t = new TimeLeft(1000, () => now);
    t.update(10);
    now = 2000;
    t.update(20);
    expect(t.text()).toBe("3m 16s left");
  });
});
