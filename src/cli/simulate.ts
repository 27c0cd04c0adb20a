import { SingleBar } from "cli-progress";
import type { Appraisal } from "../appraise";
import type { Lens, Model } from "../model";
import { toDecimal } from "../money";
import { agencyRoles, alignColumns, displayText, formatAmount, horizonWords, inputLabel, type SimulatedParty } from "../report";
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
    io.stderr.write(
      `note: --workers ${opts.workers} is more than this machine can use (${cores} core${cores === 1 ? "" : "s"}); using ${workers} worker threads (at most ${WORKERS_PER_CORE} per core)\n`,
    );
  }
  const bar = io.stderr.isTTY
    ? new SingleBar({
        stream: io.stderr as NodeJS.WritableStream,
        format: "simulating [{bar}] {percentage}% | {value}/{total} draws | {left}",
        hideCursor: true,
        clearOnComplete: true,
      })
    : null;
  const clock = new TimeLeft(opts.draws);
  bar?.start(opts.draws, 0, { left: clock.text() });
  const onProgress = (p: SimulationProgress) => {
    clock.update(p.done);
    bar?.update(p.done, { left: clock.text() });
  };
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

/**
 * The time a run has left, for a progress bar: "estimating time left…" until there is a rate to
 * go on, then the work left at the rate of the last second of reports. Start-up (reading the
 * model, starting worker threads) and the first, slower blocks while the code warms up would
 * make an estimate from the start far too long, so the rate is measured from the first report
 * on, and shown once it covers 0.3 s or 3% of the work. (cli-progress's own estimate showed
 * "0s left" until it had a few updates.)
 *
 * @example
 * ```ts
 * let now = 0;
 * const t = new TimeLeft(1000, () => now);
 * t.text();                          // "estimating time left…"
 * now = 2000; t.update(100);
 * t.text();                          // "estimating time left…"
 * now = 2500; t.update(300);
 * t.text();                          // "2s left"
 * ```
 */
export class TimeLeft {
  private reports: { at: number; done: number }[] = [];

  constructor(
    private readonly total: number,
    private readonly now: () => number = Date.now,
    /** Reports older than this many milliseconds before the latest are not used for the rate. */
    private readonly window = 1000,
  ) {}

  /** Records how many units are done. */
  update(done: number): void {
    if (done <= 0) return;
    const at = this.now();
    this.reports.push({ at, done });
    // Keep the first report and the last window's worth.
    while (this.reports.length > 2 && this.reports[1]!.at < at - this.window) this.reports.splice(1, 1);
  }

  /** Seconds left, or null while there is no rate to go on yet. */
  seconds(): number | null {
    const first = this.reports[0];
    const last = this.reports[this.reports.length - 1];
    if (!first || !last || last === first) return null;
    if (last.at - first.at < 300 && last.done < 0.03 * this.total) return null;
    const ref = this.reports.find((r) => r.at >= last.at - this.window && r !== last) ?? first;
    const rate = (last.done - ref.done) / Math.max(1, last.at - ref.at);
    if (!(rate > 0)) return null;
    return Math.ceil(Math.max(0, this.total - last.done) / rate / 1000);
  }

  /** "estimating time left…", "42s left", "3m 05s left". */
  text(): string {
    const s = this.seconds();
    if (s === null) return "estimating time left…";
    return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s left` : `${s}s left`;
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
  const parts = [
    displayText(result.title, { oneLine: true }),
    `Monte Carlo: ${result.draws.toLocaleString("en-GB")} draws, seed ${result.seed}, ${result.lens} lens, ${result.method} method`,
    "",
  ];
  for (const h of result.horizons) {
    const header = ["Party", "Mean NPV £", "P5 £", "P50 £", "P95 £", "P(NPV > 0)", "P(incentive gap)"];
    const rows = [
      ...result.agencies.map((a) => {
        const s = h.agencies[a.id]!;
        return [
          displayText(a.name, { oneLine: true }),
          money(s.mean),
          money(s.p5),
          money(s.p50),
          money(s.p95),
          pct(s.probabilityPositive),
          pct(h.incentiveGap[a.id] ?? 0),
        ];
      }),
      [
        "Whole system",
        money(h.system.mean),
        money(h.system.p5),
        money(h.system.p50),
        money(h.system.p95),
        pct(h.system.probabilityPositive),
        pct(h.incentiveGapAny),
      ],
    ];
    const title = horizonWords(h.years, labels);
    parts.push(
      `${title[0]!.toUpperCase()}${title.slice(1).replace(/ \(.*\)$/, "")}`,
      alignColumns([header, ...rows], [false, true, true, true, true, true, true]),
      "",
    );
  }
  parts.push("P(incentive gap): the chance the whole system gains while that agency loses (for the system row: while any agency loses).");
  for (const r of result.reasons) parts.push(`Note: ${r}`);
  return `${parts.join("\n")}\n`;
}

/** The report's Monte Carlo section: the system and each investor at the longest horizon. */
export function simulationReportSection(result: SimulationResult, appraisal: Appraisal, model?: Model): { parties: SimulatedParty[]; note: string } {
  const h = result.horizons.length - 1;
  const horizon = result.horizons[h]!;
  const roles = agencyRoles(appraisal);
  const parties: SimulatedParty[] = [
    { party: "Whole system", ...horizon.system, ...(result.samples ? { draws: result.samples.system[h]! } : {}) },
    ...result.agencies
      .filter((a) => roles[a.id] === "investor")
      .map((a) => ({ party: a.name, ...horizon.agencies[a.id]!, ...(result.samples ? { draws: result.samples.agencies[a.id]![h]! } : {}) })),
  ];
  const note = `${result.draws.toLocaleString("en-GB")} draws (seed ${result.seed}) over the model's uncertain inputs (${result.inputs.map((i) => (model ? inputLabel(model, i.path) : i.path)).join("; ") || "none"}); net present value over the ${horizonWords(horizon.years, appraisal.years)}.`;
  return { parties, note };
}
