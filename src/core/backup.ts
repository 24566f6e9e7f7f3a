import { z } from "zod";
import { ChangeSchema, type Change } from "./change-log.js";
import { parseInput } from "./errors.js";
import { exportRecords } from "./plan-export.js";
import { BoardRecordsSchema, type BoardRecords } from "./records.js";

/**
 * A whole site's plans, directory, history and change log as one JSON file (`assure export
 * --format json`), and back (`assure import --restore`). The file nests plans as people read
 * them; restoring flattens it and checks every record, and every link between records, before
 * anything is written.
 */
export const BACKUP_FORMAT = "assure-backup";
export const BACKUP_VERSION = 1;

export function backupOf(records: BoardRecords, changes: readonly Change[]) {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, ...exportRecords(records), changes: [...changes] };
}

const Nested = <T extends z.ZodRawShape>(shape: T) => z.object(shape).loose();
const ActionsHolder = { actions: z.array(Nested({ updates: z.array(z.unknown()).default([]), events: z.array(z.unknown()).default([]) })).default([]) };
const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `is not an Assure backup (made by assure export --format json)` }),
  version: z.literal(BACKUP_VERSION, { error: `is a backup version this Assure cannot read (it reads version ${BACKUP_VERSION})` }),
  plans: z.array(Nested({ sections: z.array(Nested({ ...ActionsHolder, deliverables: z.array(Nested(ActionsHolder)).default([]) })).default([]) })),
  leads: z.array(z.unknown()),
  people: z.array(z.unknown()),
  subgroups: z.array(z.unknown()),
  changes: z.array(ChangeSchema).default([]),
});

/** The records and change log in a backup, each checked; a problem names where it is. */
export function restoreFrom(file: unknown): { records: BoardRecords; changes: Change[] } {
  const backup = parseInput(BackupSchema, file);
  const sections = backup.plans.flatMap((p) => p.sections);
  const deliverables = sections.flatMap((s) => s.deliverables);
  const actions = sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)]);
  const records = parseInput(BoardRecordsSchema, {
    plans: backup.plans,
    sections,
    deliverables,
    actions,
    progressUpdates: actions.flatMap((a) => a.updates),
    actionEvents: actions.flatMap((a) => a.events),
    leads: backup.leads,
    people: backup.people,
    subgroups: backup.subgroups,
  });
  return { records, changes: backup.changes };
}
