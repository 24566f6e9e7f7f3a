import { createHash } from "node:crypto";
import type { Change } from "../core/change-log.js";
import { AssureError, InputError } from "../core/errors.js";
import type { ImportOutcome } from "../core/import-changes.js";
import type { ImportProblem, PlanImport } from "../core/plan-import.js";
import type { EditableKind, PlanStore } from "../core/store.js";
import { changeCodec, RECORD_CODECS, type Codec } from "./record-codecs.js";
import { checkFits } from "./site-lists.js";

/**
 * Storing an import the preview showed. SharePoint has no transactions, so "all or nothing" is
 * kept in three ways:
 * - everything the store would refuse (a schema, an id, a 70,000-character cell) is found before
 *   anything is written, by the same check the preview shows (importRefusals), so a refusal can
 *   never come part-way;
 * - the change log is written first, each entry with an id made from the import and its record,
 *   so it says what the import does before the records change, and a retry never logs twice;
 * - then new records (parents before children), then each edit field by field against what is
 *   stored now (eTag-safe). Records already stored are left alone, so if the network or the
 *   server fails part-way, importing the same document again finishes the job, its change log
 *   entries already in place.
 */
export async function storeImport(store: PlanStore, read: PlanImport, outcome: ImportOutcome, by: Change["by"], now: Date): Promise<void> {
  const refused = importRefusals(read, outcome, by, now);
  if (refused.length > 0) throw new InputError("document", `nothing was stored: ${refused.map((p) => `${p.where}: ${p.message}`).join("; ")}`);
  for (const change of changeEntries(read, outcome, by, now)) await store.recordChange(change);
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
}

/**
 * What the import would write, and the change log, checked as the store checks it (each record's
 * schema, then each list column's length), before anything is written: each refusal as a
 * blocking problem naming the record and field. The preview shows the same list.
 */
export function importRefusals(read: PlanImport, outcome: ImportOutcome, by: Change["by"] = { personId: null, entraObjectId: null, name: "preview" }, now = new Date()): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const check = <T>(codec: Codec<T>, record: T, where: string, refs: string[], field: ImportProblem["field"]) => {
    const parsed = codec.schema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ severity: "blocking", where, refs, field, message: `${issue.path.join(".") || "record"}: ${issue.message}; the store would refuse it` });
      return;
    }
    try {
      checkFits(codec.list, codec.toFields(parsed.data));
    } catch (error: unknown) {
      if (!(error instanceof AssureError)) throw error;
      problems.push({ severity: "blocking", where, refs, field, message: `${error.message}: shorten it in the document` });
    }
  };
  const c = RECORD_CODECS;
  if (read.isNew) check(c.plans, read.plan, "the plan", [], "plan");
  for (const s of read.sections) check(c.sections, s, `${s.kind === "priority" ? "Priority" : "Recommendation"} ${s.number}`, [s.number], "section");
  for (const d of read.deliverables) check(c.deliverables, d, `Key deliverable ${d.ref}`, [d.ref], "deliverable");
  for (const a of read.actions) check(c.actions, a, `Action ${a.ref}`, [a.ref], "action");
  for (const u of read.progressUpdates) check(c.progressUpdates, u, `the progress update on ${u.actionId}`, [], "progress");
  // Only when the records pass: a record the store refuses makes a change entry it refuses too.
  if (problems.length === 0) for (const entry of changeEntries(read, outcome, by, now)) check(changeCodec, entry, `the change log entry for ${entry.subject.label}`, [], "plan");
  return problems;
}

/** The change log of an import, each entry's id fixed by the document's records and its subject, so writing it again adds nothing. */
function changeEntries(read: PlanImport, outcome: ImportOutcome, by: Change["by"], now: Date): Change[] {
  const digest = (text: string) => createHash("sha256").update(text).digest("hex");
  const importId = digest(JSON.stringify([read.plan.id, read.sections, read.deliverables, read.actions])).slice(0, 12);
  const at = now.toISOString();
  return outcome.changes.map((change) => ({
    id: `change-import-${importId}-${digest(`${change.kind}|${change.id}`).slice(0, 12)}`,
    at,
    by,
    subject: { kind: change.kind, id: change.id, label: change.label },
    planId: read.plan.id,
    boards: [...read.plan.boards],
    what: change.what,
    fields: change.fields,
  }));
}
