/**
 * The end-to-end fuzz's generator: mutated model files. A base model (a random valid model, one
 * with random deals, one with an uncertainty block, or one of the bundled examples) gets zero to
 * five mutations, each at a random path: a hostile value (wrong types, unknown union members such
 * as a deal of type "social-impact-bond", huge and tiny numbers, strings that look like numbers),
 * a deletion, a duplicated list item, a number scaled by up to 10^±300, an extra deal or an extra
 * distribution.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fc } from "@fast-check/vitest";
import type { ModelInput } from "../../src";
import { arbitraryModel } from "./arbitrary-model";
import { withArbitraryDeals } from "./arbitrary-deals";

type Json = unknown;
type Path = (string | number)[];

const EXAMPLES = new URL("../../examples/", import.meta.url);
/** The bundled example models: family support, options, and every case study. */
export const exampleModels: ModelInput[] = [
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, EXAMPLES), "utf8"))),
  ...readdirSync(new URL("cases/", EXAMPLES))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(`cases/${f}`, EXAMPLES), "utf8"))),
];

/** Every path to a value inside a JSON document. */
export function paths(doc: Json, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (doc && typeof doc === "object") for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** Numbers that break naive code: huge, tiny, negative zero, the edges of each range. */
const numbers = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  1,
  1.5,
  2,
  7,
  49,
  50,
  51,
  500,
  501,
  1e12,
  1e15,
  -1e15,
  1e15 + 1,
  1e16,
  -1e16,
  1e24,
  1e28,
  1e40,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  5e-324,
  1e-300,
  1e-13,
  -1e-9,
  0.999999999999,
  1.000000000001,
  -0.999999,
  2 ** 53,
  2 ** 53 + 2,
);
/** Strings that look like numbers or other fields' values. */
const strings = fc.constantFrom(
  "",
  " ",
  "x",
  "1e400",
  "-1e400",
  "1e-400",
  "1e15",
  "1e16",
  "1000000000000000.01",
  "0.0000000000001",
  "1e-13",
  "-0",
  "NaN",
  "Infinity",
  "-Infinity",
  "0x10",
  "1_000",
  "£12",
  "2025-26",
  "1999-00",
  "2525-26",
  "2025/26",
  "stpr",
  "stpr-health",
  "nominal",
  "real",
  "fiscal",
  "social",
  "gainshare",
  "normal",
  "annuity",
  "undefined",
  "null",
);
/** Unknown members of the model's unions, and objects of the wrong kind. */
const unions = fc.constantFrom<Json>(
  { type: "social-impact-bond", id: "sib" },
  { type: "foo" },
  { type: 1 },
  { type: null },
  { type: {} },
  { type: "gainshare" },
  { type: "normal" },
  { type: "lognormal", mu: 1 },
  { type: "beta", alpha: -1, beta: 0 },
  { rate: -0.99 },
  { rate: 5 },
  { rate: "1e400" },
  { inflation: -0.999 },
  { inflation: 1e9 },
  { deflator: { "2025-26": 0 } },
  [{ fromYear: 0, rate: -0.5 }],
  { from: "nowhere", share: 2 },
  [],
  {},
  [[]],
);
/** A value to put anywhere. */
export const hostile: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: numbers },
  { weight: 2, arbitrary: strings },
  { weight: 2, arbitrary: unions },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, undefined) },
);

const share = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
const wide = fc.oneof(share, numbers, fc.double({ min: -1e6, max: 1e6, noNaN: true }));
/** A distribution of any type (several unknown), with parameters valid or not. */
const distribution: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ type: fc.constant("fixed"), value: wide }),
  fc.record({ type: fc.constant("uniform"), min: wide, max: wide }),
  share.chain((a) => share.map((b) => ({ type: "triangular", min: Math.min(a, b), mode: (a + b) / 2, max: Math.max(a, b) }))),
  fc.record({ type: fc.constant("pert"), min: wide, mode: wide, max: wide, lambda: fc.option(wide, { nil: undefined }) }),
  fc.record({ type: fc.constant("normal"), mean: wide, sd: wide, min: fc.option(wide, { nil: undefined }), max: fc.option(wide, { nil: undefined }) }),
  fc.record({ type: fc.constant("lognormal"), mean: wide, sd: wide }),
  fc.record({ type: fc.constant("lognormal"), mu: wide, sigma: wide }),
  fc.record({ type: fc.constant("beta"), alpha: wide, beta: wide }),
  fc.record({ type: fc.constantFrom("social-impact-bond", "poisson", "", 1, null), value: wide }),
  unions,
);

/** Input paths a distribution may name in a model (by position and by id), and some that do not exist. */
function inputPaths(doc: any): string[] {
  const list = (x: unknown): any[] => (Array.isArray(x) ? x.filter((v) => v && typeof v === "object") : []);
  const m = {
    costs: list(doc?.costs),
    savings: list(doc?.savings),
    outcomes: list(doc?.outcomes),
    interventions: list(doc?.interventions),
    costShunts: list(doc?.costShunts),
  };
  const out: string[] = [
    "outcomes.nope.success",
    "costs[99].amount",
    "appraisal.years",
    "agencies[0].name",
    "tables.optimismBias.9.costs",
    "",
    "..",
    "costs[",
    "outcomes[0]",
  ];
  (m.costs ?? []).forEach((c: any, i: number) => out.push(`costs[${i}].amount`, `costs[${i}].growth`, `costs.${c.id}.amount`));
  (m.savings ?? []).forEach((_: unknown, i: number) => out.push(`savings[${i}].amount`, `savings[${i}].realisation`));
  (m.outcomes ?? []).forEach((o: any, i: number) => {
    for (const k of ["success", "deadweight", "reach", "lag", "persistence.years", "persistence.dropOff"]) out.push(`outcomes[${i}].${k}`);
    out.push(`outcomes.${o.id}.success`, `outcomes[${i}].values[0].amount`);
  });
  (m.interventions ?? []).forEach((_: unknown, i: number) => out.push(`interventions[${i}].cohort`, `interventions[${i}].cohort[0]`));
  (m.costShunts ?? []).forEach((_: unknown, i: number) => out.push(`costShunts[${i}].amount`));
  return out;
}

/** A distribution that suits the input at `path` (a share, a whole number of years, a rate, money or a count). */
function sensible(path: string): fc.Arbitrary<Json> {
  const triangle = (lo: number, hi: number) =>
    fc
      .tuple(fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: lo, max: hi, noNaN: true }), fc.double({ min: lo, max: hi, noNaN: true }))
      .map((xs) => {
        const [min, mode, max] = xs.sort((a, b) => a - b);
        return { type: "triangular", min, mode, max };
      });
  if (/(success|deadweight|reach|dropOff|realisation)$/.test(path))
    return fc.oneof(
      triangle(0, 1),
      fc.record({ type: fc.constant("beta"), alpha: fc.double({ min: 0.5, max: 20, noNaN: true }), beta: fc.double({ min: 0.5, max: 20, noNaN: true }) }),
    );
  if (/(lag|persistence\.years)$/.test(path)) return fc.constant({ type: "uniform", min: 1, max: 3 });
  if (/growth$/.test(path)) return triangle(-0.1, 0.1);
  if (/cohort(\[0\])?$/.test(path)) return triangle(0, 1000);
  return fc.oneof(
    triangle(0, 1e6),
    fc.record({ type: fc.constant("lognormal"), mean: fc.double({ min: 100, max: 1e6, noNaN: true }), sd: fc.double({ min: 0, max: 1e5, noNaN: true }) }),
    fc.record({ type: fc.constant("normal"), mean: fc.double({ min: 0, max: 1e6, noNaN: true }), sd: fc.double({ min: 0, max: 1e4, noNaN: true }) }),
  );
}

/** A model with an uncertainty block: one to four distributions on its inputs, and sometimes a scenario. */
function withUncertainty(m: ModelInput): fc.Arbitrary<ModelInput> {
  const candidates = inputPaths(m).filter((p) => /\]\.|^outcomes\.[^.]+\./.test(p));
  if (candidates.length === 0) return fc.constant(m);
  return fc
    .record({
      picks: fc.uniqueArray(fc.constantFrom(...candidates), { minLength: 1, maxLength: 4 }),
      dists: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
      kinds: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: 4, maxLength: 4 }),
      scenario: fc.option(fc.tuple(fc.constantFrom(...candidates), wide), { nil: undefined }),
    })
    .chain(({ picks, kinds, scenario }) =>
      // Mostly distributions that suit their input (so the simulation runs), sometimes any at all.
      fc.tuple(...picks.map((p, i) => (kinds[i] ? sensible(p) : distribution))).map((dists) => ({
        ...m,
        uncertainty: {
          distributions: Object.fromEntries(picks.map((p, i) => [p, dists[i]])),
          ...(scenario ? { scenarios: { low: { [scenario[0]]: scenario[1] } } } : {}),
        },
      })),
    ) as fc.Arbitrary<ModelInput>;
}

/** A model to start from. */
const baseModel: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: arbitraryModel() },
  { weight: 2, arbitrary: arbitraryModel({ agencies: { min: 2, max: 5 } }).chain(withArbitraryDeals) },
  { weight: 2, arbitrary: arbitraryModel().chain(withUncertainty) },
  { weight: 2, arbitrary: fc.constantFrom(...exampleModels).chain((m) => fc.oneof(fc.constant(m), withUncertainty(m))) },
);

type Mutation =
  | { kind: "set"; value: Json }
  | { kind: "delete" }
  | { kind: "duplicate" }
  | { kind: "scale"; power: number }
  | { kind: "deal"; deal: Json }
  | { kind: "distribution"; path: number; distribution: Json };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: hostile.map((value) => ({ kind: "set" as const, value })) },
  { weight: 2, arbitrary: fc.constant({ kind: "delete" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "duplicate" as const }) },
  { weight: 2, arbitrary: fc.integer({ min: -300, max: 300 }).map((power) => ({ kind: "scale" as const, power })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        type: fc.constantFrom(
          "gainshare",
          "pooled-budget",
          "payment-by-results",
          "reward-grant",
          "earn-back",
          "outcomes-contract",
          "loan",
          "grant",
          "social-impact-bond",
          7,
          null,
        ),
        id: fc.constantFrom("d1", "d2", ""),
        extra: fc.dictionary(fc.constantFrom("from", "to", "share", "amount", "principal", "rate", "term", "payer", "recipient", "pot", "years"), hostile, {
          maxKeys: 4,
        }),
      })
      .map(({ type, id, extra }) => ({ kind: "deal" as const, deal: { type, id, ...extra } })),
  },
  { weight: 1, arbitrary: fc.record({ path: fc.nat(), distribution }).map((d) => ({ kind: "distribution" as const, ...d })) },
);

/** Applies a mutation at a path (a copy; the input is not changed). */
export function mutate(doc: Json, path: Path, m: Mutation): Json {
  const copy = structuredClone(doc) as any;
  if (m.kind === "deal") {
    if (copy && typeof copy === "object" && !Array.isArray(copy)) copy.deals = [...(Array.isArray(copy.deals) ? copy.deals : []), m.deal];
    return copy;
  }
  if (m.kind === "distribution") {
    if (copy && typeof copy === "object" && !Array.isArray(copy)) {
      const candidates = inputPaths(copy);
      const u = copy.uncertainty && typeof copy.uncertainty === "object" ? copy.uncertainty : {};
      copy.uncertainty = { ...u, distributions: { ...(u.distributions ?? {}), [candidates[m.path % candidates.length]!]: m.distribution } };
    }
    return copy;
  }
  if (path.length === 0) return m.kind === "set" ? m.value : m.kind === "delete" ? undefined : copy;
  let parent = copy;
  for (const seg of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return copy;
    parent = parent[seg];
  }
  if (parent === null || typeof parent !== "object") return copy;
  const key = path[path.length - 1]!;
  if (m.kind === "set") parent[key] = m.value;
  else if (m.kind === "delete") Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
  else if (m.kind === "duplicate") {
    if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
  } else if (m.kind === "scale") {
    const v = parent[key];
    if (typeof v === "number") parent[key] = v === 0 ? 10 ** m.power : v * 10 ** m.power;
    else if (typeof v === "string" && /^-?[\d.]+(e-?\d+)?$/.test(v))
      parent[key] = `${v}e${m.power}`.replace(/e(-?\d+)e(-?\d+)$/, (_, a, b) => `e${Number(a) + Number(b)}`);
  }
  return copy;
}

/** A mutated model file: a base model and zero to five mutations, each at one of its paths. */
export const mutatedModel: fc.Arbitrary<Json> = baseModel.chain((m) =>
  fc
    .oneof(
      // About a third of the models are left valid (or mutated only where a model stays valid).
      { weight: 2, arbitrary: fc.constant([] as [number, Mutation][]) },
      {
        weight: 1,
        arbitrary: fc.array(
          fc.tuple(
            fc.nat(),
            fc.oneof(
              fc.integer({ min: -12, max: 9 }).map((power) => ({ kind: "scale" as const, power })),
              fc.record({ kind: fc.constant("distribution" as const), path: fc.nat(), distribution }),
            ),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      },
      { weight: 4, arbitrary: fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 5 }) },
    )
    .map((edits) =>
      edits.reduce<Json>((doc, [pick, edit]) => {
        const all = paths(doc);
        return mutate(doc, all[pick % all.length]!, edit);
      }, m),
    ),
);
