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
  type ConversationReference,
  type InvokeResponse,
} from "botbuilder";
import type { Request, Response } from "express";
import type { CardElement } from "./cards/card-json.js";
import type { CardActionResult } from "./card-actions.js";

export interface BotSettings {
  /** The Azure Bot's app id; empty in local mode, where tokens are not checked. */
  appId: string;
  appPassword?: string;
  appType?: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  tenantId?: string;
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
    const result = await this.assure.cardAction(String(action?.verb ?? ""), action?.data, context.activity.from?.aadObjectId);
    if (result.kind === "error") {
      return { status: 200, body: { statusCode: result.status, type: ERROR_TYPE, value: { code: result.code, message: result.message } } };
    }
    if (result.forEveryone && context.activity.replyToId) {
      // The invoke's answer replaces the card for the person who acted; this does it for everyone.
      try {
        await context.updateActivity({ id: context.activity.replyToId, type: "message", attachments: [CardFactory.adaptiveCard(result.card)] });
      } catch (error: unknown) {
        console.warn("assure bot: could not update the card for everyone in the chat", error);
      }
    }
    return { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: result.card } };
  }
}

export class TeamsBot {
  private readonly adapter: CloudAdapter;
  private readonly handler: AssureActivityHandler;

  constructor(
    private readonly settings: BotSettings,
    handlers: BotHandlers,
  ) {
    this.adapter = new CloudAdapter(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword,
        MicrosoftAppType: settings.appType,
        MicrosoftAppTenantId: settings.tenantId,
      }),
    );
    this.adapter.onTurnError = async (context, error) => {
      console.error("assure bot: turn failed", error);
      await context.sendActivity("Sorry, Assure could not do that just now. Nothing was recorded; please try again.");
    };
    this.handler = new AssureActivityHandler(handlers);
  }

  /** POST /api/messages. The adapter checks the Bot Framework token unless appId is empty (local mode). */
  process(req: Request, res: Response): Promise<void> {
    return this.adapter.process(req, res, (context) => this.handler.run(context));
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
