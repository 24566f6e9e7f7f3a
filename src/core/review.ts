import { z } from "zod";
import { IdSchema, textOf } from "./ids.js";
import { IsoDateSchema, type IsoDate } from "./iso-date.js";

/** What kind of learning review a board commissioned; each ends in findings and recommendations. */
export const ReviewKindSchema = z.enum(["sar", "sar-rapid-time", "audit", "peer-challenge"]);
export type ReviewKind = z.infer<typeof ReviewKindSchema>;

export const REVIEW_KIND_NAMES: Record<ReviewKind, string> = {
  sar: "Safeguarding Adults Review",
  "sar-rapid-time": "SAR in Rapid Time",
  audit: "Multi-agency audit",
  "peer-challenge": "Peer challenge",
};

/**
 * A review in the board's findings register, with the facts the second national analysis of
 * SARs (2024) found reports most often leave out: who referred it, how long it took, and the
 * period it looked at. Each is optional so a review can be registered before it concludes;
 * `missingMetadata` says what is still to record.
 */
export const ReviewSchema = z
  .object({
    id: IdSchema,
    /** The board that commissioned it, as plans name their boards. */
    board: textOf(200),
    kind: ReviewKindSchema,
    /** The review's public name, e.g. "SCR Mrs E". */
    title: textOf(200),
    /** The action plan that answers its recommendations, if one is in Assure. */
    planId: IdSchema.nullable(),
    referralSource: textOf(200).nullable(),
    commissionedOn: IsoDateSchema.nullable(),
    concludedOn: IsoDateSchema.nullable(),
    publishedOn: IsoDateSchema.nullable(),
    periodReviewed: z.object({ from: IsoDateSchema, to: IsoDateSchema }).nullable(),
    /** The independent reviewer or team; kept out of the public record (docs/register.md). */
    reviewer: textOf(200).nullable(),
    /** Marks records invented to show the app working, never mistaken for a real review. */
    demo: z.boolean().default(false),
  })
  .refine((r) => r.periodReviewed === null || r.periodReviewed.from <= r.periodReviewed.to, { message: "the period reviewed must end after it starts", path: ["periodReviewed"] })
  .refine((r) => r.commissionedOn === null || r.concludedOn === null || r.commissionedOn <= r.concludedOn, { message: "a review cannot conclude before it was commissioned", path: ["concludedOn"] });
export type Review = z.infer<typeof ReviewSchema>;

/** The register's facts not yet recorded for a review, in people's words. */
export function missingMetadata(review: Review): string[] {
  const missing: string[] = [];
  if (review.referralSource === null) missing.push("referral source");
  if (review.commissionedOn === null) missing.push("date commissioned");
  if (review.concludedOn === null) missing.push("date concluded");
  if (review.periodReviewed === null) missing.push("period reviewed");
  if (review.reviewer === null) missing.push("reviewer");
  return missing;
}

/** Whole days from commissioning to conclusion, or null while either is unknown. */
export function daysTaken(review: Pick<Review, "commissionedOn" | "concludedOn">): number | null {
  if (review.commissionedOn === null || review.concludedOn === null) return null;
  return Math.round((Date.parse(review.concludedOn) - Date.parse(review.commissionedOn)) / 86_400_000);
}

/** The day that places a review among the board's others: when it concluded, else when it was commissioned. */
export const reviewDay = (review: Pick<Review, "commissionedOn" | "concludedOn">): IsoDate | null => review.concludedOn ?? review.commissionedOn;
