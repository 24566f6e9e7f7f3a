import { z } from "zod";
import { IdSchema, textOf } from "./ids.js";
import { IsoDateSchema } from "./iso-date.js";

/** A finding put to a regional or national body (a regional SAB network, a government department), and its answer. */
export const FindingEscalationSchema = z
  .object({
    level: z.enum(["regional", "national"]),
    /** The body asked, e.g. "West Midlands Safeguarding Adults Network". */
    body: textOf(200),
    raisedOn: IsoDateSchema,
    question: textOf(2000),
    answer: textOf(4000).nullable(),
    answeredOn: IsoDateSchema.nullable(),
  })
  .refine((e) => (e.answer === null) === (e.answeredOn === null), { message: "an answer needs the day it came, and a day needs the answer", path: ["answeredOn"] })
  .refine((e) => e.answeredOn === null || e.answeredOn >= e.raisedOn, { message: "an answer cannot come before the question was raised", path: ["answeredOn"] });
export type FindingEscalation = z.infer<typeof FindingEscalationSchema>;

/** One finding of a review, with the themes it carries from the board's taxonomy. */
export const FindingSchema = z.object({
  id: IdSchema,
  reviewId: IdSchema,
  /** The finding's number in the review, as the report numbers it. */
  number: textOf(20),
  text: textOf(4000),
  themeIds: z.array(IdSchema),
  /** The board's own working note: never in the public record. */
  internalNote: textOf(4000).nullable(),
  escalation: FindingEscalationSchema.nullable(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** An escalation still waiting for its answer. */
export const awaitingAnswer = (finding: Finding): boolean => finding.escalation !== null && finding.escalation.answer === null;
