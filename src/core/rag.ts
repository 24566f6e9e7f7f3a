import { z } from "zod";
import { daysBetween, type IsoDate } from "./iso-date.js";

/** Red / Amber / Green, and Complete (shown Blue). `null` on an action means "not yet rated". */
export const RatingSchema = z.enum(["red", "amber", "green", "complete"]);
export type Rating = z.infer<typeof RatingSchema>;

export const RagKeySchema = z.object({
  red: z.string().min(1),
  amber: z.string().min(1),
  green: z.string().min(1),
  complete: z.string().min(1),
});
export type RagKey = z.infer<typeof RagKeySchema>;

/** The Coventry plan's key, as boards know it, with Complete added for signed-off actions. */
export const DEFAULT_RAG_KEY: RagKey = {
  red: "Not achieved and seriously behind schedule",
  amber: "Not achieved and slightly behind target",
  green: "On track to be achieved within timescale",
  complete: "Achieved: the action is complete",
};

const WORDS: Record<Rating, string> = { red: "Red", amber: "Amber", green: "Green", complete: "Complete (Blue)" };

/** The fills boards use for each rating (hex, no "#"): the board paper, the workbook and the dashboard draw with these. */
export const RATING_FILL: Record<Rating, string> = { red: "C00000", amber: "FFC000", green: "00B050", complete: "0070C0" };
/** Not rated, where a colour is needed (a chart's stack): grey. */
export const UNRATED_FILL = "8A8886";

/** The rating as a word, so it is never shown by colour alone. */
export function ratingWord(rating: Rating | null): string {
  return rating === null ? "Not rated" : WORDS[rating];
}

/**
 * A rating with the plan's own key words ("Amber: Not achieved and slightly behind target"): the
 * one wording the card, the email, the reply page and the tab all use, so a lead reads the same
 * meaning wherever they rate.
 */
export function ratingWithKey(ragKey: RagKey, rating: Rating | null): string {
  return rating === null ? "Not rated" : `${ratingWord(rating)}: ${ragKey[rating]}`;
}

/**
 * How trackers write a rating, tried in order on the cell's start: the colour's name or its
 * letter (R/A/G/B, BRAG's Blue meaning complete), or a status word. "Not started" is read, as
 * no rating yet.
 */
const RATING_WORDS: [RegExp, Rating | "not-started"][] = [
  [/^(?:red|r)\b/, "red"],
  [/^(?:amber|a)$|^amber\b/, "amber"],
  [/^(?:green|g)\b/, "green"],
  [/^(?:blue|b|complete|completed|achieved|done|closed)\b/, "complete"],
  [/^(?:off[\s-]?track|delayed|overdue|behind schedule|not achieved|significant(?:ly)? (?:delay|behind|slippage)|major slippage|serious(?:ly)? behind)/, "red"],
  [/^(?:at[\s-]risk|some slippage|slight(?:ly)? (?:delay|behind|slippage)|slipping|minor slippage|partially (?:achieved|met))/, "amber"],
  [/^(?:on[\s-]?track|on target|in progress.{0,3}on track|achieving)/, "green"],
  [/^(?:not (?:yet )?started|not (?:yet )?due|yet to start)/, "not-started"],
];

/**
 * A rating cell as a plan writes it ("Green on track", "AMBER", "G", "Blue – complete", "Some
 * slippage") read as a rating; `null` for a blank cell or "Not started". Anything else is not a
 * rating and is reported, not guessed.
 */
export function readRating(cell: string): Rating | null | { problem: string } {
  const text = cell.trim().toLowerCase().replace(/\s+/g, " ");
  if (text === "") return null;
  const between = twoRatings(cell);
  if (between) return between[0];
  const found = RATING_WORDS.find(([pattern]) => pattern.test(text))?.[1];
  if (found === "not-started") return null;
  if (found) return found;
  return { problem: `"${cell.trim()}" is not a RAG rating (Red, Amber, Green or Complete/Blue, their letters R/A/G/B, or a status such as On track, At risk, Some slippage, Delayed, Off track, Completed)` };
}

/** From the most to the least cause for concern: of two ratings, the earlier is the cautious one. */
const CONCERN: readonly Rating[] = ["red", "amber", "green", "complete"];
const COLOUR: Record<string, Rating> = { red: "red", r: "red", amber: "amber", a: "amber", green: "green", g: "green", blue: "complete", b: "complete" };
// Colour words with any joiner ("Amber/Green", "Red - Amber", "Amber to Green"); letters only with a slash ("A/G").
const TWO_COLOURS = [/^(red|amber|green|blue)\s*(?:\/|\\|-|–|—|\bto\b|\band\b|&)\s*(red|amber|green|blue)\b/, /^([rgab])\s*\/\s*([rgab])$/];

/**
 * A cell naming two ratings, as five-point trackers write them ("Amber/Green", "Red-Amber",
 * "A/G"): both, the more cautious first. `readRating` reads such a cell as the more cautious one,
 * and the import asks the person to check it; null for a cell with one rating or none.
 */
export function twoRatings(cell: string): [Rating, Rating] | null {
  const text = cell.trim().toLowerCase().replace(/\s+/g, " ");
  const m = TWO_COLOURS.map((p) => p.exec(text)).find(Boolean);
  if (!m) return null;
  const pair = [COLOUR[m[1]!]!, COLOUR[m[2]!]!].sort((x, y) => CONCERN.indexOf(x) - CONCERN.indexOf(y)) as [Rating, Rating];
  return pair[0] === pair[1] ? null : pair;
}

/** Ratings go stale when nobody has said anything for this long. */
export const STALE_AFTER_DAYS = 90;

export type StaleReason =
  | { kind: "past-deadline"; rating: "green" | "amber"; deadline: IsoDate }
  | { kind: "no-update"; since: IsoDate; days: number };

/**
 * Why an open action's rating can no longer be trusted: Green or Amber after its deadline has
 * passed, or no progress update for {@link STALE_AFTER_DAYS} days. `lastHeard` is the day of
 * the latest update, or the day the plan was last updated when the action has none.
 */
export function findStaleRating(input: {
  rating: Rating | null;
  deadline: IsoDate | null;
  lastHeard: IsoDate;
  today: IsoDate;
}): StaleReason[] {
  const { rating, deadline, lastHeard, today } = input;
  const reasons: StaleReason[] = [];
  if ((rating === "green" || rating === "amber") && deadline !== null && deadline < today) {
    reasons.push({ kind: "past-deadline", rating, deadline });
  }
  const days = daysBetween(lastHeard, today);
  if (rating !== "complete" && days >= STALE_AFTER_DAYS) reasons.push({ kind: "no-update", since: lastHeard, days });
  return reasons;
}

/**
 * A cell's fill colour ("#ff0000", "#ffc000", "#00b050") read as a rating, for trackers that
 * give RAG only by colour: red, amber (orange and yellow) and green by hue; blue is Complete.
 * Greys, whites and pale tints say nothing, so they are not read as a rating.
 */
export function ratingOfFill(hex: string): Rating | null {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const saturation = max === 0 ? 0 : (max - min) / max;
  if (saturation < 0.35 || max < 0.25) return null;
  const d = max - min;
  const hue = (max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60;
  if (hue < 20 || hue >= 330) return "red";
  if (hue < 70) return "amber";
  if (hue < 170) return "green";
  if (hue < 260) return "complete";
  return null;
}
