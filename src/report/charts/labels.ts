/**
 * Placing text labels on a chart so that none overlaps another, a marker or the plot's edge.
 * Positions are worked out in pixels before the chart is drawn (the chart's scales are fixed, so
 * a data point's pixel position is known), which makes the layout the same in the static SVG and
 * in the browser.
 */

// Advance widths of a wide sans-serif (DejaVu Sans, the usual Linux fallback), in ems: an upper
// bound for the system fonts charts ask for (Segoe UI, Roboto, Helvetica are narrower).
const NARROW = new Set([..."ijlftI.,:;'|!()[] "]);
const WIDE = new Set([..."mwMW%"]);

/**
 * Estimated width in pixels of a line of text at a font size: never less than a browser draws it
 * with the report's fonts, so boxes built from it do not overlap when drawn.
 *
 * @example
 * ```ts
 * textWidth("payback 2030-31", 11) > 80; // true
 * ```
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const ch of text) ems += NARROW.has(ch) ? 0.4 : WIDE.has(ch) ? 1.0 : /[A-Z]/.test(ch) ? 0.78 : 0.66;
  return ems * fontSize * (bold ? 1.1 : 1);
}

/** A rectangle in pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A label to place next to its anchor (a marker at `x`, `y`, in pixels). */
export interface LabelRequest {
  x: number;
  y: number;
  text: string;
}

/** Where a label goes: its text anchor, alignment, box, and whether it needs a leader line to its anchor. */
export interface PlacedLabel {
  /** Text position (left or right end, vertical middle). */
  lx: number;
  ly: number;
  align: "left" | "right";
  box: Box;
  /** True when the label sits away from its anchor and a line joins them. */
  leader: boolean;
}

const overlaps = (a: Box, b: Box, pad = 0) => a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;

/** A line segment in pixels: [x0, y0, x1, y1]. */
export type Segment = readonly [number, number, number, number];

/** Whether a segment passes through a box (sampled every two pixels: labels are larger than that). */
function crosses(seg: Segment, b: Box): boolean {
  const [x0, y0, x1, y1] = seg;
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 2));
  for (let i = 0; i <= steps; i++) {
    const x = x0 + ((x1 - x0) * i) / steps;
    const y = y0 + ((y1 - y0) * i) / steps;
    if (x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1) return true;
  }
  return false;
}

/**
 * Places labels one by one (in the order given: put the most important first). Each goes to the
 * best position around its anchor — right or left of it, level, just above or just below, or
 * further up or down with a leader line — that stays inside the plot and clear of the labels
 * already placed and of every anchor's marker. Among those, it prefers positions near the anchor
 * that cover no data point (`obstacles`) and cross no line (`segments`). Returns null for a label
 * that fits nowhere.
 *
 * @example
 * ```ts
 * const placed = placeLabels([{ x: 100, y: 50, text: "payback 2016-17" }, { x: 100, y: 52, text: "payback 2016-17" }], { width: 600, height: 300, fontSize: 11 });
 * placed[0]!.box.y1 <= placed[1]!.box.y0 || placed[1]!.box.y1 <= placed[0]!.box.y0; // true
 * ```
 */
export function placeLabels(
  labels: readonly LabelRequest[],
  plot: { width: number; height: number; fontSize: number; bold?: boolean; markerRadius?: number; obstacles?: readonly Box[]; segments?: readonly Segment[] },
): (PlacedLabel | null)[] {
  const h = Math.ceil(plot.fontSize * 1.35);
  const r = plot.markerRadius ?? 7;
  const gap = r + 3;
  const markers: Box[] = labels.map((l) => ({ x0: l.x - r, y0: l.y - r, x1: l.x + r, y1: l.y + r }));
  const taken: Box[] = [];
  const inside = (b: Box) => b.x0 >= 0 && b.x1 <= plot.width && b.y0 >= 0 && b.y1 <= plot.height;
  const near = h / 2 + 2;
  return labels.map((l) => {
    const w = Math.ceil(textWidth(l.text, plot.fontSize, plot.bold));
    let best: (PlacedLabel & { score: number }) | null = null;
    for (const align of ["left", "right"] as const) {
      const dx = align === "left" ? gap : -gap;
      // Level with the anchor, just above, just below, then stepping away half a line at a time.
      const offsets = [0, -near, near];
      for (let k = 1; k <= 60; k++) offsets.push(-(near + (k * h) / 2), near + (k * h) / 2);
      for (const dy of offsets) {
        const lx = l.x + dx;
        const ly = l.y + dy;
        const box = align === "left" ? { x0: lx, y0: ly - h / 2, x1: lx + w, y1: ly + h / 2 } : { x0: lx - w, y0: ly - h / 2, x1: lx, y1: ly + h / 2 };
        if (!inside(box) || taken.some((t) => overlaps(box, t, 2)) || markers.some((m) => overlaps(box, m, 1))) continue;
        const leader = Math.abs(dy) > near;
        const covered = (plot.obstacles ?? []).filter((o) => overlaps(box, o)).length;
        const crossed = (plot.segments ?? []).filter((s) => crosses(s, box)).length;
        // Distance first, then what the label hides: a data point costs 10 px, a line 3 px.
        const score = Math.abs(dy) + (align === "right" ? 4 : 0) + (leader ? 8 : 0) + 10 * covered + 3 * crossed;
        if (!best || score < best.score) best = { lx, ly, align, box, leader, score };
      }
    }
    if (!best) return null;
    taken.push(best.box);
    const { score: _score, ...placed } = best;
    return placed;
  });
}
