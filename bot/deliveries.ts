import { randomUUID } from "node:crypto";
import { boardDigestKey, composeBoardDigest, meetingDue } from "../src/core/board-digest.js";
import type { Conversation } from "../src/core/conversation.js";
import { actionsOfSubgroup, composeDigest, digestDueAt, digestKey } from "../src/core/digest.js";
import type { Escalation } from "../src/core/escalation.js";
import { claimedKeys, type LedgerEntry } from "../src/core/ledger.js";
import { londonDate } from "../src/core/london.js";
import type { BoardRecords } from "../src/core/records.js";
import type { Reminder } from "../src/core/reminder-policy.js";
import { DEFAULT_REMINDER_POLICY } from "../src/core/reminder-settings.js";
import { lastUpdateOf } from "./card-actions.js";
import { renderBoardDigestCard } from "./cards/board-digest-card.js";
import type { CardElement } from "./cards/card-json.js";
import { renderDigestCard } from "./cards/digest-card.js";
import { tabLink, type TabAddress } from "../src/core/tab-link.js";
import { renderNoticeCard, renderReminderCard } from "./cards/reminder-card.js";
import { renderImpactCard } from "./cards/impact-card.js";
import { dueImpactReminders, IMPACT_STAGE, impactReminderKey, parseImpactKey, type ImpactReminder } from "../src/core/impact-reminder.js";
import type { Register } from "../src/core/register.js";

/**
 * What a sweep can send, each built from the records as a Delivery: a reminder, a subgroup
 * chair's digest, a board manager's digest, an escalation; and the same rebuilt from a ledger
 * entry whose claim timed out.
 */

/** Something the sweep sends to one person under one ledger key. */
export interface Delivery {
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
  /** Teams unless the key says email (src/core/delivery-channel.ts). */
  channel?: "teams" | "email";
}

export function newClaim(delivery: Delivery, now: Date): LedgerEntry {
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

export function reminderDelivery(reminder: Reminder, records: BoardRecords, now: Date, address?: TabAddress): Delivery {
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
    card: () => reminderCard(records, reminder, now, address),
  };
}

/** A reminder whose claim timed out, rebuilt from its ledger entry. */
export function retryOf(entry: LedgerEntry, records: BoardRecords, now: Date, address?: TabAddress): Delivery | null {
  const action = records.actions.find((a) => a.id === entry.actionId);
  if (!action || entry.kind !== "reminder") return null;
  return reminderDelivery(
    { key: entry.key, actionId: action.id, planId: action.planId, personId: entry.recipient, stage: entry.stage, deadline: entry.dueOn, dueAt: entry.claimedAt },
    records,
    now,
    address,
  );
}

export function escalationDelivery(e: Escalation, records: BoardRecords): Delivery {
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
export function escalationRetry(entry: LedgerEntry, records: BoardRecords): Delivery | null {
  const action = records.actions.find((a) => a.id === entry.actionId);
  if (!action) return null;
  const level = entry.stage === "manager" ? "manager" : "chair";
  return escalationDelivery({ key: entry.key, level, actionId: action.id, planId: action.planId, personId: entry.recipient, unanswered: 0 }, records);
}

/** Each active plan's exceptions for its board managers, in the week before a board meeting. */
export function dueBoardDigests(records: BoardRecords, ledger: readonly LedgerEntry[], conversations: readonly Conversation[], now: Date, address: TabAddress): Delivery[] {
  const claimed = claimedKeys(ledger);
  return records.plans
    .filter((p) => p.status === "active")
    .flatMap((plan) => {
      const meeting = meetingDue(plan, now);
      return meeting ? plan.managers.flatMap((m) => boardDigestDelivery(plan.id, meeting, m, records, conversations, now, address) ?? []) : [];
    })
    .filter((d) => !claimed.has(d.key));
}

export function boardDigestDelivery(
  planId: string,
  meeting: string,
  managerId: string,
  records: BoardRecords,
  conversations: readonly Conversation[],
  now: Date,
  address: TabAddress,
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
      renderBoardDigestCard(composeBoardDigest({ plan, meeting, records, conversations, now }), { planTitle: plan.title, today: londonDate(now), address }),
  };
}

/** This week's digest for each subgroup chair, once it has fallen due and is not yet claimed. */
export function dueDigests(records: BoardRecords, ledger: readonly LedgerEntry[], now: Date, only: string | undefined, address: TabAddress): Delivery[] {
  const claimed = claimedKeys(ledger);
  return records.subgroups
    .filter((g) => (only === undefined || g.id === only || g.name.toLowerCase() === only.toLowerCase()) && g.chair !== null)
    .filter((g) => now >= digestDueAt(now, g))
    .flatMap((g) => digestDelivery(g.id, records, ledger, now, address) ?? [])
    .filter((d) => !claimed.has(d.key));
}

export function digestDelivery(subgroupId: string, records: BoardRecords, ledger: readonly LedgerEntry[], now: Date, address: TabAddress): Delivery | null {
  const subgroup = records.subgroups.find((g) => g.id === subgroupId);
  const digest = subgroup && composeDigest({ subgroup, records, ledger, now });
  if (!subgroup || !digest) return null;
  const planIds = [...new Set(actionsOfSubgroup(subgroup, records.actions, records.leads, records.plans).map((a) => a.planId))];
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
    card: () => renderDigestCard(digest, { today: londonDate(now), planTitle, planIds, links: { address, subgroupId: subgroup.id } }),
  };
}

/** An impact review fallen due: to its owner (or its plan's managers), once per due day. */
export function impactDelivery(reminder: ImpactReminder, records: BoardRecords, register: Register, address: TabAddress | undefined): Delivery {
  const section = records.sections.find((s) => s.id === reminder.recommendationId) ?? null;
  const plan = records.plans.find((p) => p.id === reminder.planId) ?? null;
  return {
    key: reminder.key,
    kind: "reminder",
    personId: reminder.personId,
    actionId: null,
    planIds: plan ? [plan.id] : [],
    what: `impact review of ${reminder.review}, recommendation ${reminder.recommendation}`,
    stage: IMPACT_STAGE,
    dueOn: reminder.dueOn,
    card: () =>
      renderImpactCard({ reminder, link: register.recommendationLinks.find((l) => l.id === reminder.recommendationId) ?? null, plan, section, submissionId: randomUUID(), tabUrl: plan && address ? tabLink(address, plan.id, {}, plan.title) : null }),
  };
}

/** An impact reminder whose claim timed out, rebuilt from its key; null if the review is no longer due to that person. */
export function impactRetry(entry: LedgerEntry, records: BoardRecords, register: Register, today: string, address: TabAddress | undefined): Delivery | null {
  const parsed = parseImpactKey(entry.key);
  if (!parsed) return null;
  const due = dueImpactReminders({ register, records, ledger: [], today }).find((r) => r.key === impactReminderKey(parsed.recommendationId, parsed.dueOn, parsed.personId));
  return due ? impactDelivery(due, records, register, address) : null;
}

function reminderCard(records: BoardRecords, reminder: Reminder, now: Date, address: TabAddress | undefined): CardElement | null {
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
    ...(address ? { evidenceUrl: tabLink(address, plan.id, { action: action.id }, `Action ${action.ref}`) } : {}),
  });
}
