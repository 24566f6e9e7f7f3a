import { randomUUID } from "node:crypto";
import type { Change } from "../core/change-log.js";
import type { ImportOutcome } from "../core/import-changes.js";
import type { PlanImport } from "../core/plan-import.js";
import type { EditableKind, PlanStore } from "../core/store.js";

/**
 * Stores an import the preview showed: new records first (parents before children), then each
 * edited record changed field by field against what is stored now (eTag-safe, so nobody's
 * later change is overwritten with a stale copy), then the change log. Running it again after a
 * crash part-way finishes the job: what is already stored is left alone.
 */
export async function storeImport(store: PlanStore, read: PlanImport, outcome: ImportOutcome, by: Change["by"], now: Date): Promise<void> {
  const created = new Set(outcome.changes.filter((c) => c.what === "created").map((c) => c.id));
  await store.importRecords({
    plans: read.isNew ? [read.plan] : [],
    sections: read.sections.filter((s) => created.has(s.id)),
    deliverables: read.deliverables.filter((d) => created.has(d.id)),
    actions: read.actions.filter((a) => created.has(a.id)),
    progressUpdates: read.progressUpdates,
  });
  const kinds: Record<"section" | "deliverable", EditableKind> = { section: "sections", deliverable: "deliverables" };
  for (const change of outcome.changes.filter((c) => c.what === "edited")) {
    const edit = <T extends object>(current: T): T => ({ ...current, ...Object.fromEntries(change.fields.map((f) => [f.field, f.to])) });
    if (change.kind === "action") await store.updateAction(change.id, edit);
    else if (change.kind === "section" || change.kind === "deliverable") await store.updateRecord(kinds[change.kind], change.id, edit);
  }
  const at = now.toISOString();
  for (const change of outcome.changes) {
    await store.recordChange({ id: `change-${randomUUID().slice(0, 8)}`, at, by, subject: { kind: change.kind, id: change.id, label: change.label }, planId: read.plan.id, boards: read.plan.boards, what: change.what, fields: change.fields });
  }
}
