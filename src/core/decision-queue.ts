import { currentDeadline, type Action } from "./action.js";
import { pendingDeadlineRequests } from "./deadline-request.js";
import { ConflictError, NotFoundError } from "./errors.js";
import type { IsoDate } from "./iso-date.js";
import { leadOfAction } from "./lead.js";
import type { ProgressUpdate } from "./progress-update.js";
import type { BoardRecords } from "./records.js";
import { mayEditAction, type Roles } from "./roles.js";

/** One thing waiting for a manager or chair: a lead's request for a new deadline, or a completion to sign off. */
export interface Decision {
  kind: "deadline" | "sign-off";
  action: Pick<Action, "id" | "ref" | "text" | "planId" | "lead" | "rating" | "status">;
  planTitle: string;
  /** The deadline as it stands until the decision. */
  deadline: IsoDate | null;
  /** The progress update that asks: its new deadline, or its "complete" and evidence. */
  request: ProgressUpdate;
}

/** The completion an action awaiting sign-off waits on: the latest update that marked it complete. */
export function completionOf(actionId: string, updates: readonly ProgressUpdate[]): ProgressUpdate | null {
  return updates.filter((u) => u.actionId === actionId && u.markedComplete).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1) ?? null;
}

/** The completion a sign-off card answers: still the latest, and the action still awaiting sign-off; else refused, nothing to write. */
export function completionToDecide(action: Action, updates: readonly ProgressUpdate[], requestId: string): ProgressUpdate {
  const completion = completionOf(action.id, updates);
  if (!completion || completion.id !== requestId) throw new NotFoundError(`the completion this card asks about on action ${action.ref}`);
  if (action.status.state !== "complete") throw new ConflictError(`action ${action.ref} is no longer awaiting sign-off; nothing was changed`);
  return completion;
}

/**
 * What waits for this person to decide, oldest first: deadline requests and completions on
 * actions they may decide (their plans' actions, their subgroups' actions), leaving out what
 * they asked for or recorded themselves, which someone else decides.
 */
export function decisionQueue(records: BoardRecords, roles: Roles): Decision[] {
  const byAction = <T extends { actionId: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.actionId, [...(map.get(row.actionId) ?? []), row]);
    return map;
  };
  const updates = byAction(records.progressUpdates);
  const events = byAction(records.actionEvents);
  const mine = (u: ProgressUpdate) => roles.personId !== null && (u.author.personId === roles.personId || u.recordedBy?.personId === roles.personId);
  const out: Decision[] = [];
  for (const action of records.actions) {
    const asked = updates.get(action.id);
    if (!asked) continue;
    const plan = records.plans.find((p) => p.id === action.planId);
    if (!plan) continue;
    const subgroupIds = leadOfAction(action, records.plans, records.leads)?.subgroups ?? [];
    if (!mayEditAction(roles, { planId: action.planId, subgroupIds })) continue;
    const base = { action: { id: action.id, ref: action.ref, text: action.text, planId: action.planId, lead: action.lead, rating: action.rating, status: action.status }, planTitle: plan.title, deadline: currentDeadline(action) };
    if (action.status.state === "open") {
      for (const request of pendingDeadlineRequests(asked, events.get(action.id) ?? [])) if (!mine(request)) out.push({ ...base, kind: "deadline", request });
    }
    if (action.status.state === "complete") {
      const completion = completionOf(action.id, asked);
      if (completion && !mine(completion)) out.push({ ...base, kind: "sign-off", request: completion });
    }
  }
  return out.sort((a, b) => Date.parse(a.request.at) - Date.parse(b.request.at));
}
