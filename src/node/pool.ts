import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { InvalidModelError, type ModelError } from "../model";
import {
  blockRange,
  planSimulation,
  summariseSimulation,
  type NpvSummary,
  type SimulateOptions,
  type SimulationResult,
  type SimulationSettings,
} from "../uncertainty";
import type { FromWorker, ToWorker } from "./worker";

/**
 * A pool of worker threads for Monte Carlo runs. Blocks of draws are handed out in chunks as
 * workers become free; each block carries its own random stream and lands at its own place in
 * the result, so the figures are identical for any number of workers (and equal `simulate`'s).
 */

/**
 * How to start a worker: the built worker file next to this one (ESM or CJS), or, when running
 * from the TypeScript source (tests, benchmarks under tsx), the source worker compiled by tsx.
 */
function workerScript(): { script: string | URL; eval: boolean } {
  // import.meta.url only (tsup shims it in the CJS build): a bare __filename would make tsup's ESM
  // shim import Node's path and url into a chunk the portable core shares.
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(here)) {
    const require = createRequire(here);
    const tsx = require.resolve("tsx/cjs/api");
    const source = fileURLToPath(new URL("./worker.ts", here));
    return { script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, eval: true };
  }
  return { script: new URL(here.endsWith(".cjs") ? "./node-worker.cjs" : "./node-worker.js", here), eval: false };
}

/**
 * Most worker threads a pool runs per core. The work is all computation, so threads beyond the
 * cores only take turns on them; a little headroom helps when a core is briefly busy elsewhere.
 */
export const WORKERS_PER_CORE = 2;

/**
 * The most worker threads a pool starts on this machine: {@link WORKERS_PER_CORE} ×
 * `os.availableParallelism()`. A larger `workers` option is capped to it.
 *
 * @example
 * ```ts
 * import { maxWorkers } from "invest-to-save/node";
 * maxWorkers(); // 4 on a 2-core machine
 * ```
 */
export function maxWorkers(): number {
  return WORKERS_PER_CORE * Math.max(1, availableParallelism());
}

/** Options of {@link SimulationPool.simulate} and {@link simulateParallel}. */
export type ParallelOptions = SimulateOptions;

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The simulation was aborted", "AbortError");
}

/** A reusable set of worker threads. Call `close()` when done (workers keep the process alive). */
export class SimulationPool {
  /** Most worker threads the pool runs: the `workers` asked for, capped at {@link maxWorkers}. */
  readonly size: number;
  private workers: Worker[] = [];
  private job = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @example
   * ```ts
   * const pool = new SimulationPool({ workers: 2 });
   * const result = await pool.simulate(model, { draws: 100_000, seed: 1 });
   * await pool.close();
   * ```
   */
  constructor(options: { workers?: number } = {}) {
    const n = options.workers ?? Math.max(1, availableParallelism());
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`workers must be a whole number ≥ 1, got ${n}`);
    this.size = Math.min(n, maxWorkers());
  }

  /** Starts threads as a run needs them: no more than its blocks of draws, nor than `size`. */
  private spawn(needed: number): Worker[] {
    const want = Math.max(1, Math.min(this.size, needed));
    if (this.workers.length < want) {
      const { script, eval: asCode } = workerScript();
      while (this.workers.length < want) this.workers.push(new Worker(script, { eval: asCode }));
    }
    return this.workers;
  }

  /** Stops every worker; the pool starts new ones if used again. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Runs a simulation on the pool (one at a time; later calls wait). Same result as `simulate`. */
  simulate(model: unknown, options: ParallelOptions): Promise<SimulationResult> {
    const run = this.queue.then(() => this.run(model, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(input: unknown, options: ParallelOptions): Promise<SimulationResult> {
    const { onProgress, signal, ...rest } = options;
    const settings: SimulationSettings = rest;
    signal?.throwIfAborted();
    const plan = planSimulation(input, settings); // validates here, so errors come from the caller's thread
    const n = plan.settings.draws;
    const F = plan.kernel.outputs;
    // Workers write their blocks straight into shared memory: no copies, and any worker can
    // summarise any figure afterwards.
    const sharedNpvs = new SharedArrayBuffer(F * n * 8);
    const sharedInputs = settings.keepDraws ? new SharedArrayBuffer(plan.inputs.length * n * 8) : null;
    const job = ++this.job;
    const workers = this.spawn(plan.blocks);
    const active = workers.slice(0, Math.min(workers.length, plan.blocks));
    const chunk = Math.max(1, Math.min(16, Math.ceil(plan.blocks / (active.length * 4))));
    const summaries: NpvSummary[] = [];
    let next = 0;
    let done = 0;
    let pending = 0;
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const cleanups: (() => void)[] = [];
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        cleanups.forEach((c) => c());
        if (error === undefined) resolve();
        else {
          void this.close(); // workers may be mid-chunk: replace them rather than wait
          reject(error);
        }
      };
      const send = (w: Worker) => {
        if (next >= plan.blocks) return;
        const first = next;
        next = Math.min(plan.blocks, next + chunk);
        w.postMessage({ type: "run", job, first, last: next } satisfies ToWorker);
      };
      const summarise = () => {
        // Share the figures (columns) out between the workers.
        active.forEach((w, i) => {
          const figures = Array.from({ length: F }, (_, f) => f).filter((f) => f % active.length === i);
          pending++;
          w.postMessage({ type: "summarise", job, figures } satisfies ToWorker);
        });
      };
      for (const w of active) {
        const onMessage = (msg: FromWorker) => {
          if (msg.job !== job || settled) return;
          if (msg.type === "error") {
            const errors = msg.errors as ModelError[] | undefined;
            return finish(
              msg.name === "InvalidModelError" && errors ? new InvalidModelError(errors) : Object.assign(new Error(msg.message), { name: msg.name }),
            );
          }
          if (msg.type === "ready") return send(w);
          if (msg.type === "summaries") {
            msg.figures.forEach((f, k) => (summaries[f] = msg.summaries[k]!));
            if (--pending === 0) finish();
            return;
          }
          done += blockRange(plan, msg.first, msg.last).count;
          onProgress?.({ done, total: n });
          if (done === n) summarise();
          else send(w);
        };
        const onError = (e: unknown) => finish(e);
        const onExit = (code: number) => finish(new Error(`a simulation worker stopped (exit code ${code})`));
        w.on("message", onMessage);
        w.on("error", onError);
        w.on("exit", onExit);
        cleanups.push(() => {
          w.off("message", onMessage);
          w.off("error", onError);
          w.off("exit", onExit);
        });
        w.postMessage({ type: "plan", job, model: plan.model, settings, npvs: sharedNpvs, inputs: sharedInputs } satisfies ToWorker);
      }
      if (signal) {
        const onAbort = () => finish(abortError(signal));
        signal.addEventListener("abort", onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener("abort", onAbort));
      }
    });
    // Kept draws are handed back in ordinary (unshared) memory.
    const npvs = new Float64Array(sharedNpvs);
    const inputs = sharedInputs ? new Float64Array(sharedInputs).slice() : null;
    return summariseSimulation(plan, settings.keepDraws ? npvs.slice() : npvs, inputs, summaries);
  }
}

/**
 * Monte Carlo on worker threads: the same result as `simulate` (identical figures for the same
 * seed whatever the number of workers), spread over `workers` threads (default: one per core;
 * at most {@link maxWorkers}, and no more than there are blocks of 1,024 draws).
 * Starts a pool and stops it afterwards; for several runs, keep a {@link SimulationPool}.
 * `onProgress` is called as chunks of blocks finish; aborting `signal` stops the workers and
 * rejects with the signal's reason (a DOMException named "AbortError" by default).
 *
 * @example
 * ```ts
 * import { simulateParallel } from "invest-to-save/node";
 * const mc = await simulateParallel(model, { draws: 400_000, seed: 7, workers: 2, onProgress: (p) => bar.update(p.done / p.total) });
 * mc.horizons[2].agencies.council.probabilityPositive;
 * ```
 */
export async function simulateParallel(model: unknown, options: ParallelOptions & { workers?: number }): Promise<SimulationResult> {
  const { workers, ...rest } = options;
  const pool = new SimulationPool({ workers: workers ?? Math.max(1, availableParallelism()) });
  try {
    return await pool.simulate(model, rest);
  } finally {
    await pool.close();
  }
}
