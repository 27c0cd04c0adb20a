import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm run test:e2e`: checks that need system programs (headless Chromium, LibreOffice Calc,
// Jupyter) or the packed package (packed once per run by test/e2e/packed.ts, then installed from
// the tarball into empty folders, as a user would).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/packed.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One program at a time: LibreOffice and Chromium each want the machine's two cores.
    fileParallelism: false,
  },
});
