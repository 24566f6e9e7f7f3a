import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { agencyContacts, agencyOf, type Contact } from "./agency.js";
import { challengeLog, type ChallengeEntry } from "./challenge.js";
import type { IsoDate } from "./iso-date.js";
import type { Lead, Person } from "./lead.js";
import type { LedgerEntry } from "./ledger.js";
import { londonDate } from "./london.js";
import { planActions, planAsAt, type PlanView } from "./plan-export.js";

/**
 * Agency accountability: per agency (the lead an action names, as in who-is-late.ts), its
 * actions open, overdue and complete, how long it takes to answer a reminder, its longest
 * unanswered one, whom to contact, and the board's challenges to it. Worked out as at the end of
 * a day from the plans' history, the reminder ledger and the challenge log, reading nothing
 * recorded after that day, so what it says of a past day never changes.
 */
export interface AgencyFigures {
  key: string;
  leadId: string | null;
  agency: string;
  contacts: Contact[];
  open: number;
  overdue: number;
  /** Marked complete by the lead (awaiting sign-off) or signed off. */
  complete: number;
  notImplemented: number;
  /** The median, in calendar days, from a reminder to the agency's next update on that action; null if none answered yet. */
  medianDaysToAnswer: number | null;
  /** How many reminders (the first of each wait) were answered: what the median is of. */
  answered: number;
  /** The open action whose reminder has waited longest for an answer, if any waits. */
  longestUnanswered: { actionId: string; planId: string; ref: string; remindedOn: IsoDate; days: number } | null;
  challenges: { asked: number; awaiting: number };
}

export interface AgencyAccountability {
  board: string;
  asOf: IsoDate;
  agencies: AgencyFigures[];
}

const dayOf = (at: string) => londonDate(new Date(at));
const days = (from: IsoDate, to: IsoDate) => differenceInCalendarDays(parseISO(to), parseISO(from));

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The waits on one action: a reminder starts one (later reminders before an answer join it), the
 * agency's next update ends it. An update from the plan document is not an answer.
 */
function waitsOf(actionId: string, reminders: readonly LedgerEntry[], updates: readonly { at: string; via: string }[], asOf: IsoDate) {
  const steps = [
    ...reminders.filter((e) => e.actionId === actionId).map((e) => ({ at: e.sentAt!, reminder: true })),
    ...updates.filter((u) => u.via !== "plan-document" && dayOf(u.at) <= asOf).map((u) => ({ at: u.at, reminder: false })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(b.reminder) - Number(a.reminder));
  const answered: number[] = [];
  let since: IsoDate | null = null;
  for (const s of steps) {
    if (s.reminder) since ??= dayOf(s.at);
    else if (since !== null) {
      answered.push(Math.max(0, days(since, dayOf(s.at))));
      since = null;
    }
  }
  return { answered, waitingSince: since };
}

export function agencyAccountability(input: {
  board: string;
  /** The board's plans, whole (their history is read up to `asOf`). */
  plans: readonly PlanView[];
  directory: { leads: readonly Lead[]; people: readonly Person[] };
  ledger: readonly LedgerEntry[];
  challenges: readonly ChallengeEntry[];
  asOf: IsoDate;
}): AgencyAccountability {
  const { asOf, directory } = input;
  const reminders = input.ledger.filter((e) => e.kind === "reminder" && e.status === "sent" && e.actionId !== null && e.sentAt !== null && dayOf(e.sentAt) <= asOf);
  const rows = new Map<string, AgencyFigures & { waits: number[] }>();
  const rowOf = (key: string, lead: Lead | null, name: string) => {
    let row = rows.get(key);
    if (!row) {
      row = { key, leadId: lead?.id ?? null, agency: name, contacts: agencyContacts(lead, directory.people), open: 0, overdue: 0, complete: 0, notImplemented: 0, medianDaysToAnswer: null, answered: 0, longestUnanswered: null, challenges: { asked: 0, awaiting: 0 }, waits: [] };
      rows.set(key, row);
    }
    return row;
  };

  for (const plan of input.plans.map((p) => planAsAt(p, asOf))) {
    for (const a of planActions(plan)) {
      const { key, lead, name } = agencyOf(a, plan.boards, directory.leads);
      const row = rowOf(key, lead, name);
      const state = a.status.state;
      if (state === "open") row.open++;
      else if (state === "not-implemented") row.notImplemented++;
      else row.complete++;
      if (state === "open" && a.deadline !== null && a.deadline < asOf) row.overdue++;
      const { answered, waitingSince } = waitsOf(a.id, reminders, a.updates, asOf);
      row.waits.push(...answered);
      if (state === "open" && waitingSince !== null) {
        const waited = days(waitingSince, asOf);
        const longest = row.longestUnanswered;
        if (!longest || waited > longest.days || (waited === longest.days && a.ref.localeCompare(longest.ref, "en", { numeric: true }) < 0)) {
          row.longestUnanswered = { actionId: a.id, planId: plan.id, ref: a.ref, remindedOn: waitingSince, days: waited };
        }
      }
    }
  }

  // Challenges to an agency with no actions in the board's plans still give it a row.
  for (const c of challengeLog(input.challenges, input.board, asOf)) {
    const lead = c.question.agency.leadId ? (directory.leads.find((l) => l.id === c.question.agency.leadId) ?? null) : null;
    const key = lead ? lead.id : `written:${c.question.agency.name.toLowerCase()}`;
    const row = rowOf(key, lead, lead?.asWritten ?? c.question.agency.name);
    row.challenges.asked++;
    if (!c.answered) row.challenges.awaiting++;
  }

  const agencies = [...rows.values()].map(({ waits, ...row }) => ({ ...row, medianDaysToAnswer: median(waits), answered: waits.length }));
  // The most overdue first, then the longest unanswered, then by name.
  agencies.sort((x, y) => y.overdue - x.overdue || (y.longestUnanswered?.days ?? -1) - (x.longestUnanswered?.days ?? -1) || x.agency.localeCompare(y.agency));
  return { board: input.board, asOf, agencies };
}
