/**
 * invest-to-save/node: Node-only additions (worker threads). The core entry stays portable.
 *
 * @module invest-to-save/node
 */
export { simulateParallel, SimulationPool, maxWorkers, WORKERS_PER_CORE, type ParallelOptions } from "./pool";
export type { SimulationResult, HorizonSimulation, SimulateOptions, SimulationProgress } from "../uncertainty/simulate";
