import { z } from "zod";
import type { Action } from "./action.js";
import { InputError, parseInput } from "./errors.js";
import { IdSchema, textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";
import type { Lead, Person } from "./lead.js";
import { PlanKindSchema, PlanSchema, SectionSchema, type Plan, type Section } from "./plan.js";
import { DEFAULT_RAG_KEY } from "./rag.js";
import { parseTimescale } from "./timescale.js";

/**
 * What board managers create and edit from the tab: plans, their recommendations or
 * priorities (sections), and new actions. Each rule names the field a person got wrong.
 */
const PeriodSchema = z.object({ from: IsoDateSchema, to: IsoDateSchema }).refine((p) => p.from <= p.to, { message: "a plan's period must end after it starts", path: ["to"] });

export const NewPlanSchema = z
  .object({
    title: textOf(300),
    kind: PlanKindSchema,
    boards: z.array(textOf(200)).min(1, "name at least one board"),
    review: textOf(200).nullable().default(null),
    period: PeriodSchema.nullable().default(null),
    /** Board managers besides whoever creates it (an administrator outside the directory names them here). */
    managers: z.array(IdSchema).default([]),
  })
  .strict();
export type NewPlan = z.infer<typeof NewPlanSchema>;

/** A plan as it starts, in draft: no RAG key of its own, no meetings or reminder policy yet. */
export function draftPlan(fields: Pick<Plan, "id" | "kind" | "title" | "boards" | "review" | "period" | "managers" | "source"> & { today: IsoDate }): Plan {
  const { today, ...plan } = fields;
  return PlanSchema.parse({ ...plan, status: "draft", ragKey: DEFAULT_RAG_KEY, issuedOn: null, updatedOn: today, completedBy: null, introduction: [], boardMeetings: [], reminderPolicy: null });
}

/** A new plan starts as a draft, managed by whoever created it (if they are in the directory) and those named. */
export function newPlan(input: NewPlan, context: { id: string; by: { id: string | null; displayName: string }; today: IsoDate; people: readonly Person[] }): Plan {
  for (const id of input.managers) if (!context.people.some((p) => p.id === id)) throw new InputError("managers", `there is no person "${id}" in the directory`);
  const managers = [...new Set([...(context.by.id ? [context.by.id] : []), ...input.managers])];
  if (managers.length === 0) throw new InputError("managers", "name at least one board manager from the directory");
  return draftPlan({ ...input, id: context.id, managers, source: `Created in Assure by ${context.by.displayName} on ${context.today}`, today: context.today });
}

export const PlanEditSchema = z
  .object({
    title: textOf(300),
    status: z.enum(["draft", "active", "closed"]),
    review: textOf(200).nullable(),
    period: PeriodSchema.nullable(),
    managers: z.array(IdSchema).min(1, "a plan needs at least one board manager"),
    /** The boards it belongs to, as a correction (an import that named the wrong board). */
    boards: z.array(textOf(200)).min(1, "name at least one board"),
    boardMeetings: z.array(IsoDateSchema),
  })
  .partial()
  .strict()
  .refine((e) => Object.keys(e).length > 0, "an edit must change at least one field");
export type PlanEdit = z.infer<typeof PlanEditSchema>;

/** `updatedOn` is left alone: it says when the plan's progress was last reported, and stale ratings are reckoned from it. */
export function applyPlanEdit(plan: Plan, edit: PlanEdit, context: { people: readonly Person[] }): Plan {
  for (const id of edit.managers ?? []) {
    if (!context.people.some((p) => p.id === id)) throw new InputError("managers", `there is no person "${id}" in the directory`);
  }
  const boardMeetings = edit.boardMeetings ? [...new Set(edit.boardMeetings)].sort() : plan.boardMeetings;
  return parseInput(PlanSchema, { ...plan, ...edit, boardMeetings });
}

export const NewSectionSchema = z
  .object({
    kind: z.enum(["recommendation", "priority"]),
    number: textOf(20),
    title: textOf(2000),
    source: textOf(200).nullable().default(null),
  })
  .strict();
export type NewSection = z.infer<typeof NewSectionSchema>;

export const SectionEditSchema = NewSectionSchema.omit({ kind: true })
  .partial()
  .strict()
  .refine((e) => Object.keys(e).length > 0, "an edit must change at least one field");
export type SectionEdit = z.infer<typeof SectionEditSchema>;

const numberFree = (number: string, siblings: readonly Section[], except?: string) => {
  const taken = siblings.find((s) => s.id !== except && s.number === number);
  if (taken) throw new InputError("number", `this plan already has ${taken.kind} ${number}`);
};

export function newSection(plan: Plan, input: NewSection, context: { id: string; sections: readonly Section[] }): Section {
  numberFree(input.number, context.sections.filter((s) => s.planId === plan.id));
  return SectionSchema.parse({ ...input, id: context.id, planId: plan.id, rationale: [], successMeasures: [] });
}

export function applySectionEdit(section: Section, edit: SectionEdit, context: { sections: readonly Section[] }): Section {
  if (edit.number !== undefined) numberFree(edit.number, context.sections.filter((s) => s.planId === section.planId), section.id);
  return { ...section, ...edit };
}

export const NewActionSchema = z
  .object({
    sectionId: IdSchema,
    ref: textOf(20),
    text: textOf(2000),
    leadId: IdSchema,
    timescale: textOf(200),
    expectedOutcome: textOf(2000).nullable().default(null),
  })
  .strict();
export type NewAction = z.infer<typeof NewActionSchema>;

/** A new action, open and not yet rated, led by an entry from the leads directory. */
export function newAction(plan: Plan, input: NewAction, context: { id: string; sections: readonly Section[]; actions: readonly Action[]; leads: readonly Lead[] }): Action {
  if (!context.sections.some((s) => s.id === input.sectionId && s.planId === plan.id)) {
    throw new InputError("sectionId", `plan "${plan.title}" has no section "${input.sectionId}"`);
  }
  const taken = context.actions.find((a) => a.planId === plan.id && a.ref === input.ref);
  if (taken) throw new InputError("ref", `this plan already has an action ${input.ref}`);
  const lead = context.leads.find((l) => l.id === input.leadId);
  if (!lead) throw new InputError("leadId", `there is no lead "${input.leadId}" in the leads directory`);
  return {
    id: context.id,
    planId: plan.id,
    sectionId: input.sectionId,
    deliverableId: null,
    ref: input.ref,
    text: input.text,
    lead: { asWritten: lead.asWritten, leadId: lead.id },
    partners: null,
    expectedOutcome: input.expectedOutcome,
    timescale: parseTimescale(input.timescale),
    revisedDeadline: null,
    rating: null,
    ratingAsWritten: null,
    latestUpdate: null,
    status: { state: "open" },
  };
}
