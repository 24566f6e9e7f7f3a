import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import { restoreFrom } from "../core/backup.js";
import { ColumnFieldSchema } from "../core/column-mapping.js";
import { InputError, UsageError } from "../core/errors.js";
import { IdSchema } from "../core/ids.js";
import { withImport } from "../core/import-changes.js";
import { londonDate } from "../core/london.js";
import { nestPlans } from "../core/plan-export.js";
import type { ImportChoices } from "../core/plan-import.js";
import { previewImportInWorker } from "../paper/read-document-in-worker.js";
import { DocumentLimitError } from "../paper/document-limits.js";
import { storeImport } from "../store/import-writer.js";
import { describeImport } from "./import-summary.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";
import { IMPORT_USAGE } from "./usage.js";

const Mapping = z.string().regex(/^\d{1,3}:\d{1,2}=[a-z-]+$/, "write it as <table>:<column>=<field>, e.g. 0:6=timescale (tables and columns count from 0, as the preview shows them)");
const HeaderRow = z.string().regex(/^\d{1,3}:\d{1,3}$/, "write it as <table>:<row>, e.g. 0:2 (tables and rows count from 0, as the preview shows them)");
const LeadFix = z.string().regex(/^.*=.+$/, "write it as \"<lead as written>=<lead id>\"");
const ImportOptionsSchema = z.object({
  restore: z.string().min(1).optional(),
  plan: IdSchema.optional(),
  board: z.string().min(1).max(200).optional(),
  map: z.array(Mapping).default([]),
  header: z.array(HeaderRow).default([]),
  title: z.string().min(1).max(300).optional(),
  lead: z.array(LeadFix).default([]),
  "dry-run": z.boolean().default(false),
  format: z.enum(["text", "json"], { error: (i) => `unknown format ${JSON.stringify(i.input)}; the formats are text and json` }).default("text"),
});

export async function importCommand(args: string[], settings: Settings, now = new Date()): Promise<string> {
  const file = args[0] && !args[0].startsWith("-") ? args[0] : null;
  const options = readOptions("import", file ? args.slice(1) : args, {
    restore: { type: "string" },
    plan: { type: "string" },
    board: { type: "string" },
    map: { type: "string", multiple: true },
    header: { type: "string", multiple: true },
    title: { type: "string" },
    lead: { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
    format: { type: "string" },
  }, ImportOptionsSchema);
  if (options.restore) {
    if (file) throw new UsageError("import: give a plan document or --restore <backup>, not both");
    return restoreCommand(options.restore, settings);
  }
  if (!file) throw new UsageError(`import: give the plan document to read (usage: ${IMPORT_USAGE})`);

  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error: unknown) {
    throw new UsageError(`import: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
  }
  const choices = choicesOf(options);
  // Locally, into the demo site `npm start` shows (its leads directory is what leads resolve against).
  const opened = await openStore(settings, { seedDemo: true });
  try {
    const { records } = await opened.store.readRecords();
    const context = { existing: records, today: londonDate(now), now: now.toISOString(), managers: [] };
    const { read, outcome } = await previewImportInWorker(basename(file), bytes, choices, context).catch((error: unknown) => {
      throw error instanceof InputError || error instanceof DocumentLimitError ? new UsageError(`import: ${error.message.replace(/^file: /, "")}`) : error;
    });
    const blocking = read.problems.filter((p) => p.severity === "blocking");
    const stored = !options["dry-run"] && blocking.length === 0;
    if (stored) await storeImport(opened.store, read, outcome, { personId: null, entraObjectId: null, name: "assure import (command line)" }, now);
    if (options.format === "json") {
      const plans = nestPlans(withImport(records, read)).filter((p) => p.id === read.plan.id);
      return JSON.stringify({ stored, plans, problems: read.problems, changes: outcome.changes, unchanged: outcome.unchanged, notInDocument: outcome.notInDocument, tables: read.tables }, null, 2);
    }
    const summary = describeImport(basename(file), read, outcome);
    if (!options["dry-run"] && blocking.length > 0) throw new UsageError(`import: nothing was stored, because:\n${summary}`);
    return `${summary}\n${options["dry-run"] ? "Dry run: nothing was stored." : "Stored."}`;
  } finally {
    await opened.close();
  }
}

function choicesOf(options: z.infer<typeof ImportOptionsSchema>): ImportChoices {
  const mappings: Record<string, (z.infer<typeof ColumnFieldSchema> | null)[]> = {};
  for (const m of options.map) {
    const [, table, column, field] = /^(\d+):(\d+)=(.+)$/.exec(m)!;
    const parsed = field === "none" ? null : ColumnFieldSchema.safeParse(field).data;
    if (parsed === undefined) throw new UsageError(`import: --map: "${field}" is not a field; the fields are: ${ColumnFieldSchema.options.join(", ")}, none`);
    (mappings[table!] ??= [])[Number(column)] = parsed;
  }
  const leadFixes = Object.fromEntries(options.lead.map((l) => [l.slice(0, l.lastIndexOf("=")), l.slice(l.lastIndexOf("=") + 1)]));
  const headerRows = Object.fromEntries(options.header.map((h) => h.split(":").map(Number) as [number, number]));
  return { planId: options.plan ?? null, mappings, leadFixes, headerRows, ...(options.title ? { title: options.title } : {}), ...(options.board ? { boards: [options.board] } : {}) };
}

/**
 * Restores a backup into the site: every record and link is checked before anything is written;
 * records already there (same id) are left as they are, so a restore can be run again safely.
 */
async function restoreCommand(restore: string, settings: Settings): Promise<string> {
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(restore, "utf8"));
  } catch (error: unknown) {
    throw new UsageError(`import: --restore: cannot read ${restore} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  let restored;
  try {
    restored = restoreFrom(file);
  } catch (error: unknown) {
    if (error instanceof InputError) throw new UsageError(`import: ${restore}: ${error.message}; nothing was restored`);
    throw error;
  }
  const { records, changes } = restored;
  const opened = await openStore(settings, { seedDemo: false });
  try {
    await opened.store.importRecords(records);
    for (const change of changes) await opened.store.recordChange(change);
  } finally {
    await opened.close();
  }
  const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
  return `restored ${[counted(records.plans.length, "plan"), counted(records.actions.length, "action"), counted(records.progressUpdates.length, "progress update"), counted(records.people.length, "person").replace("persons", "people"), counted(records.leads.length, "lead"), counted(records.subgroups.length, "subgroup"), counted(changes.length, "change-log entry").replace("entrys", "entries")].join(", ")} (records already in the site were left as they were)`;
}
