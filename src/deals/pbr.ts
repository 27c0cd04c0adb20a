import { ONE, sum, toDecimal, ZERO, type Decimal } from "../money";
import { chainRates, type PaymentByResults } from "../model";
import { chainFactor } from "../ledger";
import { type DealBook, pence } from "./book";

const byYear = (v: string | number | (string | number)[], k: number): Decimal => {
  const list = Array.isArray(v) ? v : [v];
  return toDecimal(list[Math.min(k, list.length - 1)]!);
};

/**
 * Payment by results: the commissioner pays the provider an attachment fee per case when it
 * starts, and a results payment per outcome achieved when it is achieved; amounts may change by
 * delivery year (e.g. the up-front share falling as in Troubled Families), and no case earns more
 * than `capPerCase`. Results count attributable outcomes, or gross ones (`basis: "gross"`: before
 * deadweight, attribution and displacement) where the scheme paid on claims.
 */
export function applyPaymentByResults(book: DealBook, deal: PaymentByResults): void {
  const model = book.model;
  const intervention = model.interventions.find((v) => v.id === deal.intervention)!;
  const cohort = book.ledger.cohorts[deal.intervention]!;
  const start = intervention.startYear;
  // Either attachment amounts per case, or a price per case split by an attachment share.
  const split = deal.perCase !== undefined ? { perCase: toDecimal(deal.perCase), share: deal.attachmentShare } : null;
  const nResults = deal.results.length;
  let attachments = ZERO;
  let results = ZERO;
  for (let y = 0; y <= book.lastYear; y++) {
    const cases = cohort[y]!;
    if (cases.isZero()) continue;
    const k = y - start;
    const attachment = split ? split.perCase.times(byYear(split.share, k)) : deal.attachment !== undefined ? byYear(deal.attachment, k) : ZERO;
    const due: { year: number; amount: Decimal }[] = [];
    for (const r of deal.results) {
      const o = model.outcomes.find((x) => x.id === r.outcome)!;
      const ramp = k < o.rampUp.length ? toDecimal(o.rampUp[k]!) : ONE;
      // Attributable results net off deadweight, attribution and displacement; gross results are
      // what a provider would claim: everyone reached and engaged for whom the outcome happens.
      const rate =
        r.basis === "gross"
          ? toDecimal(o.reach)
              .times(toDecimal(o.engagement))
              .times(toDecimal(chainRates(o).success))
          : chainFactor(o);
      const successes = cases.times(rate).times(ramp);
      // A result without its own amount takes an equal part of the price left after the attachment (validated: such a deal has perCase).
      const price = r.amount !== undefined ? byYear(r.amount, k) : split ? split.perCase.times(ONE.minus(byYear(split.share, k))).div(nResults) : ZERO;
      if (y + o.lag <= book.lastYear) due.push({ year: y + o.lag, amount: successes.times(price) });
    }
    let resultTotal = sum(due.map((d) => d.amount));
    const attachmentTotal = cases.times(attachment);
    if (deal.capPerCase !== undefined) {
      const cap = cases.times(toDecimal(deal.capPerCase));
      const room = cap.minus(attachmentTotal);
      if (resultTotal.gt(room)) {
        const scale = room.isPositive() ? room.div(resultTotal) : ZERO;
        due.forEach((d) => (d.amount = d.amount.times(scale)));
        resultTotal = sum(due.map((d) => d.amount));
        book.note(`cap per case binds for the ${book.label(y)} cohort`);
      }
    }
    const paidAttachment = pence(attachmentTotal);
    book.pay(deal.commissioner, deal.provider, y, paidAttachment, `${book.summary.label}: attachment fees`);
    let paidResults = ZERO;
    for (const d of due) {
      const amount = pence(d.amount);
      book.pay(deal.commissioner, deal.provider, d.year, amount, `${book.summary.label}: results payments`);
      paidResults = paidResults.plus(amount);
    }
    attachments = attachments.plus(paidAttachment);
    results = results.plus(paidResults);
    book.summary.schedule.push({
      cohortYear: y,
      financialYear: book.label(y),
      cases,
      attachmentPerCase: attachment,
      attachments: paidAttachment,
      results: paidResults,
      perCase: paidAttachment.plus(paidResults).div(cases),
    });
  }
  book.summary.figures.attachments = attachments;
  book.summary.figures.results = results;
  book.summary.figures.resultsShare = attachments.plus(results).isZero() ? null : results.div(attachments.plus(results));
}
