import type { Model } from "../model";
import { SCHEDULES } from "../discount";
import { dataVersions, OPTIMISM_BIAS } from "../reference";
import { resolveInput } from "../uncertainty";
import { oneLine, pathOf, sentence, words, type Segment } from "./inputs";

/*
 * The reference values an appraisal relies on, for the workbook's Assumptions sheet: the model's
 * unit costs and optimism-bias grades, the Green Book discount schedules it uses, and the bundled
 * reference tables it names, each with its source.
 */

/** A reference value the appraisal relies on: a published or assumed figure, with its source. */
export interface ReferenceValueRow {
  /** What it is: "Prison place for a year", "Green Book STPR, years 0–30". */
  name: string;
  value: number | string;
  /** Unit in words: "£, 2025-26 prices", "rate a year (0.035 = 3.5%)". */
  unit: string;
  /** Where the figure comes from, as the model or the library records it ("not stated" when neither does). */
  source: string;
  /** The model path the value sits at, when it comes from the model. */
  path?: string;
  /** How the appraisal uses it (units, rebasing), when there is more to say. */
  note?: string;
}

/**
 * The reference values an appraisal uses, each with its source: the model's unit costs and
 * optimism-bias table; the bundled values it names (`{ "ref": "wellby" }`: the published figure,
 * its source and edition, and how it was rebased); the HM Treasury GDP deflator and the Green
 * Book optimism-bias categories when the model uses them; and the bands of every named discount
 * schedule it discounts with (the Green Book STPR, and the health schedule when a line uses it).
 *
 * @example
 * ```ts
 * const refs = referenceValues(model);
 * refs.find((r) => r.path === "tables.unitCosts.prison-place-year.value").value; // 51000
 * refs.find((r) => r.name === "Green Book STPR (standard), years 0–30").value;     // "0.035"
 * ```
 */
export function referenceValues(model: Model, schedules: readonly string[] = scheduleIds(model)): ReferenceValueRow[] {
  const out: ReferenceValueRow[] = [];
  (model.tables.unitCosts ?? []).forEach((u, i) => {
    out.push({
      name: oneLine(u.label ?? "") || sentence(words(u.id)),
      value: u.value,
      unit: `£, ${u.priceBase ?? model.appraisal.priceBase} prices`,
      source: oneLine(u.source ?? "") || "not stated",
      path: pathOf(model, ["tables", "unitCosts", i, "value"]),
    });
  });
  for (const [grade, row] of Object.entries(model.tables.optimismBias ?? {})) {
    const source = oneLine(row.label ?? "") || "not stated";
    out.push({
      name: `Optimism bias, grade ${oneLine(grade)}: cost uplift`,
      value: row.costs,
      unit: "uplift (0.1 = 10%)",
      source,
      path: pathOf(model, ["tables", "optimismBias", grade, "costs"]),
    });
    out.push({
      name: `Optimism bias, grade ${oneLine(grade)}: benefit reduction`,
      value: row.benefits,
      unit: "share (0–1)",
      source,
      path: pathOf(model, ["tables", "optimismBias", grade, "benefits"]),
    });
  }
  const editions = new Map(dataVersions().map((d) => [d.id, d]));
  const cite = (table: string, fallback: string) => {
    const d = editions.get(table);
    return d ? `${d.source}, ${d.edition} (${d.date})` : fallback;
  };
  for (const r of model.references) {
    const d = editions.get(r.table);
    const segs = pathSegments(model, r.path);
    out.push({
      name: `${d?.title ?? r.ref}${r.scenario === "central" ? "" : `, ${r.scenario}`}${r.year === null ? "" : `, ${r.year}`}`,
      value: r.published,
      unit: d?.unit ?? `£, ${r.priceYear} prices`,
      source: cite(r.table, r.source),
      path: segs ? pathOf(model, segs) : r.path,
      note: `Used as ${r.units} unit${r.units === "1" ? "" : "s"}, rebased to the price base × ${Number(Number(r.factor).toPrecision(6))} (${r.rebasing}): ${Number(r.value).toFixed(2)}.`,
    });
  }
  const prices = model.appraisal.prices as { deflator?: Record<string, unknown>; source?: string } | string | undefined;
  if (prices && typeof prices === "object" && prices.deflator && prices.source) {
    out.push({
      name: "GDP deflator (price index by financial year)",
      value: String(prices.deflator[model.appraisal.priceBase] ?? ""),
      unit: `index at the price base, ${model.appraisal.priceBase}`,
      source: cite("gdp-deflator", prices.source),
      path: "appraisal.prices.deflator",
    });
  }
  const categories = new Set<string>();
  model.costs.forEach((c) => {
    const ob = (c as { optimismBias?: { category: string; dimension?: string } }).optimismBias;
    if (!ob || categories.has(`${ob.category}|${ob.dimension}`)) return;
    categories.add(`${ob.category}|${ob.dimension}`);
    const cat = OPTIMISM_BIAS.categories.find((x) => x.id === ob.category);
    const bounds = ob.dimension === "duration" ? cat?.duration : cat?.capital;
    if (!cat || !bounds) return;
    for (const which of ["upper", "lower"] as const) {
      out.push({
        name: `Optimism bias, ${cat.label} (${ob.dimension ?? "capital"}): ${which} bound`,
        value: bounds[which],
        unit: "uplift (0.1 = 10%)",
        source: cite("optimism-bias", OPTIMISM_BIAS.source),
      });
    }
  });
  for (const id of schedules) {
    const s = SCHEDULES[id as keyof typeof SCHEDULES];
    if (!s) continue;
    s.bands.forEach((b, k) => {
      const next = s.bands[k + 1];
      out.push({
        name: `${s.title}, years ${b.fromYear}${next ? `–${next.fromYear - 1}` : " on"}`,
        value: b.rate,
        unit: "discount rate a year (0.035 = 3.5%)",
        source: s.source,
      });
    });
  }
  return out;
}

/** The segments of a position-based path (`outcomes[2].values[0].amount`), or null. */
function pathSegments(model: Model, path: string): Segment[] | null {
  try {
    return resolveInput(model, path).segments;
  } catch {
    return null;
  }
}

/** The named discount schedules a model uses: the appraisal's and any line's own. */
function scheduleIds(model: Model): string[] {
  const ids = new Set<string>();
  const add = (d: unknown) => typeof d === "string" && ids.add(d);
  add(model.appraisal.discount);
  for (const c of [...model.costs, ...model.savings]) add(c.discount);
  for (const o of model.outcomes) for (const v of o.values) add(v.discount);
  return [...ids];
}
