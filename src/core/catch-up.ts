import { isOpen, type Action } from "./action.js";
import type { IsoDate } from "./iso-date.js";
import type { LedgerEntry } from "./ledger.js";
import { leadRecipients, resolveLead, type Lead } from "./lead.js";
import { londonDate } from "./london.js";
import type { Plan } from "./plan.js";
import type { Reminder } from "./reminder-policy.js";
import { addCalendarDays } from "./working-days.js";

/**
 * What a first run sends. On a first start, or when a plan is imported or made active, many of
 * its actions may be long overdue and nobody was ever reminded of them: a sweep would greet
 * every lead with a pile of reminders about things a year late. Instead those reminders are
 * held until one of the plan's managers confirms a catch-up (the tab shows what would be sent),
 * and the managers get one summary meanwhile.
 */

/** Overdue by more than this (8 weeks), never reminded: held for a manager's catch-up. */
export const CATCH_UP_AFTER_DAYS = 56;

/** The ledger row that says a manager confirmed the catch-up for an action (kind "digest": it sends nothing). */
export const CONFIRMED_STAGE = "catch-up-confirmed";
export const confirmedKey = (planId: string, actionId: string) => `${CONFIRMED_STAGE}|${planId}|${actionId}`;
/** The managers' one summary for a set of held actions. */
export const SUMMARY_STAGE = "catch-up-summary";

export interface CatchUpAction {
  actionId: string;
  ref: string;
  planId: string;
  /** The deadline it missed. */
  deadline: IsoDate;
  /** Who a reminder would go to (person ids). */
  recipients: string[];
}

/**
 * The open actions of active plans that wait for a catch-up: their last deadline is more than
 * 8 weeks before today, no reminder about them was ever sent, and no manager has confirmed.
 */
export function awaitingCatchUp(input: { plans: readonly Plan[]; actions: readonly Action[]; leads: readonly Lead[]; ledger: readonly LedgerEntry[]; now: Date; planId?: string }): CatchUpAction[] {
  const cutoff = addCalendarDays(londonDate(input.now), -CATCH_UP_AFTER_DAYS);
  const reminded = new Set(input.ledger.filter((e) => e.kind === "reminder" && e.status === "sent" && e.actionId).map((e) => e.actionId!));
  const confirmed = new Set(input.ledger.filter((e) => e.stage === CONFIRMED_STAGE && e.actionId).map((e) => e.actionId!));
  const waiting: CatchUpAction[] = [];
  for (const action of input.actions) {
    if (input.planId !== undefined && action.planId !== input.planId) continue;
    const plan = input.plans.find((p) => p.id === action.planId);
    if (!plan || plan.status !== "active" || !isOpen(action) || !action.timescale.understood || action.timescale.ongoing) continue;
    const deadline = action.revisedDeadline?.date ?? action.timescale.deadlines.at(-1);
    if (!deadline || deadline >= cutoff || reminded.has(action.id) || confirmed.has(action.id)) continue;
    const lead = resolveLead(action.lead.asWritten, input.leads, plan.boards);
    waiting.push({ actionId: action.id, ref: action.ref, planId: plan.id, deadline, recipients: lead ? leadRecipients(lead) : [] });
  }
  return waiting;
}

/** Splits due reminders into those to send and those held for a catch-up. */
export function holdForCatchUp(reminders: readonly Reminder[], waiting: readonly CatchUpAction[]): { send: Reminder[]; held: Reminder[] } {
  const held = new Set(waiting.map((w) => w.actionId));
  return { send: reminders.filter((r) => !held.has(r.actionId)), held: reminders.filter((r) => held.has(r.actionId)) };
}

/**
 * The managers' summary's ledger key: one per plan and set of held actions, so the same set is
 * summarised once, and a new import that adds to it brings a new summary.
 */
export function summaryKey(planId: string, waiting: readonly CatchUpAction[]): string {
  const ids = waiting.filter((w) => w.planId === planId).map((w) => w.actionId).sort().join("\n");
  // FNV-1a, 32 bits: a short, stable name for the set (not a secret).
  let hash = 0x811c9dc5;
  for (let i = 0; i < ids.length; i++) hash = Math.imul(hash ^ ids.charCodeAt(i), 0x01000193) >>> 0;
  return `${SUMMARY_STAGE}|${planId}|${hash.toString(16).padStart(8, "0")}`;
}

/** The summary's words: how many actions, how late, and where to look. */
export function summaryText(plan: Plan, waiting: readonly CatchUpAction[]): string {
  const mine = waiting.filter((w) => w.planId === plan.id);
  const oldest = mine.map((w) => w.deadline).sort()[0];
  const people = new Set(mine.flatMap((w) => w.recipients)).size;
  return `${mine.length} ${mine.length === 1 ? "action is" : "actions are"} more than 8 weeks overdue and nobody has been reminded of ${mine.length === 1 ? "it" : "them"} (the oldest deadline ${oldest ? ukDate(oldest) : "unknown"}). Assure is holding ${mine.length === 1 ? "its reminder" : "their reminders"} to ${people} ${people === 1 ? "person" : "people"} until you confirm a catch-up: open the plan in the tab and choose "Catch up", where you see what would be sent.`;
}

/** The confirmation rows a manager's catch-up writes: one per action, kept in the ledger. */
export function confirmationsOf(waiting: readonly CatchUpAction[], by: { personId: string }, now: Date): LedgerEntry[] {
  return waiting.map((w) => ({
    key: confirmedKey(w.planId, w.actionId),
    kind: "digest",
    actionId: w.actionId,
    recipient: by.personId,
    stage: CONFIRMED_STAGE,
    dueOn: w.deadline,
    status: "sent",
    claimedAt: now.toISOString(),
    sentAt: now.toISOString(),
    attempts: 0,
    lastError: null,
  }));
}

const ukDate = (d: IsoDate) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
