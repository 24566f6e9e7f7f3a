import { Badge } from "@fluentui/react-components";
import { RATING_COLOUR, RATING_WORD } from "./format";
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
