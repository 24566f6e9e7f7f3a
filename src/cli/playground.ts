import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, join } from "node:path";

/**
 * Starts Microsoft 365 Agents Playground (a local stand-in for Teams chat) pointed at the bot,
 * for local mode. It is a development dependency: where it is not installed, Assure runs
 * without it and says so. It opens a browser with xdg-open when it starts and dies where there
 * is none, so a do-nothing xdg-open goes first on its PATH.
 */
export function startPlayground(options: { botUrl: string; port: number; dataDir: string }): ChildProcess | null {
  let cli: string;
  try {
    cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  } catch {
    console.log("  playground: not installed (npm install without --omit=dev brings it)");
    return null;
  }
  const shimDir = join(options.dataDir, "bin");
  mkdirSync(shimDir, { recursive: true });
  const shim = join(shimDir, "xdg-open");
  if (!existsSync(shim)) {
    writeFileSync(shim, "#!/bin/sh\n# Agents Playground opens a browser on start; here there may be none.\nexit 0\n");
    chmodSync(shim, 0o755);
  }
  const child = spawn(
    process.execPath,
    [cli, "-e", options.botUrl, "-c", "msteams", "--port", String(options.port), "--disable-telemetry"],
    {
      env: {
        ...process.env,
        PATH: `${shimDir}${delimiter}${process.env.PATH ?? ""}`,
        BROWSER: "none",
        // Its log goes with our data, not into ./devTools of whatever folder we were started in.
        M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(options.dataDir, "playground.log"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // Its log is not ours to print, except its errors (a bad config file, a port in use).
  child.stdout?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.startsWith("error")) console.warn(`  playground: ${line}`);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text) console.warn(`  playground: ${text}`);
  });
  return child;
}
