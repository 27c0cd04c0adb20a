import { toDecimal } from "../money";
import type { Cost, CostShunt, Intervention, Lens, Model, Outcome, Saving } from "../model";
import { deliveryYears, priceMultipliers } from "../ledger/profiles";

/**
 * The ledger's lines rebuilt in float64 for the Monte Carlo fast path (see compile.ts). Each line's
 * yearly amounts are split into `scale × profile[t]`: `scale` is a product of factors (constants
 * and drawn inputs x, 1 − x or 1 + x: the benefit chain, values, optimism bias, realisation,
 * cohort sizes), `profile` a shape over the years (cohorts, ramp-up, lag, persistence, drop-off,
 * growth, series). Only profiles whose shape depends on a drawn input are rebuilt per draw.
 * Mirrors src/ledger/build.ts and profiles.ts line by line; tests hold the two together.
 */

/** How a drawn input enters a scale: x, 1 − x or 1 + x. */
export const enum Transform {
  Value = 0,
  OneMinus = 1,
  OnePlus = 2,
}

/** A number that is a model constant (slot −1) or a drawn input. */
export interface Num {
  slot: number;
  value: number;
}

/** A product of factors: constant × Π transform(theta[slot]). */
export interface Scale {
  constant: number;
  slots: number[];
  transforms: Transform[];
}

/** A yearly shape (years 0..N) that may be rebuilt from drawn inputs. */
export interface ProfileNode {
  buf: Float64Array;
  /** True when some drawn input changes the shape. */
  dynamic: boolean;
  /** Rebuilds `buf` from the current draw (dependencies first). */
  fill(theta: Float64Array): void;
}

/** One ledger line in float: an agency's share of it, its lens and cash status, scale and profile. */
export interface FloatLine {
  agency: string;
  lens: Lens;
  cashable: boolean;
  scale: Scale;
  profile: ProfileNode;
  /** Price-base multiplier per year. */
  prices: Float64Array;
}

const read = (n: Num, theta: Float64Array) => (n.slot >= 0 ? theta[n.slot]! : n.value);
const apply = (x: number, t: Transform) => (t === Transform.Value ? x : t === Transform.OneMinus ? 1 - x : 1 + x);

function times(a: Scale, ...factors: [Num, Transform][]): Scale {
  const out: Scale = { constant: a.constant, slots: [...a.slots], transforms: [...a.transforms] };
  for (const [n, t] of factors) {
    if (n.slot >= 0) {
      out.slots.push(n.slot);
      out.transforms.push(t);
    } else out.constant *= apply(n.value, t);
  }
  return out;
}

const UNIT: Scale = { constant: 1, slots: [], transforms: [] };

function node(years: number, dynamic: boolean, fill: (buf: Float64Array, theta: Float64Array) => void, base: Float64Array): ProfileNode {
  const buf = new Float64Array(years + 1);
  const n: ProfileNode = { buf, dynamic, fill: (theta) => fill(buf, theta) };
  n.fill(base);
  return n;
}

/** Builds the float lines of a model; `num(path, value)` says whether an input is drawn. */
export function floatLines(
  model: Model,
  years: number,
  num: (path: string, value: number | string) => Num,
  base: Float64Array,
  options: { cashableOnly: boolean },
): { lines: FloatLine[]; nodes: ProfileNode[] } {
  const nodes: ProfileNode[] = [];
  const add = (n: ProfileNode) => (nodes.push(n), n);
  const ob = model.tables.optimismBias ?? {};
  const grade = (g: string | undefined, key: "costs" | "benefits"): Num => (g === undefined || !ob[g] ? { slot: -1, value: 0 } : num(`tables.optimismBias.${g}.${key}`, ob[g][key]));
  const prices = (item: { priceBase?: string; prices?: "real" | "nominal" }) => Float64Array.from(priceMultipliers(model, item, years).factors, (d) => d.toNumber());

  // Cohorts: shape × scale (number cohorts and shares are scales; listed sizes are shapes).
  const cohorts = new Map<string, { node: ProfileNode; scale: Scale; span: [number, number] }>();
  const byId = new Map(model.interventions.map((v, i) => [v.id, { v, i }]));
  const cohort = (v: Intervention, i: number): { node: ProfileNode; scale: Scale; span: [number, number] } => {
    const done = cohorts.get(v.id);
    if (done) return done;
    let result: { node: ProfileNode; scale: Scale; span: [number, number] };
    if (typeof v.cohort === "number") {
      const span = deliveryYears(v, years);
      result = { span, scale: times(UNIT, [num(`interventions[${i}].cohort`, v.cohort), Transform.Value]), node: node(years, false, (b) => b.fill(1, span[0], span[1] + 1), base) };
    } else if (Array.isArray(v.cohort)) {
      const span = deliveryYears(v, years);
      const sizes = v.cohort.map((c, k) => num(`interventions[${i}].cohort[${k}]`, c));
      const fill = (b: Float64Array, theta: Float64Array) => {
        for (let t = span[0]; t <= span[1]; t++) b[t] = read(sizes[t - span[0]]!, theta);
      };
      const n = node(years, sizes.some((s) => s.slot >= 0), fill, base);
      if (n.dynamic) add(n);
      result = { span, scale: UNIT, node: n };
    } else {
      const { from: fromId, share, lag } = v.cohort;
      const src = byId.get(fromId)!;
      const from = cohort(src.v, src.i);
      const span = deliveryYears(v, years, from.span);
      const fill = (b: Float64Array) => {
        b.fill(0);
        for (let t = span[0]; t <= span[1]; t++) if (t - lag >= 0) b[t] = from.node.buf[t - lag]!;
      };
      const n = node(years, from.node.dynamic, fill, base);
      if (n.dynamic) add(n);
      result = { span, scale: times(from.scale, [num(`interventions[${i}].cohort.share`, share), Transform.Value]), node: n };
    }
    cohorts.set(v.id, result);
    return result;
  };
  model.interventions.forEach((v, i) => cohort(v, i));

  // Outcomes: the unit profile (chain = 1) and the chain as a scale.
  const outcomes = new Map<string, { node: ProfileNode; scale: Scale }>();
  model.outcomes.forEach((o: Outcome, i) => {
    const c = cohorts.get(o.intervention)!;
    const p = `outcomes[${i}]`;
    const ramp = o.rampUp.map((r, k) => num(`${p}.rampUp[${k}]`, r));
    const lag = num(`${p}.lag`, o.lag);
    const persist = num(`${p}.persistence.years`, o.persistence.years);
    const dropOff = num(`${p}.persistence.dropOff`, o.persistence.dropOff);
    const dynamic = c.node.dynamic || [...ramp, lag, persist, dropOff].some((n) => n.slot >= 0);
    const fill = (b: Float64Array, theta: Float64Array) => {
      b.fill(0);
      const l = read(lag, theta);
      const n = read(persist, theta);
      const keep = 1 - read(dropOff, theta);
      for (let y = c.span[0]; y <= c.span[1]; y++) {
        const k = y - c.span[0];
        let produced = c.node.buf[y]! * (k < ramp.length ? read(ramp[k]!, theta) : 1);
        if (produced === 0) continue;
        for (let j = 0; j < n; j++) {
          const t = y + l + j;
          if (t > years) break;
          b[t] = b[t]! + produced;
          produced *= keep;
        }
      }
    };
    const n = node(years, dynamic, fill, base);
    if (dynamic) add(n);
    const chain = times(
      c.scale,
      [num(`${p}.reach`, o.reach), Transform.Value],
      [num(`${p}.engagement`, o.engagement), Transform.Value],
      [num(`${p}.success`, o.success), Transform.Value],
      [num(`${p}.deadweight`, o.deadweight), Transform.OneMinus],
      [num(`${p}.attribution`, o.attribution), Transform.Value],
      [num(`${p}.displacement`, o.displacement), Transform.OneMinus],
    );
    outcomes.set(o.id, { node: n, scale: chain });
  });

  const lines: FloatLine[] = [];
  /** A saving's lines: one when cashable (or when cash and capacity are counted together), else cash and capacity parts. */
  const savingLines = (common: Omit<FloatLine, "cashable" | "scale">, total: Scale, cashable: boolean, realisation: () => Num) => {
    if (cashable || !options.cashableOnly) lines.push({ ...common, cashable: true, scale: total });
    else {
      const r = realisation();
      lines.push({ ...common, cashable: true, scale: times(total, [r, Transform.Value]) });
      lines.push({ ...common, cashable: false, scale: times(total, [r, Transform.OneMinus]) });
    }
  };
  model.costs.forEach((c: Cost, i) => {
    const head = times(UNIT, [{ slot: -1, value: -1 }, Transform.Value], [grade(c.confidence, "costs"), Transform.OnePlus]);
    const { scale, profile } = scheduledLine(c, `costs[${i}]`, head, years, num, base, cohorts, add);
    lines.push({ agency: c.agency, lens: c.lens, cashable: true, scale, profile, prices: prices(c) });
  });
  model.savings.forEach((c: Saving, i) => {
    const head = times(UNIT, [grade(c.confidence, "benefits"), Transform.OneMinus]);
    const { scale, profile } = scheduledLine(c, `savings[${i}]`, head, years, num, base, cohorts, add);
    savingLines({ agency: c.agency, lens: c.lens, profile, prices: prices(c) }, scale, c.cashable, () => num(`savings[${i}].realisation`, c.realisation ?? 0));
  });

  const unitCosts = new Map((model.tables.unitCosts ?? []).map((u, k) => [u.id, { u, k }]));
  model.outcomes.forEach((o, i) => {
    const { node: n, scale } = outcomes.get(o.id)!;
    const keep = grade(o.confidence, "benefits");
    o.values.forEach((v, j) => {
      const unit = v.unitCost !== undefined ? unitCosts.get(v.unitCost)! : undefined;
      const value = unit ? num(`tables.unitCosts[${unit.k}].value`, unit.u.value) : num(`outcomes[${i}].values[${j}].amount`, v.amount!);
      const total = times(scale, [value, Transform.Value], [keep, Transform.OneMinus]);
      const pr = prices({ priceBase: unit?.u.priceBase ?? v.priceBase, prices: v.prices });
      // Counting non-cashable savings too, the cash and capacity parts add back to the total.
      savingLines({ agency: v.agency, lens: v.lens, profile: n, prices: pr }, total, v.cashable, () => num(`outcomes[${i}].values[${j}].realisation`, v.realisation ?? 0));
    });
  });

  model.costShunts.forEach((s: CostShunt, i) => {
    let profile: ProfileNode;
    let scale: Scale;
    if (s.series) {
      const series = s.series.map((x, k) => num(`costShunts[${i}].series[${k}]`, x));
      profile = node(years, series.some((x) => x.slot >= 0), (b, theta) => series.forEach((x, t) => (b[t] = read(x, theta))), base);
      if (profile.dynamic) add(profile);
      scale = UNIT;
    } else if (s.outcome !== undefined) {
      const k = model.outcomes.findIndex((o) => o.id === s.outcome);
      const o = outcomes.get(s.outcome)!;
      profile = o.node;
      scale = times(o.scale, [num(`costShunts[${i}].amount`, s.amount!), Transform.Value], [grade(model.outcomes[k]!.confidence, "benefits"), Transform.OneMinus]);
    } else {
      const [from, to] = s.years ?? [0, years];
      profile = node(years, false, (b) => b.fill(1, from, Math.min(to, years) + 1), base);
      scale = times(UNIT, [num(`costShunts[${i}].amount`, s.amount!), Transform.Value]);
    }
    const common = { lens: s.lens, cashable: s.cashable, profile, prices: prices(s) };
    lines.push({ ...common, agency: s.from, scale });
    lines.push({ ...common, agency: s.to, scale: { ...scale, constant: -scale.constant } });
  });
  return { lines, nodes };
}

/** A cost's or direct saving's yearly shape and its scale, starting from `head` (sign and optimism bias). */
function scheduledLine(
  c: Cost | Saving,
  p: string,
  head: Scale,
  years: number,
  num: (path: string, value: number | string) => Num,
  base: Float64Array,
  cohorts: Map<string, { node: ProfileNode; scale: Scale; span: [number, number] }>,
  add: (n: ProfileNode) => ProfileNode,
): { scale: Scale; profile: ProfileNode } {
  const co = c.intervention !== undefined ? cohorts.get(c.intervention) : undefined;
  const span = (given: [number, number] | undefined): [number, number] => given ?? co?.span ?? [0, 0];
  let profile: ProfileNode;
  let scale = head;
  if (c.series) {
    const series = c.series.map((x, k) => num(`${p}.series[${k}]`, x));
    profile = node(years, series.some((x) => x.slot >= 0), (b, theta) => series.forEach((x, t) => (b[t] = read(x, theta))), base);
  } else if (c.per === "once") {
    const year = c.year ?? span(undefined)[0];
    profile = node(years, false, (b) => (b[year] = 1), base);
    scale = times(scale, [num(`${p}.amount`, c.amount!), Transform.Value]);
  } else {
    const [from, to] = span(c.years);
    const growth = num(`${p}.growth`, c.growth ?? 0);
    const participant = c.per === "participant";
    const cohortNode = participant ? co!.node : null;
    const fill = (b: Float64Array, theta: Float64Array) => {
      b.fill(0);
      const g = 1 + read(growth, theta);
      for (let t = from; t <= Math.min(to, years); t++) b[t] = Math.pow(g, t - from) * (cohortNode ? cohortNode.buf[t]! : 1);
    };
    profile = node(years, growth.slot >= 0 || (cohortNode?.dynamic ?? false), fill, base);
    scale = times(scale, [num(`${p}.amount`, c.amount!), Transform.Value]);
    if (participant) scale = { constant: scale.constant * co!.scale.constant, slots: [...scale.slots, ...co!.scale.slots], transforms: [...scale.transforms, ...co!.scale.transforms] };
  }
  if (profile.dynamic) add(profile);
  return { scale, profile };
}

/** A model number (number or decimal string) as a float. */
export function asFloat(value: number | string): number {
  return typeof value === "number" ? value : toDecimal(value).toNumber();
}
