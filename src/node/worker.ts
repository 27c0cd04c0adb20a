/**
 * Worker thread of the simulation pool (see pool.ts). Receives a plan (model and settings, plain
 * data), builds the same kernel and sampler as the main thread, then runs the block ranges it is
 * sent and posts each range's NPVs back as a transferred Float64Array.
 */
import { parentPort } from "node:worker_threads";
import { blockRange, planSimulation, runBlocks, type SimulationPlan, type SimulationSettings } from "../uncertainty/simulate";

/** Messages from the pool to a worker. */
export type ToWorker = { type: "plan"; job: number; model: unknown; settings: SimulationSettings } | { type: "run"; job: number; first: number; last: number };

/** Messages from a worker to the pool. */
export type FromWorker =
  | { type: "ready"; job: number }
  | { type: "done"; job: number; first: number; last: number; npvs: Float64Array; inputs: Float64Array | null }
  | { type: "error"; job: number; name: string; message: string; errors?: unknown };

const port = parentPort;
if (!port) throw new Error("invest-to-save: node-worker must run in a worker thread");
let plan: SimulationPlan | null = null;
let planJob = -1;

port.on("message", (msg: ToWorker) => {
  try {
    if (msg.type === "plan") {
      plan = planSimulation(msg.model, msg.settings);
      planJob = msg.job;
      port.postMessage({ type: "ready", job: msg.job } satisfies FromWorker);
      return;
    }
    if (!plan || planJob !== msg.job) throw new Error(`no plan for job ${msg.job}`);
    const { start, count } = blockRange(plan, msg.first, msg.last);
    const npvs = new Float64Array(plan.kernel.outputs * count);
    const inputs = plan.settings.keepDraws ? new Float64Array(plan.inputs.length * count) : null;
    runBlocks(plan, msg.first, msg.last, npvs, count, start, inputs);
    const transfer = inputs ? [npvs.buffer, inputs.buffer] : [npvs.buffer];
    port.postMessage({ type: "done", job: msg.job, first: msg.first, last: msg.last, npvs, inputs } satisfies FromWorker, transfer);
  } catch (e) {
    const err = e as Error & { errors?: unknown };
    port.postMessage({ type: "error", job: msg.job, name: err.name, message: err.message, errors: err.errors } satisfies FromWorker);
  }
});
