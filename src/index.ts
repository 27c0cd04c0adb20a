/**
 * invest-to-save: appraise prevention spending across agencies.
 *
 * The core entry point is portable (Node, Deno, bundlers, browsers): it uses no Node built-ins.
 */
export * from "./money";
export * from "./time";
export * from "./discount";
export * from "./metrics";
export * from "./excel";
export * from "./reference";
export * from "./model";
export * from "./ledger";
export * from "./appraise";
export * from "./deals";
export * from "./solve";
export * from "./uncertainty";
export * from "./options";
export * from "./report";
