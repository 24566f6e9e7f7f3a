import { z } from "zod";
import { ActionStatusSchema, LeadRefSchema } from "./action.js";
import { IdSchema, InstantSchema, textOf } from "./ids.js";
import { IsoDateSchema } from "./iso-date.js";
import { RatingSchema } from "./rag.js";
import { TimescaleSchema } from "./timescale.js";

/** A revised deadline: the date the board accepted and why it moved. */
export const RevisedDeadlineSchema = z.object({ date: IsoDateSchema, reason: textOf(1000) });

/**
 * One field of an action as it was and as it became. Typed per field, so an event read back
 * from SharePoint is checked as strictly as the action itself.
 */
export const EventFieldSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("rating"), from: RatingSchema.nullable(), to: RatingSchema.nullable() }),
  z.object({ field: z.literal("status"), from: ActionStatusSchema, to: ActionStatusSchema }),
  z.object({ field: z.literal("revisedDeadline"), from: RevisedDeadlineSchema.nullable(), to: RevisedDeadlineSchema.nullable() }),
  z.object({ field: z.literal("lead"), from: LeadRefSchema, to: LeadRefSchema }),
  z.object({ field: z.literal("text"), from: z.string().min(1), to: z.string().min(1) }),
  z.object({ field: z.literal("timescale"), from: TimescaleSchema, to: TimescaleSchema }),
]);
export type EventField = z.infer<typeof EventFieldSchema>;
export type TrackedField = EventField["field"];

/** Every field an event can change, in the order the change log lists them. */
export const TRACKED_FIELDS: readonly TrackedField[] = ["text", "lead", "timescale", "revisedDeadline", "rating", "status"];

/** The role a person acted in: the history says "Megan Bowen (board manager)". */
export const ActingRoleSchema = z.enum(["board manager", "subgroup chair", "lead", "Assure administrator", "Assure"]);
export type ActingRole = z.infer<typeof ActingRoleSchema>;

/**
 * What happened to an action besides a progress update, dated and attributed: a manager's edit
 * and why, a deadline request approved or declined, a completion signed off or returned, the
 * action's creation in Assure, or the values a site held when it was upgraded to events. The
 * action's current fields are these events folded in order (with its progress updates); every
 * view "as at" a day folds only those dated on or before it. Appended, never edited.
 */
export const ActionEventSchema = z.object({
  id: IdSchema,
  actionId: IdSchema,
  at: InstantSchema,
  by: z.object({ personId: IdSchema.nullable(), name: z.string().min(1), role: ActingRoleSchema }),
  kind: z.enum(["created", "edited", "deadline-approved", "deadline-declined", "signed-off", "returned", "upgraded"]),
  /** Why, in the words of the person who did it (null only for creation and the upgrade's own entries). */
  reason: textOf(1000).nullable(),
  /** The progress update this decides (a deadline request, a completion), if any. */
  decides: IdSchema.nullable(),
  fields: z.array(EventFieldSchema),
});
export type ActionEvent = z.infer<typeof ActionEventSchema>;
