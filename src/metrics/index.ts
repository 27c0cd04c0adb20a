export * from "./npv";
export * from "./payback";
export * from "./ratios";
export { irr, irrAll, signChanges, type IrrResult } from "./irr";
export { brent } from "./roots";
export { annuityRate, annuityPeriods, type AnnuityTerms, type AnnuityRateResult, type AnnuityPeriodsResult, type PaymentTiming } from "./annuity";
