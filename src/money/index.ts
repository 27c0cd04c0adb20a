export * from "./decimal";
export * from "./round";
export * from "./split";
