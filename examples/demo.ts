/**
 * `npm run demo`: the main job on bundled examples.
 *
 * 1. The family-support example: a council pays for early help and the savings land in the police,
 *    MoJ, NHS, DWP and HMT. Who pays and who saves at 1, 5 and 10 years, with the prevention
 *    penalty flagged, the incentive gap, the settlement view and the funding cliff in words.
 * 2. The most telling published case: Cheshire West and Chester's whole-place business cases
 *    (£108m of savings over five years for £41m), reproduced, restated under the Green Book, and
 *    the gainshare that would close the council's gap.
 */
import { readFileSync } from "node:fs";
import { appraise, formatAppraisalTable } from "../src";
import { CASES, caseReport } from "./cases/index";
import { plainText } from "./cases/lib";

const familySupport = appraise(readFileSync(new URL("./family-support.json", import.meta.url), "utf8"));
console.log(formatAppraisalTable(familySupport));

const cheshireWest = CASES.find((c) => c.id === "cheshire-west")!;
const report = caseReport(cheshireWest);
console.log(`\n${"=".repeat(100)}\n\n${cheshireWest.title}\n\n${plainText(report.markdown)}`);
if (!report.ok) process.exitCode = 1;
