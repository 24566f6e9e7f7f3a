import { z } from "zod";
import { isOpen, type Action } from "./action.js";
import { answersFor, type Lead, type Person } from "./lead.js";
import { londonDate } from "./london.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import { EVIDENCE_LINKS_MAX, NewEvidenceLinkSchema, PROGRESS_TEXT_MAX, type ProgressUpdate } from "./progress-update.js";
import { RatingSchema } from "./rag.js";
import { textOf } from "./ids.js";

/**
 * What a lead submits (from a reminder card, the tab or the CLI), before it becomes a
 * progress update. Every field is checked here on the server, whatever the client checked.
 */
export const progressInputSchema = (today: IsoDate) =>
  z
    .object({
      text: textOf(PROGRESS_TEXT_MAX),
      evidence: z.array(NewEvidenceLinkSchema).max(EVIDENCE_LINKS_MAX, `at most ${EVIDENCE_LINKS_MAX} evidence links`).default([]),
      rating: RatingSchema.nullable().default(null),
      proposedDeadline: z
        .object({
          date: IsoDateSchema.refine((d) => d >= today, "a new deadline cannot be in the past"),
          reason: textOf(1000),
        })
        .nullable()
        .default(null),
      markComplete: z.boolean().default(false),
    })
    .refine((p) => !(p.markComplete && p.proposedDeadline), {
      message: "a completed action needs no new deadline",
      path: ["proposedDeadline"],
    })
    // "Complete" is a status, not a mood: it comes only with marking the action complete.
    .refine((p) => p.rating !== "complete" || p.markComplete, {
      message: "to rate an action complete, mark it complete (its board then signs it off)",
      path: ["rating"],
    });
export type ProgressInput = z.infer<ReturnType<typeof progressInputSchema>>;

export function toProgressUpdate(input: {
  id: string;
  action: Action;
  progress: ProgressInput;
  author: ProgressUpdate["author"];
  at: string;
  via: ProgressUpdate["via"];
}): ProgressUpdate {
  const { progress } = input;
  return {
    id: input.id,
    actionId: input.action.id,
    author: input.author,
    at: input.at,
    text: progress.text,
    evidence: progress.evidence,
    rating: progress.markComplete ? "complete" : progress.rating,
    proposedDeadline: progress.proposedDeadline,
    markedComplete: progress.markComplete,
    via: input.via,
  };
}

/** Whether `a` came after `b` (by time, then id, so two updates in the same millisecond still order). */
const later = (a: { id: string; at: string }, b: { id: string; at: string } | null) =>
  b === null || Date.parse(a.at) > Date.parse(b.at) || (Date.parse(a.at) === Date.parse(b.at) && a.id > b.id);

/**
 * The action's summary after an update: its rating, or completion (which then awaits the
 * board's sign-off). A new deadline is only a request until the plan's managers approve it
 * (deadline-request.ts). The summary follows the latest update whatever order updates are
 * applied in (each is applied under the action's eTag, re-read on conflict), so it always
 * agrees with the history; marking complete stands whenever it arrives.
 */
export function applyProgressUpdate(action: Action, update: ProgressUpdate): Action {
  if (action.status.state !== "open") return action;
  if (update.markedComplete) {
    return { ...action, rating: "complete", status: { state: "complete" }, latestUpdate: later(update, action.latestUpdate) ? { id: update.id, at: update.at } : action.latestUpdate };
  }
  if (!later(update, action.latestUpdate)) return action;
  return {
    ...action,
    rating: update.rating ?? action.rating,
    latestUpdate: { id: update.id, at: update.at },
  };
}

export type ProgressDecision =
  | { kind: "record"; update: ProgressUpdate }
  | { kind: "not-lead" }
  | { kind: "not-open"; state: Action["status"]["state"] }
  | { kind: "invalid"; path: PropertyKey[]; message: string };

/**
 * Whether a person's progress report on an action is recorded, and as what: they must answer
 * for the action's lead, the action must be open, and what they sent must pass the checks.
 * The same rule for a Teams card, the tab and the command line.
 */
export function decideProgress(input: {
  action: Action;
  lead: Lead | null;
  person: Person;
  submitted: unknown;
  now: Date;
  updateId: string;
  via: ProgressUpdate["via"];
}): ProgressDecision {
  const { action, person, now } = input;
  if (!answersFor(input.lead, person.id)) return { kind: "not-lead" };
  if (!isOpen(action)) return { kind: "not-open", state: action.status.state };
  const parsed = progressInputSchema(londonDate(now)).safeParse(input.submitted);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: "invalid", path: issue.path, message: issue.message };
  }
  return {
    kind: "record",
    update: toProgressUpdate({
      id: input.updateId,
      action,
      progress: parsed.data,
      author: { personId: person.id, name: person.displayName },
      at: now.toISOString(),
      via: input.via,
    }),
  };
}

/** A second send of the same words by the same lead within this time is the same update. */
export const RESEND_WINDOW_MS = 30 * 60_000;

/**
 * The update this submission repeats, if any: the same submission id (a double click), or the
 * same words from the same person moments ago (a form sent again after going back).
 */
export function repeatedUpdate(updates: readonly ProgressUpdate[], submission: { updateId: string; actionId: string; personId: string; text: string; now: Date }): ProgressUpdate | null {
  const text = submission.text.trim();
  return (
    updates.find(
      (u) =>
        u.id === submission.updateId ||
        (u.actionId === submission.actionId && u.author.personId === submission.personId && u.text === text && submission.now.getTime() - Date.parse(u.at) < RESEND_WINDOW_MS),
    ) ?? null
  );
}
