#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { AssureError } from "../core/errors.js";
import { demoRecords } from "../demo/index.js";
import { EXPORT_USAGE, exportCommand } from "./export-command.js";
import { START_USAGE, startCommand } from "./start-command.js";
import { TIMESCALE_USAGE, timescaleCommand } from "./timescale-command.js";

const USAGE = ["usage:", `  ${TIMESCALE_USAGE}`, `  ${EXPORT_USAGE}`, `  ${START_USAGE}`].join("\n");

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

// Until the SharePoint store lands (issue 3) the records are the demo plans, held in memory.
const readRecords = async () => demoRecords();

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case "timescale":
      for (const line of timescaleCommand(args)) console.log(line);
      return;
    case "export":
      console.log(await exportCommand(args, readRecords));
      return;
    case "start":
      await startCommand(args, { readRecords, version, env: process.env });
      return;
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return;
    case undefined:
      throw new AssureError("usage", "no command given; the commands are timescale, export, start (see assure help)");
    default:
      throw new AssureError("usage", `unknown command "${command}"; the commands are timescale, export, start (see assure help)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AssureError) {
    console.error(`assure: ${error.message}`);
    process.exitCode = error.code === "usage" ? 2 : 1;
    return;
  }
  console.error("assure: unexpected error", error);
  process.exitCode = 1;
});
