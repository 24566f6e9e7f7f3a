import type { Action } from "./action.js";
import type { Actor } from "./action-edit.js";
import type { ActionEvent } from "./action-event.js";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.js";
import type { ProgressUpdate } from "./progress-update.js";

/**
 * A lead's new deadline is a request: the deadline stands until one of the plan's managers (or
 * the subgroup's chair) approves it, with a reason; a declined request changes nothing. The
 * requests still waiting are those no decision answers and no later request replaced.
 */
export function pendingDeadlineRequests(updates: readonly ProgressUpdate[], events: readonly ActionEvent[]): ProgressUpdate[] {
  const decided = new Set(events.filter((e) => e.kind === "deadline-approved" || e.kind === "deadline-declined").map((e) => e.decides));
  const requests = updates.filter((u) => u.proposedDeadline !== null).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const latest = requests.at(-1);
  return latest && !decided.has(latest.id) ? [latest] : [];
}

/** A manager's answer to a deadline request, as an event; the requester never decides their own request. */
export function deadlineDecision(input: {
  action: Action;
  updates: readonly ProgressUpdate[];
  events: readonly ActionEvent[];
  requestId: string;
  approve: boolean;
  reason: string;
  by: Actor;
  at: Date;
  id: string;
}): ActionEvent {
  const { action, by } = input;
  const request = input.updates.find((u) => u.id === input.requestId && u.actionId === action.id && u.proposedDeadline !== null);
  if (!request?.proposedDeadline) throw new NotFoundError(`deadline request "${input.requestId}" on action ${action.ref}`);
  if (!pendingDeadlineRequests(input.updates, input.events).some((u) => u.id === request.id)) {
    throw new ConflictError(`the request to move action ${action.ref} to ${request.proposedDeadline.date} was already decided or replaced by a newer one; nothing was changed`);
  }
  if (request.author.personId !== null && request.author.personId === by.personId) {
    throw new ForbiddenError(`${by.name} asked for this new deadline, so may not also decide it: another board manager or the subgroup's chair decides`);
  }
  const to = input.approve ? { date: request.proposedDeadline.date, reason: request.proposedDeadline.reason } : null;
  return {
    id: input.id,
    actionId: action.id,
    at: input.at.toISOString(),
    by,
    kind: input.approve ? "deadline-approved" : "deadline-declined",
    reason: input.reason,
    decides: request.id,
    fields: to ? [{ field: "revisedDeadline", from: action.revisedDeadline, to }] : [],
  };
}
