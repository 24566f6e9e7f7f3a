import type { Action } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import { londonDate } from "./london.js";
import type { ProgressUpdate } from "./progress-update.js";
import { readRating, type Rating } from "./rag.js";

type Rated = Pick<Action, "id" | "rating" | "ratingAsWritten">;

/** An action's rating before some moment: the latest earlier rated update's, else the one the plan document gave. */
export function ratingBefore(action: Rated, updates: readonly ProgressUpdate[], isEarlier: (u: ProgressUpdate) => boolean): Rating | null {
  const earlier = updates.filter((u) => u.actionId === action.id && u.rating !== null && isEarlier(u)).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  if (earlier) return earlier.rating;
  const written = readRating(action.ratingAsWritten ?? "");
  return typeof written === "string" ? written : null;
}

export type RatingCounts = Record<Rating | "unrated", number>;
const zero = (): RatingCounts => ({ red: 0, amber: 0, green: 0, complete: 0, unrated: 0 });

/** A section's rating counts now and, if asked, at the end of an earlier day (London time). */
export function ratingSummary(actions: readonly (Rated & { updates: readonly ProgressUpdate[] })[], since: IsoDate | null): { now: RatingCounts; then: RatingCounts | null } {
  const now = zero();
  const then = since ? zero() : null;
  for (const a of actions) {
    now[a.rating ?? "unrated"]++;
    if (then && since) then[ratingBefore(a, a.updates, (u) => londonDate(new Date(u.at)) <= since) ?? "unrated"]++;
  }
  return { now, then };
}

/** An action's rating as it stood at the end of `day`: as now if nothing has been reported since, else from its history. */
export function ratingAsAt(action: Rated & { updates: readonly ProgressUpdate[] }, day: IsoDate): Rating | null {
  const later = action.updates.some((u) => londonDate(new Date(u.at)) > day);
  return later ? ratingBefore(action, action.updates, (u) => londonDate(new Date(u.at)) <= day) : action.rating;
}
