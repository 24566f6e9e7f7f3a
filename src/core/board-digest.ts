import { currentDeadline, isOpen, type Action } from "./action.js";
import { leadReach, type Conversation } from "./conversation.js";
import type { IsoDate } from "./iso-date.js";
import { leadRecipients, resolveLead } from "./lead.js";
import { londonDate } from "./london.js";
import type { Plan } from "./plan.js";
import { findStaleRating } from "./rag.js";
import type { BoardRecords } from "./records.js";
import { addCalendarDays, londonInstant, onOrBeforeWorkingDay } from "./working-days.js";
import { DIGEST_SEND_AT } from "./digest.js";
import { lastHeardOn } from "./plan-board.js";
import { recordsAsAt } from "./records-as-at.js";

export interface BoardDigest {
  planId: string;
  meeting: IsoDate;
  red: Action[];
  amber: Action[];
  overdue: Action[];
  /** Actions whose deadline was revised, with the reason. */
  slipped: Action[];
  stale: Action[];
  /** Leads the bot cannot reach: never installed, or blocked. */
  unreachable: { person: string; actions: string[] }[];
}

/** The board manager's exceptions go out on the working day a week before each meeting. */
export function boardDigestDueAt(meeting: IsoDate): Date {
  return londonInstant(onOrBeforeWorkingDay(addCalendarDays(meeting, -7)), DIGEST_SEND_AT);
}

/** The meeting whose exceptions are due at `now`: sent from a week before until the meeting. */
export function meetingDue(plan: Plan, now: Date): IsoDate | null {
  const today = londonDate(now);
  return plan.boardMeetings.find((m) => boardDigestDueAt(m) <= now && today <= m) ?? null;
}

/** The whole plan's exceptions before a board meeting: what is Red, Amber, late, slipped, stale, or out of reach. */
export function composeBoardDigest(input: { plan: Plan; meeting: IsoDate; records: BoardRecords; conversations: readonly Conversation[]; now: Date; emailEnabled?: boolean }): BoardDigest {
  const { plan, now } = input;
  const today = londonDate(now);
  const records = recordsAsAt(input.records, today);
  const open = records.actions.filter((a) => a.planId === plan.id && isOpen(a));
  const lastHeard = (a: Action) => lastHeardOn(plan, records.progressUpdates.filter((u) => u.actionId === a.id), today);
  const unreachable = new Map<string, string[]>();
  for (const a of open) {
    const lead = resolveLead(a.lead.asWritten, records.leads);
    for (const personId of lead ? leadRecipients(lead) : []) {
      const person = records.people.find((p) => p.id === personId);
      if (leadReach(person, input.conversations, input.emailEnabled ?? false) !== "reachable") unreachable.set(person?.displayName ?? personId, [...(unreachable.get(person?.displayName ?? personId) ?? []), a.ref]);
    }
  }
  return {
    planId: plan.id,
    meeting: input.meeting,
    red: open.filter((a) => a.rating === "red"),
    amber: open.filter((a) => a.rating === "amber"),
    overdue: open.filter((a) => (currentDeadline(a) ?? "9999") < today),
    slipped: open.filter((a) => a.revisedDeadline !== null),
    stale: open.filter((a) => findStaleRating({ rating: a.rating, deadline: currentDeadline(a), lastHeard: lastHeard(a), today }).length > 0),
    unreachable: [...unreachable.entries()].map(([person, actions]) => ({ person, actions })),
  };
}

export const boardDigestKey = (planId: string, meeting: IsoDate, managerId: string) => `board-digest|${planId}|${meeting}|${managerId}`;
