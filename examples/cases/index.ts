/** The worked examples of real programmes, in the order docs/cases.md presents them. */
import type { Model } from "../../src";
import { headlineTable, loadCase, type CaseStudy } from "./lib";
import { troubledFamilies201520 } from "./troubled-families-2015-20";
import { troubledFamiliesPbr } from "./troubled-families-pbr-2012-15";
import { cheshireWest } from "./cheshire-west";
import { wholePlaceNational } from "./whole-place-national";
import { coreCitiesInactivity } from "./core-cities-inactivity";
import { demosReformDividend } from "./demos-reform-dividend";
import { lpsaRewardGrant } from "./lpsa-reward-grant";
import { greaterManchesterEarnBack } from "./greater-manchester-earn-back";
import { junoLoan } from "./juno-loan";
import { pooledPlaceBudget } from "./pooled-place-budget";

export const CASES: readonly CaseStudy[] = [
  troubledFamilies201520,
  troubledFamiliesPbr,
  cheshireWest,
  wholePlaceNational,
  coreCitiesInactivity,
  demosReformDividend,
  lpsaRewardGrant,
  greaterManchesterEarnBack,
  junoLoan,
  pooledPlaceBudget,
];

/** Finds a case by its id or by its model file's name (e.g. "examples/cases/cheshire-west.json"). */
export function findCase(idOrFile: string): CaseStudy {
  const id = idOrFile.replace(/^.*[\\/]/, "").replace(/\.json$/, "");
  const found = CASES.find((c) => c.id === id);
  if (!found) throw new RangeError(`no worked example "${id}" (cases are: ${CASES.map((c) => c.id).join(", ")})`);
  return found;
}

/** The markdown docs/cases.md shows for a case (the headline check, then what the library adds), and whether every headline figure was reproduced. */
export function caseReport(study: CaseStudy, model: Model = loadCase(study.id)): { markdown: string; ok: boolean } {
  const checks = study.headline(model);
  const markdown = ["**Published headline, reproduced:**", headlineTable(checks), ...study.explain(model)].join("\n\n");
  return { markdown, ok: checks.every((c) => c.ok) };
}
