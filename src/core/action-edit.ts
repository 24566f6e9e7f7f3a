import { z } from "zod";
import type { Action } from "./action.js";
import { InputError } from "./errors.js";
import { textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import type { Lead } from "./lead.js";
import { RatingSchema } from "./rag.js";
import { parseTimescale } from "./timescale.js";

/**
 * What a board manager or subgroup chair may change about an action from the tab. Progress
 * is not here: only leads report it, as progress updates.
 */
export const ActionEditSchema = z
  .object({
    text: textOf(2000),
    leadId: z.string().min(1),
    timescale: textOf(200),
    revisedDeadline: z.object({ date: IsoDateSchema, reason: textOf(1000) }).nullable(),
    rating: RatingSchema.nullable(),
    /** Board sign-off closes an action; "not implemented" needs the reason the annual report will give. */
    status: z.discriminatedUnion("state", [
      z.object({ state: z.literal("open") }),
      z.object({ state: z.literal("complete") }),
      z.object({ state: z.literal("closed") }),
      z.object({ state: z.literal("not-implemented"), reason: textOf(2000) }),
    ]),
  })
  .partial()
  .strict()
  .refine((e) => Object.keys(e).length > 0, "an edit must change at least one field");
export type ActionEdit = z.infer<typeof ActionEditSchema>;

/** The action with the edit applied; the lead must come from the leads directory. */
export function applyActionEdit(action: Action, edit: ActionEdit, context: { leads: readonly Lead[]; by: { displayName: string }; today: IsoDate }): Action {
  const next: Action = { ...action };
  if (edit.text !== undefined) next.text = edit.text;
  if (edit.leadId !== undefined) {
    const lead = context.leads.find((l) => l.id === edit.leadId);
    if (!lead) throw new InputError("leadId", `there is no lead "${edit.leadId}" in the leads directory`);
    next.lead = { asWritten: lead.asWritten, leadId: lead.id };
  }
  if (edit.timescale !== undefined) next.timescale = parseTimescale(edit.timescale);
  if (edit.revisedDeadline !== undefined) next.revisedDeadline = edit.revisedDeadline;
  if (edit.rating !== undefined) {
    next.rating = edit.rating;
    next.ratingAsWritten = null;
  }
  if (edit.status !== undefined) {
    next.status = edit.status.state === "closed" ? { state: "closed", by: context.by.displayName, on: context.today } : edit.status;
  }
  return next;
}
