import { ONE, ZERO, toDecimal, type Decimal } from "../money";
import { financialYearLabels } from "../time";
import { priceFactor, type PriceBasis } from "../discount";
import { loadModel, type Model, type Sector } from "../model";
import DecimalJs from "decimal.js";
import { buildLedger, LEDGER_PLACES, selectRows, type Ledger } from "../ledger";
import { applyDeals, type DealtLedger } from "../deals";

/**
 * The financial case: affordability. Beside the economic case (real, discounted, every lens), it
 * shows what each organisation's budgets pay and receive in **cash** — nominal, undiscounted —
 * year by year, against the funding each budget has. It counts the fiscal lens's cash only:
 * costs, the cashable part of savings (a non-cashable saving's realised share), and transfers
 * (deal payments, cost shunts, benefits and taxes), after the model's deals. Households are not
 * budget holders and are left out; capacity freed without cash is not money a budget can spend.
 */

/** One budget's cash by financial year (nominal £): what it pays, what it receives, and what it has. */
export interface FinancialBudget {
  agency: string;
  agencyName: string;
  sector: Sector;
  budget: string;
  budgetName: string | null;
  /** Where the budget's money comes from (the model's `funding`), or null when not stated. */
  funding: string | null;
  /** Financial year the budget's funding ends, when it is time-limited. */
  fundingEnds: string | null;
  /** Cash paid out each year: costs, and transfers paid (positive amounts). */
  spend: Decimal[];
  /** Cash coming in each year: cashable savings and transfers received (positive amounts). */
  income: Decimal[];
  /** income − spend. */
  net: Decimal[];
  /** Funding available to the programme each year (the model's `available`), or null when not stated. */
  available: Decimal[] | null;
  /** available + net: what is left (negative: a shortfall to fund), or null without `available`. */
  headroom: Decimal[] | null;
  /** Sums over the years shown. */
  total: { spend: Decimal; income: Decimal; net: Decimal; available: Decimal | null; headroom: Decimal | null };
}

/** Cash totals by year for a group of budgets. */
export interface FinancialTotals {
  spend: Decimal[];
  income: Decimal[];
  net: Decimal[];
  total: { spend: Decimal; income: Decimal; net: Decimal };
}

/** The result of {@link financialCase}. */
export interface FinancialCase {
  title: string;
  baseYear: string;
  priceBase: string;
  /** Financial years shown (years 0..n − 1), e.g. ["2025-26", …]. */
  years: string[];
  /** True when amounts are cash of each year; false when the model gives no price basis (then they are at `priceBase` prices). */
  nominal: boolean;
  /** How real amounts were turned into cash, in words. */
  basis: string;
  /** Each organisation's budgets (households are left out). */
  budgets: FinancialBudget[];
  /** Public bodies together (the Exchequer), and every organisation shown. */
  totals: { publicSector: FinancialTotals; organisations: FinancialTotals };
}

/** Options for {@link financialCase}. */
export interface FinancialCaseOptions {
  /** Number of financial years to show, from year 0 (default: the whole ledger). */
  years?: number;
}

function basisOf(model: Model): { basis: PriceBasis | null; words: string } {
  const p = model.appraisal.prices as (PriceBasis & { source?: string }) | undefined;
  if (!p) return { basis: null, words: `no price basis given (appraisal.prices): amounts are at ${model.appraisal.priceBase} prices, not cash` };
  if ("inflation" in p)
    return { basis: p, words: `cash of each year: ${model.appraisal.priceBase} prices inflated at ${toDecimal(p.inflation).times(100).toString()}% a year` };
  return { basis: p, words: `cash of each year: ${model.appraisal.priceBase} prices inflated with ${p.source ?? "the appraisal's deflator index"}` };
}

const zeros = (n: number) => Array.from({ length: n }, () => ZERO);
const sum = (xs: readonly Decimal[]) => xs.reduce((a, b) => a.plus(b), ZERO);

function availableOf(raw: number | string | (number | string)[] | undefined, n: number): Decimal[] | null {
  if (raw === undefined) return null;
  if (Array.isArray(raw)) return Array.from({ length: n }, (_, t) => (t < raw.length ? toDecimal(raw[t]!) : ZERO));
  const v = toDecimal(raw);
  return Array.from({ length: n }, () => v);
}

/**
 * The financial case of a model: each organisation's budgets in cash (nominal) by financial
 * year, undiscounted, after the model's deals — what they spend, what they receive, their net,
 * and, where budgets state their `available` funding, the headroom or shortfall — with the
 * funding source of each budget and totals by year for the public sector and all organisations.
 * Amounts are exact (Decimal); round them only to show them.
 *
 * Accepts a parsed model, raw input (validated first) or a ledger already built.
 *
 * @throws InvalidModelError when the input is not a valid model.
 * @example
 * ```ts
 * const fc = financialCase(model);
 * fc.basis; // "cash of each year: 2025-26 prices inflated at 2% a year"
 * const core = fc.budgets.find((b) => b.budget === "early-help")!;
 * core.spend.slice(0, 2).map((d) => d.toFixed(2)); // ["322500.00", "60000.00"] (the £60,000 evaluation is given in cash)
 * fc.totals.publicSector.net[5].toFixed(0); // "2700032"
 * ```
 */
export function financialCase(input: Model | Ledger | unknown, options: FinancialCaseOptions = {}): FinancialCase {
  const ledger: Ledger =
    typeof input === "object" && input !== null && "entries" in input && "plan" in input ? (input as Ledger) : buildLedger(loadModel(input));
  const model = ledger.plan.model;
  const dealt: Ledger = "beforeDeals" in ledger ? (ledger as DealtLedger) : model.deals.length ? applyDeals(ledger) : ledger;
  const n = Math.max(1, Math.min(options.years ?? ledger.years, ledger.years));
  const labels = financialYearLabels(ledger.baseYear, n - 1);
  const { basis, words } = basisOf(model);
  const factor = labels.map((fy) => (basis ? priceFactor(ledger.priceBase, fy, basis) : ONE));

  const names = new Map(ledger.plan.agencies.map((a) => [a.id, a]));
  const byBudget = new Map<string, { spend: Decimal[]; income: Decimal[] }>();
  for (const r of selectRows(dealt.rows, { lens: "fiscal", cashableOnly: true })) {
    if (r.year >= n) continue;
    const key = `${r.agency}|${r.budget}`;
    let b = byBudget.get(key);
    if (!b) byBudget.set(key, (b = { spend: zeros(n), income: zeros(n) }));
    // Held to the ledger's 12 places, so that every sum of cash is exact.
    const cash = r.amount.times(factor[r.year]!).toDecimalPlaces(LEDGER_PLACES, DecimalJs.ROUND_HALF_EVEN);
    if (cash.isNegative()) b.spend[r.year] = b.spend[r.year]!.minus(cash);
    else b.income[r.year] = b.income[r.year]!.plus(cash);
  }

  const budgets: FinancialBudget[] = [];
  for (const agency of model.agencies) {
    if (agency.sector === "households") continue;
    for (const b of agency.budgets) {
      const flows = byBudget.get(`${agency.id}|${b.id}`) ?? { spend: zeros(n), income: zeros(n) };
      const available = availableOf(b.available, n);
      if (!byBudget.has(`${agency.id}|${b.id}`) && !available) continue;
      const net = flows.income.map((v, t) => v.minus(flows.spend[t]!));
      const headroom = available ? available.map((v, t) => v.plus(net[t]!)) : null;
      budgets.push({
        agency: agency.id,
        agencyName: names.get(agency.id)?.name ?? agency.name,
        sector: agency.sector,
        budget: b.id,
        budgetName: b.name ?? null,
        funding: b.funding ?? null,
        fundingEnds: b.fundingEndsYear === undefined ? null : (financialYearLabels(ledger.baseYear, b.fundingEndsYear)[b.fundingEndsYear] ?? null),
        spend: flows.spend,
        income: flows.income,
        net,
        available,
        headroom,
        total: {
          spend: sum(flows.spend),
          income: sum(flows.income),
          net: sum(net),
          available: available ? sum(available) : null,
          headroom: headroom ? sum(headroom) : null,
        },
      });
    }
  }
  const totalsOf = (list: readonly FinancialBudget[]): FinancialTotals => {
    const spend = zeros(n).map((_, t) => sum(list.map((b) => b.spend[t]!)));
    const income = zeros(n).map((_, t) => sum(list.map((b) => b.income[t]!)));
    const net = income.map((v, t) => v.minus(spend[t]!));
    return { spend, income, net, total: { spend: sum(spend), income: sum(income), net: sum(net) } };
  };
  return {
    title: model.title,
    baseYear: ledger.baseYear,
    priceBase: ledger.priceBase,
    years: labels,
    nominal: basis !== null,
    basis: words,
    budgets,
    totals: { publicSector: totalsOf(budgets.filter((b) => b.sector === "public")), organisations: totalsOf(budgets) },
  };
}
