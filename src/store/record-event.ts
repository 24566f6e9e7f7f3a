import { randomUUID } from "node:crypto";
import { applyEvent } from "../core/action-edit.js";
import type { Action } from "../core/action.js";
import type { ActionEvent } from "../core/action-event.js";
import { actionEventChange, type Change } from "../core/change-log.js";
import { AssureError, ConflictError } from "../core/errors.js";
import type { PlanStore } from "../core/store.js";
import { logEvent } from "../log.js";
import { versionOf } from "../core/version.js";

/**
 * Applies an action event to the action as stored, if it is still the version the person saw:
 * the event is made from the stored action (its "from" values), so a refusal (stale, no reason,
 * not theirs to decide) writes nothing. Then the event is appended beside the updates and the
 * change log told (the entry is the core's: actionEventChange). The action first: a stale edit
 * must leave no event behind. The tab's routes (src/server) and the decision card's verbs (bot/)
 * both come here, through the PlanStore interface alone.
 */
export async function recordActionEvent(input: {
  store: PlanStore;
  actionId: string;
  /** The version the person saw (If-Match, or the version a card was sent with). */
  expected: string;
  by: Change["by"];
  boards: readonly string[];
  now: Date;
  make: (current: Action) => ActionEvent | null;
}): Promise<{ action: Action; event: ActionEvent | null }> {
  const { store } = input;
  let made: { event: ActionEvent; before: Action } | null = null;
  const updated = await store.updateAction(input.actionId, (current) => {
    if (versionOf(current) !== input.expected) {
      throw new ConflictError(`action ${current.ref} was changed by someone else since you opened it; your change was not saved`, { ...current, version: versionOf(current) });
    }
    const event = input.make(current);
    made = event ? { event, before: current } : null;
    return event ? applyEvent(current, event) : current;
  });
  if (!made) return { action: updated, event: null };
  const { event, before } = made as { event: ActionEvent; before: Action };
  try {
    await store.appendActionEvents([event]);
  } catch (error: unknown) {
    logEvent("error", "event-not-recorded", { id: event.id, actionId: event.actionId, at: event.at, kind: event.kind, error: error instanceof Error ? error.message : String(error) });
    throw new AssureError("not-logged", `your change to action ${updated.ref} was saved, but could not be added to its history; the server's log holds the entry for an administrator`, { cause: error });
  }
  const change = actionEventChange({ id: `change-${randomUUID().slice(0, 8)}`, at: input.now.toISOString(), by: input.by, before, after: updated, boards: input.boards });
  try {
    await store.recordChange(change);
  } catch (error: unknown) {
    // Ids only, never names or text: the server log is not the place for personal data.
    logEvent("error", "change-not-logged", { entry: { id: change.id, at: change.at, by: { personId: change.by.personId, entraObjectId: change.by.entraObjectId }, subject: { kind: "action", id: updated.id }, planId: updated.planId, what: "edited", fields: change.fields.map((f) => f.field) }, error: error instanceof Error ? error.message : String(error) });
    throw new AssureError("not-logged", `your change to action ${updated.ref} was saved, but could not be added to the change log; the server's log holds the entry for an administrator to add`, { cause: error });
  }
  return { action: updated, event };
}
