import type { Deal } from "../model";
import { makeLedger, rowsOf, type Ledger, type LedgerEntry } from "../ledger";
import { DealBook, type DealSummary } from "./book";
import { applyGainshare } from "./gainshare";
import { applyPooledBudget } from "./pooled";
import { applyPaymentByResults } from "./pbr";
import { applyRewardGrant } from "./reward";
import { applyEarnBack } from "./earn-back";
import { applyOutcomesContract } from "./outcomes-contract";
import { applyLoan } from "./loan";
import { applyGrant } from "./grant";

/** A ledger after its deals: the original rows plus every deal's transfer rows, and what each deal did. */
export interface DealtLedger extends Ledger {
  /** The ledger before any deal (the same object as the input). */
  beforeDeals: Ledger;
  deals: DealSummary[];
}

/**
 * Applies one deal rule to the ledger's rows before deals: its transfer rows and its summary.
 *
 * @example
 * ```ts
 * const eleven = buildLedger({ ...model, appraisal: { ...model.appraisal, years: 11 } }); // drawn in year 0, repaid in years 1..10
 * const { summary } = applyDeal(eleven, { type: "loan", id: "l", lender: "hmt", borrower: "council", principal: 800000, rate: 0.05, term: 10, drawdownYear: 0, repayment: "annuity", graceYears: 0, prices: "real" });
 * summary.figures.levelPayment.toString(); // "103603.66"
 * ```
 */
export function applyDeal(ledger: Ledger, deal: Deal, index = 0): { entries: LedgerEntry[]; summary: DealSummary } {
  const book = new DealBook(ledger, deal, index);
  switch (deal.type) {
    case "gainshare":
      applyGainshare(book, deal);
      break;
    case "pooled-budget":
      applyPooledBudget(book, deal);
      break;
    case "payment-by-results":
      applyPaymentByResults(book, deal);
      break;
    case "reward-grant":
      applyRewardGrant(book, deal);
      break;
    case "earn-back":
      applyEarnBack(book, deal);
      break;
    case "outcomes-contract":
      applyOutcomesContract(book, deal);
      break;
    case "loan":
      applyLoan(book, deal);
      break;
    case "grant":
      applyGrant(book, deal);
      break;
  }
  return book.finish();
}

/**
 * Applies the model's deals, in order, to a ledger: each deal reads the savings and costs of the
 * ledger before deals and adds transfer rows (what one party pays, another receives, to the
 * penny). Returns the extended ledger with a summary of each deal.
 *
 * @example
 * ```ts
 * const dealt = applyDeals(ledger, [{ type: "earn-back", id: "eb", payer: "hmt", recipient: "council", share: 0.5, basis: { cashableOnly: false } }]);
 * dealt.deals.map((d) => d.id); // ["eb"]
 * ```
 */
export function applyDeals(ledger: Ledger, deals: readonly Deal[] = ledger.plan.model.deals): DealtLedger {
  const results = deals.map((d, i) => applyDeal(ledger, d, i));
  const added = results.flatMap((r) => r.entries);
  const dealt = makeLedger(ledger.plan, [...ledger.entries, ...added], () => [...ledger.rows, ...rowsOf(added, ledger)], ledger);
  return Object.assign(dealt, { beforeDeals: ledger, deals: results.map((r) => r.summary) });
}
