/** The report's stylesheet: system fonts, readable on screen and in print, no external resources. */
export const REPORT_CSS = `
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --gap: #fdecea; --gap-ink: #a50e0e; --bg: #fff; --accent: #1a5fb4; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 48px; background: var(--bg); }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.2em 0 0.2em; }
h2 { font-size: 1.2rem; margin: 1.8em 0 0.6em; padding-bottom: 0.2em; border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 1.4em 0 0.4em; }
.basis { color: var(--muted); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card .label { color: var(--muted); font-size: 0.85rem; }
.card .value { font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .value.neg { color: var(--gap-ink); }
.card .note { color: var(--muted); font-size: 0.8rem; }
.findings li { margin: 0.35em 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.system td { font-weight: 650; border-top: 2px solid var(--ink); }
tr.gap td { background: var(--gap); color: var(--gap-ink); }
table.settings th { width: 30%; font-weight: 600; }
figure.chart { margin: 18px 0; padding: 8px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
p.note { color: var(--muted); font-size: 0.85rem; margin: 0.3em 0 1em; }
article.ast { border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 8px; margin: 16px 0; break-inside: avoid-page; }
h4 { font-size: 0.95rem; margin: 1.1em 0 0.3em; }
footer { margin-top: 2.5em; color: var(--muted); font-size: 0.85rem; }
@media print { body { background: #fff; } main { padding: 0; } figure.chart { break-inside: avoid; } }
`;
