/**
 * `npm run docs:api` runs this after TypeDoc: every relative link and resource in the generated
 * API reference (docs/api/**.html) must point at a file that exists, and every `#fragment` at an
 * id in that file. TypeDoc itself (typedoc.json: `validation`, `treatWarningsAsErrors`) has
 * already refused unresolved `{@link}`s and public signatures that use unexported types.
 *
 * Usage: tsx test/check-links.ts [folder]   (default docs/api)
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "docs/api");

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : [],
  );
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let set = ids.get(file);
  if (!set) {
    set = new Set([...readFileSync(file, "utf8").matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!));
    ids.set(file, set);
  }
  return set;
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

const files = htmlFiles(root);
if (files.length === 0) {
  console.error(`no HTML files in ${root}: run typedoc first`);
  process.exit(1);
}
const broken: string[] = [];
let checked = 0;
for (const file of files) {
  const html = readFileSync(file, "utf8");
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const link = decode(m[1]!);
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue; // http:, https:, mailto:, data:…
    checked++;
    const [path, fragment] = link.split("#", 2) as [string, string | undefined];
    const target = path === "" ? file : resolve(dirname(file), path.split("?")[0]!);
    const where = `${relative(root, file)}: ${link}`;
    if (!existsSync(target) || (statSync(target).isDirectory() && !existsSync(join(target, "index.html")))) {
      broken.push(`${where} (no such file)`);
      continue;
    }
    const page = statSync(target).isDirectory() ? join(target, "index.html") : target;
    if (fragment && page.endsWith(".html") && !idsOf(page).has(decodeURIComponent(fragment))) broken.push(`${where} (no #${fragment} there)`);
  }
}
if (broken.length > 0) {
  console.error(`${broken.length} broken links in ${relative(process.cwd(), root)}:\n${broken.join("\n")}`);
  process.exit(1);
}
console.log(`${relative(process.cwd(), root)}: ${files.length} pages, ${checked} relative links, none broken`);
