import { roundTo, type Decimal } from "../money";
import type { Appraisal, HorizonResult } from "../appraise";
import { basisWords, formatAmount, formatRatio, tableColumns } from "./columns";
import { summaryRows } from "./summary";
import { horizonWords, moneyWords, percentWords } from "./words";
import { displayText } from "./safe";

/**
 * Escapes text for HTML element content and attribute values; control characters become `�` and
 * bidirectional overrides are dropped (see {@link displayText}).
 *
 * @example
 * ```ts
 * escapeHtml(`<a href="x">&</a>`); // "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
 * ```
 */
export function escapeHtml(text: string): string {
  return displayText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Headline cards: whole-system NPV and BCR at the longest horizon, each investor's NPV, the gap. */
export function headlineHtml(a: Appraisal): string {
  const h = a.horizons[a.horizons.length - 1];
  if (!h) return "";
  const cards: [string, string, string][] = [
    ["Whole-system NPV", moneyWords(h.system.npv), `society, ${horizonWords(h.years, a.years)}`],
    ["Public-sector NPV", moneyWords(h.publicSector.npv), "public bodies together"],
    ["Benefit–cost ratio", formatRatio(h.system.bcr), "whole system, present values"],
    ["Discounted payback", h.system.discountedPaybackYear === null ? "not within horizon" : (a.years[h.system.discountedPaybackYear] ?? ""), "whole system"],
  ];
  for (const ag of a.agencies) {
    const m = h.agencies[ag.id]!;
    if (!m.pvCosts.gt(0)) continue;
    cards.push([`${ag.name} NPV`, moneyWords(m.npv), m.npv.lt(0) ? "the investor loses" : "the investor gains"]);
  }
  const gap = a.incentiveGaps.filter((g) => g.horizon === h.years);
  for (const g of gap) {
    const name = a.agencies.find((x) => x.id === g.agency)?.name ?? g.agency;
    cards.push([
      "Transfer to close the gap",
      moneyWords(g.transferNeeded),
      `to ${name}${g.shareOfGainersSavings ? `: ${percentWords(g.shareOfGainersSavings)} of gainers' savings` : ""}`,
    ]);
  }
  const cls = (v: string) => (v.startsWith("−") ? " neg" : "");
  return `<div class="cards">${cards
    .map(
      ([label, value, note]) =>
        `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value${cls(value)}">${escapeHtml(value)}</div><div class="note">${escapeHtml(note)}</div></div>`,
    )
    .join("")}</div>`;
}

/** One table per horizon: every agency and the whole system, penalty rows flagged. */
export function horizonTablesHtml(a: Appraisal, horizons: readonly HorizonResult[] = a.horizons): string {
  const columns = tableColumns("pounds");
  const rows = summaryRows(a, { unit: "pounds", horizons });
  return horizons
    .map((h) => {
      const mine = rows.filter((r) => r.horizon === h.years);
      const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ""}>${escapeHtml(c.header)}</th>`).join("");
      const body = mine
        .map((r) => {
          const cls = r.party === "system" || r.party === "public-sector" ? "system" : r.incentiveGap ? "gap" : "";
          const cells = columns.map((c) => `<td${c.numeric ? ' class="num"' : ""}>${escapeHtml(c.cell(r))}</td>`).join("");
          return `<tr${cls ? ` class="${cls}"` : ""}>${cells}</tr>`;
        })
        .join("");
      return `<h3>${escapeHtml(horizonWords(h.years, a.years))}</h3><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
    })
    .join("\n");
}

/**
 * When the appraisal carries deals: what each deal moved between parties (undiscounted totals
 * and its notes), then each party's NPV before and after the deals at every horizon.
 */
export function dealsHtml(a: Appraisal): string {
  const before = a.beforeDeals?.horizons;
  if (!before || before.length === 0) return "";
  const name = (id: string) => a.agencies.find((x) => x.id === id)?.name ?? id;
  const deals = a.deals
    .map((d) => {
      const totals = d.parties.map((p) => `${name(p)} ${moneyWords(d.totals[p] ?? 0)}`).join("; ");
      const events = d.events.length ? `<ul>${d.events.map((e) => `<li>${escapeHtml(e)}</li>`).join("")}</ul>` : "";
      return `<li><strong>${escapeHtml(d.label)}</strong> (${escapeHtml(d.type)}): ${escapeHtml(totals)} (undiscounted, + received, − paid)${events}</li>`;
    })
    .join("");
  const head = `<tr><th>Party</th>${a.horizons.map((h) => `<th class="num">${h.years}y before</th><th class="num">${h.years}y after</th>`).join("")}</tr>`;
  const money = (m: { npv: Decimal } | undefined) => (m ? escapeHtml(formatAmount(roundTo(m.npv, 0), "pounds")) : "–");
  const line = (label: string, get: (h: HorizonResult) => { npv: Decimal } | undefined, cls = "") =>
    `<tr${cls}><td>${escapeHtml(label)}</td>${a.horizons
      .map((h) => {
        const pre = before.find((b) => b.years === h.years);
        return `<td class="num">${money(pre ? get(pre) : undefined)}</td><td class="num">${money(get(h))}</td>`;
      })
      .join("")}</tr>`;
  const body = [
    ...a.agencies.map((ag) => line(ag.name, (h) => h.agencies[ag.id])),
    line("Public sector", (h) => h.publicSector, ' class="system"'),
    line("Whole system", (h) => h.system, ' class="system"'),
  ].join("");
  return `<section id="deals"><h2>Deals: each party before and after</h2><ul class="findings">${deals}</ul><p>Net present value (£) of each party without the deals and with them. Deals move money between parties, so the whole system's figure does not change.</p><div class="scroll"><table><thead>${head}</thead><tbody>${body}</tbody></table></div></section>`;
}

/** The assumptions register and the appraisal settings. */
export function assumptionsHtml(a: Appraisal, description?: string): string {
  const settings: [string, string][] = [
    ["Basis", basisWords(a)],
    ["Base year / price base", `${a.baseYear} / ${a.priceBase}`],
    ["Years appraised", `${a.years.length} years, ${a.years[0]} to ${a.years[a.years.length - 1]}`],
    ["Horizons", a.horizons.map((h) => `${h.years} year${h.years === 1 ? "" : "s"}`).join(", ")],
    ...a.agencies.map((ag): [string, string] => [
      ag.name,
      `${ag.sector === "public" ? "public body" : ag.sector === "third-sector" ? "third sector (not Exchequer money)" : ag.sector}; budget settled ${ag.settlement.years === 1 ? "one year" : `${ag.settlement.years} years`} at a time`,
    ]),
  ];
  const notes = a.notes.length ? `<ol>${a.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ol>` : "<p>The model records no assumptions.</p>";
  const cliffs = a.fundingCliffs.length
    ? `<h3>Time-limited funding</h3><ul>${a.fundingCliffs
        .map(
          (c) =>
            `<li>${escapeHtml(`${a.agencies.find((x) => x.id === c.agency)?.name ?? c.agency}, budget “${c.budget}”: funding ends ${c.fundingEndsFinancialYear}; ${moneyWords(c.pvCostsAfterEnd)} of costs and ${moneyWords(c.pvSavingsAfterEnd)} of savings (PV) fall after it${c.cliff ? " — a funding cliff" : ""}.`)}</li>`,
        )
        .join("")}</ul>`
    : "";
  return `<section id="assumptions"><h2>Assumptions register</h2>${description ? `<p>${escapeHtml(description)}</p>` : ""}${notes}${cliffs}<h3>Settings</h3><table class="settings"><tbody>${settings
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join("")}</tbody></table></section>`;
}

/** One party's simulated NPV: its summary and, for the chart, the draws themselves. */
export interface SimulatedParty {
  party: string;
  mean: number;
  p5: number;
  p95: number;
  /** Share of draws with NPV > 0. */
  probabilityPositive: number;
  /** Every draw's NPV, when kept (the first party's are charted). */
  draws?: ArrayLike<number>;
}

/** Monte Carlo summary table: mean, 5th and 95th percentiles and the chance NPV > 0 per party. */
export function simulationTableHtml(parties: readonly SimulatedParty[], note: string): string {
  const rows = parties
    .map((p) => {
      const cell = (v: number) => `<td class="num">${escapeHtml(moneyWords(v))}</td>`;
      return `<tr><td>${escapeHtml(p.party)}</td>${cell(p.mean)}${cell(p.p5)}${cell(p.p95)}<td class="num">${(p.probabilityPositive * 100).toFixed(1)}%</td></tr>`;
    })
    .join("");
  return `<p>${escapeHtml(note)}</p><div class="scroll"><table><thead><tr><th>Party</th><th class="num">Mean NPV</th><th class="num">5th percentile</th><th class="num">95th percentile</th><th class="num">Chance NPV &gt; 0</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
