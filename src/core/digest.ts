import { addDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { previousMonday } from "date-fns/previousMonday";
import { isMonday } from "date-fns/isMonday";
import { currentDeadline, isOpen, type Action } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import type { LedgerEntry } from "./ledger.js";
import { leadOfAction, type Lead } from "./lead.js";
import { londonDate } from "./london.js";
import type { ProgressUpdate } from "./progress-update.js";
import type { Rating } from "./rag.js";
import { ratingBefore } from "./rating-history.js";
import { recordsAsAt } from "./records-as-at.js";
import type { BoardRecords } from "./records.js";
import type { Subgroup } from "./subgroup.js";
import type { Plan } from "./plan.js";
import { londonInstant, onOrAfterWorkingDay } from "./working-days.js";

/** A subgroup chair's weekly digest: Monday 08:30 London (the next working day after a bank holiday). */
export const DIGEST_SEND_AT = { hour: 8, minute: 30 };
import { DUE_SOON_DAYS } from "./due-soon.js";

export interface DigestAction {
  actionId: string;
  planId: string;
  ref: string;
  text: string;
  lead: string;
  deadline: IsoDate | null;
  timescale: string;
}

export interface DigestUpdate extends DigestAction {
  author: string;
  at: string;
  said: string;
  ratingChange: { from: Rating | null; to: Rating } | null;
  slipped: { to: IsoDate; reason: string } | null;
  completed: boolean;
}

export interface SilentLead extends DigestAction {
  person: string;
  remindersUnanswered: number;
}

export interface SubgroupDigest {
  subgroupId: string;
  subgroupName: string;
  chairId: string;
  /** The Monday the digest's week starts, in London. */
  week: IsoDate;
  ratingCounts: Record<Rating | "unrated", number>;
  overdue: DigestAction[];
  dueSoon: DigestAction[];
  updates: DigestUpdate[];
  silentLeads: SilentLead[];
  reviewsDue: DigestAction[];
  /** Nothing overdue, due, said, silent or to review. */
  quiet: boolean;
}

/** The Monday of the London week containing `date`. */
export const weekOf = (date: IsoDate): IsoDate => (isMonday(parseISO(date)) ? date : format(previousMonday(parseISO(date)), "yyyy-MM-dd"));

/** The actions a subgroup steers: those whose lead belongs to it in the leads directory. */
export function actionsOfSubgroup(subgroup: Subgroup, actions: readonly Action[], leads: readonly Lead[], plans: readonly Plan[]): Action[] {
  return actions.filter((a) => leadOfAction(a, plans, leads)?.subgroups.includes(subgroup.id));
}

const summary = (a: Action): DigestAction => ({
  actionId: a.id,
  planId: a.planId,
  ref: a.ref,
  text: a.text,
  lead: a.lead.asWritten,
  deadline: currentDeadline(a),
  timescale: a.timescale.text,
});

/**
 * A subgroup's digest for the week containing `now`: its actions' rating counts, what is
 * overdue and due in the next 28 days, what leads said in the past week, leads who have let
 * reminders go unanswered, and ongoing actions due their quarterly review.
 */
export function composeDigest(input: { subgroup: Subgroup; records: BoardRecords; ledger: readonly LedgerEntry[]; now: Date }): SubgroupDigest | null {
  const { subgroup, ledger, now } = input;
  if (subgroup.chair === null) return null;
  const today = londonDate(now);
  // As the records stood today: the digest reads nothing dated after it.
  const records = recordsAsAt(input.records, today);
  const weekAgo = addDays(now, -7).toISOString();
  const activePlans = new Set(records.plans.filter((p) => p.status === "active").map((p) => p.id));
  const mine = actionsOfSubgroup(subgroup, records.actions, records.leads, records.plans).filter((a) => activePlans.has(a.planId));
  const open = mine.filter(isOpen);

  const ratingCounts: SubgroupDigest["ratingCounts"] = { red: 0, amber: 0, green: 0, complete: 0, unrated: 0 };
  for (const a of mine) ratingCounts[a.status.state === "complete" ? "complete" : (a.rating ?? "unrated")] += 1;

  const withDeadline = open.filter((a) => currentDeadline(a) !== null);
  const overdue = withDeadline.filter((a) => currentDeadline(a)! < today).map(summary);
  const dueSoon = withDeadline
    .filter((a) => {
      const days = differenceInCalendarDays(parseISO(currentDeadline(a)!), parseISO(today));
      return days >= 0 && days <= DUE_SOON_DAYS;
    })
    .map(summary);

  const mineIds = new Set(mine.map((a) => a.id));
  const updates = records.progressUpdates
    .filter((u) => mineIds.has(u.actionId) && u.at > weekAgo && u.at <= now.toISOString())
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((u): DigestUpdate => {
      const action = mine.find((a) => a.id === u.actionId)!;
      const from = ratingBefore(action, { updates: input.records.progressUpdates, events: input.records.actionEvents }, (earlier) => Date.parse(earlier.at) < Date.parse(u.at));
      return {
        ...summary(action),
        author: u.author.name,
        at: u.at,
        said: u.text,
        ratingChange: u.rating !== null && u.rating !== from ? { from, to: u.rating } : null,
        slipped: u.proposedDeadline ? { to: u.proposedDeadline.date, reason: u.proposedDeadline.reason } : null,
        completed: u.markedComplete,
      };
    });

  // Reminders sent about an open action since its last update, per person: two or more unanswered.
  const silentLeads = open.flatMap((a) => {
    const lastUpdate = records.progressUpdates.filter((u) => u.actionId === a.id).map((u) => u.at).sort().at(-1) ?? "";
    const byPerson = new Map<string, number>();
    for (const e of ledger) {
      if (e.kind === "reminder" && e.status === "sent" && e.actionId === a.id && (e.sentAt ?? "") > lastUpdate) {
        byPerson.set(e.recipient, (byPerson.get(e.recipient) ?? 0) + 1);
      }
    }
    return [...byPerson.entries()]
      .filter(([, n]) => n >= 2)
      .map(([personId, n]) => ({ ...summary(a), person: records.people.find((p) => p.id === personId)?.displayName ?? personId, remindersUnanswered: n }));
  });

  // Ongoing actions with no update since this financial quarter began.
  const [y, m] = today.split("-").map(Number) as [number, number];
  const quarterStart = `${y}-${String(m - ((m - 1) % 3)).padStart(2, "0")}-01`; // Jan, Apr, Jul or Oct
  const reviewsDue = open
    .filter((a) => a.timescale.ongoing && !a.revisedDeadline && (a.timescale.deadlines.at(-1) ?? "") < quarterStart)
    .filter((a) => !records.progressUpdates.some((u) => u.actionId === a.id && londonDate(new Date(u.at)) >= quarterStart))
    .map(summary);

  return {
    subgroupId: subgroup.id,
    subgroupName: subgroup.name,
    chairId: subgroup.chair,
    week: weekOf(today),
    ratingCounts,
    overdue,
    dueSoon,
    updates,
    silentLeads,
    reviewsDue,
    quiet: overdue.length + dueSoon.length + updates.length + silentLeads.length + reviewsDue.length === 0,
  };
}

/**
 * When this week's digest for a subgroup falls due: its day and time (default Monday 08:30)
 * in London, moved to the next working day after a bank holiday.
 */
export function digestDueAt(now: Date, subgroup?: Pick<Subgroup, "digestAt">): Date {
  const at = subgroup?.digestAt ?? { weekday: 1, ...DIGEST_SEND_AT };
  const day = format(addDays(parseISO(weekOf(londonDate(now))), at.weekday - 1), "yyyy-MM-dd");
  return londonInstant(onOrAfterWorkingDay(day), { hour: at.hour, minute: at.minute });
}

/** The ledger key that makes a digest once-only per chair per week. */
export const digestKey = (subgroupId: string, week: IsoDate, chairId: string): string => `digest|${subgroupId}|${week}|${chairId}`;
