export * from "./schema";
export * from "./uncertainty-schema";
export * from "./deals-schema";
export { validateModel, appraisalYears, type Issue } from "./validate";
export { rangeIssues, MAX_AMOUNT, LEDGER_LIMIT } from "./range";
export * from "./parse";
export * from "./json-schema";
