import { appraise, type Appraisal, type AppraiseOptions } from "../../appraise";
import { loadModel, type Model } from "../../model";
import { toDecimal } from "../../money";
import { optionModel } from "../../options";
import { gainshareRange, type ShareRange } from "../../solve";
import { parseDistribution, quantileOf, resolveInput, setInputs, type ResolvedInput } from "../../uncertainty";
import { inputLabel } from "../inputs";

/**
 * The live deal explorer's controls and figures, as plain functions (no DOM): which inputs the
 * page lets the user move and over what range, the model with the controls applied, and the
 * figures the page shows. The page (page.ts) and the tests call the same functions, so what the
 * page shows is `appraise` of the same model.
 */

/** One control of the explorer: an input of the model, by path, and the range it moves over. */
export interface ExplorerControl {
  /** The input's path, by position (`deals[0].share`, `outcomes[1].success`): what `setInputs` is given. */
  path: string;
  /** Which panel: a deal's terms, or an uncertain input (named in the model's scenarios or distributions). */
  group: "deal" | "input";
  /** In words: "Gainshare: share of savings paid", "Fewer custodial sentences: success rate". */
  label: string;
  min: number;
  max: number;
  step: number;
  /** The model's value. */
  value: number;
  /** How to show a value: a share or a rate as a percentage, money in £, a plain number. */
  unit: "share" | "rate" | "money" | "number";
  /** For a gainshare's fixed share: the deal's id (its feasible range is shown on the slider). */
  gainshare?: string;
  /** Where the range comes from, in words (for the tooltip). */
  range: string;
}

/** The explorer's model: the model, plus a proposed gainshare when the model has none to move. */
export interface ExplorerModel {
  model: Model;
  /** The id of the gainshare the explorer proposed (share 0: it changes nothing until moved), if any. */
  proposed: string | null;
}

/** The id of the gainshare the explorer proposes when a model has an incentive gap but no gainshare of its own. */
export const PROPOSED_GAINSHARE = "proposed-gainshare";

/**
 * The model the explorer works on. When the model has no gainshare with a fixed share but some
 * party loses while the whole system gains (an incentive gap), it adds a **proposed gainshare**
 * from the parties that gain to those that lose at the longest horizon, at a share of 0 — so the
 * figures start as the model's own, and moving its share asks "what if they passed back 30%?".
 *
 * @example
 * ```ts
 * const { model: m, proposed } = explorerModel(model);
 * proposed;                                        // "proposed-gainshare"
 * m.deals.at(-1)?.type;                            // "gainshare"
 * ```
 */
export function explorerModel(input: Model | unknown, options: AppraiseOptions = {}): ExplorerModel {
  const model = loadModel(input);
  if (model.deals.some((d) => d.type === "gainshare" && d.share !== undefined)) return { model, proposed: null };
  const a = appraise(model, options);
  const longest = a.horizons[a.horizons.length - 1]!;
  const losers = new Set(a.incentiveGaps.filter((g) => g.horizon === longest.years).map((g) => g.agency));
  if (losers.size === 0) return { model, proposed: null };
  const gainers = a.agencies.filter((ag) => ag.sector === "public" && longest.agencies[ag.id]!.npv.isPositive() && !losers.has(ag.id)).map((ag) => ag.id);
  if (gainers.length === 0) return { model, proposed: null };
  const deal = { type: "gainshare", id: PROPOSED_GAINSHARE, label: "Proposed gainshare", from: gainers, to: [...losers], share: 0 };
  return { model: loadModel({ ...structuredClone(model), deals: [...model.deals, deal] }), proposed: PROPOSED_GAINSHARE };
}

const isMoney = (key: string) => /^(amount|attachment|perCase|price|capPerYear|capPerCase|floorPerYear|principal|value|cap|reserve)$/.test(key);

/** A step that gives about 400 positions over a range, rounded to 1, 2 or 5 × a power of ten. */
function niceStep(span: number, integer: boolean): number {
  if (!(span > 0)) return integer ? 1 : 0.001;
  const raw = span / 400;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  return integer ? Math.max(1, Math.round(step)) : Number(step.toPrecision(1));
}

/** Clamps a range to an input's domain. */
function within(r: ResolvedInput, lo: number, hi: number): [number, number] {
  const d = r.domain;
  let a = Math.max(lo, d.min);
  let b = Math.min(hi, d.max);
  if (d.minOpen && a <= d.min) a = d.min + (d.integer ? 1 : 0.001);
  if (d.integer) [a, b] = [Math.ceil(a), Math.floor(b)];
  return [a, Math.max(a, b)];
}

function control(
  model: Model,
  path: string,
  group: ExplorerControl["group"],
  lo: number,
  hi: number,
  range: string,
  gainshare?: string,
): ExplorerControl | null {
  let r: ResolvedInput;
  try {
    r = resolveInput(model, path);
  } catch {
    return null; // a path that names no number of the model (the uncertainty layer reports it)
  }
  const key = String(r.segments.filter((s) => typeof s === "string").at(-1));
  const unit: ExplorerControl["unit"] =
    r.domain.max === 1 && r.domain.min === 0 ? "share" : r.domain.min === -1 && r.domain.minOpen ? "rate" : isMoney(key) ? "money" : "number";
  const [a, b] = within(r, Math.min(lo, r.value), Math.max(hi, r.value));
  const step = unit === "share" || unit === "rate" ? 0.001 : niceStep(b - a, r.domain.integer || unit === "money");
  // Ends on the step's grid, outward (and still within the input's domain).
  const [min, max] = within(r, roundTo(Math.floor(a / step) * step, step), roundTo(Math.ceil(b / step) * step, step));
  return { path: r.canonical, group, label: inputLabel(model, r.canonical), min, max, step, value: r.value, unit, range, ...(gainshare ? { gainshare } : {}) };
}

/** A multiple of a step without binary noise (0.1 + 0.2 is 0.3). */
const roundTo = (x: number, step: number) => Number(x.toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 1)));

/** A control with a label of its own. */
const named = (c: ExplorerControl | null, label: string): ExplorerControl | null => (c ? { ...c, label } : null);

/** An amount's range: 0 to twice it (or to 1,000 when it is 0). */
const moneyRange = (v: number): [number, number] => [0, v > 0 ? 2 * v : 1000];

/**
 * The explorer's controls for a model: for each deal, its terms that move money — a gainshare's
 * share (or each tier's share), a payment-by-results deal's price per case, attachment shares
 * and payments per result, an outcomes contract's prices, a reward grant's maximum and
 * threshold, an earn-back share — and each input named in the model's
 * scenarios or distributions, over its range: a share over 0–100% (a tier too); an amount from 0
 * to twice the model's; an uncertain input from its distribution's 0.1st to 99.9th percentile,
 * widened to take in every scenario's value and the model's own, within the values the input
 * may take.
 *
 * @example
 * ```ts
 * const controls = explorerControls(explorerModel(model).model);
 * controls[0];              // { path: "deals[0].share", group: "deal", label: "Proposed gainshare — share of savings passed back", min: 0, max: 1, step: 0.001, value: 0, unit: "share", range: "0–100%", gainshare: "proposed-gainshare" }
 * controls.find((c) => c.path === "outcomes[1].success")?.max; // 0.07
 * ```
 */
export function explorerControls(model: Model): ExplorerControl[] {
  const out: (ExplorerControl | null)[] = [];
  model.deals.forEach((d, i) => {
    const at = `deals[${i}]`;
    const money = (path: string, v: unknown) => {
      const n = Number(v);
      const [lo, hi] = moneyRange(n);
      out.push(control(model, path, "deal", lo, hi, `£0 to ${n > 0 ? "twice the model's" : "£1,000"}`));
    };
    switch (d.type) {
      case "gainshare":
        if (d.share !== undefined)
          out.push(named(control(model, `${at}.share`, "deal", 0, 1, "0–100%", d.id), `${d.label ?? d.id} — share of savings passed back`));
        else d.tiers.forEach((_, k) => out.push(control(model, `${at}.tiers[${k}].share`, "deal", 0, 1, "0–100%")));
        break;
      case "payment-by-results": {
        if (d.perCase !== undefined) money(`${at}.perCase`, d.perCase);
        const shares = d.attachmentShare === undefined ? [] : Array.isArray(d.attachmentShare) ? d.attachmentShare : [d.attachmentShare];
        shares.forEach((_, k) =>
          out.push(control(model, Array.isArray(d.attachmentShare) ? `${at}.attachmentShare[${k}]` : `${at}.attachmentShare`, "deal", 0, 1, "0–100%")),
        );
        const attachment = d.attachment === undefined ? [] : Array.isArray(d.attachment) ? d.attachment : [d.attachment];
        attachment.forEach((v, k) => money(Array.isArray(d.attachment) ? `${at}.attachment[${k}]` : `${at}.attachment`, v));
        d.results.forEach((r, k) => {
          const amounts = r.amount === undefined ? [] : Array.isArray(r.amount) ? r.amount : [r.amount];
          amounts.forEach((v, y) => money(Array.isArray(r.amount) ? `${at}.results[${k}].amount[${y}]` : `${at}.results[${k}].amount`, v));
        });
        break;
      }
      case "outcomes-contract":
        d.payers.forEach((p, k) => p.prices.forEach((q, j) => money(`${at}.payers[${k}].prices[${j}].price`, q.price)));
        break;
      case "reward-grant":
        if ("amount" in d.maximum) money(`${at}.maximum.amount`, d.maximum.amount);
        else out.push(control(model, `${at}.maximum.rate`, "deal", 0, 1, "0–100%"));
        out.push(control(model, `${at}.threshold`, "deal", 0, 1, "0–100%"));
        break;
      case "earn-back":
        out.push(control(model, `${at}.share`, "deal", 0, 1, "0–100%"));
        break;
      default:
        break;
    }
  });
  // Uncertain inputs: each path named in the scenarios or distributions, once.
  const u = model.uncertainty;
  const paths = new Map<string, { lo: number; hi: number; why: string[] }>();
  const note = (path: string, lo: number, hi: number, why: string) => {
    let canonical: string;
    try {
      canonical = resolveInput(model, path).canonical;
    } catch {
      return;
    }
    const p = paths.get(canonical) ?? { lo: Infinity, hi: -Infinity, why: [] };
    p.lo = Math.min(p.lo, lo);
    p.hi = Math.max(p.hi, hi);
    if (!p.why.includes(why)) p.why.push(why);
    paths.set(canonical, p);
  };
  for (const [path, input] of Object.entries(u?.distributions ?? {})) {
    const d = parseDistribution(input);
    note(path, quantileOf(d, 0.001), quantileOf(d, 0.999), `its distribution (${d.type}, 0.1st to 99.9th percentile)`);
  }
  for (const [name, scenario] of Object.entries(u?.scenarios ?? {})) {
    for (const [path, v] of Object.entries(scenario)) note(path, Number(v), Number(v), `scenario ${name}`);
  }
  for (const [path, p] of paths) {
    let { lo, hi } = p;
    const value = resolveInput(model, path).value;
    lo = Math.min(lo, value);
    hi = Math.max(hi, value);
    if (hi - lo <= Math.abs(value) * 1e-9) {
      // One value (a single scenario equal to the model's): half to one and a half times it.
      lo = value - Math.abs(value) / 2;
      hi = value + Math.abs(value) / 2 || 1;
    }
    out.push(control(model, path, "input", lo, hi, p.why.join("; ")));
  }
  return out.filter((c): c is ExplorerControl => c !== null);
}

/** One choice in the explorer's option list: business as usual (`id` null) or an option of the model. */
export interface ExplorerChoice {
  id: string | null;
  name: string;
}

/**
 * What the explorer can show: business as usual, then each of the model's `options` (none when
 * the model has no options).
 *
 * @example
 * ```ts
 * explorerChoices(model); // [] for a model without options
 * ```
 */
export function explorerChoices(input: Model | unknown): ExplorerChoice[] {
  const model = loadModel(input);
  if (model.options.length === 0) return [];
  return [{ id: null, name: "Business as usual" }, ...model.options.map((o) => ({ id: o.id, name: o.name }))];
}

/**
 * The explorer's model for business as usual (`option` null) or one of the model's options, and
 * the model file that "Copy as model JSON" writes the controls into: the author's own file for
 * business as usual, the option as a model of its own (business as usual with the option's
 * changes, defaults written out) for an option.
 *
 * @example
 * ```ts
 * const { explorer, file } = explorerModelFor(model, null);
 * file === model; // true
 * ```
 */
export function explorerModelFor(raw: unknown, option: string | null, options: AppraiseOptions = {}): { explorer: ExplorerModel; file: unknown } {
  if (option === null) return { explorer: explorerModel(raw, options), file: raw };
  const model = optionModel(raw, option);
  return { explorer: explorerModel(model, options), file: JSON.parse(JSON.stringify(model)) as unknown };
}

/** The model with controls set (`{ path: value }`), checked again as a whole (see `setInputs`). */
export function applyControls(model: Model, values: Readonly<Record<string, number>>): Model {
  return Object.keys(values).length ? setInputs(model, values) : model;
}

/** A gainshare's feasible range at a horizon, for its slider. */
export interface ExplorerRange {
  deal: string;
  horizon: number;
  range: ShareRange;
}

/** What the page shows, computed from one model: the appraisal, and each gainshare's feasible range at a horizon. */
export interface ExplorerFigures {
  appraisal: Appraisal;
  ranges: ExplorerRange[];
}

/**
 * The explorer's figures for a model with its controls set: the exact appraisal and — unless
 * `ranges` is false (moving a share does not change its own range) — the feasible range of each
 * gainshare's share at `horizon` (default: the longest), from `gainshareRange`.
 *
 * @example
 * ```ts
 * const { model: m } = explorerModel(model);
 * const f = explorerFigures(applyControls(m, { "deals[0].share": 0.3 }));
 * f.ranges[0]?.range.ok && f.ranges[0].range.minShare.toFixed(4); // "0.2632"
 * ```
 */
export function explorerFigures(model: Model, options: AppraiseOptions & { horizon?: number; ranges?: boolean } = {}): ExplorerFigures {
  const { horizon, ranges = true, ...appraiseOptions } = options;
  const appraisal = appraise(model, appraiseOptions);
  const h = horizon ?? appraisal.horizons[appraisal.horizons.length - 1]!.years;
  const found: ExplorerRange[] = ranges
    ? model.deals.flatMap((d) =>
        d.type === "gainshare" && d.share !== undefined
          ? [{ deal: d.id, horizon: h, range: gainshareRange(model, { ...appraiseOptions, deal: d.id, horizon: h, tolerance: 1e-7 }) }]
          : [],
      )
    : [];
  return { appraisal, ranges: found };
}

/**
 * The model file (as its author wrote it) with the controls' values written in, and a proposed
 * gainshare added when its share is above 0: what "Copy as model JSON" copies.
 *
 * @example
 * ```ts
 * const text = modelWithControls(JSON.parse(json), explorerModel(model), { "outcomes[1].success": 0.05 });
 * JSON.parse(text).outcomes[1].success; // 0.05
 * ```
 */
export function modelWithControls(raw: unknown, explorer: ExplorerModel, values: Readonly<Record<string, number>>): string {
  const copy = structuredClone(raw) as Record<string, unknown>;
  const proposedIndex = explorer.proposed ? explorer.model.deals.findIndex((d) => d.id === explorer.proposed) : -1;
  const proposedShare = proposedIndex >= 0 ? values[`deals[${proposedIndex}].share`] : undefined;
  if (proposedIndex >= 0 && proposedShare !== undefined && proposedShare > 0) {
    const d = explorer.model.deals[proposedIndex]!;
    copy.deals = [...((copy.deals as unknown[] | undefined) ?? []), { ...structuredClone(d) }];
  }
  for (const [path, value] of Object.entries(values)) {
    const segments = resolveInput(explorer.model, path).segments;
    if (segments[0] === "deals" && segments[1] === proposedIndex && !(proposedShare !== undefined && proposedShare > 0)) continue;
    let node = copy as Record<string | number, unknown>;
    for (let k = 0; k < segments.length - 1; k++) {
      const seg = segments[k]!;
      if (node[seg] === undefined || node[seg] === null) node[seg] = typeof segments[k + 1] === "number" ? [] : {};
      node = node[seg] as Record<string | number, unknown>;
    }
    const leaf = segments[segments.length - 1]!;
    // Keep a decimal string where the author wrote one (exact money).
    node[leaf] = typeof node[leaf] === "string" ? toDecimal(value).toString() : value;
  }
  return `${JSON.stringify(copy, null, 2)}\n`;
}
