import { readFileSync } from "node:fs";
import { z } from "zod";
import { restoreFrom } from "../core/backup.js";
import { InputError, UsageError } from "../core/errors.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import type { Settings } from "./settings.js";

export const IMPORT_USAGE = "assure import --restore <backup.json>   restore a site's plans, directory, history and change log from assure export --format json";

const ImportOptionsSchema = z.object({ restore: z.string({ error: "give the backup to restore: --restore <file> (importing Word, Excel and CSV plans is not built yet)" }).min(1) });

/**
 * Restores a backup into the site: every record and link is checked before anything is written;
 * records already there (same id) are left as they are, so a restore can be run again safely.
 */
export async function importCommand(args: string[], settings: Settings): Promise<string> {
  if (args.length > 0 && !args[0]!.startsWith("-")) throw new UsageError(`import: importing Word, Excel and CSV plans is not built yet; --restore <file> restores a backup (usage: ${IMPORT_USAGE})`);
  const { restore } = readOptions("import", args, { restore: { type: "string" } }, ImportOptionsSchema);
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
