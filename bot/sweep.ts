import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { CLAIM_TIMEOUT_MS, claimedKeys, MAX_SEND_ATTEMPTS, snoozesIn, staleClaims, type LedgerEntry } from "../src/core/ledger.js";
import { londonDate } from "../src/core/london.js";
import { dueReminders, type Reminder } from "../src/core/reminder-policy.js";
import { DEFAULT_REMINDER_POLICY } from "../src/core/reminder-settings.js";
import type { BoardRecords } from "../src/core/records.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import type { SendOutcome } from "./adapter.js";
import { lastUpdateOf } from "./card-actions.js";
import type { CardElement } from "./cards/card-json.js";
import { renderReminderCard } from "./cards/reminder-card.js";
import type { SendRateLimiter } from "./rate-limit.js";

export interface Messenger {
  sendCard(reference: Record<string, unknown>, card: CardElement): Promise<SendOutcome>;
}

export interface SweepDeps {
  store: PlanStore & DeliveryStore;
  messenger: Messenger;
  limiter: SendRateLimiter;
  /** Tells a plan's board managers about a lead Teams will not let Assure reach. */
  notifyManagers: (planId: string, message: string) => Promise<void>;
  /** How many sends are in flight at once; the limiter keeps them within Teams' rates. */
  concurrency?: number;
}

export interface SweepLine {
  key: string;
  action: string;
  stage: string;
  to: string;
  outcome: "sent" | "would send" | "claimed elsewhere" | "unreachable" | "failed" | "will retry";
  detail?: string;
}

/**
 * One sweep: finds the reminders due at `now`, claims each in the ledger under its unique key,
 * sends it, and marks it sent. Claims left unconfirmed by a sender that died are retried once
 * they time out. A dry run claims and sends nothing, and says what it would send to whom.
 */
export async function runSweep(deps: SweepDeps, options: { now: Date; dryRun: boolean }): Promise<SweepLine[]> {
  const { now, dryRun } = options;
  const [{ records }, ledger, conversations] = await Promise.all([
    deps.store.readRecords(),
    deps.store.readLedger(),
    deps.store.readConversations(),
  ]);
  const due = dueReminders({
    plans: records.plans,
    actions: records.actions,
    updates: records.progressUpdates,
    leads: records.leads,
    claimed: claimedKeys(ledger),
    snoozes: snoozesIn(ledger),
    now,
  });
  const retries = staleClaims(ledger, now).flatMap((entry) => {
    const reminder = reminderOf(entry, records);
    return reminder ? [{ reminder, entry }] : [];
  });
  const person = (id: string) => records.people.find((p) => p.id === id);
  const conversationOf = (personId: string) => {
    const p = person(personId);
    return conversations.find((c) => p && c.entraObjectId === p.entraObjectId && !c.stale) ?? null;
  };

  const work: { reminder: Reminder; retry: LedgerEntry | null }[] = [
    ...due.map((reminder) => ({ reminder, retry: null })),
    ...retries.map(({ reminder, entry }) => ({ reminder, retry: entry })),
  ];
  const lines: SweepLine[] = [];
  const line = (r: Reminder, outcome: SweepLine["outcome"], detail?: string) =>
    lines.push({
      key: r.key,
      action: records.actions.find((a) => a.id === r.actionId)?.ref ?? r.actionId,
      stage: r.stage,
      to: person(r.personId)?.displayName ?? r.personId,
      outcome,
      ...(detail ? { detail } : {}),
    });

  const deliver = async ({ reminder, retry }: (typeof work)[number]) => {
    const conversation = conversationOf(reminder.personId);
    if (!conversation) {
      // Not claimed: if they install Assure while this stage stands, the next sweep sends it.
      return line(reminder, "unreachable", "has not installed Assure in Teams, or blocked it");
    }
    if (dryRun) return line(reminder, "would send");
    const claimed = retry ? await reclaim(deps, retry, now) : await deps.store.claim(newClaim(reminder, now));
    if (!claimed) return line(reminder, "claimed elsewhere");
    const card = reminderCard(records, reminder, now);
    if (!card) return line(reminder, "failed", "the action is gone");
    const conversationId = String((conversation.reference.conversation as { id?: string } | undefined)?.id ?? conversation.entraObjectId);
    let outcome = await sendPaced(deps, conversationId, conversation.reference, card);
    // Throttled or briefly unavailable: wait as Teams says (or back off) and try again in this sweep.
    for (let again = 1; !outcome.ok && !outcome.permanent && again <= IN_SWEEP_RETRIES; again++) {
      if (outcome.status === 429) deps.limiter.pause(outcome.retryAfterSeconds ?? 2 ** again);
      else await sleep(1000 * (outcome.retryAfterSeconds ?? 2 ** again));
      outcome = await sendPaced(deps, conversationId, conversation.reference, card);
    }
    if (outcome.ok) {
      await deps.store.updateLedgerEntry(reminder.key, (e) => ({ ...e, status: "sent", sentAt: new Date().toISOString() }));
      return line(reminder, "sent");
    }
    const attempts = (retry?.attempts ?? 1) + (retry ? 1 : 0);
    const giveUp = outcome.permanent || attempts >= MAX_SEND_ATTEMPTS;
    await deps.store.updateLedgerEntry(reminder.key, (e) => ({
      ...e,
      status: giveUp ? "failed" : "claimed",
      attempts,
      lastError: `Teams ${outcome.status}: ${outcome.message}`.slice(0, 1000),
    }));
    if (outcome.permanent) {
      await deps.store.saveConversation({ ...conversation, stale: true, updatedAt: new Date().toISOString() });
      await deps.notifyManagers(
        reminder.planId,
        `Assure cannot reach ${person(reminder.personId)?.displayName ?? reminder.personId} in Teams (they may have blocked or removed the app), so their reminder for action ${records.actions.find((a) => a.id === reminder.actionId)?.ref ?? reminder.actionId} was not delivered.`,
      );
    }
    return line(reminder, giveUp ? "failed" : "will retry", `Teams ${outcome.status}`);
  };

  const queue = [...work];
  const workers = Array.from({ length: Math.max(1, deps.concurrency ?? 50) }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) await deliver(item);
  });
  await Promise.all(workers);
  return lines;
}

/** Retries of a throttled or failed send within one sweep, before it is left for a later sweep. */
const IN_SWEEP_RETRIES = 3;

async function sendPaced(deps: SweepDeps, conversationId: string, reference: Record<string, unknown>, card: CardElement): Promise<SendOutcome> {
  await deps.limiter.acquire(conversationId);
  return deps.messenger.sendCard(reference, card);
}

function newClaim(reminder: Reminder, now: Date): LedgerEntry {
  return {
    key: reminder.key,
    kind: "reminder",
    actionId: reminder.actionId,
    recipient: reminder.personId,
    stage: reminder.stage,
    dueOn: reminder.deadline,
    status: "claimed",
    claimedAt: now.toISOString(),
    sentAt: null,
    attempts: 1,
    lastError: null,
  };
}

/** Takes over a timed-out claim; only one of several sweeps racing for it wins (eTags). */
async function reclaim(deps: SweepDeps, entry: LedgerEntry, now: Date): Promise<boolean> {
  let won = false;
  await deps.store.updateLedgerEntry(entry.key, (current) => {
    won = current.status === "claimed" && now.getTime() - Date.parse(current.claimedAt) >= CLAIM_TIMEOUT_MS;
    return won ? { ...current, claimedAt: now.toISOString(), attempts: current.attempts + 1 } : current;
  });
  return won;
}

function reminderOf(entry: LedgerEntry, records: BoardRecords): Reminder | null {
  const action = records.actions.find((a) => a.id === entry.actionId);
  if (!action || entry.kind !== "reminder") return null;
  return {
    key: entry.key,
    actionId: action.id,
    planId: action.planId,
    personId: entry.recipient,
    stage: entry.stage,
    deadline: entry.dueOn,
    dueAt: entry.claimedAt,
  };
}

function reminderCard(records: BoardRecords, reminder: Reminder, now: Date): CardElement | null {
  const action = records.actions.find((a) => a.id === reminder.actionId);
  const plan = records.plans.find((p) => p.id === reminder.planId);
  const section = records.sections.find((s) => s.id === action?.sectionId);
  if (!action || !plan || !section) return null;
  return renderReminderCard({
    plan,
    section,
    action,
    lastUpdate: lastUpdateOf(records, action.id),
    today: londonDate(now),
    reminderKey: reminder.key,
    submissionId: randomUUID(),
    snoozeDays: (plan.reminderPolicy ?? DEFAULT_REMINDER_POLICY).snoozeDays,
  });
}
