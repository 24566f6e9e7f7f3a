import { currentDeadline, isOpen, type Action } from "./action.js";
import { DUE_SOON_DAYS } from "./due-soon.js";
import type { IsoDate } from "./iso-date.js";
import { addCalendarDays } from "./working-days.js";

// Every action of a board is asked about with the same day: its last "due soon" day is worked out once.
let soon: { today: IsoDate; until: IsoDate } | null = null;
const dueSoonUntil = (today: IsoDate): IsoDate => (soon?.today === today ? soon.until : (soon = { today, until: addCalendarDays(today, DUE_SOON_DAYS) }).until);

/**
 * Whether an open action is overdue (its deadline has passed) or due soon (within DUE_SOON_DAYS),
 * as at a day. One rule, so the Plans page's counts, the plan's badges and its filters agree.
 */
export function deadlineState(action: Action, today: IsoDate): { deadline: IsoDate | null; overdue: boolean; dueSoon: boolean } {
  const deadline = currentDeadline(action);
  const open = isOpen(action) && deadline !== null;
  return {
    deadline,
    overdue: open && deadline < today,
    dueSoon: open && deadline >= today && deadline <= dueSoonUntil(today),
  };
}
