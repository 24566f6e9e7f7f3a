import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

/** A fresh, empty data folder, so each test's store (and emulator) is its own. */
export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), "assure-test-"));

/** The environment a test's assure runs in: its own data folder, no tenant settings. */
const testEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ASSURE_")));
  // No Playground and no timed sweeps unless a test asks: they would race other tests.
  return { ...base, ASSURE_DATA_DIR: tempDataDir(), ASSURE_PLAYGROUND: "off", ASSURE_SWEEP_EVERY_MINUTES: "0", ...env };
};

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `assure <args>` to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: testEnv(env) }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Starts a long-running `assure <args>` and waits until it prints a line matching `ready`; `printed()` is all it has printed so far. */
export async function startCli(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess & { printed: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: testEnv(env), stdio: "pipe" });
  let seen = "";
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`assure ${args.join(" ")} exited with ${code} before it was ready:\n${seen}`);
  });
  const readied = new Promise<void>((resolve) => {
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      if (ready.test(seen)) resolve();
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
  });
  await Promise.race([readied, exited]);
  return Object.assign(child, { printed: () => seen });
}

export async function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}
