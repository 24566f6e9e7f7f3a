import { z } from "zod";
import { IdSchema, InstantSchema, textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import { RatingSchema } from "./rag.js";
import { TimescaleSchema } from "./timescale.js";

/** A lead as the plan writes it, and the leads-directory entry it resolved to (null: nobody yet). */
export const LeadRefSchema = z.object({
  asWritten: z.string().min(1),
  leadId: IdSchema.nullable(),
});
export type LeadRef = z.infer<typeof LeadRefSchema>;

export const ActionStatusSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("open") }),
  z.object({ state: z.literal("complete") }),
  z.object({ state: z.literal("closed"), by: z.string().min(1), on: IsoDateSchema }),
  // Care Act 2014 Sch. 2: the annual report must say why a finding was not implemented.
  z.object({ state: z.literal("not-implemented"), reason: textOf(2000) }),
]);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

export const ActionSchema = z.object({
  id: IdSchema,
  planId: IdSchema,
  sectionId: IdSchema,
  deliverableId: IdSchema.nullable(),
  /** The action's reference within its plan, e.g. "6.2". */
  ref: z.string().min(1),
  text: z.string().min(1),
  lead: LeadRefSchema,
  /** Partner bodies involved, as written. */
  partners: z.string().min(1).nullable(),
  expectedOutcome: z.string().min(1).nullable(),
  timescale: TimescaleSchema,
  /** A new deadline the board accepted, replacing those derived from the timescale. */
  revisedDeadline: z.object({ date: IsoDateSchema, reason: textOf(1000) }).nullable(),
  rating: RatingSchema.nullable(),
  /** The rating cell as the document wrote it ("Green on track"), kept for the record. */
  ratingAsWritten: z.string().min(1).nullable(),
  status: ActionStatusSchema,
  /**
   * The progress update the rating and revised deadline came from. Updates applied in any order
   * (two leads answering at once) leave the action as its latest update says.
   */
  latestUpdate: z.object({ id: IdSchema, at: InstantSchema }).nullable().default(null),
});
export type Action = z.infer<typeof ActionSchema>;

export const isOpen = (action: Action): boolean => action.status.state === "open";

/**
 * The date an action is now due: a revised deadline if the board accepted one, else the last
 * deadline its timescale gives. Ongoing actions and unreadable timescales have none.
 */
export function currentDeadline(action: Action): IsoDate | null {
  if (action.revisedDeadline) return action.revisedDeadline.date;
  if (action.timescale.ongoing || !action.timescale.understood) return null;
  return action.timescale.deadlines.at(-1) ?? null;
}
