export * from "./rows";
export { buildLedger, LEDGER_PLACES } from "./build";
export * from "./aggregate";
export { activeOutcomes, chainFactor, cohortSeries, producedOutcomes, priceMultipliers } from "./profiles";
