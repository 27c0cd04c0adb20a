import type { Appraisal } from "../../appraise";
import { displayText } from "../safe";

/**
 * Party colours: Tableau 10 without its grey, then the lighter Tableau 20 tones, so that greys are
 * left for the whole system and the public sector. Each agency keeps its colour in every chart of
 * a report: colours follow the model's agency order, not what a chart happens to show.
 *
 * @example
 * ```ts
 * PARTY_COLOURS[0]; // "#4e79a7"
 * PARTY_COLOURS.length; // 18
 * ```
 */
export const PARTY_COLOURS = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#a0cbe8",
  "#ffbe7d",
  "#ff9d9a",
  "#86bcb6",
  "#8cd17d",
  "#f1ce63",
  "#d4a6c8",
  "#fabfd2",
  "#d7b5a6",
] as const;

/** How a party is drawn: its colour, and for the whole system and the public sector a neutral dashed style. */
export interface PartyStyle {
  /** Agency id, or "system" / "public-sector". */
  id: string;
  /** The name charts show (unique within the report). */
  name: string;
  colour: string;
  /** Line dash ([] for solid). */
  dash: number[];
  /** Line width. */
  width: number;
  /** True for the whole system and the public sector. */
  neutral: boolean;
}

/** The whole system: near-black, dashed, thick — the same in every chart. */
export const SYSTEM_STYLE = { colour: "#222222", dash: [7, 3], width: 3 } as const;
/** The public sector: mid grey, dotted — the same in every chart. */
export const PUBLIC_SECTOR_STYLE = { colour: "#8c8c8c", dash: [2, 2], width: 2.5 } as const;

type Styled = Pick<Appraisal, "agencies">;

/**
 * Every party's chart style, in the order charts list them: each agency (model order), then the
 * public sector (only when some party is not a public body — otherwise it is the whole system)
 * and the whole system. Names are made unique: a repeated name, or an agency called "Whole
 * system", gets its id in brackets.
 *
 * @example
 * ```ts
 * const styles = partyStyles(result);
 * styles[0];                  // { id: "council", name: "County council", colour: "#4e79a7", dash: [], width: 2, neutral: false }
 * styles.at(-1)?.name;        // "Whole system"
 * ```
 */
export function partyStyles(appraisal: Styled): PartyStyle[] {
  const showPublic = appraisal.agencies.some((a) => a.sector !== "public");
  const reserved = new Set(["Whole system", "Public sector"]);
  const counts = new Map<string, number>();
  const clean = appraisal.agencies.map((a) => displayText(a.name, { oneLine: true }).trim() || a.id);
  for (const n of clean) counts.set(n, (counts.get(n) ?? 0) + 1);
  const styles: PartyStyle[] = appraisal.agencies.map((a, i) => {
    const n = clean[i]!;
    const name = counts.get(n)! > 1 || reserved.has(n) ? `${n} (${a.id})` : n;
    return { id: a.id, name, colour: PARTY_COLOURS[i % PARTY_COLOURS.length]!, dash: [], width: 2, neutral: false };
  });
  if (showPublic)
    styles.push({
      id: "public-sector",
      name: "Public sector",
      colour: PUBLIC_SECTOR_STYLE.colour,
      dash: [...PUBLIC_SECTOR_STYLE.dash],
      width: PUBLIC_SECTOR_STYLE.width,
      neutral: true,
    });
  styles.push({ id: "system", name: "Whole system", colour: SYSTEM_STYLE.colour, dash: [...SYSTEM_STYLE.dash], width: SYSTEM_STYLE.width, neutral: true });
  return styles;
}

/**
 * A Vega expression writing an axis value in pounds the way the report's text does: `£3m`,
 * `£2.5m`, `£500k`, `−£1.2bn`, `£0` (with a true minus sign).
 */
export const POUNDS_LABEL_EXPR =
  "(datum.value < 0 ? '\u2212' : '') + '£' + (abs(datum.value) >= 1e9 ? format(abs(datum.value) / 1e9, '~r') + 'bn' : abs(datum.value) >= 1e6 ? format(abs(datum.value) / 1e6, '~r') + 'm' : abs(datum.value) >= 1e3 ? format(abs(datum.value) / 1e3, '~r') + 'k' : format(abs(datum.value), '~r'))";

/** A money axis: ticks in pounds as the text writes them, and a title. */
export function poundsAxis(title: string): Record<string, unknown> {
  return { labelExpr: POUNDS_LABEL_EXPR, title, tickCount: 6 };
}

/**
 * A Vega expression that wraps a label (legend entry or axis label) onto lines of at most
 * `chars` characters, breaking at spaces: returns an array of lines, which Vega draws one under
 * another. Names are never written into the expression; it reads `datum.label`.
 */
export function wrapLabelExpr(chars: number): string {
  return `split(trim(replace(datum.label, regexp('(.{1,${chars}})(\\\\s+|$)', 'g'), '$1\\n')), '\\n')`;
}

/** A scale domain with round ends: [lo, hi] covering the values (and zero), about `ticks` steps. */
export function niceDomain(values: readonly number[], ticks = 6): [number, number] {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (hi - lo === 0) hi = lo + 1;
  const raw = (hi - lo) / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  return [lo, hi];
}
