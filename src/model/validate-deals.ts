import type { Model } from "./schema";

type Add = (path: (string | number)[], message: string) => void;

/**
 * Checks the `deals` block against the rest of the model: parties, outcomes, interventions and
 * costs exist; each deal's options make sense together; years fall inside the appraisal period.
 */
export function validateDeals(model: Model, last: number, add: Add): void {
  const agencies = new Set(model.agencies.map((a) => a.id));
  const outcomes = new Set(model.outcomes.map((o) => o.id));
  const interventions = new Set(model.interventions.map((v) => v.id));
  const costs = new Set(model.costs.map((c) => c.id));
  const seen = new Map<string, number>();
  const agency = (path: (string | number)[], id: string) => {
    if (!agencies.has(id)) add(path, `unknown agency "${id}" (agencies are: ${[...agencies].join(", ")})`);
  };
  const ref = (set: Set<string>, what: string) => (path: (string | number)[], id: string) => {
    if (!set.has(id)) add(path, `unknown ${what} "${id}"`);
  };
  const outcome = ref(outcomes, "outcome");
  const intervention = ref(interventions, "intervention");
  const cost = ref(costs, "cost");
  const year = (path: (string | number)[], y: number) => {
    if (y > last) add(path, `year ${y} is outside the appraisal period 0..${last}`);
  };
  const span = (path: (string | number)[], s: [number, number] | undefined) => {
    if (!s) return;
    if (s[0] > s[1]) add(path, `years [${s[0]}, ${s[1]}] run backwards`);
    year([...path, 1], s[1]);
  };
  const basis = (path: (string | number)[], b: { outcomes?: string[]; interventions?: string[] }) => {
    b.outcomes?.forEach((o, i) => outcome([...path, "outcomes", i], o));
    b.interventions?.forEach((v, i) => intervention([...path, "interventions", i], v));
  };
  const distinct = (path: (string | number)[], a: string, b: string, what: string) => {
    if (a === b) add(path, `${what} must be different agencies`);
  };
  /** Weights a payment is split by: none negative, not all zero. */
  const weights = (path: (string | number)[], w: Record<string, number | string>) => {
    for (const [k, v] of Object.entries(w)) if (Number(v) < 0) add([...path, k], `a weight must be zero or more, got ${v}`);
    if (Object.values(w).every((v) => Number(v) <= 0)) add(path, "at least one weight must be above zero");
  };

  model.deals.forEach((d, i) => {
    const p = ["deals", i];
    const first = seen.get(d.id);
    if (first !== undefined) add([...p, "id"], `duplicate deal id "${d.id}" (also at deals[${first}])`);
    else seen.set(d.id, i);
    switch (d.type) {
      case "gainshare": {
        d.from.forEach((a, j) => agency([...p, "from", j], a));
        d.to.forEach((a, j) => agency([...p, "to", j], a));
        const both = d.from.filter((a) => d.to.includes(a));
        if (both.length) add([...p, "to"], `${both.join(", ")} cannot both pay and receive the same gainshare`);
        d.tiers?.forEach((t, j, tiers) => {
          if (j > 0 && Number(t.above) <= Number(tiers[j - 1]!.above)) add([...p, "tiers", j, "above"], "tier thresholds must increase");
        });
        basis([...p, "basis"], d.basis);
        span([...p, "years"], d.years);
        if (typeof d.splitBy === "object") {
          for (const k of Object.keys(d.splitBy)) if (!d.to.includes(k)) add([...p, "splitBy", k], `"${k}" is not a receiver of this gainshare`);
          weights([...p, "splitBy"], d.splitBy);
        }
        if (d.clawback) {
          outcome([...p, "clawback", "outcome"], d.clawback.outcome);
          year([...p, "clawback", "byYear"], d.clawback.byYear);
        }
        break;
      }
      case "pooled-budget": {
        agency([...p, "pot"], d.pot);
        d.contributions.forEach((c, j) => {
          agency([...p, "contributions", j, "agency"], c.agency);
          if (c.agency === d.pot) add([...p, "contributions", j, "agency"], "the pot cannot contribute to itself");
        });
        d.funds.costs?.forEach((c, j) => cost([...p, "funds", "costs", j], c));
        d.funds.interventions?.forEach((v, j) => intervention([...p, "funds", "interventions", j], v));
        if (d.savingsReturn) {
          d.savingsReturn.agencies?.forEach((a, j) => agency([...p, "savingsReturn", "agencies", j], a));
          basis([...p, "savingsReturn", "basis"], d.savingsReturn.basis);
        }
        if (typeof d.distribute === "object") {
          for (const k of Object.keys(d.distribute)) agency([...p, "distribute", k], k);
          weights([...p, "distribute"], d.distribute);
        }
        if (Number(d.reserve) < 0) add([...p, "reserve"], `the reserve must be zero or more, got ${d.reserve}`);
        span([...p, "years"], d.years);
        break;
      }
      case "payment-by-results": {
        agency([...p, "commissioner"], d.commissioner);
        agency([...p, "provider"], d.provider);
        distinct([...p, "provider"], d.commissioner, d.provider, "commissioner and provider");
        intervention([...p, "intervention"], d.intervention);
        const split = d.perCase !== undefined;
        d.results.forEach((r, j) => {
          outcome([...p, "results", j, "outcome"], r.outcome);
          const o = model.outcomes.find((x) => x.id === r.outcome);
          if (o && o.intervention !== d.intervention)
            add(
              [...p, "results", j, "outcome"],
              `outcome "${r.outcome}" belongs to intervention "${o.intervention}", not "${d.intervention}" (the deal's cases)`,
            );
          if (r.amount === undefined && !split) add([...p, "results", j, "amount"], "required unless perCase and attachmentShare set the results payment");
        });
        break;
      }
      case "reward-grant": {
        agency([...p, "payer"], d.payer);
        agency([...p, "recipient"], d.recipient);
        distinct([...p, "recipient"], d.payer, d.recipient, "payer and recipient");
        d.targets.forEach((t, j) => outcome([...p, "targets", j, "outcome"], t.outcome));
        year([...p, "assessmentYear"], d.assessmentYear);
        year([...p, "paymentYear"], d.paymentYear ?? Math.min(d.assessmentYear + 1, last));
        break;
      }
      case "earn-back": {
        agency([...p, "payer"], d.payer);
        agency([...p, "recipient"], d.recipient);
        distinct([...p, "recipient"], d.payer, d.recipient, "payer and recipient");
        span([...p, "years"], d.years);
        basis([...p, "basis"], d.basis);
        break;
      }
      case "outcomes-contract": {
        agency([...p, "investor"], d.investor);
        d.payers.forEach((x, j) => {
          agency([...p, "payers", j, "agency"], x.agency);
          distinct([...p, "payers", j, "agency"], x.agency, d.investor, "payer and investor");
          x.prices.forEach((q, k) => outcome([...p, "payers", j, "prices", k, "outcome"], q.outcome));
        });
        if (d.outcomesFund) agency([...p, "outcomesFund", "agency"], d.outcomesFund.agency);
        break;
      }
      case "grant": {
        agency([...p, "from"], d.from);
        agency([...p, "to"], d.to);
        distinct([...p, "to"], d.from, d.to, "payer and recipient");
        if (d.series && d.years) add([...p, "years"], "series gives its own years: drop years");
        if (d.series && d.series.length > last + 1)
          add([...p, "series"], `${d.series.length} yearly amounts given but the appraisal has ${last + 1} years (0..${last})`);
        span([...p, "years"], d.years);
        break;
      }
      case "loan": {
        agency([...p, "lender"], d.lender);
        agency([...p, "borrower"], d.borrower);
        distinct([...p, "borrower"], d.lender, d.borrower, "lender and borrower");
        if (d.graceYears >= d.term && d.repayment !== "bullet")
          add([...p, "graceYears"], `grace years (${d.graceYears}) must be fewer than the term (${d.term})`);
        if (d.drawdownYear + d.term > last) {
          add([...p, "term"], `repayments run to year ${d.drawdownYear + d.term}, beyond the appraisal period 0..${last}: extend appraisal.years`);
        }
        if (d.prices === "nominal" && !model.appraisal.prices) {
          add([...p, "prices"], 'loan repayments are cash (nominal): set appraisal.prices to deflate them, or prices: "real"');
        }
        break;
      }
    }
  });
}
