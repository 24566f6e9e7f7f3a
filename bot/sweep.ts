import { setTimeout as sleep } from "node:timers/promises";
import { needsInstall, reachOf } from "../src/core/conversation.js";
import { dueEscalations } from "../src/core/escalation.js";
import { CLAIM_TIMEOUT_MS, claimedKeys, MAX_SEND_ATTEMPTS, snoozesIn, staleClaims, type LedgerEntry } from "../src/core/ledger.js";
import { dueReminders } from "../src/core/reminder-policy.js";
import { awaitingCatchUp, holdForCatchUp, SUMMARY_STAGE, summaryKey, summaryText, type CatchUpAction } from "../src/core/catch-up.js";
import type { BoardRecords } from "../src/core/records.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import type { SendOutcome } from "./adapter.js";
import { cardText, type CardElement } from "./cards/card-json.js";
import {
  boardDigestDelivery,
  digestDelivery,
  dueBoardDigests,
  dueDigests,
  escalationDelivery,
  escalationRetry,
  impactDelivery,
  impactRetry,
  newClaim,
  reminderDelivery,
  retryOf,
  type Delivery,
} from "./deliveries.js";
import type { SendRateLimiter } from "./rate-limit.js";
import { LOCAL_TAB_ADDRESS, type TabAddress } from "../src/core/tab-link.js";
import { deliveryChannels, emailKey, isEmailKey, type Channel } from "../src/core/delivery-channel.js";
import { emailUsable } from "../src/core/email-bounce.js";
import { sendByEmail, type MailDeps } from "./email-delivery.js";
import { markBounces, type BounceDeps } from "./email-bounces.js";
import { installFor, type Installer } from "./install-for-lead.js";
import { SendGroup } from "./send-group.js";
import { dueImpactReminders, IMPACT_STAGE } from "../src/core/impact-reminder.js";
import { londonDate } from "../src/core/london.js";
import type { RegisterStore } from "../src/core/register.js";

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
  /** Where digest links point; the local server's address when not given. */
  tabAddress?: TabAddress;
  /** Email from the board's mailbox; null where none is configured (Teams only). */
  mail?: MailDeps | null;
  /** Installs Assure for people in the tenant who never opened it; null where not configured. */
  installer?: Installer | null;
  /** Email sends in flight at once: Outlook allows an app 4 concurrent requests, shared by the instances. */
  mailConcurrency?: number;
  /** The findings register, for impact reviews fallen due; without it, none are sent. */
  register?: RegisterStore | null;
  /** Reads bounces (non-delivery reports) from the board mailbox before sending; null where not configured. */
  bounces?: Pick<BounceDeps, "read" | "unread"> | null;
}

export interface SweepLine {
  key: string;
  /** "action 6.2", or "digest for Training Group". */
  what: string;
  stage: string;
  to: string;
  outcome: "sent" | "would send" | "claimed elsewhere" | "unreachable" | "failed" | "will retry" | "deferred" | "held";
  /** How it goes (or went): Teams or email. */
  channel?: Channel;
  detail?: string;
  /** Dry runs: what the card says, line by line. */
  text?: string[];
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
  const address = deps.tabAddress ?? LOCAL_TAB_ADDRESS;
  const [{ records: stored }, ledger, conversations, register] = await Promise.all([
    deps.store.readRecords(),
    deps.store.readLedger(),
    deps.store.readConversations(),
    options.only === "digests" || !deps.register ? null : deps.register.readRegister().then((r) => r.register),
  ]);
  // Bounces first, so nothing more goes to an address Exchange has said it cannot deliver to.
  const records = !dryRun && deps.mail && deps.bounces ? await markBounces({ ...deps.bounces, store: deps.store, notifyManagers: deps.notifyManagers }, stored, now) : stored;
  const person = (id: string) => records.people.find((p) => p.id === id);
  const conversationOf = (personId: string) => {
    return reachOf(person(personId)?.entraObjectId, conversations).conversation;
  };
  const installing = new Map<string, Promise<void>>();
  /** Before anything goes to someone Teams cannot reach yet: install Assure for them, once per sweep. */
  const reachInTeams = (delivery: Delivery) => {
    const who = person(delivery.personId);
    if (!who || dryRun || !deps.installer || who.channel === "email" || !needsInstall(who.entraObjectId, conversations, now)) return Promise.resolve();
    let done = installing.get(who.id);
    if (!done) {
      done = installFor(deps, who, conversations, now).then(async (failure) => {
        if (!failure) return;
        for (const planId of delivery.planIds) await deps.notifyManagers(planId, `Assure could not reach ${who.displayName} in Teams: ${failure}. They get email instead where they have an address and their channel allows it.`);
      });
      installing.set(who.id, done);
    }
    return done;
  };

  // Long-overdue actions nobody was reminded of wait for a manager's catch-up (docs/reminders.md).
  const waiting = options.only === "digests" ? [] : awaitingCatchUp({ ...records, ledger, now });
  const { send: dueNow, held } = holdForCatchUp(
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
        }),
    waiting,
  );
  const reminders = dueNow.map((r) => reminderDelivery(r, records, now, address));
  const digests =
    options.only === "reminders"
      ? []
      : [...dueDigests(records, ledger, now, options.subgroup, address), ...(options.subgroup ? [] : dueBoardDigests(records, ledger, conversations, now, address))];
  const escalations = options.only === "digests" ? [] : dueEscalations({ records, ledger, now }).map((e) => escalationDelivery(e, records));
  const impacts = register ? dueImpactReminders({ register, records, ledger, today: londonDate(now) }).map((r) => impactDelivery(r, records, register, address)) : [];
  const retries = staleClaims(ledger, now).flatMap((entry) => {
    const delivery =
      entry.kind === "digest" && entry.stage.startsWith("board:")
        ? boardDigestDelivery(entry.stage.slice("board:".length), entry.dueOn ?? "", entry.recipient, records, conversations, now, address)
        : entry.kind === "digest"
          ? digestDelivery(entry.stage, records, ledger, now, address)
        : entry.kind === "escalation"
          ? escalationRetry(entry, records)
          : entry.stage === IMPACT_STAGE
            ? register && impactRetry(entry, records, register, londonDate(now), address)
            : retryOf(entry, records, now, address);
    return delivery ? [{ delivery: { ...delivery, key: entry.key }, retry: entry }] : [];
  });

  const lines: SweepLine[] = [];
  const line = (d: Delivery, outcome: SweepLine["outcome"], detail?: string, extra: { text?: string[] } = {}) =>
    lines.push({ key: d.key, what: d.what, stage: d.stage, to: person(d.personId)?.displayName ?? d.personId, outcome, channel: d.channel ?? "teams", ...(detail ? { detail } : {}), ...extra });

  for (const r of held) {
    const action = records.actions.find((a) => a.id === r.actionId);
    lines.push({ key: r.key, what: `action ${action?.ref ?? r.actionId}`, stage: r.stage, to: person(r.personId)?.displayName ?? r.personId, outcome: "held", detail: "more than 8 weeks overdue and never reminded: waits for a manager's catch-up" });
  }
  await summariseCatchUps(deps, { records, ledger, waiting, now, dryRun }, lines);

  const fresh = [...reminders, ...digests, ...escalations, ...impacts];
  await inParallel(fresh, INSTALL_CONCURRENCY, reachInTeams);
  // Each delivery goes by the channels its person has now: Teams, email, or both (each claimed on its own key).
  const work: { delivery: Delivery; retry: LedgerEntry | null }[] = [
    ...fresh.flatMap((delivery) => {
      const who = person(delivery.personId);
      const channels = deliveryChannels(who?.channel ?? "teams-else-email", { teams: conversationOf(delivery.personId) !== null, email: Boolean(deps.mail) && emailUsable(who) });
      if (channels.length === 0) {
        // Not claimed: if they install Assure while this stage stands, the next sweep sends it.
        const why = who?.channel === "teams" ? "has not installed Assure in Teams, or blocked it (Teams only)" : who?.email && !emailUsable(who) ? `has not installed Assure in Teams, or blocked it, and email to ${who.email} bounced` : "has not installed Assure in Teams, or blocked it, and no email can be sent";
        line(delivery, "unreachable", why, dryRun ? { text: cardText(delivery.card()) } : {});
        return [];
      }
      return channels.map((channel) => ({ delivery: channel === "email" ? { ...delivery, key: emailKey(delivery.key), channel } : { ...delivery, channel }, retry: null }));
    }),
    ...retries.map(({ delivery, retry }) => ({ delivery: { ...delivery, channel: isEmailKey(retry.key) ? ("email" as const) : ("teams" as const) }, retry })),
  ];

  type Work = (typeof work)[number];

  /** Claims a delivery, unless it cannot go (a line says why) or another sweep holds it. */
  const claimOne = async ({ delivery, retry }: Work): Promise<boolean> => {
    if (dryRun) {
      line(delivery, "would send", undefined, { text: cardText(delivery.card()) });
      return false;
    }
    if (delivery.channel === "email" ? !deps.mail || !emailUsable(person(delivery.personId)) : !conversationOf(delivery.personId)) {
      line(delivery, "unreachable", delivery.channel === "email" ? "no email can be sent" : "has not installed Assure in Teams, or blocked it");
      return false;
    }
    const claimed = retry ? await reclaim(deps, retry, now) : await deps.store.claim(newClaim(delivery, now));
    if (!claimed) line(delivery, "claimed elsewhere");
    return claimed;
  };

  /** Sends one claimed delivery; calls `delivered` the moment it is handed over, before anything is recorded. */
  const send = async ({ delivery, retry }: Work, progress: { delivered: boolean; handingOver: boolean }): Promise<unknown> => {
    const delivered = () => void (progress.delivered = true);
    if (delivery.channel === "email") {
      const who = person(delivery.personId)!;
      const result = await sendByEmail({ store: deps.store, mail: deps.mail!, delivery, person: who, retry, delivered });
      if (result.outcome === "sent") return line(delivery, "sent");
      if (result.outcome !== "deferred" && result.permanent) {
        for (const planId of delivery.planIds) await deps.notifyManagers(planId, `Assure's email to ${who.displayName} about ${delivery.what} was refused (${result.detail}); check their email address in the leads directory.`);
      }
      return line(delivery, result.outcome, result.detail);
    }
    const conversation = conversationOf(delivery.personId)!;
    const card = delivery.card();
    if (!card) return line(delivery, "failed", "what it is about is gone");
    const conversationId = conversationIdOf(conversation);
    const sendOnce = async () => {
      await deps.limiter.acquire(conversationId);
      progress.handingOver = true;
      const outcome = await deps.messenger.sendCard(conversation.reference, card);
      progress.handingOver = false;
      return outcome;
    };
    let outcome = await sendOnce();
    // Throttled or briefly unavailable: wait as Teams says (or back off) and try again in this sweep.
    for (let again = 1; !outcome.ok && !outcome.permanent && again <= IN_SWEEP_RETRIES; again++) {
      if (outcome.status === 429) deps.limiter.pause(outcome.retryAfterSeconds ?? 2 ** again);
      else await sleep(1000 * (outcome.retryAfterSeconds ?? 2 ** again));
      outcome = await sendOnce();
    }
    if (outcome.ok) {
      delivered();
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
      await deps.store.saveConversation({ ...conversation, stale: true, updatedAt: new Date().toISOString(), reason: `Teams refused the message (${outcome.status}): they may have blocked or removed Assure` });
      for (const planId of delivery.planIds) {
        await deps.notifyManagers(
          planId,
          `Assure cannot reach ${person(delivery.personId)?.displayName ?? delivery.personId} in Teams (they may have blocked or removed the app), so their ${delivery.kind === "reminder" ? `reminder about ${delivery.what}` : delivery.what} was not delivered.`,
        );
      }
    }
    return line(delivery, giveUp ? "failed" : "will retry", `Teams ${outcome.status}`);
  };

  /**
   * Claims a group, writes the one ledger row naming it, sends each, and confirms the group with
   * one more write (bot/send-group.ts): about 2.2 resource units a delivery instead of 6.
   */
  const sendGroup = async (items: Work[], width: number) => {
    const claimed: Work[] = [];
    await inParallel(items, CLAIM_CONCURRENCY, async (w) => void ((await claimOne(w)) && claimed.push(w)));
    if (claimed.length === 0) return;
    let group: SendGroup;
    try {
      group = await SendGroup.open(deps.store, claimed.map((w) => w.delivery.key), now);
    } catch (error: unknown) {
      // Nothing was sent: the claims time out and a later sweep sends them.
      for (const w of claimed) line(w.delivery, "will retry", `the ledger could not be written: ${(error as Error).message}`);
      return;
    }
    await inParallel(claimed, width, async (w) => {
      const progress = { delivered: false, handingOver: false };
      try {
        await send(w, progress);
      } finally {
        // A send that threw while being handed over may have arrived: counted as delivered, never sent twice.
        group.settle(w.delivery.key, progress.delivered || progress.handingOver);
      }
    });
    await group.closed;
  };

  // Teams and email each have their own workers, so sends waiting on Exchange's 30 a minute never
  // hold up Teams; Graph allows 4 concurrent requests per mailbox. A few groups are in flight at
  // once so the Teams pacer always has the next send ready while a group is being claimed.
  const teamsWidth = Math.max(1, deps.concurrency ?? 60);
  const channels = await Promise.allSettled([
    inParallel(groupsOf(work.filter((w) => w.delivery.channel !== "email")), Math.max(1, Math.ceil(teamsWidth / GROUP_SIZE)), (g) => sendGroup(g, GROUP_SIZE)),
    inParallel(groupsOf(work.filter((w) => w.delivery.channel === "email")), 1, (g) => sendGroup(g, deps.mailConcurrency ?? MAILBOX_CONCURRENCY)),
  ]);
  for (const channel of channels) if (channel.status === "rejected") throw channel.reason;
  return lines;
}

/** The plan's managers' one summary of what waits for a catch-up, claimed in the ledger so it goes once per set. */
async function summariseCatchUps(
  deps: SweepDeps,
  input: { records: BoardRecords; ledger: readonly LedgerEntry[]; waiting: readonly CatchUpAction[]; now: Date; dryRun: boolean },
  lines: SweepLine[],
): Promise<void> {
  const { records, waiting, now, dryRun } = input;
  const claimed = new Set(input.ledger.map((e) => e.key));
  for (const plan of records.plans.filter((p) => waiting.some((w) => w.planId === p.id))) {
    const key = summaryKey(plan.id, waiting);
    if (claimed.has(key)) continue;
    const line: SweepLine = { key, what: `catch-up summary for ${plan.title}`, stage: SUMMARY_STAGE, to: "the plan's managers", outcome: dryRun ? "would send" : "sent", channel: "teams", ...(dryRun ? { text: [summaryText(plan, waiting)] } : {}) };
    if (!dryRun) {
      const entry: LedgerEntry = { key, kind: "digest", actionId: null, recipient: "managers", stage: SUMMARY_STAGE, dueOn: null, status: "claimed", claimedAt: now.toISOString(), sentAt: null, attempts: 1, lastError: null };
      if (!(await deps.store.claim(entry))) continue;
      await deps.notifyManagers(plan.id, summaryText(plan, waiting));
      await deps.store.updateLedgerEntry(key, (e) => ({ ...e, status: "sent", sentAt: new Date().toISOString() }));
    }
    lines.push(line);
  }
}

/** Claims confirmed by one ledger write: more saves units, but a crash leaves more in doubt. */
const GROUP_SIZE = 20;
/** Claims written at once while a group is formed. */
const CLAIM_CONCURRENCY = 10;

const groupsOf = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / GROUP_SIZE) }, (_, i) => items.slice(i * GROUP_SIZE, (i + 1) * GROUP_SIZE));

/** What Teams' per-conversation limits are counted by. */
const conversationIdOf = (conversation: { entraObjectId: string; reference: Record<string, unknown> }) =>
  String((conversation.reference.conversation as { id?: string } | undefined)?.id ?? conversation.entraObjectId);

/** Installs in flight at once (each is three Graph requests). */
const INSTALL_CONCURRENCY = 8;
/** Graph's Outlook limit: 4 concurrent requests per app, across mailboxes (throttling-limits.md). */
const MAILBOX_CONCURRENCY = 4;

/**
 * Runs `work` on each item with at most `width` at a time. One failure does not stop the others
 * (their claims are made and their sends under way); the first is thrown once all have finished.
 */
async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  const failures: unknown[] = [];
  await Promise.all(Array.from({ length: Math.min(width, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item).catch((error: unknown) => void failures.push(error));
  }));
  if (failures.length > 0) throw failures[0];
}

/** Retries of a throttled or failed send within one sweep, before it is left for a later sweep. */
const IN_SWEEP_RETRIES = 3;

/** Takes over a timed-out claim; only one of several sweeps racing for it wins (eTags). */
async function reclaim(deps: SweepDeps, entry: LedgerEntry, now: Date): Promise<boolean> {
  let won = false;
  await deps.store.updateLedgerEntry(entry.key, (current) => {
    won = current.status === "claimed" && now.getTime() - Date.parse(current.claimedAt) >= CLAIM_TIMEOUT_MS;
    return won ? { ...current, claimedAt: now.toISOString(), attempts: current.attempts + 1 } : current;
  });
  return won;
}

