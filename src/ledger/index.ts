export * from "./rows";
export { buildLedger, ledgerOf, evaluatePlan, decimalArith, LEDGER_PLACES } from "./build";
export * from "./aggregate";
export { chainFactor, deliveryYears, priceMultipliers } from "./profiles";
export * from "./plan";
export { categoryOptimism } from "./optimism";
