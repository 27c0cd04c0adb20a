export * from "./rows";
export { buildLedger, LEDGER_PLACES } from "./build";
export * from "./aggregate";
export { activeOutcomes, chainFactor, cohortSeries } from "./profiles";
