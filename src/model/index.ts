export * from "./schema";
export { validateModel, appraisalYears, type Issue } from "./validate";
export * from "./parse";
export * from "./json-schema";
