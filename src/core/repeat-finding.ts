import type { Finding } from "./finding.js";
import { reviewDay, type Review } from "./review.js";

/** A finding whose theme the board met before: the earlier reviews that carried it, per theme. */
export interface RepeatFinding {
  findingId: string;
  earlier: { themeId: string; reviewIds: string[] }[];
}

/**
 * Findings that repeat a theme from an earlier review of the same board (SCIE quality markers
 * 5 and 12: did earlier learning take hold?). "Earlier" compares the day each review concluded,
 * else was commissioned; a review with neither cannot be placed, so it neither repeats nor is
 * repeated (the register asks for its dates instead).
 */
export function repeatFindings(findings: readonly Finding[], reviews: readonly Review[]): RepeatFinding[] {
  const byId = new Map(reviews.map((r) => [r.id, r]));
  const out: RepeatFinding[] = [];
  for (const finding of findings) {
    const review = byId.get(finding.reviewId);
    const day = review ? reviewDay(review) : null;
    if (!review || day === null) continue;
    const earlier = finding.themeIds.flatMap((themeId) => {
      const reviewIds = [
        ...new Set(
          findings
            .filter((f) => f.reviewId !== review.id && f.themeIds.includes(themeId))
            .map((f) => byId.get(f.reviewId))
            .filter((r): r is Review => r !== undefined && r.board === review.board && (reviewDay(r) ?? "9999") < day)
            .map((r) => r.id),
        ),
      ];
      return reviewIds.length > 0 ? [{ themeId, reviewIds }] : [];
    });
    if (earlier.length > 0) out.push({ findingId: finding.id, earlier });
  }
  return out;
}
