/**
 * Worker thread of the simulation pool (see pool.ts). Receives a plan (model and settings, plain
 * data, and the shared result matrix), builds the same kernel and sampler as the main thread, runs
 * the block ranges it is sent straight into the shared matrix, and summarises the figures
 * (columns) it is asked to.
 */
import { parentPort } from "node:worker_threads";
import { planSimulation, runBlocks, summariseDraws, type NpvSummary, type SimulationPlan, type SimulationSettings } from "../uncertainty";

/** Messages from the pool to a worker. */
export type ToWorker =
  | { type: "plan"; job: number; model: unknown; settings: SimulationSettings; npvs: SharedArrayBuffer; inputs: SharedArrayBuffer | null }
  | { type: "run"; job: number; first: number; last: number }
  | { type: "summarise"; job: number; figures: number[] };

/** Messages from a worker to the pool. */
export type FromWorker =
  | { type: "ready"; job: number }
  | { type: "done"; job: number; first: number; last: number }
  | { type: "summaries"; job: number; figures: number[]; summaries: NpvSummary[] }
  | { type: "error"; job: number; name: string; message: string; errors?: unknown };

const port = parentPort;
if (!port) throw new Error("invest-to-save: node-worker must run in a worker thread");
let current: { job: number; plan: SimulationPlan; npvs: Float64Array; inputs: Float64Array | null } | null = null;

port.on("message", (msg: ToWorker) => {
  try {
    if (msg.type === "plan") {
      const plan = planSimulation(msg.model, msg.settings);
      current = { job: msg.job, plan, npvs: new Float64Array(msg.npvs), inputs: msg.inputs ? new Float64Array(msg.inputs) : null };
      port.postMessage({ type: "ready", job: msg.job } satisfies FromWorker);
      return;
    }
    if (!current || current.job !== msg.job) throw new Error(`no plan for job ${msg.job}`);
    const n = current.plan.settings.draws;
    if (msg.type === "run") {
      runBlocks(current.plan, msg.first, msg.last, current.npvs, n, 0, current.inputs);
      port.postMessage({ type: "done", job: msg.job, first: msg.first, last: msg.last } satisfies FromWorker);
    } else {
      const summaries = msg.figures.map((f) => summariseDraws(current!.npvs.subarray(f * n, (f + 1) * n)));
      port.postMessage({ type: "summaries", job: msg.job, figures: msg.figures, summaries } satisfies FromWorker);
    }
  } catch (e) {
    const err = e as Error & { errors?: unknown };
    port.postMessage({ type: "error", job: msg.job, name: err.name, message: err.message, errors: err.errors } satisfies FromWorker);
  }
});
