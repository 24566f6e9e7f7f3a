import { dayOf } from "./action-as-at.js";
import type { Change, SubjectKind } from "./change-log.js";
import type { IsoDate } from "./iso-date.js";
import type { BoardRecords } from "./records.js";

/** The fields that name a thing or place an action under a name in a view "as at" a day. */
const NAMING: Partial<Record<SubjectKind, { list: "plans" | "sections" | "subgroups" | "leads"; fields: readonly string[] }>> = {
  plan: { list: "plans", fields: ["title"] },
  section: { list: "sections", fields: ["title", "number"] },
  subgroup: { list: "subgroups", fields: ["name"] },
  lead: { list: "leads", fields: ["asWritten", "subgroups"] },
};

/**
 * The records with the names they had at the end of `day`: a plan's or section's title, a
 * subgroup's name, a lead's words and the subgroups it belongs to, each put back as it was by
 * undoing, newest first, every edit the change log dates after the day (an edit keeps what it
 * changed from). So a rename today leaves a past "by subgroup" table, paper or annual report
 * saying what it said. Everything else is left as it is (actions' own history is their events).
 */
export function namesAsAt(records: BoardRecords, changes: readonly Change[], day: IsoDate): BoardRecords {
  const later = changes.filter((c) => c.what === "edited" && NAMING[c.subject.kind] && dayOf(c.at) > day).sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
  if (later.length === 0) return records;
  const out = { ...records, plans: [...records.plans], sections: [...records.sections], subgroups: [...records.subgroups], leads: [...records.leads] };
  for (const change of later) {
    const naming = NAMING[change.subject.kind]!;
    const rows = out[naming.list] as { id: string }[];
    const i = rows.findIndex((row) => row.id === change.subject.id);
    if (i < 0) continue;
    const undone = change.fields.filter((f) => naming.fields.includes(f.field));
    if (undone.length > 0) rows[i] = { ...rows[i]!, ...Object.fromEntries(undone.map((f) => [f.field, f.from])) };
  }
  return out;
}
