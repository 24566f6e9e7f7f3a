import { z } from "zod";
import type { Action, ActionStatus } from "./action.js";
import type { ActionEvent, ActingRole, EventField } from "./action-event.js";
import { ForbiddenError, InputError } from "./errors.js";
import { textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import type { Lead } from "./lead.js";
import { RatingSchema } from "./rag.js";
import type { Roles } from "./roles.js";
import { parseTimescale } from "./timescale.js";

/** Why a manager changed a rating, a status or a deadline: the history and the annual report quote it. */
export const REASON_MAX = 1000;

/**
 * What a board manager or subgroup chair may change about an action from the tab. Progress
 * is not here: only leads report it, as progress updates (a manager may record one for them).
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
    /** Why: needed with a change of rating, status or deadline. */
    reason: textOf(REASON_MAX),
  })
  .partial()
  .strict()
  .refine((e) => Object.keys(e).some((k) => k !== "reason"), "an edit must change at least one field");
export type ActionEdit = z.infer<typeof ActionEditSchema>;

export interface Actor {
  personId: string | null;
  name: string;
  role: ActingRole;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The status an edit asks for, as stored: sign-off says who and when. */
function nextStatus(edit: NonNullable<ActionEdit["status"]>, by: Actor, today: IsoDate): ActionStatus {
  return edit.state === "closed" ? { state: "closed", by: by.name, on: today } : edit;
}

/**
 * A manager's edit as an event: each field it really changes, from what to what, with who did
 * it, in which role, and why. A change of rating, status or deadline needs a reason; an edit
 * that changes nothing is no event (null). Signing off an action its own lead marked complete
 * is refused when the signer is that lead: completion is checked by someone else.
 */
export function actionEditEvent(
  action: Action,
  edit: ActionEdit,
  context: { leads: readonly Lead[]; by: Actor; at: Date; today: IsoDate; id: string; completedBy: string | null },
): ActionEvent | null {
  const fields: EventField[] = [];
  if (edit.text !== undefined && edit.text !== action.text) fields.push({ field: "text", from: action.text, to: edit.text });
  if (edit.leadId !== undefined && edit.leadId !== action.lead.leadId) {
    const lead = context.leads.find((l) => l.id === edit.leadId);
    if (!lead) throw new InputError("leadId", `there is no lead "${edit.leadId}" in the leads directory`);
    fields.push({ field: "lead", from: action.lead, to: { asWritten: lead.asWritten, leadId: lead.id } });
  }
  if (edit.timescale !== undefined && edit.timescale !== action.timescale.text) fields.push({ field: "timescale", from: action.timescale, to: parseTimescale(edit.timescale) });
  if (edit.revisedDeadline !== undefined && !same(edit.revisedDeadline, action.revisedDeadline)) fields.push({ field: "revisedDeadline", from: action.revisedDeadline, to: edit.revisedDeadline });
  if (edit.rating !== undefined && edit.rating !== action.rating) fields.push({ field: "rating", from: action.rating, to: edit.rating });
  let kind: ActionEvent["kind"] = "edited";
  if (edit.status !== undefined) {
    const to = nextStatus(edit.status, context.by, context.today);
    const unchanged = to.state === action.status.state && (to.state !== "not-implemented" || same(to, action.status));
    if (!unchanged) {
      fields.push({ field: "status", from: action.status, to });
      if (to.state === "closed" && action.status.state === "complete") {
        if (context.completedBy !== null && context.completedBy === context.by.personId) throw new ForbiddenError(`${context.by.name} marked action ${action.ref} complete, so may not also sign it off: another board manager or the subgroup's chair signs it off`);
        kind = "signed-off";
      }
      if (to.state === "open" && action.status.state === "complete") kind = "returned";
    }
  }
  if (fields.length === 0) return null;
  const needsReason = fields.some((f) => f.field === "rating" || f.field === "status" || f.field === "revisedDeadline");
  const reason = edit.reason ?? (edit.status?.state === "not-implemented" ? edit.status.reason : null);
  if (needsReason && !reason) throw new InputError("reason", "say why the rating, status or deadline changed: the action's history and the annual report show it");
  return { id: context.id, actionId: action.id, at: context.at.toISOString(), by: context.by, kind, reason: reason ?? null, decides: null, fields };
}

/** The role someone acts in on an action: its plan's manager first, else its subgroup's chair, else an administrator. */
export function actingRole(roles: Roles, on: { planId: string; subgroupIds: readonly string[] }): ActingRole {
  if (roles.managerOf.includes(on.planId)) return "board manager";
  if (on.subgroupIds.some((s) => roles.chairOf.includes(s))) return "subgroup chair";
  return roles.admin ? "Assure administrator" : "board manager";
}

/** The action with an event's changes applied: the stored fields follow the events. */
export function applyEvent(action: Action, event: ActionEvent): Action {
  return event.fields.reduce((a, f) => ({ ...a, [f.field]: f.to }), action);
}
