import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { actionsOfSubgroup, composeDigest, digestDueAt, digestKey } from "../src/core/digest.js";
import { boardDigestKey, composeBoardDigest, meetingDue } from "../src/core/board-digest.js";
import type { Conversation } from "../src/core/conversation.js";
import { dueEscalations, type Escalation } from "../src/core/escalation.js";
import { CLAIM_TIMEOUT_MS, claimedKeys, MAX_SEND_ATTEMPTS, snoozesIn, staleClaims, type LedgerEntry } from "../src/core/ledger.js";
import { londonDate } from "../src/core/london.js";
import { dueReminders, type Reminder } from "../src/core/reminder-policy.js";
import { DEFAULT_REMINDER_POLICY } from "../src/core/reminder-settings.js";
import type { BoardRecords } from "../src/core/records.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import type { SendOutcome } from "./adapter.js";
import { lastUpdateOf } from "./card-actions.js";
import type { CardElement } from "./cards/card-json.js";
import { renderBoardDigestCard } from "./cards/board-digest-card.js";
import { renderDigestCard } from "./cards/digest-card.js";
import { renderNoticeCard, renderReminderCard } from "./cards/reminder-card.js";
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
  /** "action 6.2", or "digest for Training Group". */
  what: string;
  stage: string;
  to: string;
  outcome: "sent" | "would send" | "claimed elsewhere" | "unreachable" | "failed" | "will retry";
  detail?: string;
}

/**
 * One sweep: finds the reminders, weekly digests and escalations due at `now`, claims each in the ledger
 * under its unique key, sends it, and marks it sent. Claims left unconfirmed by a sender that died are retried once
 * they time out. A dry run claims and sends nothing, and says what it would send to whom.
 */
export interface SweepOptions {
  now: Date;
  dryRun: boolean;
  /** Only reminders, or only digests; both by default. */
  only?: "reminders" | "digests";
  /** Only this subgroup's digest (id or name). */
  subgroup?: string;
}

export async function runSweep(deps: SweepDeps, options: SweepOptions): Promise<SweepLine[]> {
  const { now, dryRun } = options;
  const [{ records }, ledger, conversations] = await Promise.all([
    deps.store.readRecords(),
    deps.store.readLedger(),
    deps.store.readConversations(),
  ]);
  const person = (id: string) => records.people.find((p) => p.id === id);
  const conversationOf = (personId: string) => {
    const p = person(personId);
    return conversations.find((c) => p && c.entraObjectId === p.entraObjectId && !c.stale) ?? null;
  };

  const reminders =
    options.only === "digests"
      ? []
      : dueReminders({
          plans: records.plans,
          actions: records.actions,
          updates: records.progressUpdates,
          leads: records.leads,
          claimed: claimedKeys(ledger),
          snoozes: snoozesIn(ledger),
          now,
        }).map((r) => reminderDelivery(r, records, now));
  const digests =
    options.only === "reminders"
      ? []
      : [...dueDigests(records, ledger, now, options.subgroup), ...(options.subgroup ? [] : dueBoardDigests(records, ledger, conversations, now))];
  const escalations = options.only === "digests" ? [] : dueEscalations({ records, ledger, now }).map((e) => escalationDelivery(e, records));
  const retries = staleClaims(ledger, now).flatMap((entry) => {
    const delivery =
      entry.kind === "digest" && entry.stage.startsWith("board:")
        ? boardDigestDelivery(entry.stage.slice("board:".length), entry.dueOn ?? "", entry.recipient, records, conversations, now)
        : entry.kind === "digest"
          ? digestDelivery(entry.stage, records, ledger, now)
        : entry.kind === "escalation"
          ? escalationRetry(entry, records)
          : retryOf(entry, records, now);
    return delivery ? [{ delivery: { ...delivery, key: entry.key }, retry: entry }] : [];
  });

  const work: { delivery: Delivery; retry: LedgerEntry | null }[] = [
    ...[...reminders, ...digests, ...escalations].map((delivery) => ({ delivery, retry: null })),
    ...retries,
  ];
  const lines: SweepLine[] = [];
  const line = (d: Delivery, outcome: SweepLine["outcome"], detail?: string) =>
    lines.push({ key: d.key, what: d.what, stage: d.stage, to: person(d.personId)?.displayName ?? d.personId, outcome, ...(detail ? { detail } : {}) });

  const deliver = async ({ delivery, retry }: (typeof work)[number]) => {
    const conversation = conversationOf(delivery.personId);
    if (!conversation) {
      // Not claimed: if they install Assure while this stage stands, the next sweep sends it.
      return line(delivery, "unreachable", "has not installed Assure in Teams, or blocked it");
    }
    if (dryRun) return line(delivery, "would send");
    const claimed = retry ? await reclaim(deps, retry, now) : await deps.store.claim(newClaim(delivery, now));
    if (!claimed) return line(delivery, "claimed elsewhere");
    const card = delivery.card();
    if (!card) return line(delivery, "failed", "what it is about is gone");
    const conversationId = String((conversation.reference.conversation as { id?: string } | undefined)?.id ?? conversation.entraObjectId);
    let outcome = await sendPaced(deps, conversationId, conversation.reference, card);
    // Throttled or briefly unavailable: wait as Teams says (or back off) and try again in this sweep.
    for (let again = 1; !outcome.ok && !outcome.permanent && again <= IN_SWEEP_RETRIES; again++) {
      if (outcome.status === 429) deps.limiter.pause(outcome.retryAfterSeconds ?? 2 ** again);
      else await sleep(1000 * (outcome.retryAfterSeconds ?? 2 ** again));
      outcome = await sendPaced(deps, conversationId, conversation.reference, card);
    }
    if (outcome.ok) {
      await deps.store.updateLedgerEntry(delivery.key, (e) => ({ ...e, status: "sent", sentAt: new Date().toISOString() }));
      return line(delivery, "sent");
    }
    const attempts = (retry?.attempts ?? 1) + (retry ? 1 : 0);
    const giveUp = outcome.permanent || attempts >= MAX_SEND_ATTEMPTS;
    await deps.store.updateLedgerEntry(delivery.key, (e) => ({
      ...e,
      status: giveUp ? "failed" : "claimed",
      attempts,
      lastError: `Teams ${outcome.status}: ${outcome.message}`.slice(0, 1000),
    }));
    if (outcome.permanent) {
      await deps.store.saveConversation({ ...conversation, stale: true, updatedAt: new Date().toISOString() });
      for (const planId of delivery.planIds) {
        await deps.notifyManagers(
          planId,
          `Assure cannot reach ${person(delivery.personId)?.displayName ?? delivery.personId} in Teams (they may have blocked or removed the app), so their ${delivery.kind === "reminder" ? `reminder about ${delivery.what}` : delivery.what} was not delivered.`,
        );
      }
    }
    return line(delivery, giveUp ? "failed" : "will retry", `Teams ${outcome.status}`);
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

/** Something the sweep sends to one person under one ledger key. */
interface Delivery {
  key: string;
  kind: "reminder" | "digest" | "escalation";
  personId: string;
  actionId: string | null;
  /** The plans it is about: their board managers hear if it cannot be delivered. */
  planIds: string[];
  what: string;
  stage: string;
  dueOn: string | null;
  card: () => CardElement | null;
}

function newClaim(delivery: Delivery, now: Date): LedgerEntry {
  return {
    key: delivery.key,
    kind: delivery.kind,
    actionId: delivery.actionId,
    recipient: delivery.personId,
    stage: delivery.stage,
    dueOn: delivery.dueOn,
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

function reminderDelivery(reminder: Reminder, records: BoardRecords, now: Date): Delivery {
  const ref = records.actions.find((a) => a.id === reminder.actionId)?.ref ?? reminder.actionId;
  return {
    key: reminder.key,
    kind: "reminder",
    personId: reminder.personId,
    actionId: reminder.actionId,
    planIds: [reminder.planId],
    what: `action ${ref}`,
    stage: reminder.stage,
    dueOn: reminder.deadline,
    card: () => reminderCard(records, reminder, now),
  };
}

/** A reminder whose claim timed out, rebuilt from its ledger entry. */
function retryOf(entry: LedgerEntry, records: BoardRecords, now: Date): Delivery | null {
  const action = records.actions.find((a) => a.id === entry.actionId);
  if (!action || entry.kind !== "reminder") return null;
  return reminderDelivery(
    { key: entry.key, actionId: action.id, planId: action.planId, personId: entry.recipient, stage: entry.stage, deadline: entry.dueOn, dueAt: entry.claimedAt },
    records,
    now,
  );
}

function escalationDelivery(e: Escalation, records: BoardRecords): Delivery {
  const action = records.actions.find((a) => a.id === e.actionId)!;
  const plan = records.plans.find((p) => p.id === e.planId)!;
  const message =
    `Action ${action.ref} ("${action.lead.asWritten}") has had ${e.unanswered > 0 ? `${e.unanswered} ` : ""}overdue reminders with no update. ` +
    (e.level === "chair"
      ? "As chair, please follow it up with the lead."
      : "Its subgroup chair was told a week ago (or it has no subgroup); please follow it up.");
  return {
    key: e.key,
    kind: "escalation",
    personId: e.personId,
    actionId: e.actionId,
    planIds: [e.planId],
    what: `escalation of action ${action.ref}`,
    stage: e.level,
    dueOn: null,
    card: () => renderNoticeCard(`Needs you: ${plan.title}`, `${message}\n\n${action.text}`),
  };
}

/** An escalation whose claim timed out, rebuilt from its ledger entry. */
function escalationRetry(entry: LedgerEntry, records: BoardRecords): Delivery | null {
  const action = records.actions.find((a) => a.id === entry.actionId);
  if (!action) return null;
  const level = entry.stage === "manager" ? "manager" : "chair";
  return escalationDelivery({ key: entry.key, level, actionId: action.id, planId: action.planId, personId: entry.recipient, unanswered: 0 }, records);
}

/** Each active plan's exceptions for its board managers, in the week before a board meeting. */
function dueBoardDigests(records: BoardRecords, ledger: readonly LedgerEntry[], conversations: readonly Conversation[], now: Date): Delivery[] {
  const claimed = claimedKeys(ledger);
  return records.plans
    .filter((p) => p.status === "active")
    .flatMap((plan) => {
      const meeting = meetingDue(plan, now);
      return meeting ? plan.managers.flatMap((m) => boardDigestDelivery(plan.id, meeting, m, records, conversations, now) ?? []) : [];
    })
    .filter((d) => !claimed.has(d.key));
}

function boardDigestDelivery(
  planId: string,
  meeting: string,
  managerId: string,
  records: BoardRecords,
  conversations: readonly Conversation[],
  now: Date,
): Delivery | null {
  const plan = records.plans.find((p) => p.id === planId);
  if (!plan) return null;
  return {
    key: boardDigestKey(plan.id, meeting, managerId),
    kind: "digest",
    personId: managerId,
    actionId: null,
    planIds: [plan.id],
    what: `board meeting digest for ${plan.title}`,
    stage: `board:${plan.id}`,
    dueOn: meeting,
    card: () =>
      renderBoardDigestCard(composeBoardDigest({ plan, meeting, records, conversations, now }), { planTitle: plan.title, today: londonDate(now) }),
  };
}

/** This week's digest for each subgroup chair, once it has fallen due and is not yet claimed. */
function dueDigests(records: BoardRecords, ledger: readonly LedgerEntry[], now: Date, only: string | undefined): Delivery[] {
  const claimed = claimedKeys(ledger);
  return records.subgroups
    .filter((g) => (only === undefined || g.id === only || g.name.toLowerCase() === only.toLowerCase()) && g.chair !== null)
    .filter((g) => now >= digestDueAt(now, g))
    .flatMap((g) => digestDelivery(g.id, records, ledger, now) ?? [])
    .filter((d) => !claimed.has(d.key));
}

function digestDelivery(subgroupId: string, records: BoardRecords, ledger: readonly LedgerEntry[], now: Date): Delivery | null {
  const subgroup = records.subgroups.find((g) => g.id === subgroupId);
  const digest = subgroup && composeDigest({ subgroup, records, ledger, now });
  if (!subgroup || !digest) return null;
  const planIds = [...new Set(actionsOfSubgroup(subgroup, records.actions, records.leads).map((a) => a.planId))];
  const planTitle = planIds.map((id) => records.plans.find((p) => p.id === id)?.title).filter(Boolean).join("; ") || "No actions in an active plan";
  return {
    key: digestKey(subgroup.id, digest.week, digest.chairId),
    kind: "digest",
    personId: digest.chairId,
    actionId: null,
    planIds,
    what: `digest for ${subgroup.name}`,
    stage: subgroup.id,
    dueOn: digest.week,
    card: () => renderDigestCard(digest, { today: londonDate(now), planTitle }),
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
