import { formatPounds, toDecimal, type Decimal, type MoneyInput } from "../money";
import { horizonLabel, type Appraisal } from "../appraise";

/**
 * Money for sentences: `£1.5m`, `£665k`, `£2.1bn`, `£950`, with a proper minus sign.
 *
 * @example
 * ```ts
 * moneyWords(-1480748.29); // "−£1.5m"
 * moneyWords(665797.31);   // "£666k"
 * ```
 */
export function moneyWords(value: MoneyInput): string {
  const v = toDecimal(value);
  const a = v.abs();
  if (a.gte(1e9)) return formatPounds(v, { unit: "bn", places: 1 });
  if (a.gte(1e6)) return formatPounds(v, { unit: "m", places: 1 });
  if (a.gte(1e4)) return formatPounds(v, { unit: "k", places: 0 });
  return formatPounds(v, { places: 0 });
}

/** A percentage for sentences: `26%`, `4.5%` below 10. */
export function percentWords(share: Decimal | number): string {
  const p = toDecimal(share).times(100);
  return `${p.abs().lt(10) ? p.toDecimalPlaces(1).toString() : p.toDecimalPlaces(0).toString()}%`;
}

/** Joins names as people write them: "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Names a horizon, the first `years` financial years (the appraisal layer's {@link horizonLabel}).
 *
 * @example
 * ```ts
 * horizonWords(10, result.years); // "10 years (2025-26 to 2034-35)"
 * ```
 */
export function horizonWords(years: number, labels: readonly string[]): string {
  return horizonLabel(years, labels);
}

type PenaltyInput = Pick<Appraisal, "agencies" | "horizons" | "incentiveGaps" | "fundingCliffs" | "years"> & Partial<Pick<Appraisal, "beforeDeals">>;

/**
 * The prevention penalty in plain words, one sentence per finding: each incentive gap (the system
 * gains but an agency loses, and the transfer that would close it), investors whose money does
 * not come back inside their budget settlement, funding cliffs, and — when the appraisal carries
 * deals (`beforeDeals`) — what the deals change for each party.
 *
 * @example
 * ```ts
 * penaltyStatements(result)[1];
 * // "County council sets its budget one year at a time: its own money does not come back within the appraisal (inside the settlement it sees −£1.8m)."
 * ```
 */
export function penaltyStatements(appraisal: PenaltyInput): string[] {
  const name = (id: string) => appraisal.agencies.find((a) => a.id === id)?.name ?? id;
  const out: string[] = [];
  for (const g of appraisal.incentiveGaps) {
    const share = g.shareOfGainersSavings === null ? "" : ` — ${percentWords(g.shareOfGainersSavings)} of their present-value savings —`;
    out.push(
      `Over ${horizonWords(g.horizon, appraisal.years)} the whole system gains ${moneyWords(g.systemNpv)}${g.publicSectorNpv === null ? "" : ` (the public sector ${g.publicSectorNpv.isNegative() ? "loses" : "gains"} ${moneyWords(g.publicSectorNpv.abs())})`}, but ${name(g.agency)} loses ${moneyWords(g.agencyNpv.neg())}.` +
        (g.gainers.length
          ? ` ${listWords(g.gainers.map(name))} gain${g.gainers.length === 1 ? "s" : ""}; passing back ${moneyWords(g.transferNeeded)} in present value${share} would bring ${name(g.agency)} to break-even.`
          : ""),
    );
  }
  if (appraisal.incentiveGaps.length === 0) {
    const last = appraisal.horizons[appraisal.horizons.length - 1];
    if (last?.system.npv.gt(0)) out.push(`No prevention penalty: at every horizon where the whole system gains, no agency loses.`);
    else if (last)
      out.push(`The whole system does not gain over ${horizonWords(last.years, appraisal.years)}: its net present value is ${moneyWords(last.system.npv)}.`);
  }
  const longest = appraisal.horizons[appraisal.horizons.length - 1];
  for (const a of appraisal.agencies) {
    const m = longest?.agencies[a.id];
    if (!m?.pvCosts.gt(0) || a.settlement.paybackInSettlement) continue;
    const cycle = a.settlement.years === 1 ? "one year at a time" : `${a.settlement.years} years at a time`;
    const back =
      a.settlement.paybackYear === null
        ? "its own money does not come back within the appraisal"
        : `its own money comes back only in ${appraisal.years[a.settlement.paybackYear] ?? `year ${a.settlement.paybackYear}`}, outside that settlement`;
    out.push(`${a.name} sets its budget ${cycle}: ${back} (inside the settlement it sees ${moneyWords(a.settlement.npvInSettlement)}).`);
  }
  for (const c of appraisal.fundingCliffs) {
    if (!c.cliff) continue;
    const payback =
      c.systemDiscountedPaybackYear === null
        ? "never pays back within the appraisal"
        : `pays back (discounted) only in ${appraisal.years[c.systemDiscountedPaybackYear] ?? c.systemDiscountedPaybackYear}`;
    const share = c.shareOfSavingsAfterEnd === null ? "" : ` ${percentWords(c.shareOfSavingsAfterEnd)} of the savings arrive after the money stops, and`;
    out.push(
      `Funding cliff: ${name(c.agency)}'s ${c.budget} funding ends in ${c.fundingEndsFinancialYear}, but what it pays for ${payback};${share} ${moneyWords(c.pvCostsAfterEnd)} of costs (present value) still fall after it.`,
    );
  }
  out.push(...dealStatements(appraisal));
  return out;
}

function dealStatements(appraisal: PenaltyInput): string[] {
  const before = appraisal.beforeDeals?.horizons;
  if (!before || before.length === 0) return [];
  const after = appraisal.horizons[appraisal.horizons.length - 1];
  const pre = before.find((h) => h.years === after?.years);
  if (!after || !pre) return [];
  const out: string[] = [];
  for (const a of appraisal.agencies) {
    const was = pre.agencies[a.id]?.npv;
    const now = after.agencies[a.id]?.npv;
    if (!was || !now || was.equals(now)) continue;
    out.push(
      `With the deals, ${a.name}'s net present value over ${horizonWords(after.years, appraisal.years)} moves from ${moneyWords(was)} to ${moneyWords(now)}.`,
    );
  }
  return out;
}
