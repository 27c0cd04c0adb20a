#!/usr/bin/env node
/**
 * The `invest-to-save` command (Node only): validate, appraise, simulate, report, export, schema.
 * See docs/cli.md.
 */
import { runCli } from "./program";

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
