import { parseISO } from "date-fns/parseISO";
import { isOpen, type Action } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import { leadRecipients, resolveLead, type Lead } from "./lead.js";
import { londonDate } from "./london.js";
import type { Plan } from "./plan.js";
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from "./reminder-settings.js";
import type { ProgressUpdate } from "./progress-update.js";
import { addCalendarDays, londonInstant, onOrAfterWorkingDay, onOrBeforeWorkingDay } from "./working-days.js";

export interface Reminder {
  /** The ledger's claim key: one reminder per action, deadline, stage and person, ever. */
  key: string;
  actionId: string;
  planId: string;
  personId: string;
  /** "28-days", "1-day", "due-today", "overdue-2", or "review-2016-q1" for ongoing actions. */
  stage: string;
  /** The deadline it is about, or null for an ongoing action's quarterly review. */
  deadline: IsoDate | null;
  /** When it falls due: the send time in London on a working day. */
  dueAt: string;
}

export interface Snooze {
  actionId: string;
  personId: string;
  until: string;
}

interface Stage {
  stage: string;
  deadline: IsoDate | null;
  dueAt: Date;
  /** An update after this instant answers the stage. */
  answeredAfter: Date;
  /** A stage missed until this instant is not sent late: the next stage, or a week on. */
  expiresAt: Date;
}

const stageName = (days: number) => (days === 0 ? "due-today" : days === 1 ? "1-day" : `${days}-days`);

/** Reminders before one deadline: each stage on its day, or the working day before it. */
function stagesBefore(deadline: IsoDate, policy: ReminderPolicy): Omit<Stage, "answeredAfter" | "expiresAt">[] {
  const byDay = new Map<IsoDate, Omit<Stage, "answeredAfter" | "expiresAt">>();
  for (const days of [...policy.daysBefore].sort((a, b) => b - a)) {
    const day = onOrBeforeWorkingDay(addCalendarDays(deadline, -days));
    // Two stages on one working day (a deadline after a weekend): the nearer one wins.
    byDay.set(day, { stage: stageName(days), deadline, dueAt: londonInstant(day, policy.sendAt) });
  }
  return [...byDay.values()];
}

/**
 * Reminders once a deadline has passed, up to `now`: every `overdueEveryDays` (a week) for the
 * first `overdueWeeklyFor` of them (4), then on the same day each month. A lead a month late
 * hears weekly; a lead a year late is not told 52 times.
 */
function stagesOverdue(deadline: IsoDate, policy: ReminderPolicy, today: IsoDate): Omit<Stage, "answeredAfter" | "expiresAt">[] {
  const stages: Omit<Stage, "answeredAfter" | "expiresAt">[] = [];
  const weekly = policy.overdueWeeklyFor;
  const lastWeekly = addCalendarDays(deadline, weekly * policy.overdueEveryDays);
  for (let n = 1; ; n++) {
    const nominal = n <= weekly ? addCalendarDays(deadline, n * policy.overdueEveryDays) : addMonths(lastWeekly, n - weekly);
    if (nominal > today) return stages;
    stages.push({ stage: `overdue-${n}`, deadline, dueAt: londonInstant(onOrAfterWorkingDay(nominal), policy.sendAt) });
  }
}

/** The same day `months` later, or the month's last day where it has no such day (31 January → 28 February). */
function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}` as IsoDate;
}

/** UK financial-year quarters: Q1 starts in April. The first working day of each, from `from` to `today`. */
function quarterlyReviews(from: IsoDate, today: IsoDate, policy: ReminderPolicy): Omit<Stage, "answeredAfter" | "expiresAt">[] {
  const stages: Omit<Stage, "answeredAfter" | "expiresAt">[] = [];
  let [year, month] = from.split("-").map(Number) as [number, number];
  month = month + ((3 - ((month - 1) % 3)) % 3); // the first of Jan/Apr/Jul/Oct on or after `from`
  if (month > 12) [year, month] = [year + 1, month - 12];
  for (;;) {
    const start = `${year}-${String(month).padStart(2, "0")}-01`;
    if (start > today) return stages;
    const fyQuarter = month === 1 ? 4 : (month - 1) / 3;
    const fyStart = month === 1 ? year - 1 : year;
    stages.push({
      stage: `review-${fyStart}-${String(fyStart + 1).slice(2)}-q${fyQuarter}`,
      deadline: null,
      dueAt: londonInstant(onOrAfterWorkingDay(start), policy.sendAt),
    });
    [year, month] = month === 10 ? [year + 1, 1] : [year, month + 3];
  }
}

/** Every reminder stage an action has had up to today, in order. */
function stagesOf(action: Action, policy: ReminderPolicy, today: IsoDate, since: IsoDate): Stage[] {
  const t = action.timescale;
  const deadlines = action.revisedDeadline ? [action.revisedDeadline.date] : t.deadlines;
  const raw: Omit<Stage, "answeredAfter" | "expiresAt">[] = deadlines.flatMap((d) => stagesBefore(d, policy));
  const last = deadlines.at(-1);
  if (t.ongoing && !action.revisedDeadline) raw.push(...quarterlyReviews(last ?? since, today, policy));
  else if (last) raw.push(...stagesOverdue(last, policy, today));
  raw.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const week = 7 * 86_400_000;
  return raw.map((s, i) => ({
    ...s,
    // The first stage counts an update in the week before it as an answer.
    answeredAfter: i === 0 ? new Date(s.dueAt.getTime() - week) : raw[i - 1]!.dueAt,
    expiresAt: new Date(Math.min(raw[i + 1]?.dueAt.getTime() ?? Infinity, s.dueAt.getTime() + week)),
  }));
}

/**
 * The reminders due at `now`: for each open action in an active plan, the stage that has
 * fallen due and not yet been overtaken by the next (a stage missed for a week is not sent
 * late), unless the lead has updated since the stage before, or snoozed it. Reminders already
 * claimed in the ledger are left out.
 */
export function dueReminders(input: {
  plans: readonly Plan[];
  actions: readonly Action[];
  updates: readonly ProgressUpdate[];
  leads: readonly Lead[];
  claimed: ReadonlySet<string>;
  snoozes: readonly Snooze[];
  now: Date;
}): Reminder[] {
  const today = londonDate(input.now);
  const policyFor = (plan: Plan): ReminderPolicy => plan.reminderPolicy ?? DEFAULT_REMINDER_POLICY;
  const due: Reminder[] = [];
  for (const action of input.actions) {
    const plan = input.plans.find((p) => p.id === action.planId);
    if (!plan || plan.status !== "active" || !isOpen(action) || !action.timescale.understood) continue;
    const lead = resolveLead(action.lead.asWritten, input.leads, plan.boards);
    if (!lead) continue;
    const since = plan.period?.from ?? plan.updatedOn ?? plan.issuedOn ?? today;
    const stage = stagesOf(action, policyFor(plan), today, since)
      .find((s) => s.dueAt <= input.now && input.now < s.expiresAt);
    if (!stage) continue;
    const answered = input.updates.some((u) => u.actionId === action.id && parseISO(u.at) > stage.answeredAfter);
    if (answered) continue;
    for (const personId of leadRecipients(lead)) {
      const key = [action.id, stage.deadline ?? "ongoing", stage.stage, personId].join("|");
      const snoozed = input.snoozes.some(
        (s) => s.actionId === action.id && s.personId === personId && parseISO(s.until) > input.now,
      );
      if (snoozed || input.claimed.has(key)) continue;
      due.push({ key, actionId: action.id, planId: plan.id, personId, stage: stage.stage, deadline: stage.deadline, dueAt: stage.dueAt.toISOString() });
    }
  }
  return due;
}
