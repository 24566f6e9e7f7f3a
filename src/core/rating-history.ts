import type { Action } from "./action.js";
import { applyStep, baselineOf, dayOf, stepsOf, trackedAsAt, type History } from "./action-as-at.js";
import type { ActionEvent } from "./action-event.js";
import type { IsoDate } from "./iso-date.js";
import type { ProgressUpdate } from "./progress-update.js";
import type { Rating } from "./rag.js";

/** An action with its updates and, where the reader has them, its events. */
type Rated = Action & { updates: readonly ProgressUpdate[]; events?: readonly ActionEvent[] };
const historyOf = (a: Rated): History => ({ updates: a.updates, events: a.events ?? [] });

/** An action's rating after the steps of its history that `isEarlier` keeps (the plan document's rating before any). */
export function ratingBefore(action: Action, history: History, isEarlier: (step: { at: string; id: string }) => boolean): Rating | null {
  const steps = stepsOf({ updates: history.updates.filter((u) => u.actionId === action.id), events: history.events.filter((e) => e.actionId === action.id) });
  return steps.filter(isEarlier).reduce(applyStep, baselineOf(action, steps)).rating;
}

export type RatingCounts = Record<Rating | "unrated", number>;
const zero = (): RatingCounts => ({ red: 0, amber: 0, green: 0, complete: 0, unrated: 0 });

/** A section's rating counts now and, if asked, at the end of an earlier day (London time). */
export function ratingSummary(actions: readonly Rated[], since: IsoDate | null): { now: RatingCounts; then: RatingCounts | null } {
  const now = zero();
  const then = since ? zero() : null;
  for (const a of actions) {
    now[a.rating ?? "unrated"]++;
    // The tab sends rows with their latest update only: with nothing since the day, the stored rating (the whole history folded) stands.
    const later = [...a.updates, ...(a.events ?? [])].some((s) => dayOf(s.at) > since!);
    if (then && since) then[(later ? ratingAsAt(a, since) : a.rating) ?? "unrated"]++;
  }
  return { now, then };
}

/** An action's rating as it stood at the end of `day`, from its history. */
export function ratingAsAt(action: Rated, day: IsoDate): Rating | null {
  return trackedAsAt(action, historyOf(action), day).rating;
}

export { dayOf };
