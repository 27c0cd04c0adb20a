/**
 * Options against business as usual: each option appraised and compared with the model itself,
 * ranked by NPSV and BCR, with an Appraisal Summary Table for each.
 */
export * from "./types";
export * from "./options";
export * from "./ast";
