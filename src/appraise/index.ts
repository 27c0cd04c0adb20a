export * from "./metrics";
export * from "./penalty";
export * from "./appraise";
export * from "./json";
export * from "./financial";
export * from "./unit-metrics";
