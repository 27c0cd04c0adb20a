export * from "./gainshare";
export * from "./shapley";
