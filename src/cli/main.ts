#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { AssureError } from "../core/errors.js";
import { EMULATOR_USAGE, emulatorCommand } from "./emulator-command.js";
import { EXPORT_USAGE, exportCommand, exportOptions } from "./export-command.js";
import { openStore } from "./open-store.js";
import { PROVISION_USAGE, provisionCommand } from "./provision-command.js";
import { loadDotEnv, readSettings } from "./settings.js";
import { START_USAGE, startCommand } from "./start-command.js";
import { DIGEST_USAGE, SWEEP_USAGE, sweepCommand } from "./sweep-command.js";
import { TIMESCALE_USAGE, timescaleCommand } from "./timescale-command.js";

const COMMANDS = "timescale, export, start, sweep, digest, provision, emulator";
const USAGE = ["usage:", ...[TIMESCALE_USAGE, EXPORT_USAGE, START_USAGE, SWEEP_USAGE, DIGEST_USAGE, PROVISION_USAGE, EMULATOR_USAGE].map((u) => `  ${u}`)].join("\n");

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case "timescale":
      for (const line of timescaleCommand(args)) console.log(line);
      return;
    case "export": {
      exportOptions(args);
      const opened = await openStore(settings(), { seedDemo: true });
      try {
        console.log(await exportCommand(opened.store));
      } finally {
        await opened.close();
      }
      return;
    }
    case "start": {
      const { close } = await startCommand(args, { settings: settings(), version, env: process.env });
      const stop = () => void close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return;
    }
    case "emulator": {
      const close = await emulatorCommand(args);
      const stop = () => void close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return;
    }
    case "sweep":
    case "digest":
      for (const line of await sweepCommand(command, args, settings())) console.log(line);
      return;
    case "provision":
      console.log(await provisionCommand(args, settings()));
      return;
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return;
    case undefined:
      throw new AssureError("usage", `no command given; the commands are ${COMMANDS} (see assure help)`);
    default:
      throw new AssureError("usage", `unknown command "${command}"; the commands are ${COMMANDS} (see assure help)`);
  }
}

function settings() {
  loadDotEnv(process.cwd());
  return readSettings(process.env);
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
