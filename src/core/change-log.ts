import { z } from "zod";
import type { Action } from "./action.js";
import { TRACKED_FIELDS } from "./action-event.js";
import { IdSchema, InstantSchema } from "./ids.js";

/** What a board manager can create or edit from the tab, each kept in its own list. */
export const SubjectKindSchema = z.enum(["plan", "section", "deliverable", "action", "lead", "person", "subgroup"]);
export type SubjectKind = z.infer<typeof SubjectKindSchema>;

/** One field as it was and as it became; values as stored (JSON), so nothing is lost in the retelling. */
export const FieldChangeSchema = z.object({ field: z.string().min(1), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/**
 * Who changed what, and when: one entry per create or edit a person made from the tab, kept
 * alongside the plans so a board can answer "who moved this deadline?" at its next meeting.
 */
export const ChangeSchema = z.object({
  id: IdSchema,
  at: InstantSchema,
  /**
   * Who was signed in: their directory record (if any), and their Entra object id and name at
   * the time, so rebinding a person record later cannot rewrite who made the change.
   */
  by: z.object({ personId: IdSchema.nullable(), entraObjectId: z.string().min(1).nullable().default(null), name: z.string().min(1) }),
  subject: z.object({ kind: SubjectKindSchema, id: IdSchema, label: z.string().min(1) }),
  /** The plan it belongs to, if it belongs to one (the directory and subgroups do not). */
  planId: IdSchema.nullable(),
  /** The boards the record belongs to, so each board reads its own log; entries from before boards were kept have none. */
  boards: z.array(z.string().min(1)).default([]),
  what: z.enum(["created", "edited"]),
  fields: z.array(FieldChangeSchema),
});
export type Change = z.infer<typeof ChangeSchema>;

/** JSON with object keys in order, so two equal records compare equal however they were built or read back. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/** The top-level fields that differ between two versions of a record (all of them, for a new one). */
export function fieldChanges<T extends object>(before: T | null, after: T): FieldChange[] {
  // A new record: every field is a change (no need to compare, which is slow over thousands of records).
  if (before === null) return Object.entries(after as Record<string, unknown>).filter(([field, to]) => field !== "id" && to !== undefined).map(([field, to]) => ({ field, from: null, to }));
  const was = before as Record<string, unknown>;
  return Object.entries(after as Record<string, unknown>)
    .filter(([field, to]) => field !== "id" && canonical(was[field]) !== canonical(to))
    .map(([field, to]) => ({ field, from: was[field] ?? null, to }));
}

/**
 * The change log's entry for an event applied to an action: the fields an event can change
 * (TRACKED_FIELDS) that differ between the action before and after, so the log names what a
 * board reports on and never the action's bookkeeping (its latest update, its version).
 */
export function actionEventChange(input: { id: string; at: string; by: Change["by"]; before: Action; after: Action; boards: readonly string[] }): Change {
  const tracked = (a: Action) => Object.fromEntries(TRACKED_FIELDS.map((field) => [field, a[field]]));
  const { after } = input;
  return { id: input.id, at: input.at, by: input.by, subject: { kind: "action", id: after.id, label: `action ${after.ref}` }, planId: after.planId, boards: [...input.boards], what: "edited", fields: fieldChanges(tracked(input.before), tracked(after)) };
}
