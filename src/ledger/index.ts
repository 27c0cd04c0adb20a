export * from "./rows";
export { buildLedger, ledgerOf, makeLedger, rowsOf, evaluatePlan, decimalArith } from "./build";
export { LEDGER_PLACES, cashPart, toLedgerPlaces } from "./cash";
export * from "./aggregate";
export { chainFactor, deliveryYears, priceMultipliers } from "./profiles";
export * from "./plan";
export * from "./plan-eval";
export { categoryOptimism } from "./optimism";
