import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * CLI, server and browser tests run the compiled program and the built tab, as `npm start` does;
 * build both once first. Every temporary folder of the run (the tests', the processes they
 * start, Chromium's profiles) goes under one folder of its own (TMPDIR), removed when the run
 * ends however its tests ended: a run leaves nothing in the temporary directory.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; test what ships.
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "tab/vite.config.ts"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  const runTmp = mkdtempSync(join(tmpdir(), "assure-test-run-"));
  process.env.TMPDIR = runTmp;
  return () => rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
}
