/**
 * Checks that written figures add up: in the stable JSON of an appraisal, at every horizon and in
 * every year of the yearly flows (before and after deals), the agencies' money sums exactly to
 * the system's and the public bodies' to the public sector's. Sums are exact (decimal.js).
 */
import DecimalJs from "decimal.js";

/** Enough digits for any amount the ledger holds (10^24 to the penny), with room to spare. */
const D = DecimalJs.clone({ precision: 60 });

type Json = any;
const MONEY = ["pvCosts", "pvSavings", "pvTransfers", "npv"] as const;
const SERIES = ["costs", "savings", "transfers", "net"] as const;

function check(problems: string[], where: string, parties: Json, publicIds: ReadonlySet<string>, read: (x: Json) => string): void {
  const ids = Object.keys(parties.agencies);
  const total = (list: string[]) => list.reduce((s, id) => s.plus(read(parties.agencies[id])), new D(0));
  const all = total(ids);
  const pub = total(ids.filter((id) => publicIds.has(id)));
  if (!all.equals(read(parties.system))) problems.push(`${where}: agencies sum to ${all.toFixed()}, system is ${read(parties.system)}`);
  if (!pub.equals(read(parties.publicSector))) problems.push(`${where}: public bodies sum to ${pub.toFixed()}, public sector is ${read(parties.publicSector)}`);
}

/** Every place where the JSON of an appraisal does not add up (empty when it all does). */
export function jsonConservationProblems(json: Json): string[] {
  const problems: string[] = [];
  const publicIds = new Set<string>(json.agencies.filter((a: Json) => a.sector === "public").map((a: Json) => a.id));
  const views: [string, Json][] = [["", json], ...(json.beforeDeals ? ([["beforeDeals.", json.beforeDeals]] as [string, Json][]) : [])];
  for (const [prefix, view] of views) {
    view.horizons.forEach((h: Json, i: number) => {
      for (const k of MONEY) check(problems, `${prefix}horizons[${i}].${k}`, h, publicIds, (m) => m[k]);
    });
    const years = view.annual.system.net.length;
    for (const k of SERIES) {
      for (let t = 0; t < years; t++) {
        check(problems, `${prefix}annual.${k}[${t}]`, view.annual, publicIds, (f) => f[k][t]);
        check(problems, `${prefix}annual.pv.${k}[${t}]`, view.annual, publicIds, (f) => f.pv[k][t]);
      }
    }
  }
  return problems;
}
