import { toDecimal } from "../money";
import type { Model } from "./schema";
import { mergeOption, OPTION_LISTS } from "./options";

type Add = (path: (string | number)[], message: string) => void;

/**
 * Checks what issue 13 added to the model: outcome rates, optimism bias by category, budgets'
 * available funding, and options (each merged into business as usual and checked as a whole
 * model, problems reported at the option's own paths).
 */
export function validateEconomic(model: Model, years: number, add: Add, validate: (m: Model) => { path: (string | number)[]; message: string }[]): void {
  const outcomes = (list: Model["outcomes"], prefix: (string | number)[]) =>
    list.forEach((o, i) => {
      const path = [...prefix, "outcomes", i];
      if (o.rate) {
        if (o.success !== undefined) add([...path, "success"], "give rate (with and without the intervention) or success, not both");
        if (!toDecimal(o.deadweight).isZero()) add([...path, "deadweight"], "with rate, what happens anyway is rate.without: drop deadweight");
      } else if (o.success === undefined) {
        add([...path, "success"], "required: the share of those engaged who achieve the outcome (or give rate: { with, without })");
      }
    });
  const costs = (list: Model["costs"], prefix: (string | number)[]) =>
    list.forEach((c, i) => {
      const ob = c.optimismBias;
      if (!ob) return;
      const path = [...prefix, "costs", i, "optimismBias"];
      if (c.confidence !== undefined) add(path, "give optimismBias (Green Book project category) or confidence (the model's grades table), not both");
      if (ob.mitigation !== undefined && ob.stage !== undefined) add([...path, "stage"], "give mitigation or stage, not both");
      if (ob.category === "outsourcing" && ob.dimension === "duration")
        add([...path, "dimension"], "the guidance gives no works-duration figure for outsourcing");
    });
  outcomes(model.outcomes, []);
  costs(model.costs, []);

  model.agencies.forEach((a, i) =>
    a.budgets.forEach((b, j) => {
      if (Array.isArray(b.available) && b.available.length > years)
        add(["agencies", i, "budgets", j, "available"], `${b.available.length} yearly amounts given but the appraisal has ${years} years`);
    }),
  );

  // Options: unique ids, removals that exist, and each merged model valid.
  const seen = new Map<string, number>();
  model.options.forEach((opt, k) => {
    const first = seen.get(opt.id);
    if (first !== undefined) add(["options", k, "id"], `duplicate option id "${opt.id}" (also at options[${first}])`);
    else seen.set(opt.id, k);
    if (opt.id === "bau" || opt.id === "business-as-usual")
      add(["options", k, "id"], `"${opt.id}" names business as usual, which is the model itself: choose another id`);
    for (const list of OPTION_LISTS) {
      const ids = new Set((model[list] as readonly { id: string }[]).map((x) => x.id));
      (opt.remove?.[list] ?? []).forEach((id, j) => {
        if (!ids.has(id)) add(["options", k, "remove", list, j], `business as usual has no ${list} item "${id}"`);
      });
    }
    outcomes(opt.outcomes ?? [], ["options", k]);
    costs(opt.costs ?? [], ["options", k]);
  });
  if (model.options.length === 0) return;
  const bau = new Set(validate({ ...model, options: [] }).map((i) => `${i.path.join("/")}|${i.message}`));
  model.options.forEach((opt, k) => {
    const merged = mergeOption(model, opt, k);
    for (const issue of validate(merged.model)) {
      if (bau.has(`${issue.path.join("/")}|${issue.message}`)) continue;
      const [head, index, ...rest] = issue.path;
      const origin =
        typeof head === "string" && typeof index === "number" && (OPTION_LISTS as readonly string[]).includes(head)
          ? merged.origins[head as (typeof OPTION_LISTS)[number]][index]
          : undefined;
      if (origin && origin[0] === "options") add([...origin, ...rest], issue.message);
      else
        add(
          ["options", k],
          `with this option, ${issue.path
            .map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))
            .join("")
            .replace(/^\./, "")}: ${issue.message}`,
        );
    }
  });
}
