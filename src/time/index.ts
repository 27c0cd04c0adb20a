export * from "./financial-year";
export * from "./dated-flows";
