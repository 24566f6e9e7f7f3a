import { isOpen } from "../src/core/action.js";
import { bounceText, bouncesToMark } from "../src/core/email-bounce.js";
import { leadOfAction, type Person } from "../src/core/lead.js";
import type { BoardRecords } from "../src/core/records.js";
import type { PlanStore } from "../src/core/store.js";
import type { BounceRead } from "../src/store/mail-bounces.js";
import { logEvent } from "../src/log.js";

export interface BounceDeps {
  store: PlanStore;
  /** Reads the non-delivery reports in the board mailbox's inbox. */
  read: (now: Date) => Promise<BounceRead>;
  /** Told when the inbox cannot be read (Mail.Read not granted, or outside its scope): see bouncesUnreadAlarm. */
  unread: (status: number, message: string) => void;
  notifyManagers: (planId: string, message: string) => Promise<void>;
}

/**
 * Tells administrators once per process that Assure cannot read the board mailbox's inbox, so
 * it cannot see bounces; everything else goes on as before.
 */
export function bouncesUnreadAlarm(): (status: number, message: string) => void {
  let told = false;
  return (status, message) => {
    if (told) return;
    told = true;
    logEvent("error", "mail-bounces-unreadable", { status, message: message.slice(0, 300), fix: "grant Application Mail.Read scoped to ASSURE_MAIL_FROM (RBAC for Applications) so Assure can see bounced email; reminders are sent meanwhile (docs/deploy.md, step 3)" });
  };
}

/**
 * Before a sweep sends anything: marks each person whose address bounced since their last mark,
 * with the date and Exchange's words, and tells the managers of the plans they lead actions in.
 * Returns the records with those people as now stored. Never throws: a sweep goes on without.
 */
export async function markBounces(deps: BounceDeps, records: BoardRecords, now: Date): Promise<BoardRecords> {
  try {
    const read = await deps.read(now);
    if (!read.ok) {
      deps.unread(read.status, read.message);
      return records;
    }
    const marks = bouncesToMark(records.people, read.reports);
    if (marks.length === 0) return records;
    const people = new Map(records.people.map((p) => [p.id, p]));
    for (const { person, bounce } of marks) {
      // Only while they still have the address that bounced (a manager may have changed it meanwhile).
      const saved = (await deps.store.updateRecord("people", person.id, (current) => (current.email.toLowerCase() === bounce.address.toLowerCase() ? { ...current, emailBounce: bounce } : current))) as Person;
      people.set(saved.id, saved);
      if (saved.emailBounce?.at !== bounce.at) continue;
      logEvent("info", "email-bounced", { personId: saved.id, at: bounce.at });
      for (const planId of plansLedBy(records, saved.id)) await deps.notifyManagers(planId, bounceText(saved.displayName, bounce));
    }
    return { ...records, people: records.people.map((p) => people.get(p.id) ?? p) };
  } catch (error: unknown) {
    logEvent("warn", "mail-bounces-not-read", { error: error instanceof Error ? error.message : String(error) });
    return records;
  }
}

/** The plans in which this person answers for an open action. */
function plansLedBy(records: BoardRecords, personId: string): string[] {
  const plans = records.actions.filter((a) => isOpen(a) && leadOfAction(a, records.plans, records.leads)?.members.includes(personId)).map((a) => a.planId);
  return [...new Set(plans)];
}
