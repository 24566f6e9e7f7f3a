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
import type { CardActionResult } from "./card-actions.js";

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
  /** Anything typed to the bot: a short answer. */
  message: (text: string) => string;
}

export type SendOutcome =
  | { ok: true; activityId: string | undefined }
  | { ok: false; status: number; permanent: boolean; retryAfterSeconds: number | null; message: string };

const CARD_TYPE = "application/vnd.microsoft.card.adaptive";
/**
 * How long a card action's store retries may wait in all: Teams gives an app about five seconds to
 * answer an invoke (msteams-docs respond-to-task-module-submit.md), so a throttled write is
 * answered "busy" in time instead of being retried past it.
 */
export const CARD_ACTION_RETRY_BUDGET_MS = 4000;
const ERROR_TYPE = "application/vnd.microsoft.error";

class AssureActivityHandler extends ActivityHandler {
  constructor(private readonly assure: BotHandlers) {
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
    let result: CardActionResult;
    try {
      result = await withRetryDeadline(CARD_ACTION_RETRY_BUDGET_MS, () => this.assure.cardAction(String(action?.verb ?? ""), action?.data, context.activity.from?.aadObjectId));
    } catch (error: unknown) {
      if (!(error instanceof StoreError) || !error.retryable) throw error;
      // SharePoint is throttling or away: answered while Teams still waits, with what to do. A card's
      // update carries its own id, so sending it again records it once.
      logEvent("warn", "card-action-busy", { code: error.storeCode });
      return { status: 200, body: { statusCode: 503, type: ERROR_TYPE, value: { code: "busy", message: "Assure could not record this just now (the board's SharePoint site is busy). Nothing was lost: send it again in a minute." } } };
    }
    if (result.kind === "error") {
      return { status: 200, body: { statusCode: result.status, type: ERROR_TYPE, value: { code: result.code, message: result.message } } };
    }
    if (result.forEveryone && context.activity.replyToId) {
      // The invoke's answer replaces the card for the person who acted; this does it for everyone.
      try {
        await context.updateActivity({ id: context.activity.replyToId, type: "message", attachments: [CardFactory.adaptiveCard(result.card)] });
      } catch (error: unknown) {
        logEvent("warn", "card-update-for-everyone-failed", { error: error instanceof Error ? error.name : "unknown" });
      }
    }
    return { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: result.card } };
  }
}

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
    this.handler = new AssureActivityHandler(handlers);
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
