import { randomUUID } from "node:crypto";
import { z } from "zod";
import { actingRole, actionEditEvent, REASON_MAX, type Actor } from "../src/core/action-edit.js";
import type { ActionEvent } from "../src/core/action-event.js";
import type { Action } from "../src/core/action.js";
import { deadlineDecision } from "../src/core/deadline-request.js";
import { completionToDecide } from "../src/core/decision-queue.js";
import { AssureError, ConflictError } from "../src/core/errors.js";
import { textOf } from "../src/core/ids.js";
import { leadOfAction, sharesBoard } from "../src/core/lead.js";
import { londonDate } from "../src/core/london.js";
import { mayEditAction, rolesOf } from "../src/core/roles.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import { decidersOf, type Decider } from "../src/core/deciders.js";
import type { IsoDate } from "../src/core/iso-date.js";
import type { BoardRecords } from "../src/core/records.js";
import { versionOf } from "../src/core/version.js";
import type { CardElement } from "./cards/card-json.js";
import { logEvent } from "../src/log.js";
import { recordActionEvent } from "../src/store/record-event.js";
import type { CardActionRequest, CardActionResult } from "./card-actions.js";
import { renderNoticeCard } from "./cards/reminder-card.js";
import { DECISION_VERBS, decisionKindOf, renderDecidedCard, renderDecisionCard, renderDecisionPendingCard, type DecisionVerb } from "./cards/decision-card.js";
import type { PendingState } from "./cards/pending-card.js";

/** What a decision card's buttons send: the ids and version it was built with, and the reason typed. */
export const DecisionCardDataSchema = z.object({
  actionId: z.string().min(1).max(300),
  requestId: z.string().min(1).max(300),
  version: z.string().min(1).max(200),
  reason: z.string().max(20_000).optional(),
});

export const isDecisionVerb = (verb: string): verb is DecisionVerb => Object.values(DECISION_VERBS).includes(verb as DecisionVerb);

const notice = (title: string, message: string): CardActionResult => ({ kind: "card", card: renderNoticeCard(title, message), forEveryone: false });

/**
 * A manager's (or chair's) answer from a decision card: the same rules as the tab's (the
 * requester never decides their own request, nobody signs off their own completion, only the
 * plan's managers and its subgroups' chairs decide, a reason is needed) and the same write:
 * refused under a stale version, the action and its event written together or not at all. Who
 * is answering is the activity's sender, never anything in the card's data.
 */
export async function handleDecisionAction(request: CardActionRequest, deps: { store: PlanStore & DeliveryStore; now: () => Date }): Promise<CardActionResult> {
  if (!isDecisionVerb(request.verb)) return { kind: "error", status: 400, code: "unknownVerb", message: `Assure does not know the card action "${String(request.verb).slice(0, 50)}"` };
  const parsed = DecisionCardDataSchema.safeParse(request.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "error", status: 400, code: "malformedCard", message: `This card is malformed: ${issue.path.join(".") || "data"} ${issue.message}` };
  }
  const data = parsed.data;
  const { records } = await deps.store.readRecords();
  const action = records.actions.find((a) => a.id === data.actionId);
  const plan = action && records.plans.find((p) => p.id === action.planId);
  if (!action || !plan) return notice("This action is no longer in the plan", "Nothing was recorded.");
  const sender = request.userEntraId?.toLowerCase();
  const person = sender ? records.people.find((p) => p.entraObjectId.toLowerCase() === sender) : undefined;
  const subgroupIds = leadOfAction(action, records.plans, records.leads)?.subgroups ?? [];
  const roles = rolesOf(person?.id ?? null, records);
  if (!person || !mayEditAction(roles, { planId: plan.id, subgroupIds })) {
    return notice("This is not yours to decide", `Only the board managers of "${plan.title}" and the chairs of the subgroups that lead action ${action.ref} decide it. Nothing was recorded.`);
  }
  const kind = decisionKindOf(request.verb as DecisionVerb);
  const now = deps.now();
  const today = londonDate(now);
  const updates = records.progressUpdates.filter((u) => u.actionId === action.id);
  const asked = updates.find((u) => u.id === data.requestId);
  const reason = textOf(REASON_MAX).safeParse(data.reason ?? "");
  if (!reason.success) {
    if (!asked) return notice("This request is no longer in the plan", "Nothing was recorded.");
    const problem = `Why: ${reason.error.issues[0]!.message}`;
    return { kind: "card", forEveryone: false, card: renderDecisionCard({ plan, action, request: asked, kind, version: data.version, today, problem }) };
  }
  const by: Actor = { personId: person.id, name: person.displayName, role: actingRole(roles, { planId: plan.id, subgroupIds }) };
  const events = records.actionEvents.filter((e) => e.actionId === action.id);
  const id = `ev-${randomUUID().slice(0, 8)}`;
  const make = (current: Action): ActionEvent | null => {
    if (kind === "deadline") return deadlineDecision({ action: current, updates, events, requestId: data.requestId, approve: request.verb === DECISION_VERBS.approve, reason: reason.data, by, at: now, id });
    const completion = completionToDecide(current, updates, data.requestId);
    return actionEditEvent(current, { status: { state: request.verb === DECISION_VERBS.signOff ? "closed" : "open" }, reason: reason.data }, { leads: records.leads.filter((l) => sharesBoard(l.boards, plan.boards)), by, at: now, today, id, completedBy: completion.author.personId });
  };
  try {
    const done = await recordActionEvent({ store: deps.store, actionId: action.id, expected: data.version, by: { personId: person.id, entraObjectId: person.entraObjectId, name: person.displayName }, boards: plan.boards, now, make });
    if (!done.event) return notice("Nothing changed", `Action ${action.ref} already stood as you asked.`);
    logEvent("info", "decision-recorded", { actionId: action.id, eventId: done.event.id, kind: done.event.kind, via: "teams-card" });
    return { kind: "card", forEveryone: true, card: renderDecidedCard({ plan, action: done.action, event: done.event, today }) };
  } catch (error: unknown) {
    if (!(error instanceof AssureError) || error.code === "not-logged") throw error;
    const stale = error instanceof ConflictError && error.current !== undefined;
    return notice(
      "Nothing was recorded",
      stale ? `Action ${action.ref} has changed since this card was sent. Open it in the plan's tab, where you see it as it is now, and decide there.` : `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`,
    );
  }
}

/** A decision card's answer while it is being recorded, or once it was not; null for data that is no decision card's. */
export function decisionPendingCard(verb: string, data: unknown, state: PendingState): CardElement | null {
  const parsed = DecisionCardDataSchema.safeParse(data);
  return isDecisionVerb(verb) && parsed.success ? renderDecisionPendingCard(verb, parsed.data, state) : null;
}

/**
 * The decision cards a recorded update calls for: to each of the plan's managers and the lead's
 * subgroup chairs (never the asker), when it asks for a new deadline or marks the action
 * complete; none for an update that asks nothing of anyone.
 */
export function decisionCardsFor(records: BoardRecords, updateId: string, today: IsoDate): { decider: Decider; entraObjectId: string; card: CardElement }[] {
  const update = records.progressUpdates.find((u) => u.id === updateId);
  const action = update && records.actions.find((a) => a.id === update.actionId);
  const plan = action && records.plans.find((p) => p.id === action.planId);
  if (!update || !action || !plan) return [];
  const kind = update.proposedDeadline ? "deadline" : update.markedComplete ? "sign-off" : null;
  if (!kind) return [];
  const card = renderDecisionCard({ plan, action, request: update, kind, version: versionOf(action), today });
  return decidersOf(action, records, [update.author.personId, update.recordedBy?.personId ?? null]).flatMap((decider) => {
    const person = records.people.find((p) => p.id === decider.personId);
    return person ? [{ decider, entraObjectId: person.entraObjectId, card }] : [];
  });
}
