import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { currentDeadline, type Action } from "../../src/core/action.js";
import type { IsoDate } from "../../src/core/iso-date.js";
import type { Plan, Section } from "../../src/core/plan.js";
import { PROGRESS_TEXT_MAX, type ProgressUpdate } from "../../src/core/progress-update.js";
import { ratingWithKey, ratingWord, type Rating } from "../../src/core/rag.js";
import { londonDayOf, londonTime } from "../../src/core/london.js";
import { card, execute, facts, heading, openUrl, text, type CardElement } from "./card-json.js";
import { escapeCardText, markdownLinkTarget } from "./escape.js";
import { renderPendingCard, type PendingState } from "./pending-card.js";

export const VERBS = { submit: "submitUpdate", snooze: "snooze", notMine: "notMyAction" } as const;

export interface ReminderCardInput {
  plan: Plan;
  section: Section;
  action: Action;
  lastUpdate: ProgressUpdate | null;
  today: IsoDate;
  /** The ledger key of the reminder this card answers, or null for a card shown on request. */
  reminderKey: string | null;
  /** A fresh id for this card's submission, so a double-click records one update. */
  submissionId: string;
  /** After a refused submission: what was wrong, and what the person had typed. */
  problem?: { message: string; typed: Record<string, unknown> };
  snoozeDays: number;
  /** Where the lead attaches an evidence file: the action in the tab (a file cannot go in a card). */
  evidenceUrl?: string;
}

const day = (date: IsoDate) => format(parseISO(date), "EEE d MMM yyyy");

/** "30 Apr 2016: 14 days left" / "due today" / "overdue by 3 days". */
export function deadlineText(deadline: IsoDate | null, today: IsoDate): string {
  if (deadline === null) return "no deadline (ongoing)";
  const left = differenceInCalendarDays(parseISO(deadline), parseISO(today));
  const when = left > 1 ? `${left} days left` : left === 1 ? "1 day left" : left === 0 ? "due today" : `overdue by ${-left} day${left === -1 ? "" : "s"}`;
  return `${day(deadline)}: ${when}`;
}

/** What the card says about when an action is due, ongoing and unreadable timescales included. */
export function dueText(action: Action, today: IsoDate): string {
  const deadline = currentDeadline(action);
  if (deadline !== null) return deadlineText(deadline, today);
  if (!action.timescale.understood) return "no deadline: the timescale could not be read";
  const next = action.timescale.deadlines.find((d) => d >= today);
  return next ? `${deadlineText(next, today)}, then ongoing` : "ongoing: a quarterly review";
}

export function ratingText(plan: Plan, rating: Rating | null): string {
  return ratingWithKey(plan.ragKey, rating);
}

/** The reminder a lead answers in Teams chat: the action, its deadline and rating, and the inputs. */
export function renderReminderCard(input: ReminderCardInput): CardElement {
  const { plan, section, action, lastUpdate, today, problem } = input;
  const sectionName = `${section.kind === "recommendation" ? "Recommendation" : "Priority"} ${section.number}: ${section.title}`;
  const data = { actionId: action.id, reminderKey: input.reminderKey, submissionId: input.submissionId };

  const body: CardElement[] = [
    heading(`Action ${escapeCardText(action.ref, 20)}: ${dueText(action, today)}`),
    ...(problem ? [text(`Not recorded: ${escapeCardText(problem.message, 500)}`, { color: "Attention", weight: "Bolder" })] : []),
    // Plan text was typed by people too (and can be edited in SharePoint): escaped like the rest.
    facts([
      ["Plan", escapeCardText(plan.title, 300)],
      ["Section", escapeCardText(sectionName, 160)],
      ["Lead", escapeCardText(action.lead.asWritten, 300)],
      ["Timescale", escapeCardText(action.timescale.text || "not given", 200)],
      ["Rating", escapeCardText(ratingText(plan, action.rating), 300)],
    ]),
    text(escapeCardText(action.text, 2000)),
    ...(action.expectedOutcome ? [text(`Expected outcome: ${escapeCardText(action.expectedOutcome, 1000)}`, { isSubtle: true })] : []),
    text(
      lastUpdate
        ? `Last update, ${day(londonDayOf(lastUpdate.at))}, ${escapeCardText(lastUpdate.author.name, 100)}: ${escapeCardText(lastUpdate.text, 1500)}`
        : "No progress update yet.",
      { isSubtle: true },
    ),
    ...reminderInputs({ typed: problem?.typed ?? {}, rating: action.rating, ragKey: plan.ragKey, today }),
  ];
  return card(body, [
    ...reminderButtons(data, input.snoozeDays),
    ...(input.evidenceUrl ? [openUrl("Attach an evidence file", input.evidenceUrl)] : []),
  ]);
}

/** What a reminder card's buttons send back (besides the inputs). */
export interface ReminderCardData {
  actionId: string;
  reminderKey: string | null;
  submissionId: string;
}

/** The reminder card's buttons; a card drawn from what was sent alone does not know the plan's snooze days. */
export function reminderButtons(data: ReminderCardData, snoozeDays: number | null): CardElement[] {
  return [
    execute("Submit update", VERBS.submit, { ...data }, { style: "positive" }),
    execute(snoozeDays === null ? "Snooze" : `Snooze ${snoozeDays} days`, VERBS.snooze, { ...data }, { associatedInputs: "none" }),
    execute("Not my action", VERBS.notMine, { ...data }, { associatedInputs: "none" }),
  ];
}

/** The card's labels for what a lead fills in, as the card shows them. */
export const REMINDER_INPUT_LABELS = {
  progress: "Progress update",
  evidence: "Evidence links (https://…, one per line)",
  rating: "RAG rating",
  newDeadline: "Proposed new deadline (optional)",
  newDeadlineReason: "Reason for a new deadline (required with one)",
  complete: "Mark this action complete",
} as const;

/**
 * The reminder's inputs, holding what the person typed (after a refusal, or while it is being
 * recorded). Without the plan (a card drawn from what was sent alone) the ratings are plain.
 */
export function reminderInputs(input: { typed: Record<string, unknown>; rating: Rating | null; ragKey: Plan["ragKey"] | null; today: IsoDate | null }): CardElement[] {
  const typed = (key: string): string | undefined => {
    const value = input.typed[key];
    return typeof value === "string" ? value.slice(0, PROGRESS_TEXT_MAX) : undefined;
  };
  return [
    {
      type: "Input.Text",
      id: "progress",
      label: REMINDER_INPUT_LABELS.progress,
      isMultiline: true,
      isRequired: true,
      maxLength: PROGRESS_TEXT_MAX,
      errorMessage: `Say what has happened since the last update (at most ${PROGRESS_TEXT_MAX} characters).`,
      ...(typed("progress") ? { value: typed("progress") } : {}),
    },
    {
      type: "Input.Text",
      id: "evidence",
      label: REMINDER_INPUT_LABELS.evidence,
      isMultiline: true,
      maxLength: 4000,
      ...(typed("evidence") ? { value: typed("evidence") } : {}),
    },
    {
      type: "Input.ChoiceSet",
      id: "rating",
      label: REMINDER_INPUT_LABELS.rating,
      style: "expanded",
      value: typed("rating") ?? input.rating ?? "",
      choices: (["red", "amber", "green"] as const).map((r) => ({ title: input.ragKey ? ratingWithKey(input.ragKey, r) : ratingWord(r), value: r })),
    },
    { type: "Input.Date", id: "newDeadline", label: REMINDER_INPUT_LABELS.newDeadline, ...(input.today ? { min: input.today } : {}), ...(typed("newDeadline") ? { value: typed("newDeadline") } : {}) },
    {
      type: "Input.Text",
      id: "newDeadlineReason",
      label: REMINDER_INPUT_LABELS.newDeadlineReason,
      maxLength: 1000,
      ...(typed("newDeadlineReason") ? { value: typed("newDeadlineReason") } : {}),
    },
    { type: "Input.Toggle", id: "complete", title: REMINDER_INPUT_LABELS.complete, value: typed("complete") ?? "false" },
  ];
}

/**
 * What a lead's update asks of someone else, in their words: a new deadline waits for approval
 * and a completion for sign-off, by the people named (deadline-request.ts, deciders.ts).
 */
export function awaitingWords(input: { action: Action; update: ProgressUpdate; today: IsoDate; deciders: string }): string | null {
  const { update } = input;
  if (update.proposedDeadline) {
    return `Your new deadline of ${day(update.proposedDeadline.date)} has been sent to ${input.deciders} to approve. Until it is approved, the deadline stays ${dueText(input.action, input.today)}.`;
  }
  if (update.markedComplete) return `You marked this action complete: ${input.deciders} will sign it off. Until then it shows as awaiting sign-off.`;
  return null;
}

/** What replaces the reminder once an update is recorded: what was said, and what now waits for whom, for everyone in the chat. */
export function renderRecordedCard(input: { plan: Plan; action: Action; update: ProgressUpdate; today: IsoDate; /** who decides, in words (decidersWords) */ deciders?: string }): CardElement {
  const { plan, action, update } = input;
  const lines: [string, string][] = [
    ["Rating", escapeCardText(ratingText(plan, update.rating ?? action.rating), 300)],
    ["Deadline", dueText(action, input.today)],
  ];
  if (update.proposedDeadline) lines.push(["New deadline asked for", `${day(update.proposedDeadline.date)}: ${escapeCardText(update.proposedDeadline.reason, 1000)}`]);
  if (update.markedComplete) lines.push(["Status", "Marked complete, awaiting sign-off"]);
  const waiting = awaitingWords({ action, update, today: input.today, deciders: input.deciders ?? "the plan's board manager" });
  const what = update.proposedDeadline ? ": new deadline sent for approval" : update.markedComplete ? ": sent for sign-off" : "";
  return card([
    heading(`Update recorded for action ${escapeCardText(action.ref, 20)}${what}`),
    text(`${escapeCardText(update.author.name, 100)}, ${londonTime(update.at)}`, { isSubtle: true }),
    text(escapeCardText(update.text)),
    facts(lines),
    // Evidence links are https URLs (checked on entry), encoded so none can end the link early.
    ...update.evidence.map((link, i) => text(`[Evidence ${i + 1}](${markdownLinkTarget(link)})`)),
    ...(waiting ? [text(escapeCardText(waiting, 1500), { weight: "Bolder" })] : []),
    text(`Thank you. ${escapeCardText(plan.title, 300)} now shows this update.`, { isSubtle: true }),
  ]);
}

/** A plain notice in place of the reminder: the action closed, moved on, or could not be found. */
export function renderNoticeCard(title: string, message: string): CardElement {
  return card([heading(escapeCardText(title, 200)), text(escapeCardText(message, 2000))]);
}

const PENDING_WHAT = { [VERBS.submit]: ["your progress update", "Submit update"], [VERBS.snooze]: ["your snooze", "Snooze"], [VERBS.notMine]: ['your "Not my action"', "Not my action"] } as const;

/**
 * A reminder card's answer while it is being recorded, or once it finally was not: drawn from what
 * the card sent alone (SharePoint, where the action is, is what is busy).
 */
export function renderReminderPendingCard(verb: (typeof VERBS)[keyof typeof VERBS], data: ReminderCardData & Record<string, unknown>, state: PendingState): CardElement {
  const [what, button] = PENDING_WHAT[verb];
  const typed = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
  const rating = typed("rating");
  const deadline = typed("newDeadline");
  const sent: [string, string][] =
    verb === VERBS.submit
      ? [
          [REMINDER_INPUT_LABELS.progress, typed("progress")],
          ["Evidence links", typed("evidence")],
          [REMINDER_INPUT_LABELS.rating, rating === "red" || rating === "amber" || rating === "green" ? ratingWord(rating) : rating],
          ["Proposed new deadline", /^\d{4}-\d{2}-\d{2}$/.test(deadline) && !Number.isNaN(parseISO(deadline).getTime()) ? day(deadline) : deadline],
          ["Reason for a new deadline", typed("newDeadlineReason")],
          ["Complete", typed("complete") === "true" ? "Yes: marked complete" : ""],
        ]
      : [];
  return renderPendingCard({
    state,
    what,
    button,
    sent,
    inputs: reminderInputs({ typed: data, rating: null, ragKey: null, today: null }),
    actions: reminderButtons({ actionId: data.actionId, reminderKey: data.reminderKey ?? null, submissionId: data.submissionId }, null),
  });
}
