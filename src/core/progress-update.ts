import { z } from "zod";
import { IdSchema, InstantSchema, textOf } from "./ids.js";
import { IsoDateSchema } from "./iso-date.js";
import { RatingSchema } from "./rag.js";

export const PROGRESS_TEXT_MAX = 4000;
export const EVIDENCE_LINKS_MAX = 10;

/** Evidence must be a link a board member can open safely. */
export const EvidenceLinkSchema = z
  .url({ protocol: /^https$/, error: "evidence links must start with https://" })
  .max(1000, "an evidence link is at most 1000 characters");

/**
 * A link a person gives now: also without a user name or password in it
 * (`https://user:pass@host/`), which would put a credential in the record or dress up one
 * site as another (`https://trusted.example@evil.example/`). Links already recorded keep
 * the older rule, so no history is lost.
 */
export const NewEvidenceLinkSchema = EvidenceLinkSchema.refine((link) => {
  const url = new URL(link);
  return url.username === "" && url.password === "";
}, "an evidence link may not hold a user name or password (the part before @)");

/**
 * What a lead said about an action, when. Updates are appended, never edited: they are the
 * history the annual report draws on.
 */
export const ProgressUpdateSchema = z.object({
  id: IdSchema,
  actionId: IdSchema,
  author: z.object({ personId: IdSchema.nullable(), name: z.string().min(1) }),
  at: InstantSchema,
  text: textOf(PROGRESS_TEXT_MAX),
  evidence: z.array(EvidenceLinkSchema).max(EVIDENCE_LINKS_MAX),
  rating: RatingSchema.nullable(),
  proposedDeadline: z.object({ date: IsoDateSchema, reason: textOf(1000) }).nullable(),
  markedComplete: z.boolean(),
  via: z.enum(["plan-document", "teams-card", "tab", "cli", "email-link"]),
});
export type ProgressUpdate = z.infer<typeof ProgressUpdateSchema>;
