import { currentDeadline, isOpen, type Action } from "./action.js";
import { DUE_SOON_DAYS } from "./due-soon.js";
import type { IsoDate } from "./iso-date.js";
import { addCalendarDays } from "./working-days.js";

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
    dueSoon: open && deadline >= today && deadline <= addCalendarDays(today, DUE_SOON_DAYS),
  };
}
