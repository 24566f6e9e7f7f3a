#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { AssureError } from "../core/errors.js";
import type { OpenStore } from "./open-store.js";
import type { Settings } from "./settings.js";
import {
  ADMIN_USAGE,
  DIGEST_USAGE,
  DOCTOR_USAGE,
  EMULATOR_USAGE,
  EXPORT_USAGE,
  IMPORT_USAGE,
  PACKAGE_USAGE,
  PROVISION_USAGE,
  LISTS_USAGE,
  REGISTER_REPORT_USAGE,
  AGENCIES_REPORT_USAGE,
  REPORT_USAGE,
  START_USAGE,
  SWEEP_USAGE,
  TIMESCALE_USAGE,
} from "./usage.js";

// Each command loads only what it uses (import() in its case below): `assure --help` and
// `assure timescale` must not wait for the server, Graph, botbuilder and the document writers.

const COMMANDS = "timescale, export, import, report, start, sweep, digest, provision, lists, admin, doctor, package, emulator";
const USAGE = ["usage:", ...[TIMESCALE_USAGE, EXPORT_USAGE, IMPORT_USAGE, REPORT_USAGE, REGISTER_REPORT_USAGE, AGENCIES_REPORT_USAGE, START_USAGE, SWEEP_USAGE, DIGEST_USAGE, PROVISION_USAGE, LISTS_USAGE, ADMIN_USAGE, DOCTOR_USAGE, PACKAGE_USAGE, EMULATOR_USAGE].map((u) => `  ${u}`)].join("\n");

const version = () => (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Each command's usage, for `assure <command> --help` (which does nothing else). */
const USAGES: Record<string, string> = {
  timescale: TIMESCALE_USAGE,
  export: EXPORT_USAGE,
  import: IMPORT_USAGE,
  report: `${REPORT_USAGE}; ${REGISTER_REPORT_USAGE}; ${AGENCIES_REPORT_USAGE}`,
  start: START_USAGE,
  sweep: SWEEP_USAGE,
  digest: DIGEST_USAGE,
  provision: PROVISION_USAGE,
  lists: LISTS_USAGE,
  admin: ADMIN_USAGE,
  doctor: DOCTOR_USAGE,
  package: PACKAGE_USAGE,
  emulator: EMULATOR_USAGE,
};

/** Runs a command against the site's store (locally, the demo site), closing it however the command ends. */
async function withStore<T>(settings: Settings, run: (store: OpenStore["store"], opened: OpenStore) => Promise<T>): Promise<T> {
  const { openStore } = await import("./open-store.js");
  const opened = await openStore(settings, { seedDemo: true });
  try {
    return await run(opened.store, opened);
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
    case "timescale": {
      const { timescaleCommand } = await import("./timescale-command.js");
      for (const line of timescaleCommand(args)) console.log(line);
      return;
    }
    case "export": {
      const { exportCommand, exportOptions } = await import("./export-command.js");
      const options = exportOptions(args);
      console.log(await withStore(await settings(), (store) => exportCommand(store, options)));
      return;
    }
    case "report": {
      if (args[0] === "agencies") {
        const { agenciesReportCommand, agenciesReportOptions } = await import("./agencies-report-command.js");
        console.log(await agenciesReportCommand(await settings(), agenciesReportOptions(args.slice(1))));
        return;
      }
      if (args[0] === "themes" || args[0] === "findings") {
        const { registerReportCommand, registerReportOptions } = await import("./register-report-command.js");
        const register = registerReportOptions(args);
        console.log(await registerReportCommand(await settings(), register));
        return;
      }
      const { reportCommand, reportOptions } = await import("./report-command.js");
      const options = reportOptions(args);
      console.log(await withStore(await settings(), (store, opened) => reportCommand(store, options, opened.register)));
      return;
    }
    case "import": {
      const { importCommand } = await import("./import-command.js");
      console.log(await importCommand(args, await settings()));
      return;
    }
    case "start": {
      const { startCommand } = await import("./start-command.js");
      const { close } = await startCommand(args, { settings: await settings(), version: version(), env: process.env });
      const stop = () => void close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return;
    }
    case "emulator": {
      const { emulatorCommand } = await import("./emulator-command.js");
      const close = await emulatorCommand(args);
      const stop = () => void close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return;
    }
    case "sweep":
    case "digest": {
      const { sweepCommand } = await import("./sweep-command.js");
      for (const line of await sweepCommand(command, args, await settings())) console.log(line);
      return;
    }
    case "provision": {
      const { provisionCommand } = await import("./provision-command.js");
      console.log(await provisionCommand(args, await settings()));
      return;
    }
    case "lists": {
      const { listsCommand } = await import("./lists-command.js");
      console.log(await listsCommand(args, await settings()));
      return;
    }
    case "admin": {
      const { adminCommand } = await import("./admin-command.js");
      for (const line of await adminCommand(args, await settings())) console.log(line);
      return;
    }
    case "doctor": {
      const [{ doctorCommand }, { loadDotEnv }] = await Promise.all([import("./doctor-command.js"), import("./settings.js")]);
      loadDotEnv(process.cwd());
      const { lines, ok } = await doctorCommand(args, process.env);
      for (const line of lines) console.log(line);
      if (!ok) process.exitCode = 1;
      return;
    }
    case "package": {
      const [{ buildAppPackage }, { loadDotEnv }, { mkdirSync, writeFileSync }, { dirname }] = await Promise.all([import("./app-package.js"), import("./settings.js"), import("node:fs"), import("node:path")]);
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

async function settings(): Promise<Settings> {
  const { loadDotEnv, readSettings } = await import("./settings.js");
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
