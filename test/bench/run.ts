/**
 * `npm run bench` (add `-- --json` to write test/bench/results.json). Every speed figure is a
 * ratio against a baseline measured in the same process and run, because these machines are
 * noisy; absolute times are printed for information only. Tasks are timed with tinybench.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import * as formulajs from "@formulajs/formulajs";
import { Bench } from "tinybench";
import { appraise, excel, gainshareRange, loadModel, shapleySurplus, simulate } from "../../src";
import { seedStream, uniformOpen } from "../../src/uncertainty/rng";
import { SimulationPool, simulateParallel } from "../../src/node";
import { isTrueRoot } from "../helpers/roots";
import { baselineMonteCarlo } from "./baseline";
import { baselinePvs } from "./exact-baseline";
import { loopMismatches, meansWorstZ } from "./compare";
import { linesModel, MC_DISTRIBUTIONS, MC_MODEL, sizedModel } from "./models";

const json = process.argv.includes("--json");
const loadAtStart = loadavg()[0]!;
const quick = process.argv.includes("--quick");
const results: Record<string, number> = {};
const rows: { task: string; "median ms": string; "min ms": string; samples: number }[] = [];

interface Timing {
  median: number;
  min: number;
}

async function time(name: string, fn: () => unknown, iterations: number): Promise<Timing> {
  const bench = new Bench({ name, time: 0, iterations, warmupIterations: 1, warmupTime: 0 });
  bench.add(name, fn as () => void);
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== "completed") throw new Error(`${name}: ${r.state}${"error" in r ? `: ${String(r.error)}` : ""}`);
  rows.push({ task: name, "median ms": r.latency.p50.toFixed(1), "min ms": r.latency.min.toFixed(1), samples: r.latency.samples?.length ?? iterations });
  return { median: r.latency.p50, min: r.latency.min };
}

/**
 * Alternates two tasks for a few rounds, so that bursts of load from other processes hit both
 * alike. Returns for each the fastest run (other processes only ever add time, so the fastest is
 * the least disturbed) and the median of the rounds' medians.
 */
async function paired(a: [string, () => unknown], b: [string, () => unknown], rounds: number, each: number): Promise<[Timing, Timing]> {
  const ta: Timing[] = [];
  const tb: Timing[] = [];
  for (let r = 0; r < rounds; r++) {
    ta.push(await time(`${a[0]} (round ${r + 1})`, a[1], each));
    tb.push(await time(`${b[0]} (round ${r + 1})`, b[1], each));
  }
  const mid = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
  const sum = (x: Timing[]): Timing => ({ median: mid(x.map((t) => t.median)), min: Math.min(...x.map((t) => t.min)) });
  return [sum(ta), sum(tb)];
}

/** Records a ratio a ÷ b under `key` (from the fastest runs) and `key_median`. */
function ratio(key: string, a: Timing, b: Timing): void {
  results[key] = a.min / b.min;
  results[`${key}_median`] = a.median / b.median;
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo: simulate() vs an independent hand-written float64 Monte Carlo (its own generator,
// samplers, NPVs and summaries: test/bench/baseline.ts). The draws differ, so the check is that
// the two agree in distribution (means within sampling error), not draw by draw.
const mcModel = loadModel(MC_MODEL);
const DRAWS = 100_000;
{
  const ours = simulate(mcModel, { draws: 20_000, seed: 1, distributions: MC_DISTRIBUTIONS });
  const theirs = baselineMonteCarlo(20_000, 7);
  results.mc_means_worst_z = meansWorstZ(
    ours,
    theirs,
    mcModel.agencies.map((a) => a.id),
    20_000,
  );
  if (results.mc_means_worst_z > 5) throw new Error(`the baseline's means differ from simulate's by ${results.mc_means_worst_z} standard errors`);
  results.mc_method_fast = ours.method === "fast" ? 1 : 0;
}
const [tKernel, tSimulate] = await paired(
  ["independent float64 Monte Carlo (draws, NPVs, summaries), 100k draws", () => baselineMonteCarlo(DRAWS, 1)],
  ["simulate(), 100k draws, 1 thread", () => simulate(mcModel, { draws: DRAWS, seed: 1, distributions: MC_DISTRIBUTIONS })],
  quick ? 1 : 3,
  quick ? 2 : 3,
);
results.mc_kernel_ms_100k = tKernel.min;
results.mc_simulate_ms_100k = tSimulate.min;
ratio("mc_ratio_vs_kernel", tSimulate, tKernel);

// Growth with draws (same run).
const [t200, t50] = await paired(
  ["simulate(), 200k draws", () => simulate(mcModel, { draws: 200_000, seed: 1, distributions: MC_DISTRIBUTIONS })],
  ["simulate(), 50k draws", () => simulate(mcModel, { draws: 50_000, seed: 1, distributions: MC_DISTRIBUTIONS })],
  quick ? 1 : 3,
  quick ? 2 : 3,
);
ratio("mc_scaling_200k_vs_50k", t200, t50);

// Workers: warm pools of 1 and 2 threads, 400k draws; and cold (starting the threads) for reference.
{
  const MANY = 400_000;
  const opts = { draws: MANY, seed: 1, distributions: MC_DISTRIBUTIONS };
  const one = new SimulationPool({ workers: 1 });
  const two = new SimulationPool({ workers: 2 });
  await one.simulate(mcModel, { ...opts, draws: 5000 });
  await two.simulate(mcModel, { ...opts, draws: 5000 });
  const [t1, t2] = await paired(
    ["pool of 1 worker, 400k draws", () => one.simulate(mcModel, opts)],
    ["pool of 2 workers, 400k draws", () => two.simulate(mcModel, opts)],
    quick ? 1 : 5,
    quick ? 1 : 2,
  );
  // How many cores the 2-worker run keeps busy: process CPU time ÷ wall time (≈ 2 when both are).
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await two.simulate(mcModel, opts);
  const cpu = process.cpuUsage(cpu0);
  results.mc_workers_2_cores_busy = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
  await one.close();
  await two.close();
  results.mc_workers_1_ms_400k = t1.min;
  results.mc_workers_2_ms_400k = t2.min;
  ratio("mc_workers_speedup", t1, t2);
  const [c1, c2] = await paired(
    ["simulateParallel 1 worker (with start-up), 400k", () => simulateParallel(mcModel, { ...opts, workers: 1 })],
    ["simulateParallel 2 workers (with start-up), 400k", () => simulateParallel(mcModel, { ...opts, workers: 2 })],
    quick ? 1 : 2,
    1,
  );
  ratio("mc_workers_speedup_cold", c1, c2);
}

// ---------------------------------------------------------------------------------------------
// IRR: this library's excel.IRR vs formulajs on the same 1,000 seeded one-sign-change cashflows.
{
  const rng = seedStream(2024);
  const int = (lo: number, hi: number) => lo + Math.floor(uniformOpen(rng) * (hi - lo + 1));
  const flows: number[][] = Array.from({ length: 1000 }, () => {
    const out = Array.from({ length: int(1, 5) }, () => -(1 + uniformOpen(rng) * 1e6));
    const zeros = Array.from({ length: int(0, 3) }, () => 0);
    const ins = Array.from({ length: int(1, 30) }, () => 1 + uniformOpen(rng) * 1e6);
    return [...out, ...zeros, ...ins];
  });
  const times = flows.map((v) => v.map((_, t) => t));
  const ours = (v: number[]) => {
    try {
      return excel.IRR(v);
    } catch {
      return NaN;
    }
  };
  const theirs = (v: number[]) => {
    const r = formulajs.IRR(v) as unknown;
    return typeof r === "number" ? r : NaN;
  };
  results.irr_correct = flows.filter((v, i) => isTrueRoot(ours(v), times[i]!, v)).length;
  results.irr_correct_formulajs = flows.filter((v, i) => isTrueRoot(theirs(v), times[i]!, v)).length;
  const [tf, to] = await paired(
    ["formulajs IRR × 1,000", () => flows.forEach(theirs)],
    ["excel.IRR × 1,000", () => flows.forEach(ours)],
    quick ? 1 : 3,
    quick ? 3 : 10,
  );
  ratio("irr_speedup_vs_formulajs", tf, to);
}

// ---------------------------------------------------------------------------------------------
// Exact appraisal vs an independent hand-written Decimal loop computing the same PVs (40 digits).
{
  const input = sizedModel(10, 20, 10);
  const m = loadModel(input);
  results.appraise_loop_mismatches = loopMismatches(appraise(m), baselinePvs(input));
  if (results.appraise_loop_mismatches > 0) throw new Error(`the Decimal loop differs from appraise on ${results.appraise_loop_mismatches} figures`);
  const [tA, tL] = await paired(
    ["appraise 10 agencies × 20 interventions × 10 years", () => appraise(m)],
    ["hand-written Decimal loop, same PVs", () => baselinePvs(input)],
    quick ? 3 : 15,
    quick ? 5 : 10,
  );
  results.appraise_ms_10x20x10 = tA.min;
  results.decimal_loop_ms_10x20x10 = tL.min;
  ratio("appraise_ratio_vs_decimal_loop", tA, tL);

  // Solvers, against one exact appraisal of the same model in the same rounds.
  const h = appraise(m, { horizons: [10] }).horizons[0]!;
  const gainers = m.agencies.filter((a) => h.agencies[a.id]!.npv.isPositive()).map((a) => a.id);
  const loser = m.agencies.filter((a) => h.agencies[a.id]!.npv.isNegative())[0]!.id;
  const [tS, tA2] = await paired(
    ["shapleySurplus over 10 agencies", () => shapleySurplus(m, { horizon: 10 })],
    ["appraise (for the solver ratios)", () => appraise(m)],
    quick ? 2 : 5,
    quick ? 3 : 5,
  );
  ratio("shapley_ratio_vs_appraise", tS, tA2);
  const [tG, tA3] = await paired(
    ["gainshareRange (3 payers to 1 receiver)", () => gainshareRange(m, { deal: { id: "gs", from: gainers, to: [loser] }, horizon: 10 })],
    ["appraise (for the solver ratios)", () => appraise(m)],
    quick ? 2 : 5,
    quick ? 2 : 3,
  );
  ratio("gainshare_range_ratio_vs_appraise", tG, tA3);

  const small = loadModel(linesModel(1000, 30));
  const big = loadModel(linesModel(10_000, 30));
  const [tb, ts] = await paired(
    ["appraise 10,000 lines × 30 years", () => appraise(big)],
    ["appraise 1,000 lines × 30 years", () => appraise(small)],
    quick ? 1 : 2,
    quick ? 1 : 2,
  );
  results.appraise_ms_1000x30 = ts.min;
  results.appraise_ms_10000x30 = tb.min;
  ratio("appraise_scaling", tb, ts);
}

// ---------------------------------------------------------------------------------------------
// The live deal explorer: one recompute in the page (headless Chromium) for family-support,
// against the same appraisal in Node (appraise of the model with the same inputs set).
{
  const { chromium } = await import("playwright-core");
  const { readFileSync } = await import("node:fs");
  const { buildExplorerHtml } = await import("../../src/report/explorer/html");
  const { applyControls, explorerModel } = await import("../../src/report/explorer/controls");
  const { chartScripts, explorerScript } = await import("../../src/cli/assets");
  const raw = JSON.parse(readFileSync(new URL("../../examples/family-support.json", import.meta.url), "utf8"));
  const html = buildExplorerHtml(raw, { scripts: { ...chartScripts(), explorer: await explorerScript() } });
  const base = explorerModel(raw).model;
  // Two settings of an input (a success rate) the page moves between, and a deal share.
  const A = { "outcomes[1].success": 0.05, "deals[0].share": 0.3 };
  const B = { "outcomes[1].success": 0.045, "deals[0].share": 0.35 };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.ready === "true", null, { timeout: 120_000 });
    type Api = {
      explorer: {
        settled(): Promise<void>;
        timeRecompute(n: number, a: object, b: object, full?: boolean): number[];
        timeMoves(path: string, values: number[]): Promise<number[]>;
      };
    };
    await page.evaluate(() => (window as unknown as Api).explorer.settled());
    const each = quick ? 10 : 40;
    const inPage = (full: boolean) =>
      page.evaluate(([a, b, n, f]) => (window as unknown as Api).explorer.timeRecompute(n, a, b, f), [A, B, each, full] as const);
    const mid = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
    const pageCompute: number[] = [];
    const pageFull: number[] = [];
    const nodeTimes: number[] = [];
    await inPage(true); // warm-up
    for (let k = 0; k < each; k++) appraise(applyControls(base, k % 2 ? B : A));
    for (let round = 0; round < (quick ? 2 : 5); round++) {
      pageCompute.push(...(await inPage(false)));
      pageFull.push(...(await inPage(true)));
      for (let k = 0; k < each; k++) {
        const t = performance.now();
        appraise(applyControls(base, k % 2 ? B : A));
        nodeTimes.push(performance.now() - t);
      }
    }
    const moves = await page.evaluate(() =>
      (window as unknown as Api).explorer.timeMoves("outcomes[1].success", [0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.065]),
    );
    rows.push({
      task: "explorer: appraisal in the page (family-support)",
      "median ms": mid(pageCompute).toFixed(1),
      "min ms": Math.min(...pageCompute).toFixed(1),
      samples: pageCompute.length,
    });
    rows.push({
      task: "explorer: appraisal + redrawn figures in the page",
      "median ms": mid(pageFull).toFixed(1),
      "min ms": Math.min(...pageFull).toFixed(1),
      samples: pageFull.length,
    });
    rows.push({
      task: "the same appraisal in Node",
      "median ms": mid(nodeTimes).toFixed(1),
      "min ms": Math.min(...nodeTimes).toFixed(1),
      samples: nodeTimes.length,
    });
    rows.push({
      task: "explorer: slider input event to figures drawn",
      "median ms": mid(moves).toFixed(1),
      "min ms": Math.min(...moves).toFixed(1),
      samples: moves.length,
    });
    const timing = (x: number[]): Timing => ({ median: mid(x), min: Math.min(...x) });
    results.explorer_recompute_ms = Math.min(...pageFull);
    results.explorer_appraise_ms_in_node = Math.min(...nodeTimes);
    // One recompute in the page (appraisal, then the figures redrawn) ÷ the same appraisal in Node.
    ratio("explorer_recompute_ratio_vs_node", timing(pageFull), timing(nodeTimes));
    ratio("explorer_appraise_ratio_vs_node", timing(pageCompute), timing(nodeTimes));
    // What a user feels: from the slider's input event to the figures drawn (median of 8 moves).
    results.explorer_move_to_paint_ms = mid(moves);
  } finally {
    await browser.close();
  }
}

console.table(rows);
const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}`;
results.load_average_at_start = loadAtStart;
results.load_average_at_end = loadavg()[0]!;
console.log(`\nMachine: ${machine}`);
console.table(Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { value: Number(v.toPrecision(4)) }])));
if (json) {
  writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify({ machine, date: new Date().toISOString(), ...results }, null, 2)}\n`);
  console.log("wrote test/bench/results.json");
}
