export * from "./data";
export * from "./factors";
export * from "./deflate";
