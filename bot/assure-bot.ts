import { logEvent } from "../src/log.js";
import { DEFAULT_REMINDER_POLICY } from "../src/core/reminder-settings.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import { TeamsBot, type BotSettings } from "./adapter.js";
import { handleCardAction } from "./card-actions.js";
import { randomUUID } from "node:crypto";
import { format } from "date-fns";
import { isOpen } from "../src/core/action.js";
import { reachOf } from "../src/core/conversation.js";
import { answersFor, leadOfAction } from "../src/core/lead.js";
import { londonDate } from "../src/core/london.js";
import { lastUpdateOf } from "./card-actions.js";
import { renderNoticeCard, renderReminderCard } from "./cards/reminder-card.js";
import { SendRateLimiter } from "./rate-limit.js";
import { MailRateLimiter } from "./mail-rate-limit.js";
import type { MailDeps } from "./email-delivery.js";
import type { GraphMailer } from "../src/store/mailer.js";
import type { TeamsInstaller } from "../src/store/teams-installer.js";
import type { Installer } from "./install-for-lead.js";
import type { TabAddress } from "../src/core/tab-link.js";
import { runSweep, type SweepLine, type SweepOptions } from "./sweep.js";

export const HELP_TEXT =
  "I am Assure. I remind you about the safeguarding actions you lead as their deadlines come near, and you can answer each reminder right here. Board managers see the whole plan in the board's channel tab.";

export interface AssureBot {
  teams: TeamsBot;
  sweep: (options: SweepOptions) => Promise<SweepLine[]>;
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
  /** Installs Assure for leads in the tenant who never opened it; with the bot's service URL and tenant for the chat it makes. */
  installer?: { teams: TeamsInstaller; serviceUrl: string; tenantId: string } | null;
}): AssureBot {
  const { store } = deps;
  const limiter = new SendRateLimiter();
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
    ? { send: (m) => deps.mailer!.send(m), limiter: new MailRateLimiter(), publicUrl: deps.tabAddress.publicUrl, linkClock: () => new Date() }
    : null;
  let teams: TeamsBot;

  const notifyManagers = async (planId: string, message: string) => {
    const [{ records }, conversations] = await Promise.all([store.readRecords(), store.readConversations()]);
    const plan = records.plans.find((p) => p.id === planId);
    for (const managerId of plan?.managers ?? []) {
      const manager = records.people.find((p) => p.id === managerId);
      const { conversation } = reachOf(manager?.entraObjectId, conversations);
      if (!conversation) {
        logEvent("warn", "manager-notice-unreachable", { managerId, planId });
        continue;
      }
      await limiter.acquire(conversation.entraObjectId);
      const outcome = await teams.sendCard(conversation.reference, renderNoticeCard(`Needs you: ${plan!.title}`, message));
      if (!outcome.ok) logEvent("warn", "manager-notice-failed", { managerId, planId, status: outcome.status });
    }
  };

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
      handleCardAction({ verb, data, userEntraId }, { store, now: deps.now, notifyManagers }),
    message: () => HELP_TEXT,
  });

  return {
    teams,
    sweep: (options) => runSweep({ store, messenger: teams, limiter, notifyManagers, tabAddress: deps.tabAddress, mail, installer }, options),
  };
}
