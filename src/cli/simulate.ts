import { SingleBar } from "cli-progress";
import type { Appraisal } from "../appraise";
import type { Lens, Model } from "../model";
import { toDecimal } from "../money";
import { agencyRoles, alignColumns, formatAmount, horizonWords, type SimulatedParty } from "../report";
import { simulate, type SimulationProgress, type SimulationResult } from "../uncertainty";
import { maxWorkers, simulateParallel, WORKERS_PER_CORE } from "../node";
import type { CliIo } from "./program";

/** What the `simulate` command (and `report --draws`) pass to a Monte Carlo run. */
export interface SimulateCliOptions {
  draws: number;
  seed: number;
  workers?: number;
  horizons?: number[];
  lens?: Lens;
  keepDraws?: boolean;
}

/**
 * Runs a Monte Carlo simulation — in this thread, or on worker threads with `workers` > 1 (the
 * figures are the same either way) — with a progress bar on stderr when it is a terminal.
 */
export async function runSimulation(model: Model, opts: SimulateCliOptions, io: CliIo): Promise<SimulationResult> {
  const workers = Math.min(opts.workers ?? 1, maxWorkers());
  if (workers < (opts.workers ?? 1)) {
    const cores = maxWorkers() / WORKERS_PER_CORE;
    io.stderr.write(`note: --workers ${opts.workers} is more than this machine can use (${cores} core${cores === 1 ? "" : "s"}); using ${workers} worker threads (at most ${WORKERS_PER_CORE} per core)\n`);
  }
  const bar = io.stderr.isTTY ? new SingleBar({ stream: io.stderr as NodeJS.WritableStream, format: "simulating [{bar}] {percentage}% | {value}/{total} draws | {eta}s left", hideCursor: true, clearOnComplete: true }) : null;
  bar?.start(opts.draws, 0);
  const onProgress = (p: SimulationProgress) => bar?.update(p.done);
  const settings = {
    draws: opts.draws,
    seed: opts.seed,
    ...(opts.horizons ? { horizons: opts.horizons } : {}),
    ...(opts.lens ? { lens: opts.lens } : {}),
    ...(opts.keepDraws ? { keepDraws: true } : {}),
    onProgress,
  };
  try {
    return workers > 1 ? await simulateParallel(model, { ...settings, workers }) : simulate(model, settings);
  } finally {
    bar?.stop();
  }
}

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const money = (v: number) => formatAmount(toDecimal(Math.round(v)), "pounds");

/**
 * A Monte Carlo result as plain text: for each horizon, each agency's and the system's mean NPV,
 * 5th, 50th and 95th percentiles, the chance NPV > 0, and the chance of an incentive gap.
 */
export function simulationTable(result: SimulationResult): string {
  const labels: string[] = [];
  const parts = [`${result.title}`, `Monte Carlo: ${result.draws.toLocaleString("en-GB")} draws, seed ${result.seed}, ${result.lens} lens, ${result.method} method`, ""];
  for (const h of result.horizons) {
    const header = ["Party", "Mean NPV £", "P5 £", "P50 £", "P95 £", "P(NPV > 0)", "P(incentive gap)"];
    const rows = [
      ...result.agencies.map((a) => {
        const s = h.agencies[a.id]!;
        return [a.name, money(s.mean), money(s.p5), money(s.p50), money(s.p95), pct(s.probabilityPositive), pct(h.incentiveGap[a.id] ?? 0)];
      }),
      ["Whole system", money(h.system.mean), money(h.system.p5), money(h.system.p50), money(h.system.p95), pct(h.system.probabilityPositive), pct(h.incentiveGapAny)],
    ];
    const title = horizonWords(h.years, labels);
    parts.push(`${title[0]!.toUpperCase()}${title.slice(1).replace(/ \(.*\)$/, "")}`, alignColumns([header, ...rows], [false, true, true, true, true, true, true]), "");
  }
  parts.push("P(incentive gap): the chance the whole system gains while that agency loses (for the system row: while any agency loses).");
  for (const r of result.reasons) parts.push(`Note: ${r}`);
  return `${parts.join("\n")}\n`;
}

/** The report's Monte Carlo section: the system and each investor at the longest horizon. */
export function simulationReportSection(result: SimulationResult, appraisal: Appraisal): { parties: SimulatedParty[]; note: string } {
  const h = result.horizons.length - 1;
  const horizon = result.horizons[h]!;
  const roles = agencyRoles(appraisal);
  const parties: SimulatedParty[] = [
    { party: "Whole system", ...horizon.system, ...(result.samples ? { draws: result.samples.system[h]! } : {}) },
    ...result.agencies
      .filter((a) => roles[a.id] === "investor")
      .map((a) => ({ party: a.name, ...horizon.agencies[a.id]!, ...(result.samples ? { draws: result.samples.agencies[a.id]![h]! } : {}) })),
  ];
  const note = `${result.draws.toLocaleString("en-GB")} draws (seed ${result.seed}) over the model's uncertain inputs (${result.inputs.map((i) => i.path).join(", ") || "none"}); net present value over the ${horizonWords(horizon.years, appraisal.years)}.`;
  return { parties, note };
}
