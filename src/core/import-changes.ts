import { fieldChanges, type FieldChange } from "./change-log.js";
import type { PlanImport } from "./plan-import.js";
import type { BoardRecords } from "./records.js";

/** One record an import creates or edits, with each field before → after, as the change log keeps it. */
export interface ImportChange {
  kind: "plan" | "section" | "deliverable" | "action";
  id: string;
  label: string;
  what: "created" | "edited";
  fields: FieldChange[];
}

export interface ImportOutcome {
  changes: ImportChange[];
  /** How many of the document's records are already stored exactly so. */
  unchanged: number;
  /** Refs of the plan's stored actions the document no longer has: left as they are, never deleted. */
  notInDocument: string[];
}

/** What storing an import would change in the plan: the preview's "what changes", and what the writer writes. */
export function importChanges(read: PlanImport, existing: BoardRecords): ImportOutcome {
  const changes: ImportChange[] = [];
  let unchanged = 0;
  const compare = <T extends { id: string }>(kind: ImportChange["kind"], records: readonly T[], stored: readonly T[], label: (r: T) => string) => {
    const byId = new Map(stored.map((s) => [s.id, s]));
    for (const record of records) {
      const was = byId.get(record.id) ?? null;
      const fields = fieldChanges(was, record);
      if (fields.length === 0) unchanged++;
      else changes.push({ kind, id: record.id, label: label(record).slice(0, 255), what: was ? "edited" : "created", fields });
    }
  };
  if (read.isNew) changes.push({ kind: "plan", id: read.plan.id, label: read.plan.title, what: "created", fields: fieldChanges(null, read.plan) });
  compare("section", read.sections, existing.sections, (s) => `${s.kind === "priority" ? "Priority" : "Recommendation"} ${s.number}`);
  compare("deliverable", read.deliverables, existing.deliverables, (d) => `Key deliverable ${d.ref}`);
  compare("action", read.actions, existing.actions, (a) => `Action ${a.ref}`);
  const inDocument = new Set(read.actions.map((a) => a.id));
  const notInDocument = existing.actions.filter((a) => a.planId === read.plan.id && !inDocument.has(a.id)).map((a) => a.ref);
  return { changes, unchanged, notInDocument };
}

/** The site's records as they would be once the import is stored (for the preview, and `--dry-run`). */
export function withImport(records: BoardRecords, read: PlanImport): BoardRecords {
  const replace = <T extends { id: string }>(stored: readonly T[], incoming: readonly T[]) => {
    const ids = new Set(incoming.map((r) => r.id));
    return [...stored.filter((r) => !ids.has(r.id)), ...incoming];
  };
  return {
    ...records,
    plans: replace(records.plans, [read.plan]),
    sections: replace(records.sections, read.sections),
    deliverables: replace(records.deliverables, read.deliverables),
    actions: replace(records.actions, read.actions),
    progressUpdates: replace(records.progressUpdates, read.progressUpdates),
  };
}
