#!/usr/bin/env node
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { AssureError } from "../core/errors.js";
import { ADMIN_USAGE, adminCommand } from "./admin-command.js";
import { buildAppPackage } from "./app-package.js";
import { IMPORT_USAGE, importCommand } from "./import-command.js";
import { DOCTOR_USAGE, doctorCommand } from "./doctor-command.js";
import { EMULATOR_USAGE, emulatorCommand } from "./emulator-command.js";
import { EXPORT_USAGE, exportCommand, exportOptions } from "./export-command.js";
import { openStore, type OpenStore } from "./open-store.js";
import { PROVISION_USAGE, provisionCommand } from "./provision-command.js";
import { REPORT_USAGE, reportCommand, reportOptions } from "./report-command.js";
import { REGISTER_REPORT_USAGE, registerReportCommand, registerReportOptions } from "./register-report-command.js";
import { loadDotEnv, readSettings, type Settings } from "./settings.js";
import { START_USAGE, startCommand } from "./start-command.js";
import { DIGEST_USAGE, SWEEP_USAGE, sweepCommand } from "./sweep-command.js";
import { TIMESCALE_USAGE, timescaleCommand } from "./timescale-command.js";

const COMMANDS = "timescale, export, import, report, start, sweep, digest, provision, admin, doctor, package, emulator";
const PACKAGE_USAGE = "assure package [--out <zip>]            build the Teams app package from appPackage/ and the environment";
const USAGE = ["usage:", ...[TIMESCALE_USAGE, EXPORT_USAGE, IMPORT_USAGE, REPORT_USAGE, REGISTER_REPORT_USAGE, START_USAGE, SWEEP_USAGE, DIGEST_USAGE, PROVISION_USAGE, ADMIN_USAGE, DOCTOR_USAGE, PACKAGE_USAGE, EMULATOR_USAGE].map((u) => `  ${u}`)].join("\n");

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** Each command's usage, for `assure <command> --help` (which does nothing else). */
const USAGES: Record<string, string> = {
  timescale: TIMESCALE_USAGE,
  export: EXPORT_USAGE,
  import: IMPORT_USAGE,
  report: `${REPORT_USAGE}; ${REGISTER_REPORT_USAGE}`,
  start: START_USAGE,
  sweep: SWEEP_USAGE,
  digest: DIGEST_USAGE,
  provision: PROVISION_USAGE,
  admin: ADMIN_USAGE,
  doctor: DOCTOR_USAGE,
  package: PACKAGE_USAGE,
  emulator: EMULATOR_USAGE,
};

/** Runs a command against the site's store (locally, the demo site), closing it however the command ends. */
async function withStore<T>(settings: Settings, run: (store: OpenStore["store"]) => Promise<T>): Promise<T> {
  const opened = await openStore(settings, { seedDemo: true });
  try {
    return await run(opened.store);
  } finally {
    await opened.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command && USAGES[command] && (args.includes("--help") || args.includes("-h"))) {
    console.log(`usage: ${USAGES[command]}`);
    return;
  }
  switch (command) {
    case "timescale":
      for (const line of timescaleCommand(args)) console.log(line);
      return;
    case "export": {
      const options = exportOptions(args);
      console.log(await withStore(settings(), (store) => exportCommand(store, options)));
      return;
    }
    case "report": {
      if (args[0] === "themes" || args[0] === "findings") {
        const register = registerReportOptions(args);
        console.log(await registerReportCommand(settings(), register));
        return;
      }
      const options = reportOptions(args);
      console.log(await withStore(settings(), (store) => reportCommand(store, options)));
      return;
    }
    case "import":
      console.log(await importCommand(args, settings()));
      return;
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
    case "admin":
      for (const line of await adminCommand(args, settings())) console.log(line);
      return;
    case "doctor": {
      loadDotEnv(process.cwd());
      const { lines, ok } = await doctorCommand(args, process.env);
      for (const line of lines) console.log(line);
      if (!ok) process.exitCode = 1;
      return;
    }
    case "package": {
      loadDotEnv(process.cwd());
      const out = args[0] === "--out" && args[1] ? args[1] : "appPackage/build/appPackage.zip";
      const { zip, defaulted } = buildAppPackage("appPackage", process.env);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, zip);
      console.log(`wrote ${out}`);
      if (defaulted.length) console.log(`local defaults used for: ${defaulted.join(", ")} (set them for a tenant; see docs/deploy.md)`);
      return;
    }
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
