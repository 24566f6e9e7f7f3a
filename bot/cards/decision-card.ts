import type { Action } from "../../src/core/action.js";
import type { ActionEvent } from "../../src/core/action-event.js";
import { ukDay } from "../../src/core/event-words.js";
import type { IsoDate } from "../../src/core/iso-date.js";
import { londonTime } from "../../src/core/london.js";
import type { Plan } from "../../src/core/plan.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import { REASON_MAX } from "../../src/core/action-edit.js";
import { card, execute, facts, heading, text, type CardElement } from "./card-json.js";
import { escapeCardText, markdownLinkTarget } from "./escape.js";
import { dueText } from "./reminder-card.js";
import { renderPendingCard, type PendingState } from "./pending-card.js";

/** The decision card's verbs: a deadline request approved or declined, a completion signed off or returned. */
export const DECISION_VERBS = { approve: "approveDeadline", decline: "declineDeadline", signOff: "signOffCompletion", giveBack: "returnCompletion" } as const;
export type DecisionVerb = (typeof DECISION_VERBS)[keyof typeof DECISION_VERBS];
export type DecisionKind = "deadline" | "sign-off";
/** What a decision verb decides: a deadline request (approve, decline) or a completion (sign off, return). */
export const decisionKindOf = (verb: DecisionVerb): DecisionKind => (verb === DECISION_VERBS.approve || verb === DECISION_VERBS.decline ? "deadline" : "sign-off");

/**
 * What a plan's manager (or the lead's subgroup chair) gets when a lead asks for a new deadline
 * or marks an action complete: what was asked, by whom, the deadline as it stands, a reason box
 * and the two answers. The card carries the action's version, so an answer to a card the action
 * has moved on from is refused, never applied over a newer change.
 */
export function renderDecisionCard(input: { plan: Plan; action: Action; request: ProgressUpdate; kind: DecisionKind; version: string; today: IsoDate; problem?: string }): CardElement {
  const { plan, action, request, kind } = input;
  const asked = request.proposedDeadline;
  const data = { actionId: action.id, requestId: request.id, version: input.version };
  const who = `${escapeCardText(request.author.name, 100)}, ${londonTime(request.at)}${request.recordedBy ? ` (recorded by ${escapeCardText(request.recordedBy.name, 100)}, from ${escapeCardText(request.recordedBy.source, 200)})` : ""}`;
  return card(
    [
      heading(kind === "deadline" ? `Action ${escapeCardText(action.ref, 20)}: a new deadline to approve` : `Action ${escapeCardText(action.ref, 20)}: marked complete, to sign off`),
      ...(input.problem ? [text(`Not recorded: ${escapeCardText(input.problem, 500)}`, { color: "Attention", weight: "Bolder" })] : []),
      facts([
        ["Plan", escapeCardText(plan.title, 300)],
        ["Lead", escapeCardText(action.lead.asWritten, 300)],
        ["Deadline now", dueText(action, input.today)],
        ...(asked ? ([["New deadline asked for", `${ukDay(asked.date)}: ${escapeCardText(asked.reason, 1000)}`]] as [string, string][]) : []),
        [kind === "deadline" ? "Asked by" : "Marked complete by", who],
      ]),
      text(escapeCardText(action.text, 2000)),
      text(escapeCardText(request.text, 1500), { isSubtle: true }),
      ...request.evidence.map((link, i) => text(`[Evidence ${i + 1}](${markdownLinkTarget(link)})`)),
      text(kind === "deadline" ? "The deadline stands until you decide." : "It shows as awaiting sign-off until you decide.", { isSubtle: true }),
      reasonInput(undefined),
    ],
    decisionButtons(kind, data),
  );
}

const REASON_LABEL = "Why (the action's history and the board paper show it)";

function reasonInput(typed: string | undefined): CardElement {
  return {
    type: "Input.Text",
    id: "reason",
    label: REASON_LABEL,
    isMultiline: true,
    isRequired: true,
    maxLength: REASON_MAX,
    errorMessage: "Say why: the action's history and the annual report show it.",
    ...(typed ? { value: typed.slice(0, REASON_MAX) } : {}),
  };
}

const BUTTONS = {
  [DECISION_VERBS.approve]: "Approve the new deadline",
  [DECISION_VERBS.decline]: "Decline",
  [DECISION_VERBS.signOff]: "Sign off",
  [DECISION_VERBS.giveBack]: "Return to the lead",
} as const;

function decisionButtons(kind: DecisionKind, data: { actionId: string; requestId: string; version: string }): CardElement[] {
  return kind === "deadline"
    ? [execute(BUTTONS[DECISION_VERBS.approve], DECISION_VERBS.approve, { ...data }, { style: "positive" }), execute(BUTTONS[DECISION_VERBS.decline], DECISION_VERBS.decline, { ...data })]
    : [execute(BUTTONS[DECISION_VERBS.signOff], DECISION_VERBS.signOff, { ...data }, { style: "positive" }), execute(BUTTONS[DECISION_VERBS.giveBack], DECISION_VERBS.giveBack, { ...data })];
}

const DECIDING = {
  [DECISION_VERBS.approve]: "your approval of the new deadline",
  [DECISION_VERBS.decline]: "your refusal of the new deadline",
  [DECISION_VERBS.signOff]: "your sign-off",
  [DECISION_VERBS.giveBack]: "your return of the action to its lead",
} as const;

/** A decision's answer while it is being recorded, or once it finally was not, drawn from what the card sent. */
export function renderDecisionPendingCard(verb: DecisionVerb, data: { actionId: string; requestId: string; version: string; reason?: string }, state: PendingState): CardElement {
  const kind = decisionKindOf(verb);
  return renderPendingCard({
    state,
    what: DECIDING[verb],
    button: BUTTONS[verb],
    sent: [["Why", data.reason ?? ""]],
    inputs: [reasonInput(data.reason)],
    actions: decisionButtons(kind, { actionId: data.actionId, requestId: data.requestId, version: data.version }),
  });
}

/** What replaces the decision card once decided, for everyone in the chat: what was decided, by whom, when and why. */
export function renderDecidedCard(input: { plan: Plan; action: Action; event: ActionEvent; today: IsoDate }): CardElement {
  const { action, event } = input;
  const revised = event.fields.find((f) => f.field === "revisedDeadline");
  const what =
    event.kind === "deadline-approved" && revised?.to && "date" in revised.to ? `new deadline ${ukDay(revised.to.date)} approved`
    : event.kind === "deadline-declined" ? "new deadline declined; the deadline stands"
    : event.kind === "signed-off" ? "signed off"
    : event.kind === "returned" ? "returned to its lead, open again"
    : "changed";
  return card([
    heading(`Action ${escapeCardText(action.ref, 20)}: ${what}`),
    text(`${escapeCardText(event.by.name, 100)} (${event.by.role}), ${londonTime(event.at)}: ${escapeCardText(event.reason ?? "", REASON_MAX)}`),
    facts([
      ["Plan", escapeCardText(input.plan.title, 300)],
      ["Deadline", dueText(action, input.today)],
    ]),
  ]);
}
