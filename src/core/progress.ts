import { z } from "zod";
import type { Action } from "./action.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import { EVIDENCE_LINKS_MAX, EvidenceLinkSchema, PROGRESS_TEXT_MAX, type ProgressUpdate } from "./progress-update.js";
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
      evidence: z.array(EvidenceLinkSchema).max(EVIDENCE_LINKS_MAX, `at most ${EVIDENCE_LINKS_MAX} evidence links`).default([]),
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

/** The action's summary after an update: its rating, a revised deadline, or completion. */
export function applyProgressUpdate(action: Action, update: ProgressUpdate): Action {
  if (action.status.state !== "open") return action;
  return {
    ...action,
    rating: update.rating ?? action.rating,
    revisedDeadline: update.proposedDeadline ?? action.revisedDeadline,
    status: update.markedComplete ? { state: "complete" } : action.status,
  };
}
