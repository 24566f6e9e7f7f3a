import { Badge } from "@fluentui/react-components";
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

/** A rating select's options, in the boards' order; `none` is the empty choice's wording. */
export function RatingOptions({ none }: { none: string }) {
  return (
    <>
      <option value="">{none}</option>
      {RATINGS.filter((r) => r !== "unrated").map((r) => <option key={r} value={r}>{RATING_WORD[r]}</option>)}
    </>
  );
}
