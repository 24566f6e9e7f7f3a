import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { parseISO } from "date-fns/parseISO";
import { isOpen } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import { agencyContacts, agencyOf, type Contact } from "./agency.js";
import type { Lead, Person } from "./lead.js";
import type { LedgerEntry } from "./ledger.js";
import { londonDate } from "./london.js";
import { planActions, planAsAt, type PlanView } from "./plan-export.js";

/**
 * Who is late: each lead (an agency's role or group, as the leads directory names it) with open
 * actions past their deadline, the people to contact about them (those its reminders go to: the
 * chair, or every member), when the lead last answered on any of its actions, and how many
 * reminders have gone unanswered since. Worked out as at a day, from the plans and the ledger,
 * so a board officer can ring the right person before the meeting.
 */
export interface LateLead {
  /** The directory entry, or null for a lead the directory does not know (no one is reminded). */
  leadId: string | null;
  lead: string;
  contacts: Contact[];
  /** The day of the latest progress update on any of the lead's actions (a person's, not the plan document's), or null if never. */
  lastAnswered: IsoDate | null;
  daysSinceAnswer: number | null;
  /** Reminders sent for the lead's actions after its last answer. */
  remindersUnanswered: number;
  late: { actionId: string; planId: string; planTitle: string; ref: string; text: string; deadline: IsoDate; daysLate: number }[];
}

export function whoIsLate(wholePlans: readonly PlanView[], directory: { leads: readonly Lead[]; people: readonly Person[] }, ledger: readonly LedgerEntry[], asOf: IsoDate): LateLead[] {
  const dayOf = (at: string) => londonDate(new Date(at));
  const days = (from: IsoDate, to: IsoDate) => differenceInCalendarDays(parseISO(to), parseISO(from));
  const rows = new Map<string, LateLead & { actionIds: Set<string> }>();
  const answers = new Map<string, IsoDate>();

  for (const plan of wholePlans.map((p) => planAsAt(p, asOf))) {
    for (const a of planActions(plan)) {
      const { key, lead, name } = agencyOf(a, plan.boards, directory.leads);
      // What the lead said on any of its actions counts as answering, late or not.
      for (const u of a.updates) {
        if (u.via === "plan-document") continue;
        const day = dayOf(u.at);
        if (day <= asOf && (answers.get(key) ?? "") < day) answers.set(key, day);
      }
      if (!isOpen(a) || a.deadline === null || a.deadline >= asOf) continue;
      let row = rows.get(key);
      if (!row) {
        row = { leadId: lead?.id ?? null, lead: name, contacts: agencyContacts(lead, directory.people), lastAnswered: null, daysSinceAnswer: null, remindersUnanswered: 0, late: [], actionIds: new Set() };
        rows.set(key, row);
      }
      row.actionIds.add(a.id);
      row.late.push({ actionId: a.id, planId: plan.id, planTitle: plan.title, ref: a.ref, text: a.text, deadline: a.deadline, daysLate: days(a.deadline, asOf) });
    }
  }

  const result = [...rows.entries()].map(([key, { actionIds, ...row }]) => {
    const lastAnswered = answers.get(key) ?? null;
    const remindersUnanswered = ledger.filter((e) => e.kind === "reminder" && e.status === "sent" && e.sentAt && e.actionId && actionIds.has(e.actionId) && dayOf(e.sentAt) <= asOf && (lastAnswered === null || dayOf(e.sentAt) > lastAnswered)).length;
    return { ...row, lastAnswered, daysSinceAnswer: lastAnswered ? days(lastAnswered, asOf) : null, remindersUnanswered, late: row.late.sort((x, y) => y.daysLate - x.daysLate || x.ref.localeCompare(y.ref, "en", { numeric: true })) };
  });
  // The longest silence first (never answered before all), then the most late actions.
  const silence = (r: LateLead) => r.daysSinceAnswer ?? Number.MAX_SAFE_INTEGER;
  return result.sort((x, y) => silence(y) - silence(x) || y.late.length - x.late.length || x.lead.localeCompare(y.lead));
}
