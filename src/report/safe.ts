/**
 * Model text (titles, names, labels, notes) reaches people through every output. These helpers
 * make sure that, whatever a model file holds, it arrives as text: never as a spreadsheet formula,
 * Markdown or HTML markup, a terminal control sequence, or a bidirectional override that would
 * make a figure read backwards. Each output calls the one it needs at the point it writes text.
 */

// C0 and C1 control characters other than tab and line breaks, which each output handles itself.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// Bidirectional embeddings, overrides and isolates ("Trojan Source"): they reorder what follows.
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085\t]/g;

/**
 * Text as it may be shown: control characters (escape sequences, NUL, …) become U+FFFD `�` and
 * bidirectional overrides are removed; tabs and line breaks are kept unless `oneLine`, which turns
 * each into a space (for a table cell, a list item or a heading).
 *
 * @example
 * ```ts
 * displayText("Police\u001b[2J force");            // "Police�[2J force"
 * displayText("two\nlines", { oneLine: true });     // "two lines"
 * displayText("cost \u202e0001\u202c");             // "cost 0001"
 * ```
 */
export function displayText(text: string, options: { oneLine?: boolean } = {}): string {
  const kept = text.replace(BIDI, "").replace(CONTROLS, "\ufffd");
  return options.oneLine ? kept.replace(LINE_BREAKS, " ") : kept;
}

// OWASP CSV injection: a cell starting with one of these may be read as a formula (= + - @, tab,
// carriage return; line feed and the full-width forms some spreadsheets also accept).
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell for CSV (the OWASP CSV-injection rule): text that a spreadsheet could read as a
 * formula — starting with `=`, `+`, `-`, `@`, a tab or a line break — gets a leading apostrophe,
 * so it opens as text. Plain numbers (`-262500.00`) are left alone and stay numbers.
 *
 * @example
 * ```ts
 * csvText('=HYPERLINK("http://x","y")'); // "'=HYPERLINK(\"http://x\",\"y\")"
 * csvText("-262500.00");                 // "-262500.00"
 * csvText("County council");             // "County council"
 * ```
 */
export function csvText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * Text for a Markdown document, on one line: HTML is escaped (`<script>` shows as text), and
 * the characters that would start emphasis, code, links, tables or a list or heading are escaped
 * with a backslash, so a name reads the same rendered as raw. Line breaks become spaces, so a
 * name cannot end a table row or a list item.
 *
 * @example
 * ```ts
 * markdownText("<img src=x onerror=alert(1)>"); // "&lt;img src=x onerror=alert(1)&gt;"
 * markdownText("A | B\n- C");                    // "A \\| B - C"
 * markdownText("[click](javascript:x)");         // "\\[click\\](javascript:x)"
 * markdownText("A&E");                           // "A&E"
 * ```
 */
export function markdownText(text: string): string {
  return displayText(text, { oneLine: true })
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/^(\s*)(#|[+-](?=\s|$)|\d+(?=[.)](\s|$)))/, (_, space: string, lead: string) => (/\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`));
}
