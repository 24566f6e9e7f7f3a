import { z } from "zod";
import { IdSchema, textOf } from "./ids.js";

/** Six months: the default wait between a recommendation's last action completing and its impact review. */
export const DEFAULT_IMPACT_REVIEW_MONTHS = 6;

/**
 * What ties a recommendation (a SAR plan's section) into the register: the findings it answers,
 * the business-plan actions it feeds, and, set at the outset (SCIE quality marker 15), the
 * impact it is meant to have and how the board will measure it.
 */
export const RecommendationLinkSchema = z.object({
  /** The recommendation's section id: one link per recommendation. */
  id: IdSchema,
  reviewId: IdSchema,
  findingIds: z.array(IdSchema),
  /** Business-plan actions this recommendation feeds (their ids in another plan). */
  feedsActionIds: z.array(IdSchema),
  intendedImpact: textOf(2000).nullable(),
  measure: textOf(2000).nullable(),
  impactReviewAfterMonths: z.number().int().min(1).max(36).default(DEFAULT_IMPACT_REVIEW_MONTHS),
  /** Who records the impact review and is reminded of it: a directory person. */
  impactOwner: IdSchema.nullable(),
});
export type RecommendationLink = z.infer<typeof RecommendationLinkSchema>;
