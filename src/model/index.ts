export * from "./schema";
export * from "./uncertainty-schema";
export * from "./deals-schema";
export { validateModel, appraisalYears, type Issue } from "./validate";
export * from "./parse";
export * from "./json-schema";
