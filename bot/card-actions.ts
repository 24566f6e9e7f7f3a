import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { z } from "zod";
import { isOpen } from "../src/core/action.js";
import { IdSchema, SubmissionIdSchema } from "../src/core/ids.js";
import { decideImpactReview, dueImpactReminders, ImpactReviewInputSchema } from "../src/core/impact-reminder.js";
import { IMPACT_OUTCOME_NAMES, type ImpactReview } from "../src/core/impact-review.js";
import type { Register, RegisterStore } from "../src/core/register.js";
import { rolesOf } from "../src/core/roles.js";
import { ukDay } from "../src/core/event-words.js";
import { IMPACT_VERB, renderImpactCard, renderImpactPendingCard } from "./cards/impact-card.js";
import { answersFor, type Person } from "../src/core/lead.js";
import { londonDate } from "../src/core/london.js";
import { applyProgressUpdate, decideProgress } from "../src/core/progress.js";
import { decidersOf, decidersWords } from "../src/core/deciders.js";
import type { ProgressUpdate } from "../src/core/progress-update.js";
import type { BoardRecords } from "../src/core/records.js";
import { DEFAULT_REMINDER_POLICY } from "../src/core/reminder-settings.js";
import type { ActionContext, DeliveryStore, PlanStore } from "../src/core/store.js";
import type { CardElement } from "./cards/card-json.js";
import { renderNoticeCard, renderRecordedCard, renderReminderCard, renderReminderPendingCard, VERBS } from "./cards/reminder-card.js";
import type { PendingState } from "./cards/pending-card.js";
import { StoreError } from "../src/store/store-error.js";

/** What a card button sends back: the ids the card was built with, and the inputs (all strings). */
export const CardActionDataSchema = z.object({
  actionId: z.string().min(1).max(300),
  reminderKey: z.string().max(500).nullable().optional(),
  submissionId: SubmissionIdSchema,
  progress: z.string().optional(),
  evidence: z.string().optional(),
  rating: z.string().optional(),
  newDeadline: z.string().optional(),
  newDeadlineReason: z.string().optional(),
  complete: z.string().optional(),
});

export interface CardActionRequest {
  verb: string;
  data: unknown;
  /** The sender's Entra object id, from the activity (never from card data). */
  userEntraId: string | undefined;
}

export type CardActionResult =
  | { kind: "card"; card: CardElement; /** also replace the card for everyone in the chat */ forEveryone: boolean }
  | { kind: "error"; status: 400 | 500; code: string; message: string };

export interface CardActionDeps {
  store: PlanStore & DeliveryStore;
  now: () => Date;
  /** Tells the plan's board managers something needs them (reassignment, a stuck action). */
  notifyManagers: (planId: string, message: string) => Promise<void>;
  /** The findings register, where an impact review card records its answer; null: none here. */
  register?: RegisterStore | null;
  /** Sends the plan's managers (and the lead's subgroup chairs) a decision card for a new deadline or a completion; never throws. */
  askDeciders?: (updateId: string) => Promise<void>;
}

/** The card's names for the fields a person fills in, for error messages. */
export const FIELD_NAMES = {
  text: "Progress update",
  evidence: "Evidence links",
  rating: "RAG rating",
  proposedDeadline: "New deadline",
  markComplete: "Complete",
} as const;

const notice = (title: string, message: string): CardActionResult => ({ kind: "card", card: renderNoticeCard(title, message), forEveryone: false });

/** Handles Submit update, Snooze and Not my action from a reminder card. */
export async function handleCardAction(request: CardActionRequest, deps: CardActionDeps): Promise<CardActionResult> {
  if (request.verb === IMPACT_VERB) return handleImpactReview(request, deps);
  if (!Object.values(VERBS).includes(request.verb as never)) {
    return { kind: "error", status: 400, code: "unknownVerb", message: `Assure does not know the card action "${String(request.verb).slice(0, 50)}"` };
  }
  const parsed = CardActionDataSchema.safeParse(request.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "error", status: 400, code: "malformedCard", message: `This card is malformed: ${issue.path.join(".") || "data"} ${issue.message}` };
  }
  const data = parsed.data;
  const context = await deps.store.readActionContext(data.actionId, request.userEntraId);
  if (!context) return notice("This action is no longer in the plan", "It may have been removed or merged. Nothing was recorded; your board manager can tell you more.");
  const { action, person } = context;
  if (!person || !answersFor(context.lead, person.id)) {
    return notice(
      "This action is not yours to update",
      `Action ${action.ref} is led by "${action.lead.asWritten}", and Assure does not have you down for it, so nothing was recorded. If it should be yours, use "Not my action" on your own reminder or ask your board manager.`,
    );
  }
  if (!isOpen(action)) {
    return notice(`Action ${action.ref} is ${action.status.state.replace("-", " ")}`, "It takes no more updates, so nothing was recorded. Thank you.");
  }
  const now = deps.now();
  const { snoozeDays } = context.plan.reminderPolicy ?? DEFAULT_REMINDER_POLICY;
  if (request.verb === VERBS.snooze) return snooze(action.id, action.ref, person, now, snoozeDays, deps);
  if (request.verb === VERBS.notMine) {
    const claimed = await deps.store.claim({
      key: `not-mine|${action.id}|${person.id}`,
      kind: "escalation",
      actionId: action.id,
      recipient: person.id,
      stage: "not-my-action",
      dueOn: null,
      status: "sent",
      claimedAt: now.toISOString(),
      sentAt: now.toISOString(),
      attempts: 1,
      lastError: null,
    });
    if (claimed) {
      await deps.notifyManagers(action.planId, `${person.displayName} says action ${action.ref} ("${action.lead.asWritten}") is not theirs. Please reassign it.`);
    }
    return notice("Thank you", `Your board manager has been asked to reassign action ${action.ref}. You will not be asked about it again until they have.`);
  }
  return submit(context, person, data, now, deps);
}

async function snooze(actionId: string, ref: string, person: Person, now: Date, days: number, deps: CardActionDeps): Promise<CardActionResult> {
  const until = addDays(now, days);
  await deps.store.claim({
    key: `snooze|${actionId}|${person.id}|${londonDate(until)}`,
    kind: "snooze",
    actionId,
    recipient: person.id,
    stage: "snooze",
    dueOn: until.toISOString(),
    status: "sent",
    claimedAt: now.toISOString(),
    sentAt: now.toISOString(),
    attempts: 1,
    lastError: null,
  });
  return notice("Snoozed", `Assure will ask about action ${ref} again on ${format(until, "EEEE d MMMM")}.`);
}

/** The card's inputs (all strings) as what a lead submits; the same names on the email reply page. */
export function progressFromInputs(data: { progress?: string; evidence?: string; rating?: string; newDeadline?: string; newDeadlineReason?: string; complete?: string }) {
  const hasDate = Boolean(data.newDeadline?.trim());
  const hasReason = Boolean(data.newDeadlineReason?.trim());
  return {
    text: data.progress ?? "",
    evidence: (data.evidence ?? "").split(/\s+/).filter(Boolean),
    rating: data.rating ? data.rating : null,
    proposedDeadline: hasDate || hasReason ? { date: data.newDeadline?.trim() ?? "", reason: data.newDeadlineReason ?? "" } : null,
    markComplete: data.complete === "true",
  };
}

async function submit(
  context: ActionContext,
  person: Person,
  data: z.infer<typeof CardActionDataSchema>,
  now: Date,
  deps: CardActionDeps,
): Promise<CardActionResult> {
  const { action, plan, section } = context;
  const today = londonDate(now);
  const updateId = `pu-${data.submissionId}`;
  const already = context.updates.find((u) => u.id === updateId);
  if (already) {
    // Sent again after a write that stopped between the update and the action's summary (Assure
    // stopped, or SharePoint stayed busy): the summary is finished now, never the update written twice.
    const finished = applyProgressUpdate(action, already) === action ? action : await deps.store.updateAction(action.id, (current) => applyProgressUpdate(current, already));
    return { kind: "card", card: renderRecordedCard({ plan, action: finished, update: already, today, deciders: await decidersFor(deps.store, action, already) }), forEveryone: true };
  }

  const decision = decideProgress({ action, lead: context.lead, person, submitted: progressFromInputs(data), now, updateId, via: "teams-card" });
  if (decision.kind === "not-lead" || decision.kind === "not-open") return notice("Nothing was recorded", `Action ${action.ref} cannot take this update now.`);
  if (decision.kind === "invalid") {
    const [first, ...rest] = decision.path.map(String);
    const field = FIELD_NAMES[first as keyof typeof FIELD_NAMES] ?? first;
    return {
      kind: "card",
      forEveryone: false,
      card: renderReminderCard({
        plan,
        section,
        action,
        lastUpdate: context.updates.at(-1) ?? null,
        today,
        reminderKey: data.reminderKey ?? null,
        submissionId: data.submissionId,
        problem: { message: `${field}${rest.length > 0 ? ` (${rest.join(" ")})` : ""}: ${decision.message}`, typed: data },
        snoozeDays: (plan.reminderPolicy ?? DEFAULT_REMINDER_POLICY).snoozeDays,
      }),
    };
  }
  const { update } = decision;
  // History first; the summary follows eTag-safely. A double-click lands on the same update id.
  await deps.store.appendProgressUpdates([update]);
  const updated = await deps.store.updateAction(action.id, (current) => applyProgressUpdate(current, update));
  if (update.proposedDeadline || update.markedComplete) await deps.askDeciders?.(update.id);
  return { kind: "card", card: renderRecordedCard({ plan, action: updated, update, today, deciders: await decidersFor(deps.store, action, update) }), forEveryone: true };
}

/** Who decides what an update asks for (a new deadline, a sign-off), in words; undefined when it asks for nothing. */
export async function decidersFor(store: Pick<PlanStore, "readRecords">, action: { planId: string; lead: { asWritten: string } }, update: ProgressUpdate): Promise<string | undefined> {
  if (!update.proposedDeadline && !update.markedComplete) return undefined;
  const { records } = await store.readRecords();
  return decidersWords(decidersOf(action, records, [update.author.personId, update.recordedBy?.personId ?? null]));
}

export function lastUpdateOf(records: BoardRecords, actionId: string) {
  return records.progressUpdates.filter((u) => u.actionId === actionId).sort((a, b) => a.at.localeCompare(b.at)).at(-1) ?? null;
}

const ImpactCardDataSchema = z.object({ recommendationId: IdSchema, submissionId: SubmissionIdSchema, outcome: z.string().optional(), evidence: z.string().optional() });

/** "Record impact review" on an impact reminder card: the owner (or a manager of its board) says whether the change made a difference. */
async function handleImpactReview(request: CardActionRequest, deps: CardActionDeps): Promise<CardActionResult> {
  const parsed = ImpactCardDataSchema.safeParse(request.data);
  if (!parsed.success) return { kind: "error", status: 400, code: "malformedCard", message: `This card is malformed: ${parsed.error.issues[0]!.path.join(".") || "data"} ${parsed.error.issues[0]!.message}` };
  if (!deps.register) return { kind: "error", status: 500, code: "noRegister", message: "This Assure has no findings register to record impact reviews in" };
  const data = parsed.data;
  const [{ records }, { register }] = await Promise.all([deps.store.readRecords(), deps.register.readRegister()]);
  const person = records.people.find((p) => request.userEntraId !== undefined && p.entraObjectId === request.userEntraId);
  if (!person) return notice("Assure does not have you in its directory", "Nothing was recorded. Ask your board's business manager to add you.");
  const id = `impact-${data.submissionId}`;
  const already = register.impactReviews.find((r) => r.id === id);
  if (already) return { kind: "card", card: renderImpactRecordedCard(already, register), forEveryone: true };
  const today = londonDate(deps.now());
  const input = ImpactReviewInputSchema.safeParse({ recommendationId: data.recommendationId, outcome: data.outcome, evidence: data.evidence ?? "" });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    const reminder = dueImpactReminders({ register, records, ledger: [], today }).find((r) => r.recommendationId === data.recommendationId);
    const section = records.sections.find((s) => s.id === data.recommendationId) ?? null;
    const problem = `${issue.path[0] === "outcome" ? "Impact" : "Evidence"}: ${issue.message}`;
    if (!reminder) return notice("Impact review not recorded", problem);
    return { kind: "card", card: renderImpactCard({ reminder, link: register.recommendationLinks.find((l) => l.id === reminder.recommendationId) ?? null, plan: records.plans.find((p) => p.id === section?.planId) ?? null, section, submissionId: data.submissionId, tabUrl: null, problem }), forEveryone: false };
  }
  const decision = decideImpactReview({ register, records, roles: rolesOf(person.id, records), person: { id: person.id, name: person.displayName }, submitted: input.data, today, id });
  if (decision.kind === "not-found") return notice("This recommendation is no longer in the register", "Nothing was recorded; your board manager can tell you more.");
  if (decision.kind === "forbidden") return notice("This impact review is not yours to record", `Only the recommendation's impact owner and the managers of ${decision.board}'s plans record it. Nothing was recorded.`);
  if (decision.kind === "not-due") return notice("This recommendation's actions are not all complete", "Its impact is reviewed once they are; nothing was recorded.");
  await deps.register.addToRegister({ impactReviews: [decision.review] });
  return { kind: "card", card: renderImpactRecordedCard(decision.review, register), forEveryone: true };
}

function renderImpactRecordedCard(review: ImpactReview, register: Register): CardElement {
  const link = register.recommendationLinks.find((l) => l.id === review.recommendationId);
  const title = register.reviews.find((r) => r.id === link?.reviewId)?.title ?? review.recommendationId;
  return renderNoticeCard(`Impact review recorded: ${title}`, `${IMPACT_OUTCOME_NAMES[review.outcome]}, recorded by ${review.recordedBy.name} on ${ukDay(review.recordedOn)}.${review.outcome === "too-early" ? " The next review is set." : ""}\n\nEvidence: ${review.evidence}`);
}

/** Where a card action stands when its answer could not wait for its write. */
export type PendingCardState = { kind: "recording"; since: Date; settledBy: Date } | { kind: "not-recorded"; /** what was thrown, or the action's error answer */ failure: unknown };

/** The card's state in words: a failure becomes the reason the person reads. */
export function pendingState(state: PendingCardState): PendingState {
  return state.kind === "recording" ? state : { kind: "not-recorded", reason: whyNotRecorded(state.failure) };
}

/**
 * What a reminder or impact card shows while its action is still being recorded after Teams'
 * time limit, or once it finally was not: drawn from what the card sent alone; null for data
 * that is not such a card's (answered with an error instead).
 */
export function pendingCardFor(verb: string, data: unknown, state: PendingState): CardElement | null {
  if (verb === IMPACT_VERB) {
    const parsed = ImpactCardDataSchema.safeParse(data);
    return parsed.success ? renderImpactPendingCard(parsed.data, state) : null;
  }
  const parsed = CardActionDataSchema.safeParse(data);
  if (!parsed.success || !Object.values(VERBS).includes(verb as never)) return null;
  return renderReminderPendingCard(verb as (typeof VERBS)[keyof typeof VERBS], { ...parsed.data, reminderKey: parsed.data.reminderKey ?? null }, state);
}

/** Why a card action finally was not recorded, in words for the person who sent it. */
export function whyNotRecorded(failure: unknown): string {
  if (failure instanceof StoreError && failure.storeCode === "throttled") return "The board's SharePoint site stayed too busy to take it: Microsoft was holding back Assure's requests.";
  if (failure instanceof StoreError && failure.retryable) return "Assure could not reach the board's SharePoint site.";
  const answered = failure as Partial<CardActionResult> | null;
  if (answered?.kind === "error" && "message" in answered) return `${answered.message}.`;
  return "Assure hit an unexpected problem (the server's log says which).";
}
