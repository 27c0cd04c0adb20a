// A small appraisal with the maths kernel: costs now, savings later, Green Book STPR.
import { formatPounds, summariseFlows } from "../src";

const costs = [400_000, 250_000, 250_000];
const benefits = [0, 150_000, 300_000, 350_000, 350_000, 300_000];
const s = summariseFlows({ costs, benefits });
console.table({
  "PV costs": formatPounds(s.pvCosts),
  "PV benefits": formatPounds(s.pvBenefits),
  NPSV: formatPounds(s.npv),
  BCR: s.bcr?.toFixed(2) ?? "n/a",
  "Payback year": s.paybackYear ?? "never",
  IRR: s.irr === null ? "n/a" : `${(s.irr * 100).toFixed(1)}%`,
});
