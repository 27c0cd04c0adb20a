import type { Model, ModelOption } from "./schema";

/**
 * Options against business as usual. Business as usual is the model itself (its own lines,
 * without `options`); an option adds lines, replaces lines (an item with the id of a
 * business-as-usual item replaces it), removes lines by id, and may override inputs by path
 * (applied in the uncertainty layer, which resolves paths). This module merges the lines.
 */

/**
 * The lists an option may add to, replace in or remove from.
 * @example
 * ```ts
 * OPTION_LISTS.includes("costs"); // true
 * ```
 */
export const OPTION_LISTS = ["interventions", "costs", "savings", "outcomes", "costShunts", "deals"] as const;
/** One of {@link OPTION_LISTS}. */
export type OptionList = (typeof OPTION_LISTS)[number];

/** An option's lines merged into business as usual, with where each merged item came from. */
export interface MergedOption {
  /** The merged model (not yet re-parsed: pass it to `loadModel` or `setInputs`). */
  model: Model;
  /** For each list, the JSON path of each merged item's source: ["costs", 2] or ["options", 0, "costs", 1]. */
  origins: Record<OptionList, (string | number)[][]>;
}

const fmt = (segments: readonly (string | number)[]) =>
  segments.reduce<string>((s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : s ? `${s}.${seg}` : seg), "");

/**
 * Merges an option's lines into business as usual: removed items dropped, items with a
 * business-as-usual id replaced in place, new ones appended; the option's unmonetised effects
 * replace business as usual's; `options` emptied; resolved references moved to the merged paths.
 *
 * @example
 * ```ts
 * const option = { id: "more", name: "More families", costs: [{ ...model.costs[3], id: "evaluation", amount: 90000 }], unmonetised: [] };
 * const merged = mergeOption(model, option);
 * merged.model.costs.find((c) => c.id === "evaluation")?.amount; // 90000
 * merged.origins.costs[3]; // ["options", 0, "costs", 0]
 * ```
 */
export function mergeOption(model: Model, option: ModelOption, index = model.options.indexOf(option)): MergedOption {
  const at = Math.max(index, 0);
  const origins = {} as Record<OptionList, (string | number)[][]>;
  const merged: Record<string, unknown> = { ...model, options: [], unmonetised: option.unmonetised };
  /** Old path prefix → new path prefix, for the references list. */
  const moved = new Map<string, string>();
  for (const list of OPTION_LISTS) {
    const removed = new Set(option.remove?.[list] ?? []);
    const items: { id: string }[] = [];
    const from: (string | number)[][] = [];
    (model[list] as readonly { id: string }[]).forEach((item, i) => {
      if (removed.has(item.id)) return;
      items.push(item);
      from.push([list, i]);
    });
    ((option[list] ?? []) as readonly { id: string }[]).forEach((item, j) => {
      const k = items.findIndex((x) => x.id === item.id);
      const source: (string | number)[] = ["options", at, list, j];
      if (k >= 0) {
        items[k] = item;
        from[k] = source;
      } else {
        items.push(item);
        from.push(source);
      }
    });
    merged[list] = items;
    origins[list] = from;
    from.forEach((src, i) => moved.set(fmt(src), fmt([list, i])));
  }
  // Unit costs stay where they are; references on moved lines follow them, dropped ones go.
  merged.references = model.references.flatMap((r) => {
    if (r.path.startsWith("tables.")) return [r];
    const m = /^((?:options\[\d+\]\.)?[A-Za-z]+\[\d+\])(.*)$/.exec(r.path);
    const to = m ? moved.get(m[1]!) : undefined;
    return to === undefined ? [] : [{ ...r, path: `${to}${m![2]}` }];
  });
  return { model: merged as unknown as Model, origins };
}
