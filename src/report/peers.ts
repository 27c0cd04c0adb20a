/**
 * Optional peer dependencies: the heavy packages behind the chart and workbook outputs (`vega`,
 * `vega-lite`, `exceljs`) are not installed with the library; an app that draws charts or writes
 * workbooks installs them itself. Loading goes through {@link loadPeer}, so a missing package
 * gives an error that names it and the command that installs it.
 */

/**
 * Thrown (as a rejection) when an output needs an optional package that is not installed.
 *
 * @example
 * ```ts
 * const e = new MissingPeerError("renderSvg", ["vega", "vega-lite"]);
 * e.message; // "renderSvg needs the optional packages vega and vega-lite, which are not installed: npm install vega vega-lite"
 * e.packages; // ["vega", "vega-lite"]
 * ```
 */
export class MissingPeerError extends Error {
  override readonly name = "MissingPeerError";
  /** The packages to install. */
  readonly packages: readonly string[];
  constructor(feature: string, packages: readonly string[], options?: { cause?: unknown }) {
    const names = packages.length > 1 ? `packages ${packages.slice(0, -1).join(", ")} and ${packages[packages.length - 1]}` : `package ${packages[0]}`;
    super(`${feature} needs the optional ${names}, which ${packages.length > 1 ? "are" : "is"} not installed: npm install ${packages.join(" ")}`, options);
    this.packages = [...packages];
  }
}

/** Whether an import failure says that one of these packages itself could not be found. */
function isMissing(error: unknown, packages: readonly string[]): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : "";
  const named = packages.some((p) => text.includes(`'${p}'`) || text.includes(`"${p}"`) || text.includes(`npm:${p}`));
  if (!named) return false;
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /cannot find|could not find|failed to resolve|not found/i.test(text);
}

/**
 * Runs `load` (a dynamic `import()` of an optional package, written out so bundlers see it) and
 * turns "package not found" into a {@link MissingPeerError} naming `packages`.
 *
 * @example
 * ```ts
 * // As Node reports `import("vega")` when vega is not installed:
 * const notFound = Object.assign(new Error("Cannot find package 'vega' imported from /app/x.js"), { code: "ERR_MODULE_NOT_FOUND" });
 * const message = await loadPeer("renderSvg", ["vega", "vega-lite"], () => Promise.reject(notFound)).catch((e) => e.message);
 * message; // "renderSvg needs the optional packages vega and vega-lite, which are not installed: npm install vega vega-lite"
 * ```
 */
export async function loadPeer<T>(feature: string, packages: readonly string[], load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packages)) throw new MissingPeerError(feature, packages, { cause: error });
    throw error;
  }
}
