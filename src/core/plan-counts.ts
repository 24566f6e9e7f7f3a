import type { Action } from "./action.js";
import { deadlineState } from "./deadline-state.js";
import type { IsoDate } from "./iso-date.js";
import type { RatingCounts } from "./rating-history.js";

/** What the Plans page says of each plan: its actions by rating, and how many are overdue or due soon, as at a day. */
export interface PlanCounts {
  actions: number;
  ratings: RatingCounts;
  overdue: number;
  dueSoon: number;
}

export function planCounts(actions: readonly Action[], today: IsoDate): PlanCounts {
  const counts: PlanCounts = { actions: 0, ratings: { red: 0, amber: 0, green: 0, complete: 0, unrated: 0 }, overdue: 0, dueSoon: 0 };
  for (const a of actions) {
    counts.actions++;
    counts.ratings[a.rating ?? "unrated"]++;
    const state = deadlineState(a, today);
    if (state.overdue) counts.overdue++;
    if (state.dueSoon) counts.dueSoon++;
  }
  return counts;
}
