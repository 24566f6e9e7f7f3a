import { logEvent } from "../src/log.js";
import { DEFAULT_REMINDER_POLICY } from "../src/core/reminder-settings.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import { TeamsBot, type BotSettings, type CardActionTiming } from "./adapter.js";
import { handleCardAction, pendingCardFor, pendingState } from "./card-actions.js";
import type { CardElement } from "./cards/card-json.js";
import { decisionCardsFor, decisionPendingCard, handleDecisionAction, isDecisionVerb } from "./decision-actions.js";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { format } from "date-fns/format";
import { isOpen } from "../src/core/action.js";
import { reachOf } from "../src/core/conversation.js";
import { answersFor, leadOfAction } from "../src/core/lead.js";
import { londonDate } from "../src/core/london.js";
import { lastUpdateOf } from "./card-actions.js";
import { renderNoticeCard, renderReminderCard } from "./cards/reminder-card.js";
import { DEFAULT_TEAMS_PER_SECOND, SendRateLimiter, TEAMS_CONVERSATION_LIMITS } from "./rate-limit.js";
import { MailRateLimiter } from "./mail-rate-limit.js";
import { mailSetupAlarm, type MailDeps } from "./email-delivery.js";
import type { GraphMailer } from "../src/store/mailer.js";
import type { GraphBounceReader } from "../src/store/mail-bounces.js";
import { bouncesUnreadAlarm } from "./email-bounces.js";
import type { TeamsInstaller } from "../src/store/teams-installer.js";
import type { Installer } from "./install-for-lead.js";
import type { TabAddress } from "../src/core/tab-link.js";
import { runSweep, type SweepLine, type SweepOptions } from "./sweep.js";
import { withSweepLease } from "./sweep-lease.js";
import { hostname } from "node:os";
import type { RegisterStore } from "../src/core/register.js";

export const HELP_TEXT =
  "I am Assure. I remind you about the safeguarding actions you lead as their deadlines come near, and you can answer each reminder right here. Board managers see the whole plan in the board's channel tab.";

export interface AssureBot {
  teams: TeamsBot;
  /** Sends the decision cards a recorded update calls for (a new deadline, a completion); for the tab's and the reply page's updates too. */
  askDeciders: (updateId: string) => Promise<void>;
  /** One sweep's lines; "busy" when another instance holds the sweep lease (bot/sweep-lease.ts). */
  sweep: (options: SweepOptions) => Promise<SweepLine[] | "busy">;
}

/** The bot wired to the store: installation, card actions, board-manager notices and sweeps. */
export function createAssureBot(deps: {
  store: PlanStore & DeliveryStore;
  settings: BotSettings;
  now: () => Date;
  /** Local mode: greet whoever opens the chat with a reminder card for one of their actions, as at this time. */
  welcomeAt?: Date;
  /** Where digest links point. */
  tabAddress: TabAddress;
  /** Email from the board's mailbox, for leads Teams cannot reach; null: Teams only. */
  mailer?: GraphMailer | null;
  /** Reads bounces from the board mailbox's inbox (with the mailer). */
  bounceReader?: GraphBounceReader | null;
  /** Installs Assure for leads in the tenant who never opened it; with the bot's service URL and tenant for the chat it makes. */
  installer?: { teams: TeamsInstaller; serviceUrl: string; tenantId: string } | null;
  /** Instances serving the tenant (ASSURE_INSTANCES): Teams' rate and Outlook's concurrency are the tenant's, so each takes its share. */
  instances?: number;
  /** The findings register: impact reviews fallen due are reminded, and recorded from their cards. */
  register?: RegisterStore | null;
  /** Tests: how long a card action's invoke waits for its write (bot/adapter.ts). */
  cardActionTiming?: Partial<CardActionTiming>;
}): AssureBot {
  const { store } = deps;
  const instances = deps.instances ?? 1;
  /** This instance, as the sweep lease names it. */
  const holder = `${process.env.WEBSITE_INSTANCE_ID ?? hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const limiter = new SendRateLimiter({ perSecond: DEFAULT_TEAMS_PER_SECOND / instances, conversation: TEAMS_CONVERSATION_LIMITS });
  const installer: Installer | null = deps.installer
    ? {
        install: (oid) => deps.installer!.teams.install(oid),
        reference: (chatId, person) => ({
          channelId: "msteams",
          serviceUrl: deps.installer!.serviceUrl,
          conversation: { id: chatId, conversationType: "personal", tenantId: deps.installer!.tenantId },
          user: { aadObjectId: person.entraObjectId },
          bot: { id: `28:${deps.settings.appId}` },
        }),
      }
    : null;
  const mail: MailDeps | null = deps.mailer
    ? {
        send: (m) => deps.mailer!.send(m),
        // Exchange's 30 a minute is the mailbox's, whichever instance sends.
        limiter: new MailRateLimiter({ perMinute: Math.max(1, Math.floor(30 / instances)), perDay: Math.floor(10_000 / instances) }),
        publicUrl: deps.tabAddress.publicUrl,
        linkClock: () => new Date(),
        setupProblem: mailSetupAlarm(),
      }
    : null;
  // Reports carry the real time they arrived, whatever moment a sweep's --at names.
  const bounces = deps.mailer && deps.bounceReader ? { read: () => deps.bounceReader!.read(new Date()), unread: bouncesUnreadAlarm() } : null;
  let teams: TeamsBot;

  /**
   * Tells each manager of the plans concerned, in one card per manager however many notices
   * there are, paced with everything else the bot sends and sent again after a 429.
   */
  const sendNotices = async (notices: readonly { planId: string; message: string }[]) => {
    if (notices.length === 0) return;
    const [{ records }, conversations] = await Promise.all([store.readRecords(), store.readConversations()]);
    const byManager = new Map<string, { planId: string; message: string }[]>();
    for (const notice of notices) {
      for (const managerId of records.plans.find((p) => p.id === notice.planId)?.managers ?? []) byManager.set(managerId, [...(byManager.get(managerId) ?? []), notice]);
    }
    for (const [managerId, theirs] of byManager) {
      const manager = records.people.find((p) => p.id === managerId);
      const { conversation } = reachOf(manager?.entraObjectId, conversations);
      if (!conversation) {
        logEvent("warn", "manager-notice-unreachable", { managerId, planIds: [...new Set(theirs.map((n) => n.planId))] });
        continue;
      }
      const titles = [...new Set(theirs.map((n) => records.plans.find((p) => p.id === n.planId)?.title ?? n.planId))];
      const card = renderNoticeCard(`Needs you: ${titles.join("; ")}`, theirs.map((n) => n.message).join("\n\n"));
      await sendPaced(conversation.reference, conversation.entraObjectId, card, { event: "manager-notice-failed", managerId });
    }
  };
  /** One card to one person, paced with everything else the bot sends and sent again after a 429; a failure is logged, never thrown. */
  const sendPaced = async (reference: Record<string, unknown>, entraObjectId: string, card: CardElement, failure: { event: string } & Record<string, unknown>) => {
    const conversationId = String((reference.conversation as { id?: string } | undefined)?.id ?? entraObjectId);
    for (let attempt = 1; ; attempt++) {
      await limiter.acquire(conversationId);
      const outcome = await teams.sendCard(reference, card);
      if (outcome.ok) return true;
      if (outcome.permanent || attempt >= NOTICE_ATTEMPTS) {
        const { event, ...fields } = failure;
        logEvent("warn", event, { ...fields, status: outcome.status });
        return false;
      }
      if (outcome.status === 429) limiter.pause(outcome.retryAfterSeconds ?? 2 ** attempt);
      else await sleep(1000 * (outcome.retryAfterSeconds ?? 2 ** attempt));
    }
  };
  /**
   * A lead asked for a new deadline or marked an action complete: a decision card to each of
   * the plan's managers and the lead's subgroup chairs that Teams can reach (the others see it
   * in the tab's Decisions). Never throws: the update is already recorded.
   */
  const askDeciders = async (updateId: string) => {
    try {
      const [{ records }, conversations] = await Promise.all([store.readRecords(), store.readConversations()]);
      for (const { decider, entraObjectId, card } of decisionCardsFor(records, updateId, londonDate(deps.now()))) {
        const { conversation } = reachOf(entraObjectId, conversations);
        if (!conversation) {
          logEvent("info", "decision-card-unreachable", { personId: decider.personId, updateId });
          continue;
        }
        await sendPaced(conversation.reference, conversation.entraObjectId, card, { event: "decision-card-failed", personId: decider.personId, updateId });
      }
    } catch (error: unknown) {
      logEvent("warn", "decision-cards-not-sent", { updateId, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const notifyManagers = (planId: string, message: string) => sendNotices([{ planId, message }]);

  /** A newcomer's first look: a real reminder card for the first open action they lead. */
  const welcome = async (entraObjectId: string, reference: Record<string, unknown>, at: Date) => {
    const { records } = await store.readRecords();
    const person = records.people.find((p) => p.entraObjectId === entraObjectId);
    const action = person && records.actions.find((a) => isOpen(a) && answersFor(leadOfAction(a, records.plans, records.leads), person.id));
    const plan = action && records.plans.find((p) => p.id === action.planId);
    const section = action && records.sections.find((s) => s.id === action.sectionId);
    if (!person || !action || !plan || !section) return;
    await teams.sendCard(reference, renderNoticeCard(`Welcome, ${person.displayName}`, `${HELP_TEXT} Here is a reminder as it would reach you on ${format(at, "d MMMM yyyy")}; you can answer it now.`));
    await teams.sendCard(
      reference,
      renderReminderCard({
        plan,
        section,
        action,
        lastUpdate: lastUpdateOf(records, action.id),
        today: londonDate(at),
        reminderKey: null,
        submissionId: randomUUID(),
        snoozeDays: (plan.reminderPolicy ?? DEFAULT_REMINDER_POLICY).snoozeDays,
      }),
    );
  };

  teams = new TeamsBot(deps.settings, {
    installed: async (entraObjectId, reference, { justInstalled }) => {
      await store.saveConversation({ entraObjectId, reference, stale: false, updatedAt: deps.now().toISOString() });
      if (justInstalled && deps.welcomeAt) await welcome(entraObjectId, reference, deps.welcomeAt);
    },
    uninstalled: async (entraObjectId) => {
      const existing = (await store.readConversations()).find((c) => c.entraObjectId === entraObjectId);
      if (existing) await store.saveConversation({ ...existing, stale: true, updatedAt: deps.now().toISOString() });
    },
    cardAction: (verb, data, userEntraId) =>
      isDecisionVerb(verb) ? handleDecisionAction({ verb, data, userEntraId }, { store, now: deps.now }) : handleCardAction({ verb, data, userEntraId }, { store, now: deps.now, notifyManagers, askDeciders, register: deps.register ?? null }),
    pendingCard: (verb, data, state) => (isDecisionVerb(verb) ? decisionPendingCard : pendingCardFor)(verb, data, pendingState(state)),
    message: () => HELP_TEXT,
  }, deps.cardActionTiming);

  return {
    teams,
    askDeciders,
    sweep: async (options) => {
      // A sweep's notices are gathered, so each manager gets one card for the whole sweep.
      const notices: { planId: string; message: string }[] = [];
      const sweep = () =>
        runSweep(
          { store, messenger: teams, limiter, notifyManagers: async (planId, message) => void notices.push({ planId, message }), tabAddress: deps.tabAddress, mail, installer, register: deps.register ?? null, mailConcurrency: Math.max(1, Math.floor(4 / instances)), bounces },
          options,
        );
      try {
        if (options.dryRun) return await sweep();
        const lines = await withSweepLease(store, holder, sweep);
        if (lines === null) logEvent("info", "sweep-skipped", { reason: "another instance is sweeping" });
        return lines ?? "busy";
      } finally {
        await sendNotices(notices);
      }
    },
  };
}

/** Tries at a manager's notice before it is left to the log. */
const NOTICE_ATTEMPTS = 4;
