export { applyDeal, applyDeals, type DealtLedger } from "./apply";
export type { DealSummary, ScheduleRow } from "./book";
export { gainshareDue } from "./gainshare";
export { annuity } from "./loan";
