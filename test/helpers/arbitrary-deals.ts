/** fast-check arbitraries for deals on a given (valid) random model. */
import { fc } from "@fast-check/vitest";
import type { ModelInput } from "../../src";

const share = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
const money = fc.integer({ min: 0, max: 2_000_000 }).map((p) => p / 100);

/** A model with one to three random deals between its agencies (plus a pot agency for pooled budgets). */
export function withArbitraryDeals(model: ModelInput): fc.Arbitrary<ModelInput> {
  const ids = model.agencies.map((a) => a.id);
  // The last appraisal year (the model has `years` years, 0..years − 1).
  const years = (model.appraisal.years ?? 10) - 1;
  const outcomes = (model.outcomes ?? []).map((o) => o.id);
  const interventions = (model.interventions ?? []).map((v) => v.id);
  const two = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...ids)).filter(([a, b]) => a !== b);
  const span = fc
    .tuple(fc.integer({ min: 0, max: years }), fc.integer({ min: 0, max: years }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
  const gainshare = (i: number) =>
    fc
      .record({
        parties: two,
        share,
        years: fc.option(span, { nil: undefined }),
        cap: fc.option(
          fc.oneof(
            money.map((amount) => ({ amount })),
            share.map((investmentPlus) => ({ investmentPlus })),
          ),
          { nil: undefined },
        ),
        capPerYear: fc.option(money, { nil: undefined }),
        cashableOnly: fc.boolean(),
      })
      .map((g) => ({
        type: "gainshare" as const,
        id: `g${i}`,
        from: g.parties[0],
        to: g.parties[1],
        share: g.share,
        basis: { cashableOnly: g.cashableOnly },
        ...(g.years ? { years: g.years } : {}),
        ...(g.cap ? { cap: g.cap } : {}),
        ...(g.capPerYear !== undefined ? { capPerYear: g.capPerYear } : {}),
      }));
  const pooled = (i: number) =>
    fc
      .record({
        contributors: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: ids.length }),
        amounts: fc.array(
          fc.oneof(
            money.map((amount) => ({ amount })),
            share.map((s) => ({ share: s })),
          ),
          { minLength: ids.length, maxLength: ids.length },
        ),
        fund: fc.subarray(interventions),
        returnShare: fc.option(share, { nil: undefined }),
        distribute: fc.constantFrom("reinvest" as const, "by-contribution" as const, "equal" as const),
        overdraft: fc.boolean(),
        reserve: money,
      })
      .map((p) => ({
        type: "pooled-budget" as const,
        id: `p${i}`,
        pot: "pot",
        contributions: p.contributors.map((agency, k) => ({ agency, ...p.amounts[k]! })),
        funds: { interventions: p.fund },
        ...(p.returnShare !== undefined ? { savingsReturn: { share: p.returnShare } } : {}),
        distribute: p.distribute,
        overdraft: p.overdraft,
        reserve: p.reserve,
      }));
  const earnBack = (i: number) =>
    fc.record({ parties: two, share, cap: fc.option(money, { nil: undefined }) }).map((e) => ({
      type: "earn-back" as const,
      id: `e${i}`,
      payer: e.parties[0],
      recipient: e.parties[1],
      share: e.share,
      ...(e.cap !== undefined ? { capPerYear: e.cap } : {}),
    }));
  const contract = (i: number) =>
    fc.record({ parties: two, price: money, cap: fc.option(money, { nil: undefined }), outcome: fc.constantFrom(...outcomes) }).map((c) => ({
      type: "outcomes-contract" as const,
      id: `c${i}`,
      investor: c.parties[1],
      payers: [{ agency: c.parties[0], prices: [{ outcome: c.outcome, price: c.price }] }],
      ...(c.cap !== undefined ? { cap: c.cap } : {}),
    }));
  const loan = (i: number) =>
    fc
      .record({
        parties: two,
        principal: money,
        rate: fc.integer({ min: 0, max: 150 }).map((x) => x / 1000),
        term: fc.integer({ min: 1, max: Math.max(1, years) }),
        kind: fc.constantFrom("annuity" as const, "bullet" as const, "straight-line" as const),
      })
      .filter((l) => l.term <= years)
      .map((l) => ({
        type: "loan" as const,
        id: `l${i}`,
        lender: l.parties[0],
        borrower: l.parties[1],
        principal: l.principal,
        rate: l.rate,
        term: l.term,
        repayment: l.kind,
        prices: "real" as const,
      }));
  const grant = (i: number) =>
    fc
      .record({ parties: two, amount: money, years: span })
      .map((g) => ({ type: "grant" as const, id: `gr${i}`, from: g.parties[0], to: g.parties[1], amount: g.amount, years: g.years }));
  const makers = [gainshare, pooled, earnBack, loan, grant, ...(outcomes.length ? [contract] : [])];
  return fc
    .array(fc.integer({ min: 0, max: makers.length - 1 }), { minLength: 1, maxLength: 3 })
    .chain((kinds) => fc.tuple(...kinds.map((k, i) => makers[k]!(i))))
    .map((deals) => ({
      ...model,
      agencies: [...model.agencies, { id: "pot", name: "Pooled pot", kind: "pool" }],
      deals: [...deals],
    }));
}
