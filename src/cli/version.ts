import { version } from "../../package.json";

/** The package's version, for `--version`. */
export const VERSION: string = version;
