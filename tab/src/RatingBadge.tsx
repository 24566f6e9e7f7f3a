import { Badge } from "@fluentui/react-components";
import { ratingWithKey, type RagKey } from "../../src/core/rag.js";
import { RATING_COLOUR, RATING_WORD, RATINGS } from "./format";
import type { Rating } from "./types";

/** A rating is always a word as well as a colour. */
export function RatingBadge({ rating }: { rating: Rating | null }) {
  const r = rating ?? "unrated";
  return (
    <Badge appearance="tint" color={RATING_COLOUR[r]} shape="rounded" data-rating={r}>
      {RATING_WORD[r]}
    </Badge>
  );
}

/** A select whose options are long sentences (the key words) still fits a phone: it shrinks, its text cut short. */
export const FITS = { root: { style: { minWidth: 0, maxWidth: "100%" } }, style: { minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" } } as const;

/**
 * A rating select's options, in the boards' order, in the plan's own key words (as the card and
 * the reply page word them); `none` is the empty choice's wording.
 */
export function RatingOptions({ none, ragKey }: { none: string; ragKey?: RagKey }) {
  return (
    <>
      <option value="">{none}</option>
      {RATINGS.filter((r) => r !== "unrated").map((r) => <option key={r} value={r}>{ragKey ? ratingWithKey(ragKey, r) : RATING_WORD[r]}</option>)}
    </>
  );
}
