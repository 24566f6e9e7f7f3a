import { z } from "zod";
import { IdSchema } from "./ids.js";
import { IsoDateSchema } from "./iso-date.js";
import { LeadRefSchema } from "./action.js";
import { RagKeySchema } from "./rag.js";
import { ReminderPolicySchema } from "./reminder-settings.js";

export const PlanKindSchema = z.enum(["sar-action-plan", "business-plan", "strategic-plan", "other"]);

export const PlanSchema = z
  .object({
    id: IdSchema,
    kind: PlanKindSchema,
    title: z.string().min(1),
    boards: z.array(z.string().min(1)).min(1),
    /** The review a SAR plan answers, e.g. "SCR Mrs E". */
    review: z.string().min(1).nullable(),
    /** The period a business or strategic plan covers; SAR plans usually have none. */
    period: z.object({ from: IsoDateSchema, to: IsoDateSchema }).nullable(),
    status: z.enum(["draft", "active", "closed"]),
    ragKey: RagKeySchema,
    issuedOn: IsoDateSchema.nullable(),
    updatedOn: IsoDateSchema.nullable(),
    completedBy: z.string().min(1).nullable(),
    /** The plan's own opening words, paragraph by paragraph. */
    introduction: z.array(z.string().min(1)),
    /** The document it was transcribed from. */
    source: z.string().min(1),
    /** Board or business managers (person ids): told when a lead cannot be reached or disowns an action. */
    managers: z.array(IdSchema),
    /** The board's meeting dates while this plan runs: its managers get the exceptions a week before each. */
    boardMeetings: z.array(IsoDateSchema),
    /** This plan's reminder stages, if not the default (28, 14, 7, 1 days and the day; weekly overdue). */
    reminderPolicy: ReminderPolicySchema.nullable(),
  })
  .refine((p) => p.period === null || p.period.from <= p.period.to, {
    message: "a plan's period must end after it starts",
    path: ["period"],
  });
export type Plan = z.infer<typeof PlanSchema>;

/** A SAR plan's recommendation, or a business plan's priority. */
export const SectionSchema = z.object({
  id: IdSchema,
  planId: IdSchema,
  kind: z.enum(["recommendation", "priority"]),
  number: z.string().min(1),
  /** A priority's name ("Hidden Harm"); for a recommendation, its full text. */
  title: z.string().min(1),
  /** Where a recommendation came from ("Overview Report" or an IMR). */
  source: z.string().min(1).nullable(),
  rationale: z.array(z.string().min(1)),
  successMeasures: z.array(z.string().min(1)),
});
export type Section = z.infer<typeof SectionSchema>;

/** A business plan's key deliverable: groups activities under one lead and its partners. */
export const DeliverableSchema = z.object({
  id: IdSchema,
  sectionId: IdSchema,
  ref: z.string().min(1),
  text: z.string().min(1),
  lead: LeadRefSchema,
  /** The "other partnerships involved" cell, as written. */
  partners: z.string().min(1).nullable(),
});
export type Deliverable = z.infer<typeof DeliverableSchema>;
