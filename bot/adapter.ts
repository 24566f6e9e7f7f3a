/**
 * The botbuilder edge: the only file that imports botbuilder, so the move to the Microsoft 365
 * Agents SDK (which keeps CloudAdapter and ActivityHandler) is one contained change. It turns
 * Teams activities into plain calls (installed, card action) and sends cards proactively.
 */
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
} from "botbuilder";
import type { Request, Response } from "express";
import { z } from "zod";
import { withRetryDeadline } from "../src/store/retry-deadline.js";
import { StoreError } from "../src/store/store-error.js";
import { logEvent } from "../src/log.js";
import type { CardElement } from "./cards/card-json.js";
import type { CardActionResult, PendingCardState } from "./card-actions.js";

/** Timing of card actions; tests shorten the answer's wait (a throttled write then is still waiting, however fast the machine). */
export interface CardActionTiming {
  /** How long the invoke waits for the write before answering "being recorded". */
  answerWithinMs: number;
  /** How long the write may go on retrying in the background after the click. */
  backgroundMs: number;
}

export interface BotSettings {
  /** The Azure Bot's app id; empty in local mode, where tokens are not checked. */
  appId: string;
  appPassword?: string;
  appType?: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  tenantId?: string;
  /**
   * The tenants whose activities are answered (lower case); empty: any (plain local mode). An
   * activity from another tenant, or naming none, is refused before anything reads it.
   */
  allowedTenants?: readonly string[];
}

export interface BotHandlers {
  /** The person installed the app (or opened the chat, or wrote to it): keep where to reach them. */
  installed: (entraObjectId: string, reference: Record<string, unknown>, how: { justInstalled: boolean }) => Promise<void>;
  /** The person removed the app: their reference no longer works. */
  uninstalled: (entraObjectId: string) => Promise<void>;
  cardAction: (verb: string, data: unknown, userEntraId: string | undefined) => Promise<CardActionResult>;
  /** The card shown while a card action is still being recorded after Teams' time limit, or once it finally was not; null: none for this card. */
  pendingCard: (verb: string, data: unknown, state: PendingCardState) => CardElement | null;
  /** Anything typed to the bot: a short answer. */
  message: (text: string) => string;
}

export type SendOutcome =
  | { ok: true; activityId: string | undefined }
  | { ok: false; status: number; permanent: boolean; retryAfterSeconds: number | null; message: string };

const CARD_TYPE = "application/vnd.microsoft.card.adaptive";
/**
 * How long a card action's invoke waits for its write: Teams gives an app about five seconds to
 * answer an invoke (msteams-docs respond-to-task-module-submit.md), so a slow or throttled write
 * is answered "being recorded" in time, and the card is updated once it is done.
 */
export const CARD_ACTION_RETRY_BUDGET_MS = 4000;
/**
 * How long a card action's write may retry after the click: the store's own retries (waits of up
 * to 3 minutes each) within 10 minutes in all, so the "being recorded" card can say by when it
 * will have changed.
 */
export const CARD_ACTION_BACKGROUND_MS = 10 * 60_000;
/** The last request after the final retry, and the card's update, take a little longer still. */
const SETTLE_MARGIN_MS = 2 * 60_000;
const ERROR_TYPE = "application/vnd.microsoft.error";

/** Replaces a card message in a conversation Assure is no longer answering (the turn is over). */
type UpdateCard = (reference: Partial<ConversationReference>, activityId: string, card: CardElement) => Promise<void>;

class AssureActivityHandler extends ActivityHandler {
  /** Card actions still being recorded after their invoke was answered. */
  private readonly background = new Set<Promise<void>>();

  constructor(
    private readonly assure: BotHandlers,
    private readonly timing: CardActionTiming,
    private readonly updateCard: UpdateCard,
  ) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context, true);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const id = context.activity.from?.aadObjectId;
      if (id) await assure.uninstalled(id);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.remember(context, false);
      await next();
    });
    this.onMessage(async (context, next) => {
      const value = context.activity.value as { verb?: unknown } | undefined;
      if (value && typeof value.verb === "string") {
        // Action.Submit fallback: the same action, answered with a new card message.
        const result = await assure.cardAction(value.verb, value, context.activity.from?.aadObjectId);
        await context.sendActivity(
          result.kind === "card" ? { attachments: [CardFactory.adaptiveCard(result.card)] } : result.message,
        );
      } else {
        await this.remember(context, false);
        await context.sendActivity(assure.message(context.activity.text ?? ""));
      }
      await next();
    });
  }

  /** Resolves once every card action still being recorded has finished and its card is updated. */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private async remember(context: TurnContext, justInstalled: boolean): Promise<void> {
    const id = context.activity.from?.aadObjectId;
    // Only personal chats: a group chat or channel is no place for one person's reminders.
    const type = context.activity.conversation?.conversationType;
    if (!id || type === "channel" || type === "groupChat") return;
    const reference = TurnContext.getConversationReference(context.activity);
    await this.assure.installed(id, JSON.parse(JSON.stringify(reference)) as Record<string, unknown>, { justInstalled });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
    const action = (context.activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    const verb = String(action?.verb ?? "");
    const data = action?.data;
    const since = Date.now();
    // The write runs with the store's ordinary retries, bounded in all, and is not cut short when
    // Teams' time limit comes first: it carries on, and the card follows it.
    const write = withRetryDeadline(this.timing.backgroundMs, () => this.assure.cardAction(verb, data, context.activity.from?.aadObjectId)).then(
      (result) => ({ done: true as const, result }),
      (error: unknown) => ({ done: false as const, error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([write, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), this.timing.answerWithinMs)))]);
    clearTimeout(timer);
    if (first?.done) return this.answer(context, first.result);
    if (first && !retryable(first.error)) throw first.error;

    const state: PendingCardState = first ? { kind: "not-recorded", failure: first.error } : { kind: "recording", since: new Date(since), settledBy: new Date(since + this.timing.backgroundMs + SETTLE_MARGIN_MS) };
    const pending = this.assure.pendingCard(verb, data, state);
    if (!pending) {
      // Data none of Assure's cards sends (refused before any I/O, so this is a defence): no card
      // to keep the person's words in, so answered as before.
      logEvent("warn", "card-action-busy", { verb: verb.slice(0, 50) });
      return { status: 200, body: { statusCode: 503, type: ERROR_TYPE, value: { code: "busy", message: "Assure could not record this just now (the board's SharePoint site is busy). Send it again in a minute." } } };
    }
    if (first) logEvent("warn", "card-action-not-recorded", { verb, error: errorName(first.error) });
    else this.follow(context, verb, data, write);
    return { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: pending } };
  }

  /** The invoke's answer for an action that finished in time (as Teams waits). */
  private async answer(context: TurnContext, result: CardActionResult): Promise<InvokeResponse> {
    if (result.kind === "error") {
      return { status: 200, body: { statusCode: result.status, type: ERROR_TYPE, value: { code: result.code, message: result.message } } };
    }
    if (result.forEveryone && context.activity.replyToId) {
      // The invoke's answer replaces the card for the person who acted; this does it for everyone.
      try {
        await context.updateActivity({ id: context.activity.replyToId, type: "message", attachments: [CardFactory.adaptiveCard(result.card)] });
      } catch (error: unknown) {
        logEvent("warn", "card-update-for-everyone-failed", { error: errorName(error) });
      }
    }
    return { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: result.card } };
  }

  /**
   * Once the write that outran Teams' time limit settles, the card message the person pressed is
   * replaced (a proactive update: the turn is over) by what the action answers, or by "not
   * recorded" with its buttons. Only that message, in the conversation the invoke came from.
   */
  private follow(context: TurnContext, verb: string, data: unknown, write: Promise<{ done: true; result: CardActionResult } | { done: false; error: unknown }>): void {
    const reference = TurnContext.getConversationReference(context.activity);
    const cardId = context.activity.replyToId;
    const personal = context.activity.conversation?.conversationType === "personal";
    const run = write.then(async (outcome) => {
      const forEveryone = outcome.done && outcome.result.kind === "card" && outcome.result.forEveryone;
      // One person's answer (a refusal, what they typed, why it failed) goes on the card only in
      // their own chat: in a chat others see, the message is everyone's.
      const card =
        !forEveryone && !personal ? null
        : outcome.done && outcome.result.kind === "card" ? outcome.result.card
        : this.assure.pendingCard(verb, data, { kind: "not-recorded", failure: outcome.done ? outcome.result : outcome.error });
      if (!outcome.done) logEvent("warn", "card-action-not-recorded", { verb, error: errorName(outcome.error) });
      if (!card || !cardId) {
        logEvent("info", "card-action-settled-unseen", { verb, reason: cardId ? "not for everyone in a shared chat" : "no card message to update" });
        return;
      }
      await this.updateCard(reference, cardId, card);
    }).catch((error: unknown) => logEvent("warn", "card-update-after-recording-failed", { verb, error: errorName(error) }));
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
  }
}

const retryable = (error: unknown) => error instanceof StoreError && error.retryable;
const errorName = (error: unknown) => (error instanceof StoreError ? `store-${error.storeCode}` : error instanceof Error ? error.name : "unknown");

/** What an incoming activity must have before botbuilder sees it. */
const IncomingActivitySchema = z
  .object({
    type: z.string().min(1, "type is missing"),
    serviceUrl: z.url({ error: "must be the channel's service URL" }),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1) }).loose(),
    from: z.object({ id: z.string().min(1) }).loose().optional(),
  })
  .loose();

/** The tenant an activity comes from: Teams puts it in channelData.tenant.id (and conversation.tenantId). */
function tenantOf(activity: Record<string, unknown>): string | null {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = (activity.conversation as { tenantId?: unknown } | undefined)?.tenantId;
  const id = typeof fromChannel === "string" ? fromChannel : typeof fromConversation === "string" ? fromConversation : null;
  return id ? id.toLowerCase() : null;
}

/** Agents Playground's connector, on this machine: http://localhost:56150/_connector and the like. */
function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** CloudAdapter with its activity processing reachable, so Assure answers requests itself (CloudAdapter.process logs stacks and echoes error text). */
class AssureCloudAdapter extends CloudAdapter {
  receive(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export class TeamsBot {
  private readonly adapter: AssureCloudAdapter;
  private readonly handler: AssureActivityHandler;

  constructor(
    private readonly settings: BotSettings,
    handlers: BotHandlers,
    timing: Partial<CardActionTiming> = {},
  ) {
    this.adapter = new AssureCloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword,
        MicrosoftAppType: settings.appType,
        MicrosoftAppTenantId: settings.tenantId,
      }),
    );
    this.adapter.onTurnError = async (context, error) => {
      logEvent("error", "bot-turn-failed", { error: `${error.name}: ${error.message}` });
      await context.sendActivity("Sorry, Assure could not do that just now. Nothing was recorded; please try again.");
    };
    this.handler = new AssureActivityHandler(
      handlers,
      { answerWithinMs: CARD_ACTION_RETRY_BUDGET_MS, backgroundMs: CARD_ACTION_BACKGROUND_MS, ...timing },
      (reference, activityId, card) =>
        this.adapter.continueConversationAsync(settings.appId, reference, async (context) => {
          await context.updateActivity({ id: activityId, type: "message", attachments: [CardFactory.adaptiveCard(card)] });
        }),
    );
  }

  /** Resolves once every card action still being recorded after its invoke was answered has settled and its card is updated. */
  settled(): Promise<void> {
    return this.handler.settled();
  }

  /**
   * POST /api/messages. The adapter checks the Bot Framework token unless appId is empty (plain
   * local mode, where only Agents Playground on this machine may talk to it). Answers never
   * carry internal text, and a refused token is one log line, not a stack trace.
   */
  async process(req: Request, res: Response): Promise<void> {
    const parsed = IncomingActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      res.status(400).json({ error: { code: "invalid-activity", message: `the activity's ${issue.path.join(".") || "body"} ${issue.message}`, field: issue.path.join(".") || "body" } });
      return;
    }
    if (!this.settings.appId && !isLoopbackUrl(parsed.data.serviceUrl)) {
      logEvent("warn", "bot-activity-refused", { reason: "service URL not on this machine (local mode)" });
      res.status(403).json({ error: { code: "forbidden", message: "local mode: Assure answers only Agents Playground on this machine" } });
      return;
    }
    const tenant = tenantOf(parsed.data);
    const allowed = this.settings.allowedTenants ?? [];
    if (allowed.length > 0 && (!tenant || !allowed.includes(tenant))) {
      logEvent("warn", "bot-activity-refused", { reason: "tenant not allowed", tenant: tenant ?? "none" });
      res.status(403).json({ error: { code: "forbidden", message: "Assure answers its own organisation's Teams only (ASSURE_BOT_TENANTS)" } });
      return;
    }
    try {
      const answer = await this.adapter.receive(req.header("authorization") ?? "", parsed.data as unknown as Activity, (context) => this.handler.run(context));
      res.status(answer?.status ?? 200);
      if (answer?.body !== undefined) res.json(answer.body);
      else res.end();
    } catch (error: unknown) {
      const refused = (error as { statusCode?: unknown }).statusCode === 401 || (error as Error).name === "AuthenticationError";
      if (refused) {
        logEvent("warn", "bot-token-refused", { reason: String((error as Error).message ?? "").slice(0, 200) });
        res.status(401).json({ error: { code: "unauthenticated", message: "the Bot Framework token was missing or refused" } });
        return;
      }
      logEvent("error", "bot-turn-failed", { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      res.status(500).json({ error: { code: "internal", message: "Assure hit an unexpected error; see the server log" } });
    }
  }

  /** Sends a card into a stored conversation; tells a refusal (blocked, removed) from a passing failure. */
  async sendCard(reference: Record<string, unknown>, card: CardElement): Promise<SendOutcome> {
    let activityId: string | undefined;
    try {
      await this.adapter.continueConversationAsync(this.settings.appId, reference as Partial<ConversationReference>, async (context) => {
        activityId = (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }))?.id;
      });
      return { ok: true, activityId };
    } catch (error: unknown) {
      const e = error as { statusCode?: number; response?: { headers?: { get?: (h: string) => string | null } }; message?: string };
      const status = typeof e.statusCode === "number" ? e.statusCode : 0;
      const retryAfter = Number(e.response?.headers?.get?.("retry-after") ?? Number.NaN);
      return {
        ok: false,
        status,
        // Teams answers 403 when the person blocked or uninstalled the bot, 404 when the conversation is gone.
        permanent: status === 403 || status === 404,
        retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
        message: e.message ?? String(error),
      };
    }
  }
}
