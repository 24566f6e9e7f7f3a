import { addDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { endOfMonth } from "date-fns/endOfMonth";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { subMonths } from "date-fns/subMonths";
import { isOpen } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import { resolveLead, type Lead } from "./lead.js";
import type { LedgerEntry } from "./ledger.js";
import { londonDate } from "./london.js";
import { planActions, planAsAt, type PlanView } from "./plan-export.js";
import type { RatingCounts } from "./rating-history.js";
import type { Subgroup } from "./subgroup.js";

/**
 * Where plans stand, as pictures a board is shown: rating counts month by month, what is overdue
 * or due soon by subgroup and by lead, deadlines that slipped, time to complete, and how leads
 * answer reminders. Every number is worked out as at one day, from the plans and their history,
 * so the tab's charts and the board paper's agree.
 */
import { DUE_SOON_DAYS } from "./due-soon.js";
export const ANSWER_WITHIN_DAYS = 7;
const MONTHS_SHOWN = 12;

export interface Dashboard {
  asOf: IsoDate;
  plans: { id: string; title: string; counts: RatingCounts }[];
  /** As at the end of each month since the plans began, at most a year (the last one as at `asOf`), oldest first. */
  ratingsByMonth: { month: string; asOf: IsoDate; counts: RatingCounts }[];
  bySubgroup: { id: string | null; name: string; overdue: number; dueSoon: number }[];
  byLead: { id: string | null; name: string; overdue: number; dueSoon: number }[];
  slipped: { actions: number; of: number; medianDays: number | null; longestDays: number | null };
  completion: { actions: number; medianDays: number | null };
  responses: { reminders: number; within7Days: number; later: number; afterEscalation: number; notAnswered: number };
}

const zero = (): RatingCounts => ({ red: 0, amber: 0, green: 0, complete: 0, unrated: 0 });
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
};

/** Reads only the plans' history up to `asOf` (and each month's end): what is done later never changes it. */
export function dashboard(wholePlans: readonly PlanView[], directory: { leads: readonly Lead[]; subgroups: readonly Subgroup[] }, ledger: readonly LedgerEntry[], asOf: IsoDate): Dashboard {
  const dayOf = (at: string) => londonDate(new Date(at));
  const plans = wholePlans.map((p) => planAsAt(p, asOf));
  const all = plans.flatMap((p) => planActions(p).map((a) => ({ plan: p, a })));

  // From the month the earliest plan began (its period, else its issue), at most a year back.
  const began = plans.map((p) => p.period?.from ?? p.issuedOn ?? p.updatedOn).filter((d): d is IsoDate => d !== null).sort()[0] ?? asOf;
  const months = Array.from({ length: MONTHS_SHOWN }, (_, i) => (i === MONTHS_SHOWN - 1 ? asOf : format(endOfMonth(subMonths(parseISO(asOf), MONTHS_SHOWN - 1 - i)), "yyyy-MM-dd")))
    .filter((end) => end === asOf || end >= began)
    .map((end) => {
      const counts = zero();
      for (const p of plans) for (const a of planActions(end === asOf ? p : planAsAt(p, end))) counts[a.rating ?? "unrated"]++;
      return { month: end.slice(0, 7), asOf: end, counts };
    });

  const soon = format(addDays(parseISO(asOf), DUE_SOON_DAYS), "yyyy-MM-dd");
  const subgroupRows = new Map<string | null, Dashboard["bySubgroup"][number]>();
  const leadRows = new Map<string | null, Dashboard["byLead"][number]>();
  for (const { plan, a } of all) {
    if (!isOpen(a) || a.deadline === null) continue;
    const overdue = a.deadline < asOf;
    const dueSoon = !overdue && a.deadline <= soon;
    if (!overdue && !dueSoon) continue;
    const lead = a.lead.leadId ? (directory.leads.find((l) => l.id === a.lead.leadId) ?? resolveLead(a.lead.asWritten, directory.leads, plan.boards)) : null;
    const leadRow = leadRows.get(lead?.id ?? null) ?? { id: lead?.id ?? null, name: lead?.asWritten ?? "Not in the leads directory", overdue: 0, dueSoon: 0 };
    leadRows.set(leadRow.id, leadRow);
    const groups = lead?.subgroups.length ? lead.subgroups : [null];
    for (const g of groups) {
      const row = subgroupRows.get(g) ?? { id: g, name: directory.subgroups.find((s) => s.id === g)?.name ?? "No subgroup", overdue: 0, dueSoon: 0 };
      subgroupRows.set(g, row);
      for (const r of [row, ...(g === groups[0] ? [leadRow] : [])]) r[overdue ? "overdue" : "dueSoon"]++;
    }
  }
  const byCount = <T extends { overdue: number; dueSoon: number; name: string }>(rows: Iterable<T>) => [...rows].sort((x, y) => y.overdue - x.overdue || y.dueSoon - x.dueSoon || x.name.localeCompare(y.name));

  const slips = all.flatMap(({ a }) => {
    const planned = a.timescale.deadlines.at(-1);
    return a.revisedDeadline && planned ? [differenceInCalendarDays(parseISO(a.revisedDeadline.date), parseISO(planned))] : [];
  });
  const completions = all.flatMap(({ plan, a }) => {
    const done = a.status.state === "complete" || a.status.state === "closed" ? a.updates.find((u) => u.markedComplete) : undefined;
    const start = plan.issuedOn ?? plan.updatedOn;
    return done && start ? [differenceInCalendarDays(parseISO(dayOf(done.at)), parseISO(start))] : [];
  });

  const responses = { reminders: 0, within7Days: 0, later: 0, afterEscalation: 0, notAnswered: 0 };
  const byAction = new Map(all.map(({ a }) => [a.id, a]));
  for (const r of ledger) {
    if (r.kind !== "reminder" || r.status !== "sent" || !r.sentAt || !r.actionId || dayOf(r.sentAt) > asOf) continue;
    const a = byAction.get(r.actionId);
    if (!a) continue;
    responses.reminders++;
    const answer = a.updates.find((u) => u.at >= r.sentAt! && dayOf(u.at) <= asOf);
    const escalated = ledger.find((e) => e.kind === "escalation" && e.actionId === r.actionId && e.sentAt && e.sentAt >= r.sentAt! && (!answer || e.sentAt <= answer.at));
    if (!answer) responses.notAnswered++;
    else if (escalated) responses.afterEscalation++;
    else if (differenceInCalendarDays(parseISO(dayOf(answer.at)), parseISO(dayOf(r.sentAt))) <= ANSWER_WITHIN_DAYS) responses.within7Days++;
    else responses.later++;
  }

  return {
    asOf,
    plans: plans.map((p) => {
      const counts = zero();
      for (const a of planActions(p)) counts[a.rating ?? "unrated"]++;
      return { id: p.id, title: p.title, counts };
    }),
    ratingsByMonth: months,
    bySubgroup: byCount(subgroupRows.values()),
    byLead: byCount(leadRows.values()),
    slipped: { actions: slips.length, of: all.length, medianDays: median(slips), longestDays: slips.length ? Math.max(...slips) : null },
    completion: { actions: completions.length, medianDays: median(completions) },
    responses,
  };
}
