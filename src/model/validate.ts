import { parseFinancialYear, formatFinancialYear } from "../time";
import type { Model } from "./schema";
import { validateDeals } from "./validate-deals";
import { validateEconomic } from "./validate-economic";
import { rangeIssues } from "./range";

/** One problem found in a model: where (JSON path segments) and what was expected. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * Number of financial years in the ledger: `appraisal.years`, else the longest horizon. The
 * ledger covers appraisal years 0..appraisalYears − 1.
 *
 * @example
 * ```ts
 * appraisalYears(model); // 10 (2025-26 to 2034-35)
 * ```
 */
export function appraisalYears(model: Pick<Model, "appraisal">): number {
  return model.appraisal.years ?? Math.max(...model.appraisal.horizons);
}

/**
 * Checks what the schema's shape cannot: ids unique, references resolve, years inside the
 * appraisal period, one amount per line, price conversions possible, no cohort cycles.
 * Returns every problem found (empty when the model is consistent).
 *
 * @example
 * ```ts
 * validateModel(model).length; // 0
 * const broken = { ...model, costs: [{ ...model.costs[0], agency: "counci" }] };
 * validateModel(broken)[0].path; // ["costs", 0, "agency"]
 * ```
 */
export function validateModel(model: Model): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const count = appraisalYears(model);
  /** Last appraisal year in the ledger. */
  const last = count - 1;
  const { appraisal } = model;

  // Appraisal settings
  for (const key of ["baseYear", "priceBase"] as const) {
    try {
      parseFinancialYear(appraisal[key]);
    } catch (e) {
      add(["appraisal", key], (e as Error).message);
    }
  }
  appraisal.horizons.forEach((h, i) => {
    if (h > count) add(["appraisal", "horizons", i], `a ${h}-year horizon is longer than the appraisal (appraisal.years is ${count})`);
  });

  // Unique ids
  const unique = (items: { id: string }[], path: (string | number)[], what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) add([...path, i, "id"], `duplicate ${what} id "${item.id}" (also at ${path.join(".")}[${first}])`);
      else seen.set(item.id, i);
    });
  };
  unique(model.agencies, ["agencies"], "agency");
  model.agencies.forEach((a, i) => unique(a.budgets, ["agencies", i, "budgets"], "budget"));
  unique(model.interventions, ["interventions"], "intervention");
  unique(model.costs, ["costs"], "cost");
  unique(model.savings, ["savings"], "saving");
  unique(model.outcomes, ["outcomes"], "outcome");
  unique(model.costShunts, ["costShunts"], "cost shunt");
  unique(model.tables.unitCosts ?? [], ["tables", "unitCosts"], "unit cost");

  const agencies = new Map(model.agencies.map((a) => [a.id, a]));
  const interventions = new Map(model.interventions.map((v) => [v.id, v]));
  const outcomes = new Set(model.outcomes.map((o) => o.id));
  const unitCosts = new Set((model.tables.unitCosts ?? []).map((u) => u.id));
  const grades = model.tables.optimismBias;
  const agencyIds = [...agencies.keys()].join(", ");

  const checkAgency = (path: (string | number)[], agency: string, budget: string | undefined, budgetKey: string) => {
    const a = agencies.get(agency);
    if (!a) return add(path, `unknown agency "${agency}" (agencies are: ${agencyIds})`);
    if (budget !== undefined && !a.budgets.some((b) => b.id === budget)) {
      add([...path.slice(0, -1), budgetKey], `agency "${agency}" has no budget "${budget}" (it has: ${a.budgets.map((b) => b.id).join(", ")})`);
    }
  };
  const checkYear = (path: (string | number)[], year: number) => {
    if (year > last) add(path, `year ${year} is outside the appraisal period 0..${last} (${count} years; raise appraisal.years)`);
  };
  const checkSpan = (path: (string | number)[], span: [number, number] | undefined) => {
    if (!span) return;
    if (span[0] > span[1]) add(path, `years [${span[0]}, ${span[1]}] run backwards`);
    checkYear([...path, 1], span[1]);
  };
  const checkSeries = (path: (string | number)[], series: unknown[] | undefined) => {
    if (series && series.length > count) add(path, `${series.length} yearly amounts given but the appraisal has ${count} years (0..${last})`);
  };
  const checkGrade = (path: (string | number)[], grade: string | undefined) => {
    if (grade === undefined) return;
    if (!grades) add(path, `confidence grade "${grade}" given but tables.optimismBias is missing`);
    else if (!(grade in grades)) add(path, `unknown confidence grade "${grade}" (tables.optimismBias has: ${Object.keys(grades).join(", ")})`);
  };
  const needsConversion: { path: (string | number)[]; priceBase: string }[] = [];
  const checkPrices = (path: (string | number)[], item: { priceBase?: string; prices?: "real" | "nominal" }) => {
    if (item.priceBase !== undefined) {
      try {
        parseFinancialYear(item.priceBase);
      } catch (e) {
        return add([...path, "priceBase"], (e as Error).message);
      }
    }
    const other = item.priceBase !== undefined && item.priceBase !== appraisal.priceBase ? item.priceBase : null;
    if ((other !== null || item.prices === "nominal") && !appraisal.prices) {
      add(
        [...path, other !== null ? "priceBase" : "prices"],
        `converting ${other !== null ? `${other} prices` : "nominal amounts"} to the ${appraisal.priceBase} price base needs appraisal.prices ({ inflation } or { deflator })`,
      );
    }
    if (other !== null) needsConversion.push({ path: [...path, "priceBase"], priceBase: other });
  };

  // Agencies
  model.agencies.forEach((a, i) =>
    a.budgets.forEach((b, j) => b.fundingEndsYear !== undefined && checkYear(["agencies", i, "budgets", j, "fundingEndsYear"], b.fundingEndsYear)),
  );

  // Interventions
  model.interventions.forEach((v, i) => {
    const path = ["interventions", i];
    checkYear([...path, "startYear"], v.startYear);
    if (v.endYear !== undefined) {
      if (v.endYear < v.startYear) add([...path, "endYear"], `endYear ${v.endYear} is before startYear ${v.startYear}`);
      checkYear([...path, "endYear"], v.endYear);
    }
    if (Array.isArray(v.cohort)) {
      const end = v.startYear + v.cohort.length - 1;
      if (v.endYear !== undefined && v.endYear !== end) {
        add([...path, "cohort"], `${v.cohort.length} cohort sizes given for delivery years ${v.startYear}..${v.endYear}`);
      }
      checkYear([...path, "cohort"], end);
    } else if (typeof v.cohort === "object") {
      if (!interventions.has(v.cohort.from)) add([...path, "cohort", "from"], `unknown intervention "${v.cohort.from}"`);
    }
  });
  // Cohort cycles (an intervention fed by itself, directly or through others)
  const feeds = new Map(model.interventions.map((v) => [v.id, typeof v.cohort === "object" && !Array.isArray(v.cohort) ? v.cohort.from : undefined]));
  model.interventions.forEach((v, i) => {
    const chain = [v.id];
    let next = feeds.get(v.id);
    while (next !== undefined && interventions.has(next)) {
      if (next === v.id) {
        add(["interventions", i, "cohort", "from"], `circular cohort reference: ${[...chain, next].join(" → ")}`);
        break;
      }
      if (chain.includes(next)) break; // a cycle not through v; reported at its own members
      chain.push(next);
      next = feeds.get(next);
    }
  });

  const checkTransfer = (path: (string | number)[], line: { agency: string; transferFrom?: string; transferFromBudget?: string }) => {
    if (line.transferFrom === undefined) {
      if (line.transferFromBudget !== undefined) add([...path, "transferFromBudget"], "transferFromBudget needs transferFrom");
      return;
    }
    checkAgency([...path, "transferFrom"], line.transferFrom, line.transferFromBudget, "transferFromBudget");
    if (line.transferFrom === line.agency) add([...path, "transferFrom"], `a transfer must come from another party than "${line.agency}"`);
  };

  // Costs and direct savings (timed the same way)
  for (const [key, lines, what] of [
    ["costs", model.costs, "cost"],
    ["savings", model.savings, "saving"],
  ] as const) {
    lines.forEach((c, i) => {
      const path = [key, i];
      checkAgency([...path, "agency"], c.agency, c.budget, "budget");
      if (c.intervention !== undefined && !interventions.has(c.intervention)) add([...path, "intervention"], `unknown intervention "${c.intervention}"`);
      if (c.series !== undefined && (c.years || c.year !== undefined)) add([...path, "series"], "series gives its own years: drop years/year");
      if (c.per === "participant" && c.intervention === undefined) add([...path, "per"], 'per: "participant" needs an intervention (whose cohort is counted)');
      if (c.year !== undefined && c.per !== "once") add([...path, "year"], `year is for one-off ${what}s: set per: "once" or use years`);
      if (c.per === "once" && c.years) add([...path, "years"], `a one-off ${what} takes year, not years`);
      if ("cashable" in c && c.cashable && c.realisation !== undefined) add([...path, "realisation"], "realisation applies to non-cashable savings only");
      checkSpan([...path, "years"], c.years);
      if (c.year !== undefined) checkYear([...path, "year"], c.year);
      checkSeries([...path, "series"], c.series);
      checkGrade([...path, "confidence"], c.confidence);
      checkPrices(path, c);
      if ("transferFrom" in c || "transferFromBudget" in c) checkTransfer(path, c);
    });
  }

  // Outcomes
  model.outcomes.forEach((o, i) => {
    const path = ["outcomes", i];
    if (!interventions.has(o.intervention)) add([...path, "intervention"], `unknown intervention "${o.intervention}"`);
    checkGrade([...path, "confidence"], o.confidence);
    o.values.forEach((v, j) => {
      const vp = [...path, "values", j];
      checkAgency([...vp, "agency"], v.agency, v.budget, "budget");
      if (v.unitCost !== undefined && !unitCosts.has(v.unitCost)) add([...vp, "unitCost"], `unknown unit cost "${v.unitCost}" (see tables.unitCosts)`);
      if (v.cashable && v.realisation !== undefined) add([...vp, "realisation"], "realisation applies to non-cashable savings only");
      checkPrices(vp, v);
      checkTransfer(vp, v);
    });
  });

  // Cost shunts
  model.costShunts.forEach((s, i) => {
    const path = ["costShunts", i];
    checkAgency([...path, "from"], s.from, s.fromBudget, "fromBudget");
    checkAgency([...path, "to"], s.to, s.toBudget, "toBudget");
    if (s.from === s.to && (s.fromBudget ?? "") === (s.toBudget ?? ""))
      add([...path, "to"], "a cost shunt must move cost between different agencies or budgets");
    if (s.outcome !== undefined && !outcomes.has(s.outcome)) add([...path, "outcome"], `unknown outcome "${s.outcome}"`);
    checkSpan([...path, "years"], s.years);
    checkSeries([...path, "series"], s.series);
    checkPrices(path, s);
  });

  (model.tables.unitCosts ?? []).forEach((u, i) => checkPrices(["tables", "unitCosts", i], u));
  validateDeals(model, last, add);
  validateEconomic(model, count, add, validateModel);

  // Deflator coverage for price-base conversions
  const basis = appraisal.prices;
  if (basis && "deflator" in basis) {
    const need = new Set<string>([appraisal.priceBase]);
    needsConversion.forEach((n) => need.add(n.priceBase));
    const hasNominal = [...model.costs, ...model.savings, ...model.costShunts, ...model.outcomes.flatMap((o) => o.values), ...model.deals].some(
      (x) => "prices" in x && x.prices === "nominal",
    );
    if (hasNominal) {
      const base = parseFinancialYearSafe(appraisal.baseYear);
      if (base !== null) for (let t = 0; t <= last; t++) need.add(formatFinancialYear(base + t));
      // A nominal loan or deal converts cash in every appraisal year, so the index must cover them all.
    }
    for (const label of need) {
      if (!(label in basis.deflator)) add(["appraisal", "prices", "deflator"], `the deflator has no value for ${label}`);
    }
    for (const [label, value] of Object.entries(basis.deflator)) {
      if (!(Number(value) > 0)) add(["appraisal", "prices", "deflator", label], `a price index must be positive, got ${String(value)}`);
    }
  }
  // The range of money the ledger holds exactly, once every reference resolves.
  if (issues.length === 0) issues.push(...rangeIssues(model));
  return issues;
}

function parseFinancialYearSafe(label: string): number | null {
  try {
    return parseFinancialYear(label);
  } catch {
    return null;
  }
}
