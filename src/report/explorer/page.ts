/**
 * The live deal explorer, in the page: the browser build of the core (this file and what it
 * imports, bundled by esbuild into dist/explorer.global.js, which the CLI inlines). It reads the
 * model embedded in the page, draws a control for each deal term and uncertain input
 * (controls.ts), and on every move recomputes the exact appraisal and redraws the figures — the
 * numbers at once (one animation frame), the charts and each gainshare's feasible range once the
 * user pauses. No network: everything it needs is in the page.
 */
import { roundTo, formatPounds, toDecimal, type Decimal } from "../../money";
import type { Appraisal, AppraiseOptions, HorizonResult } from "../../appraise";
import { annualCashflowSpec, cumulativePositionSpec, incentiveGapSpec } from "../charts/specs";
import { moneyWords, penaltyStatements, horizonWords } from "../words";
import {
  applyControls,
  explorerChoices,
  explorerControls,
  explorerFigures,
  explorerModelFor,
  modelWithControls,
  type ExplorerControl,
  type ExplorerModel,
  type ExplorerRange,
} from "./controls";

declare const vegaEmbed: ((el: HTMLElement, spec: unknown, opts: unknown) => Promise<{ view: { finalize(): void } }>) | undefined;

/** What the page was given: the model as its author wrote it, and the appraisal's settings. */
interface Embedded {
  model: unknown;
  options?: AppraiseOptions;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A figure as the table shows it (whole pounds) and exactly (pence, for checking). */
const pounds = (v: Decimal) => formatPounds(v, { places: 0 });
const pence = (v: Decimal) => roundTo(v, 2).toFixed(2);
const percent = (v: number, places = 1) => `${toDecimal(v).times(100).toDecimalPlaces(places).toFixed(places)}%`;

function shown(c: ExplorerControl, v: number): string {
  if (c.unit === "share" || c.unit === "rate") return percent(v);
  if (c.unit === "money") return formatPounds(v, { places: Number.isInteger(v) ? 0 : 2 });
  return String(v);
}

/** The value typed in a control's box, in its display unit (a percentage for shares), as the model's number. */
function fromBox(c: ExplorerControl, text: string): number | null {
  const n = Number(text.replace(/[£,%\s]/g, ""));
  if (!Number.isFinite(n)) return null;
  return c.unit === "share" || c.unit === "rate" ? toDecimal(n).div(100).toNumber() : n;
}
const toBox = (c: ExplorerControl, v: number) => (c.unit === "share" || c.unit === "rate" ? toDecimal(v).times(100).toString() : String(v));

/** The slider's value as the model's number: on the step's grid, without binary noise. */
function snap(c: ExplorerControl, v: number): number {
  const places = Math.max(0, -Math.floor(Math.log10(c.step)) + 1);
  return Math.min(c.max, Math.max(c.min, Number(v.toFixed(places))));
}

class Explorer {
  readonly embedded: Embedded;
  readonly options: AppraiseOptions;
  /** Business as usual (null) or the id of the model option shown. */
  option: string | null = null;
  base: ExplorerModel;
  /** The model file "Copy as model JSON" writes the controls into (see `explorerModelFor`). */
  file: unknown;
  controls: ExplorerControl[];
  /** Current value of each control, by path. */
  values: Record<string, number> = {};
  horizon: number;
  appraisal!: Appraisal;
  ranges: ExplorerRange[] = [];
  error: string | null = null;
  /** Timers and frames still to run: the page is settled when none is. */
  private frame = 0;
  private chartTimer = 0;
  private rangeTimer = 0;
  private chartViews: { finalize(): void }[] = [];
  private waiting: (() => void)[] = [];
  private rangesFor = "";
  private busy = 0;
  version = 0;

  constructor(embedded: Embedded) {
    this.embedded = embedded;
    this.options = embedded.options ?? {};
    const { explorer, file } = explorerModelFor(embedded.model, null, this.options);
    this.base = explorer;
    this.file = file;
    this.controls = explorerControls(this.base.model);
    this.reset(false);
    const first = this.recompute();
    this.horizon = first.horizons[first.horizons.length - 1]!.years;
  }

  /** Shows business as usual (null) or one of the model's options: its own controls, at its own values. */
  selectOption(option: string | null): void {
    const { explorer, file } = explorerModelFor(this.embedded.model, option, this.options);
    this.option = option;
    this.base = explorer;
    this.file = file;
    this.controls = explorerControls(this.base.model);
    this.reset(false);
    this.recompute();
  }

  /** The controls that differ from the model, as `setInputs` overrides. */
  overrides(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.controls) if (this.values[c.path] !== c.value) out[c.path] = this.values[c.path]!;
    return out;
  }

  reset(render = true): void {
    for (const c of this.controls) this.values[c.path] = c.value;
    if (render) this.changed(true);
  }

  /** The exact appraisal of the model with the controls set. */
  recompute(): Appraisal {
    const model = applyControls(this.base.model, this.overrides());
    this.appraisal = explorerFigures(model, { ...this.options, ranges: false }).appraisal;
    return this.appraisal;
  }

  /** A control moved (or the horizon changed): numbers now, charts and ranges when the user pauses. */
  changed(inputsMoved: boolean): void {
    this.busy++;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
      this.busy--;
      this.schedule(inputsMoved);
    });
  }

  /** Recomputes and redraws the numbers (not the charts): what one move costs. */
  update(): void {
    try {
      this.recompute();
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.version++;
    renderNumbers(this);
  }

  private schedule(rangesToo: boolean): void {
    clearTimeout(this.chartTimer);
    this.chartTimer = window.setTimeout(() => {
      this.chartTimer = 0;
      void this.drawCharts().then(() => this.settle());
    }, 250);
    const key = JSON.stringify([this.horizon, Object.entries(this.overrides()).filter(([p]) => !this.controls.find((c) => c.path === p)?.gainshare)]);
    if (rangesToo || key !== this.rangesFor) {
      clearTimeout(this.rangeTimer);
      this.rangeTimer = window.setTimeout(() => {
        this.rangeTimer = 0;
        this.rangesFor = key;
        try {
          this.ranges = explorerFigures(applyControls(this.base.model, this.overrides()), { ...this.options, horizon: this.horizon }).ranges;
        } catch {
          this.ranges = [];
        }
        renderRanges(this);
        this.settle();
      }, 400);
    }
  }

  private async drawCharts(): Promise<void> {
    if (typeof vegaEmbed !== "function" || this.error) return;
    const a = this.appraisal;
    const specs: [string, unknown][] = [
      ["chart-cumulative", cumulativePositionSpec(a)],
      ["chart-cashflow", annualCashflowSpec(a)],
      ["chart-gap", incentiveGapSpec(a)],
    ];
    const old = this.chartViews;
    this.chartViews = [];
    await Promise.all(
      specs.map(async ([id, spec]) => {
        const target = $(id);
        const result = await vegaEmbed(target, spec, { renderer: "svg", actions: false, tooltip: true });
        this.chartViews.push(result.view);
        target.dataset.version = String(this.version);
      }),
    );
    for (const v of old) v.finalize();
  }

  private settle(): void {
    if (this.isSettled()) for (const w of this.waiting.splice(0)) w();
  }

  isSettled(): boolean {
    return this.frame === 0 && this.chartTimer === 0 && this.rangeTimer === 0 && this.busy === 0;
  }

  /** Resolves once every figure, chart and range shows the current controls. */
  settled(): Promise<void> {
    return this.isSettled() ? Promise.resolve() : new Promise((r) => this.waiting.push(r));
  }

  modelJson(): string {
    return modelWithControls(this.file, this.base, this.overrides());
  }
}

// ---- Drawing ----------------------------------------------------------------------------------

function controlHtml(c: ExplorerControl, i: number): string {
  const note = c.gainshare ? `<p class="range-note" id="range-${i}">Working out the shares that leave every party whole…</p>` : "";
  return `<div class="control" data-path="${esc(c.path)}" data-index="${i}">
<label for="c${i}">${esc(c.label)}</label>
<div class="row">${c.unit === "money" ? '<span class="unit">£</span>' : ""}<div class="slider"><div class="feasible" id="feasible-${i}" hidden></div><input type="range" id="c${i}" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.value}" aria-describedby="o${i}"></div>
<input type="text" inputmode="decimal" class="box" id="b${i}" value="${esc(toBox(c, c.value))}" aria-label="${esc(c.label)}"><span class="unit">${c.unit === "share" || c.unit === "rate" ? "%" : ""}</span></div>
<div class="meta"><output id="o${i}">${esc(shown(c, c.value))}</output><span class="span">${esc(shown(c, c.min))} to ${esc(shown(c, c.max))}</span><span class="model">model: ${esc(shown(c, c.value))}</span></div>
${note}</div>`;
}

function buildControls(x: Explorer): void {
  const deals = x.controls.map((c, i) => [c, i] as const).filter(([c]) => c.group === "deal");
  const inputs = x.controls.map((c, i) => [c, i] as const).filter(([c]) => c.group === "input");
  const proposed = x.base.proposed
    ? `<p class="hint">The model has no gainshare to move, so the explorer proposes one: the parties that gain at the longest horizon pass a share of their savings to those that lose. At 0% it changes nothing.</p>`
    : "";
  $("controls-deal").innerHTML = deals.length
    ? `${proposed}${deals.map(([c, i]) => controlHtml(c, i)).join("")}`
    : `<p class="hint">The model has no deal terms to move.</p>`;
  $("controls-input").innerHTML = inputs.length
    ? inputs.map(([c, i]) => controlHtml(c, i)).join("")
    : `<p class="hint">The model names no uncertain inputs (add scenarios or distributions to move them here).</p>`;
  const horizons = x.appraisal.horizons.map((h) => h.years);
  $<HTMLSelectElement>("horizon").innerHTML = horizons
    .map((h) => `<option value="${h}"${h === x.horizon ? " selected" : ""}>${h} year${h === 1 ? "" : "s"}</option>`)
    .join("");
  x.controls.forEach((c, i) => {
    const slider = $<HTMLInputElement>(`c${i}`);
    const box = $<HTMLInputElement>(`b${i}`);
    slider.addEventListener("input", () => {
      x.values[c.path] = snap(c, Number(slider.value));
      box.value = toBox(c, x.values[c.path]!);
      x.changed(!c.gainshare);
    });
    box.addEventListener("change", () => {
      const v = fromBox(c, box.value);
      if (v === null || v < c.min || v > c.max) {
        box.classList.add("bad");
        box.title = `Give a value from ${shown(c, c.min)} to ${shown(c, c.max)}`;
        return;
      }
      box.classList.remove("bad");
      x.values[c.path] = v;
      slider.value = String(v);
      x.changed(!c.gainshare);
    });
  });
}

function syncControls(x: Explorer): void {
  x.controls.forEach((c, i) => {
    const v = x.values[c.path]!;
    $<HTMLInputElement>(`c${i}`).value = String(v);
    $<HTMLInputElement>(`b${i}`).value = toBox(c, v);
    $(`o${i}`).textContent = shown(c, v);
    $(`c${i}`)
      .closest(".control")!
      .classList.toggle("moved", v !== c.value);
  });
}

function partyRows(a: Appraisal): { id: string; name: string; get: (h: HorizonResult) => { npv: Decimal }; total: boolean }[] {
  return [
    ...a.agencies.map((ag) => ({ id: ag.id, name: ag.name, get: (h: HorizonResult) => h.agencies[ag.id]!, total: false })),
    { id: "public-sector", name: "Public sector", get: (h: HorizonResult) => h.publicSector, total: true },
    { id: "system", name: "Whole system (society)", get: (h: HorizonResult) => h.system, total: true },
  ];
}

function renderNumbers(x: Explorer): void {
  syncControls(x);
  $("error").hidden = x.error === null;
  $("error").textContent = x.error ? `These settings do not make a valid model: ${x.error}` : "";
  if (x.error) return;
  const a = x.appraisal;
  const gaps = new Set(a.incentiveGaps.map((g) => `${g.agency}|${g.horizon}`));
  const head = `<tr><th>Party</th>${a.horizons.map((h) => `<th class="num">${esc(horizonWords(h.years, a.years).replace(/ \(.*\)$/, ""))}<br><span class="sub">${esc(h.from)} to ${esc(h.to)}</span></th>`).join("")}</tr>`;
  const body = partyRows(a)
    .map((p) => {
      const cells = a.horizons
        .map((h) => {
          const v = p.get(h).npv;
          const gap = gaps.has(`${p.id}|${h.years}`);
          return `<td class="num${v.isNegative() ? " neg" : ""}${gap ? " gap" : ""}" data-party="${esc(p.id)}" data-horizon="${h.years}" data-exact="${pence(v)}"${gap ? ' title="Loses while the whole system gains: the prevention penalty"' : ""}>${esc(pounds(v))}</td>`;
        })
        .join("");
      return `<tr class="${p.total ? "total" : ""}"><th scope="row">${esc(p.name)}</th>${cells}</tr>`;
    })
    .join("");
  $("npv").innerHTML = `<thead>${head}</thead><tbody>${body}</tbody>`;
  // Headline: the horizon the ranges are worked out for.
  const h = a.horizons.find((y) => y.years === x.horizon) ?? a.horizons[a.horizons.length - 1]!;
  const cards: [string, Decimal | string, string][] = [
    ["Whole-system NPV", h.system.npv, horizonWords(h.years, a.years)],
    ["Public-sector NPV", h.publicSector.npv, "public bodies together"],
  ];
  for (const g of a.incentiveGaps.filter((y) => y.horizon === h.years)) {
    const name = a.agencies.find((ag) => ag.id === g.agency)?.name ?? g.agency;
    cards.push([`Incentive gap: ${name}`, g.transferNeeded, "transfer that would bring it to break-even"]);
  }
  if (!a.incentiveGaps.some((g) => g.horizon === h.years)) cards.push(["Incentive gap", "none", "no party loses while the system gains"]);
  $("cards").innerHTML = cards
    .map(([label, value, note]) => {
      const text = typeof value === "string" ? value : moneyWords(value);
      const neg = typeof value !== "string" && value.isNegative();
      return `<div class="card"><div class="label">${esc(label)}</div><div class="value${neg ? " neg" : ""}" data-exact="${typeof value === "string" ? "" : pence(value)}">${esc(text)}</div><div class="note">${esc(note)}</div></div>`;
    })
    .join("");
  const statements = penaltyStatements(a);
  const cliffs = a.fundingCliffs.filter((c) => c.cliff);
  $("findings").innerHTML = statements.map((s) => `<li>${esc(s)}</li>`).join("") || "<li>No party loses while the whole system gains, at any horizon.</li>";
  $("cliff-count").textContent = cliffs.length ? `${cliffs.length} funding cliff${cliffs.length === 1 ? "" : "s"}` : "no funding cliff";
  document.body.dataset.version = String(x.version);
}

function renderRanges(x: Explorer): void {
  x.controls.forEach((c, i) => {
    if (!c.gainshare) return;
    const r = x.ranges.find((y) => y.deal === c.gainshare);
    const note = $(`range-${i}`);
    const band = $(`feasible-${i}`);
    if (!r) {
      band.hidden = true;
      note.textContent = "";
      return;
    }
    const span = c.max - c.min || 1;
    if (r.range.ok) {
      const lo = r.range.minShare.toNumber();
      const hi = r.range.maxShare.toNumber();
      band.hidden = false;
      band.style.left = `${((lo - c.min) / span) * 100}%`;
      band.style.width = `${Math.max(0.5, ((hi - lo) / span) * 100)}%`;
      band.dataset.min = r.range.minShare.toFixed(6);
      band.dataset.max = r.range.maxShare.toFixed(6);
      note.className = "range-note ok";
      note.textContent = `Shares from ${percent(lo, 2)} to ${percent(hi, 2)} leave every party at or above break-even over ${r.horizon} years (the green band).`;
    } else {
      band.hidden = true;
      delete band.dataset.min;
      delete band.dataset.max;
      note.className = "range-note none";
      const m = r.range.message;
      note.textContent = /^no share/i.test(m) ? `${m[0]!.toUpperCase()}${m.slice(1)}.` : `No share closes the gap: ${m}.`;
    }
    note.dataset.horizon = String(r.horizon);
  });
}

// ---- Start ------------------------------------------------------------------------------------

function start(): void {
  const embedded = JSON.parse($("explorer-model").textContent ?? "{}") as Embedded;
  const x = new Explorer(embedded);
  buildControls(x);
  renderNumbers(x);
  x.changed(true);
  const choices = explorerChoices(embedded.model);
  if (choices.length) {
    const select = $<HTMLSelectElement>("option");
    select.innerHTML = choices.map((c) => `<option value="${esc(c.id ?? "")}">${esc(c.name)}</option>`).join("");
    $("option-row").hidden = false;
    select.addEventListener("change", () => {
      x.selectOption(select.value === "" ? null : select.value);
      buildControls(x);
      x.changed(true);
    });
  }
  $<HTMLSelectElement>("horizon").addEventListener("change", (e) => {
    x.horizon = Number((e.target as HTMLSelectElement).value);
    x.changed(true);
  });
  $("reset").addEventListener("click", () => x.reset());
  $("copy").addEventListener("click", () => {
    const text = x.modelJson();
    const area = $<HTMLTextAreaElement>("model-json");
    area.value = text;
    $("copied").hidden = false;
    const what = x.option === null ? "" : "This is the option as a model of its own: business as usual with the option's changes, every default written out. ";
    const done = (how: string) => ($("copied-note").textContent = what + how);
    // The clipboard needs a secure context (file:// pages may not have one): fall back to selecting the text.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        () => done("Copied to the clipboard. It is also below:"),
        () => {
          area.select();
          done("Select and copy the model below:");
        },
      );
    } else {
      area.select();
      done(document.execCommand?.("copy") ? "Copied to the clipboard. It is also below:" : "Select and copy the model below:");
    }
  });
  /** For tests and the benchmark: the explorer's state and a way to move controls from outside. */
  (window as unknown as { explorer: unknown }).explorer = {
    get controls() {
      return x.controls;
    },
    option: () => x.option,
    values: () => ({ ...x.values }),
    overrides: () => x.overrides(),
    settled: () => x.settled(),
    modelJson: () => x.modelJson(),
    /**
     * For the benchmark: times `n` recomputes, alternating two sets of values — `full`: the
     * appraisal and the redrawn numbers (what a move costs before the next frame); otherwise the
     * appraisal alone. Milliseconds each.
     */
    timeRecompute(n: number, a: Record<string, number>, b: Record<string, number>, full = true): number[] {
      const times: number[] = [];
      for (let k = 0; k < n; k++) {
        Object.assign(x.values, k % 2 === 0 ? a : b);
        const t = performance.now();
        if (full) x.update();
        else x.recompute();
        times.push(performance.now() - t);
      }
      return times;
    },
    /** For the benchmark: from a slider's input event to its figures drawn (the next frame), for each value in turn; milliseconds. */
    async timeMoves(path: string, values: number[]): Promise<number[]> {
      const i = x.controls.findIndex((c) => c.path === path);
      const slider = $<HTMLInputElement>(`c${i}`);
      const out: number[] = [];
      for (const v of values) {
        await x.settled();
        const before = x.version;
        const t = performance.now();
        slider.value = String(v);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise<void>((resolve) => {
          const check = () => (x.version !== before ? resolve() : requestAnimationFrame(check));
          requestAnimationFrame(check);
        });
        out.push(performance.now() - t);
      }
      await x.settled();
      return out;
    },
  };
  document.body.dataset.ready = "true";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
