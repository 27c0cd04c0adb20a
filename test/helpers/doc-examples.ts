/**
 * Machinery for test/doc-examples.test.ts: finds ```ts blocks in TSDoc `@example` tags and in
 * markdown, reads the `// <literal>` expectations after statements, and instruments the code so
 * each expectation is checked when it runs. See that test for the rules.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { Decimal } from "../../src/index";

// Finding the examples

export interface Example {
  /** "src/money/round.ts:23" — the line of the `@example` tag. */
  where: string;
  file: string;
  /** 1-based line in `file` of the example's first code line. */
  firstLine: number;
  code: string;
}

/** Every .ts file under dir (none when dir does not exist: the caller reports an empty folder). */
export function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

export function lineOf(text: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Every ```ts block under an @example tag in the file's doc comments; malformed ones throw. */
export function examplesIn(root: string, path: string): Example[] {
  const text = readFileSync(path, "utf8");
  const file = relative(root, path).split("\\").join("/");
  const out: Example[] = [];
  for (const doc of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const start = doc.index;
    const lines = doc[0].split("\n").map((l) => l.replace(/^\s*\/?\*+\/?\s?/, "").replace(/\s*\*\/$/, ""));
    const docLine = lineOf(text, start);
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i]!.trim())) continue;
      const where = `${file}:${docLine + i}`;
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() === "") j++;
      if (!/^```(ts|typescript)\s*$/.test(lines[j]?.trim() ?? "")) {
        out.push({ where, file, firstLine: docLine + i, code: `throw new Error("@example without a \`\`\`ts block");` });
        continue;
      }
      const end = lines.findIndex((l, k) => k > j && l.trim() === "```");
      if (end < 0) {
        out.push({ where, file, firstLine: docLine + i, code: `throw new Error("unterminated \`\`\`ts block");` });
        continue;
      }
      // Imports are replaced by blank lines so line numbers still match the source.
      const code = lines
        .slice(j + 1, end)
        .map((l) => (/^\s*import\s/.test(l) ? "" : l))
        .join("\n");
      out.push({ where, file, firstLine: docLine + j + 1, code });
    }
  }
  return out;
}

/** Every ```ts block of a markdown file (fences may be indented, as inside a list item). */
export function blocksIn(root: string, file: string): Example[] {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const end = lines.findIndex((l, k) => k > i && /^\s*```\s*$/.test(l));
    const body = lines.slice(i + 1, end < 0 ? lines.length : end).map((l) => l.slice(Math.min(indent, l.search(/\S|$/))));
    out.push({
      where: `${file}:${i + 1}`,
      file,
      firstLine: i + 2,
      code: end < 0 ? `throw new Error("unterminated \`\`\`ts block");` : body.map((l) => (/^\s*import\s/.test(l) ? "" : l)).join("\n"),
    });
    if (end > 0) i = end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Expected values: `// <literal>` after a statement

/** An expected value, keeping each number's source text (for its decimal places). */
export type Expected =
  | { kind: "number"; value: number; places: number; text: string }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "array"; items: Expected[] }
  | { kind: "object"; entries: [string, Expected][] };

function decimalPlaces(text: string): number {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.replace(/_/g, ""));
  if (!m) return 0;
  return Math.max(0, (m[2] ?? "").length - Number(m[3] ?? 0));
}

function toExpected(node: ts.Expression): Expected | null {
  if (ts.isParenthesizedExpression(node)) return toExpected(node.expression);
  if (ts.isNumericLiteral(node)) return { kind: "number", value: Number(node.text), places: decimalPlaces(node.getText()), text: node.getText() };
  if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
    const sign = node.operator === ts.SyntaxKind.MinusToken ? -1 : node.operator === ts.SyntaxKind.PlusToken ? 1 : 0;
    if (sign === 0) return null;
    return { kind: "number", value: sign * Number(node.operand.text), places: decimalPlaces(node.operand.getText()), text: node.getText() };
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: "string", value: node.text };
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: "boolean", value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: "boolean", value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: "null" };
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((e) => toExpected(e));
    return items.every((x) => x !== null) ? { kind: "array", items: items as Expected[] } : null;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const entries: [string, Expected][] = [];
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p)) return null;
      const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : null;
      const value = toExpected(p.initializer);
      if (key === null || value === null) return null;
      entries.push([key, value]);
    }
    return { kind: "object", entries };
  }
  return null;
}

/** Reads `text` as one literal, or null when it is not exactly one (then it is a comment). */
function parseLiteral(text: string): Expected | null {
  const source = `(${text}\n);`;
  const { diagnostics } = ts.transpileModule(source, { reportDiagnostics: true });
  if (diagnostics && diagnostics.length > 0) return null;
  const sf = ts.createSourceFile("expected.ts", source, ts.ScriptTarget.ES2022, true);
  const [statement] = sf.statements;
  if (sf.statements.length !== 1 || !statement || !ts.isExpressionStatement(statement)) return null;
  return toExpected(statement.expression);
}

/** The expected value in a `// …` comment: the literal, optionally followed by a `(remark)`. */
export function expectedIn(comment: string): Expected | null {
  const text = comment.replace(/^\/\/\s*/, "").trim();
  if (text === "") return null;
  const whole = parseLiteral(text);
  if (whole) return whole;
  if (!text.endsWith(")")) return null;
  // A remark starts at a "(" after whitespace and runs to the end; it may hold parentheses.
  for (const m of text.matchAll(/\s\(/g)) {
    const literal = parseLiteral(text.slice(0, m.index).trim());
    if (literal) return literal;
  }
  return null;
}

export function show(e: Expected): string {
  switch (e.kind) {
    case "number":
      return e.text;
    case "string":
      return JSON.stringify(e.value);
    case "boolean":
      return String(e.value);
    case "null":
      return "null";
    case "array":
      return `[${e.items.map(show).join(", ")}]`;
    case "object":
      return `{ ${e.entries.map(([k, v]) => `${k}: ${show(v)}`).join(", ")} }`;
  }
}

const isDecimal = (v: unknown): v is Decimal => Decimal.isDecimal(v);

/** Why `actual` does not match `expected`, or null when it does. */
export function mismatch(actual: unknown, expected: Expected, at = ""): string | null {
  const got = () => `${at ? `${at}: ` : ""}expected ${show(expected)}, got ${describeValue(actual)}`;
  switch (expected.kind) {
    case "number": {
      const x = isDecimal(actual) ? actual.toNumber() : actual;
      if (typeof x !== "number") return got();
      if (Object.is(x, expected.value) || x === expected.value) return null;
      const tolerance = 0.5 * 10 ** -expected.places + 4 * Number.EPSILON * Math.abs(expected.value);
      return Math.abs(x - expected.value) <= tolerance ? null : got();
    }
    case "string": {
      const s = isDecimal(actual) ? actual.toString() : actual;
      return s === expected.value ? null : got();
    }
    case "boolean":
      return actual === expected.value ? null : got();
    case "null":
      return actual === null ? null : got();
    case "array": {
      const items = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<unknown>) : actual;
      if (!Array.isArray(items)) return got();
      if (items.length !== expected.items.length) return `${got()} (length ${items.length}, expected ${expected.items.length})`;
      for (let i = 0; i < items.length; i++) {
        const m = mismatch(items[i], expected.items[i]!, `${at}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case "object": {
      if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return got();
      const keys = Object.keys(actual);
      const want = expected.entries.map(([k]) => k);
      if (keys.length !== want.length || !want.every((k) => keys.includes(k))) return `${got()} (keys ${keys.join(", ")})`;
      for (const [k, v] of expected.entries) {
        const m = mismatch((actual as Record<string, unknown>)[k], v, `${at}.${k}`);
        if (m) return m;
      }
      return null;
    }
  }
}

function describeValue(v: unknown): string {
  if (isDecimal(v)) return `Decimal(${v.toString()})`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v, (_, x) => (isDecimal(x) ? `Decimal(${x.toString()})` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Turning an example into a runnable check

export interface Check {
  /** Source line of the statement's last line (where the expectation is written). */
  line: number;
  expected: Expected;
  ran: boolean;
}

/**
 * The `// …` comment that ends the statement's last line, or else one alone on the next line
 * (for long statements); a comment alone on the next line counts only if it is a literal.
 */
function expectationAfter(text: string, end: number): { pos: number; end: number } | undefined {
  const same = ts.getTrailingCommentRanges(text, end)?.find((c) => c.kind === ts.SyntaxKind.SingleLineCommentTrivia);
  if (same) return same;
  const next = /^[ \t]*\r?\n([ \t]*)(\/\/[^\n]*)/.exec(text.slice(end));
  if (!next || !expectedIn(next[2]!)) return undefined;
  const pos = end + next[0].length - next[2]!.length;
  return { pos, end: pos + next[2]!.length };
}

/**
 * Wraps every expression that carries an expected value in `__check(i, …)`. Statements at any
 * depth qualify (so an expectation inside a `catch` block works); an expected value after a
 * statement that has no value of its own (a `try`, an `if`…) is an error.
 */
export function instrument(example: Example): { source: string; checks: Check[]; problems: string[] } {
  const sf = ts.createSourceFile("example.ts", example.code, ts.ScriptTarget.ES2022, true);
  const text = example.code;
  const checks: Check[] = [];
  const problems: string[] = [];
  const edits: { start: number; end: number; index: number }[] = [];
  const seenComments = new Set<number>();

  const visit = (node: ts.Node): void => {
    // Innermost statements first, so an expectation belongs to the expression it follows.
    ts.forEachChild(node, visit);
    if (!ts.isStatement(node) || ts.isBlock(node)) return;
    const comment = expectationAfter(text, node.end);
    if (!comment || seenComments.has(comment.pos)) return;
    const expected = expectedIn(text.slice(comment.pos, comment.end));
    if (!expected) return;
    seenComments.add(comment.pos);
    const line = example.firstLine + lineOf(text, node.end) - 1;
    let target: ts.Expression | undefined;
    if (ts.isExpressionStatement(node)) target = node.expression;
    else if (ts.isVariableStatement(node)) target = node.declarationList.declarations.at(-1)?.initializer;
    if (!target) {
      problems.push(`${example.file}:${line}: the expected value ${show(expected)} follows a statement that has no value; put it after an expression`);
      return;
    }
    edits.push({ start: target.getStart(sf), end: target.end, index: checks.length });
    checks.push({ line, expected, ran: false });
  };
  visit(sf);

  let source = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    source = `${source.slice(0, e.start)}__check(${e.index}, (${source.slice(e.start, e.end)}))${source.slice(e.end)}`;
  }
  return { source, checks, problems };
}

// ---------------------------------------------------------------------------------------------
// Every public export has an example

/** Exported value declarations of a file (functions, classes, consts), with whether their doc has @example. */
export function exportedValues(path: string): { name: string; line: number; hasExample: boolean }[] {
  const text = readFileSync(path, "utf8");
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const out: { name: string; line: number; hasExample: boolean }[] = [];
  for (const s of sf.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const docs = ts.getJSDocCommentsAndTags(s).filter(ts.isJSDoc);
    const hasExample = docs.some((d) => d.tags?.some((t) => t.tagName.text === "example") ?? false);
    const line = lineOf(text, s.getStart(sf));
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) out.push({ name: s.name.text, line, hasExample });
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push({ name: d.name.text, line, hasExample });
    }
  }
  return out;
}
