import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../core/errors.js";
import type { BotSettings } from "../../bot/adapter.js";
import { GRAPH_URL, type GraphSettings } from "../store/graph-connection.js";
import { AdminsSettingSchema, type AdminsSetting } from "../server/admins.js";
import { ENTRA_JWKS_URL, entraIssuer, type SsoSettings } from "../server/sso.js";
import type { TabAddress } from "../core/tab-link.js";
import { appUnitsPerMinute } from "../store/resource-units.js";

/**
 * Assure's settings come from the environment (and a .env file beside it, if there is one).
 * With no tenant settings Assure runs locally against its embedded Graph emulator.
 */
const EnvSchema = z.object({
  ASSURE_DATA_DIR: z.string().min(1).default(".data"),
  ASSURE_GRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  ASSURE_TENANT_ID: z.string().min(1).optional(),
  ASSURE_CLIENT_ID: z.string().min(1).optional(),
  ASSURE_CLIENT_SECRET: z.string().min(1).optional(),
  ASSURE_CERTIFICATE_THUMBPRINT: z.string().min(1).optional(),
  ASSURE_CERTIFICATE_KEY_FILE: z.string().min(1).optional(),
  ASSURE_MANAGED_IDENTITY: z.enum(["true", "false"]).optional(),
  ASSURE_MANAGED_IDENTITY_CLIENT_ID: z.string().min(1).optional(),
  ASSURE_SITE: z.string().min(1).optional(),
  /** Graph's endpoint; only a national cloud (https://graph.microsoft.us, …) needs to set it. */
  ASSURE_GRAPH_URL: z.url().optional(),
  ASSURE_BOT_APP_ID: z.string().min(1).optional(),
  ASSURE_BOT_APP_PASSWORD: z.string().min(1).optional(),
  ASSURE_BOT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  ASSURE_BOT_TENANT_ID: z.string().min(1).optional(),
  /** Tenants whose activities the bot answers, comma-separated (default: the bot's or the app's own tenant). */
  ASSURE_BOT_TENANTS: z.string().min(1).optional(),
  /**
   * The board lists' mirror: how many seconds a copy may be reused before a delta read (default
   * 10 with a tenant, 0 locally: every read catches up); "off" reads every list on every request.
   */
  ASSURE_MIRROR_POLL_SECONDS: z.union([z.literal("off"), z.coerce.number().min(0).max(300)]).optional(),
  /** The tenant's Microsoft 365 licences: SharePoint's resource-unit budget for an app follows from it (src/store/resource-units.ts). */
  ASSURE_TENANT_LICENCES: z.coerce.number().int().min(0).max(10_000_000).default(1000),
  /** Overrides the budget the licences give (resource units a minute for this whole app in the tenant). */
  ASSURE_GRAPH_RU_PER_MINUTE: z.coerce.number().int().min(60).max(1_000_000).optional(),
  /** How many instances serve this tenant (App Service scale-out): Teams' rate, Outlook's concurrency and SharePoint's budget are the tenant's, so each instance takes its share. */
  ASSURE_INSTANCES: z.coerce.number().int().min(1).max(100).default(1),
  /** How often the server sweeps for due reminders; 0 turns the sweep off. */
  ASSURE_SWEEP_EVERY_MINUTES: z.coerce.number().min(0).max(1440).default(5),
  /** Local mode: start Microsoft 365 Agents Playground beside the server (default on). */
  ASSURE_PLAYGROUND: z.enum(["on", "off"]).default("on"),
  ASSURE_PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  /** Local mode: the moment the welcome reminder card is drawn as at (the demo plans are historical). */
  ASSURE_DEMO_AT: z.iso.datetime({ offset: true }).default("2016-04-01T09:00:00+01:00"),
  /** Tab SSO: the Entra app the tab's tokens are for. With it, every API request needs a valid token, in local mode too. */
  ASSURE_SSO_CLIENT_ID: z.string().min(1).optional(),
  ASSURE_SSO_APPLICATION_ID_URI: z.string().min(1).optional(),
  /** Tenants allowed to sign in (comma-separated); the board's own tenant by default. */
  ASSURE_SSO_TENANTS: z.string().min(1).optional(),
  ASSURE_SSO_JWKS_URL: z.url().default(ENTRA_JWKS_URL),
  /** The token issuer, with {tenantId} where the tenant goes. */
  ASSURE_SSO_ISSUER: z.string().includes("{tenantId}", { message: "must contain {tenantId}" }).default(entraIssuer("{tenantId}")),
  /** Where people reach this server (the tab's address); links in cards point here. */
  ASSURE_PUBLIC_URL: z.url().optional(),
  /** The Teams app's id (manifest "id"): digest links then open the tab inside Teams. */
  ASSURE_TEAMS_APP_ID: z.string().min(1).optional(),
  /** The board's mailbox that reminders go out from by email (Graph sendMail); locally a demo mailbox. */
  // Empty (as the Bicep sets it when the board has no mailbox yet) means Teams only.
  ASSURE_MAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.union([z.literal("off"), z.email({ error: "must be the board mailbox's email address, or off" })]).optional()),
  /** Where the bot sends messages into chats it opened itself (installing Assure for a lead): Teams' global service URL. */
  ASSURE_BOT_SERVICE_URL: z.url().default("https://smba.trafficmanager.net/teams/"),
  /** Assure administrators: Entra object ids and at most one `group:<id>`, comma-separated. */
  ASSURE_ADMINS: AdminsSettingSchema.default({ users: [], groups: [] }),
});

interface Common {
  /** The Teams bot, or null where none is configured (the bot endpoint then answers 503). */
  bot: BotSettings | null;
  sweepEveryMinutes: number;
  /** Seconds a mirrored list is reused before catching up with a delta read; null: no mirror. */
  mirrorPollSeconds: number | null;
  /** Resource units a minute background work keeps within. */
  /** This instance's share of SharePoint's resource units a minute for the app. */
  ruPerMinute: number;
  /** Instances serving the tenant (ASSURE_INSTANCES): each takes this share of the tenant's limits. */
  instances: number;
  playground: { port: number } | null;
  /** Local mode only: greet a newcomer with a reminder card as at this moment. */
  welcomeAt: Date | null;
  /** Tab SSO, or null: local mode then takes a development identity. */
  sso: SsoSettings | null;
  /** Where people reach this server, e.g. https://assure.example.org; null: http://localhost:<port>. */
  publicUrl: string | null;
  teamsAppId: string | null;
  admins: AdminsSetting;
  /** The mailbox reminders are emailed from, or null: Teams only. */
  mailFrom: string | null;
  botServiceUrl: string;
}

export type Settings =
  | (Common & { mode: "emulator"; dataDir: string; graphPort: number; site: string })
  | (Common & { mode: "tenant"; graph: GraphSettings & { mode: "tenant" } });

export const EMULATOR_SITE = "assure.sharepoint.local:/sites/safeguarding:";
export const LOCAL_MAIL_FROM = "sab-assure@assure-demo.example";

export function loadDotEnv(cwd: string): void {
  const file = resolve(cwd, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

export function readSettings(env: NodeJS.ProcessEnv): Settings {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`setting ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  // A multi-tenant bot registration would take activities from any tenant that installs the app: only the board's own (or those named) are answered.
  const botTenants = (e.ASSURE_BOT_TENANTS ?? e.ASSURE_BOT_TENANT_ID ?? e.ASSURE_TENANT_ID ?? "").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
  const bot: BotSettings | null = e.ASSURE_BOT_APP_ID
    ? { appId: e.ASSURE_BOT_APP_ID, appPassword: e.ASSURE_BOT_APP_PASSWORD, appType: e.ASSURE_BOT_APP_TYPE, tenantId: e.ASSURE_BOT_TENANT_ID, allowedTenants: botTenants }
    : null;
  const ssoTenants = (e.ASSURE_SSO_TENANTS ?? e.ASSURE_TENANT_ID ?? "").split(",").map((t) => t.trim()).filter(Boolean);
  if (e.ASSURE_SSO_CLIENT_ID && ssoTenants.length === 0) throw new UsageError("setting ASSURE_SSO_TENANTS: tab sign-in needs the tenant(s) allowed to sign in (or ASSURE_TENANT_ID)");
  const sso: SsoSettings | null = e.ASSURE_SSO_CLIENT_ID
    ? {
        clientId: e.ASSURE_SSO_CLIENT_ID,
        applicationIdUri: e.ASSURE_SSO_APPLICATION_ID_URI ?? null,
        allowedTenants: ssoTenants,
        jwksUrl: e.ASSURE_SSO_JWKS_URL,
        issuerOf: (tenantId) => e.ASSURE_SSO_ISSUER.replace("{tenantId}", tenantId),
      }
    : null;
  const common = {
    sweepEveryMinutes: e.ASSURE_SWEEP_EVERY_MINUTES,
    ruPerMinute: Math.floor((e.ASSURE_GRAPH_RU_PER_MINUTE ?? appUnitsPerMinute(e.ASSURE_TENANT_LICENCES)) / e.ASSURE_INSTANCES),
    instances: e.ASSURE_INSTANCES,
    mirrorPollSeconds: e.ASSURE_MIRROR_POLL_SECONDS === "off" ? null : (e.ASSURE_MIRROR_POLL_SECONDS ?? (e.ASSURE_TENANT_ID ? 10 : 0)),
    welcomeAt: null,
    sso,
    publicUrl: e.ASSURE_PUBLIC_URL?.replace(/\/$/, "") ?? null,
    teamsAppId: e.ASSURE_TEAMS_APP_ID ?? null,
    admins: e.ASSURE_ADMINS,
    mailFrom: e.ASSURE_MAIL_FROM === "off" ? null : (e.ASSURE_MAIL_FROM ?? null),
    botServiceUrl: e.ASSURE_BOT_SERVICE_URL,
  };
  const tenantKeys = ["ASSURE_TENANT_ID", "ASSURE_CLIENT_ID", "ASSURE_SITE"] as const;
  if (tenantKeys.every((k) => e[k] === undefined) && !e.ASSURE_CLIENT_SECRET && !e.ASSURE_MANAGED_IDENTITY) {
    return {
      ...common,
      mode: "emulator",
      // Plain local mode: with no app id, the adapter accepts activities without a token, from
      // Agents Playground on this machine only. With sign-in configured it is not plain local
      // mode: the bot then needs its own app id, so it checks tokens, or there is no bot.
      bot: bot ?? (sso ? null : { appId: "", allowedTenants: botTenants }),
      playground: e.ASSURE_PLAYGROUND === "on" ? { port: e.ASSURE_PLAYGROUND_PORT } : null,
      welcomeAt: new Date(e.ASSURE_DEMO_AT),
      // Locally the emulator keeps what is sent; see it at /mailbox.
      mailFrom: e.ASSURE_MAIL_FROM === "off" ? null : (e.ASSURE_MAIL_FROM ?? LOCAL_MAIL_FROM),
      dataDir: resolve(e.ASSURE_DATA_DIR),
      graphPort: e.ASSURE_GRAPH_PORT,
      site: EMULATOR_SITE,
    };
  }
  const missing = tenantKeys.filter((k) => e[k] === undefined);
  if (missing.length > 0) throw new UsageError(`tenant settings are incomplete: set ${missing.join(", ")}`);
  const credential = e.ASSURE_CLIENT_SECRET
    ? { kind: "secret" as const, clientSecret: e.ASSURE_CLIENT_SECRET }
    : e.ASSURE_CERTIFICATE_THUMBPRINT && e.ASSURE_CERTIFICATE_KEY_FILE
      ? {
          kind: "certificate" as const,
          thumbprintSha256: e.ASSURE_CERTIFICATE_THUMBPRINT,
          privateKey: readFileSync(e.ASSURE_CERTIFICATE_KEY_FILE, "utf8"),
        }
      : e.ASSURE_MANAGED_IDENTITY === "true"
        ? { kind: "managed-identity" as const, userAssignedClientId: e.ASSURE_MANAGED_IDENTITY_CLIENT_ID }
        : null;
  if (!credential) {
    throw new UsageError(
      "tenant settings need a credential: ASSURE_CLIENT_SECRET, or ASSURE_CERTIFICATE_THUMBPRINT with ASSURE_CERTIFICATE_KEY_FILE, or ASSURE_MANAGED_IDENTITY=true",
    );
  }
  return {
    ...common,
    bot,
    playground: null,
    mode: "tenant",
    graph: { mode: "tenant", tenantId: e.ASSURE_TENANT_ID!, clientId: e.ASSURE_CLIENT_ID!, credential, site: e.ASSURE_SITE!, graphUrl: e.ASSURE_GRAPH_URL ?? GRAPH_URL },
  };
}

/** Where links in cards point: the public address, or this machine's server in local mode. */
export function tabAddressOf(settings: Settings, port: number | string = process.env.PORT ?? 3978): TabAddress {
  return { publicUrl: settings.publicUrl ?? `http://localhost:${port}`, teamsAppId: settings.teamsAppId };
}

/** Installing Assure for leads needs a tenant, the bot's identity and the Teams app's id (in the organisation's catalog). */
export function installerSettings(settings: Settings): { manifestId: string; serviceUrl: string; tenantId: string; graphUrl: string } | null {
  if (settings.mode !== "tenant" || !settings.teamsAppId || !settings.bot?.appId) return null;
  return { manifestId: settings.teamsAppId, serviceUrl: settings.botServiceUrl, tenantId: settings.bot.tenantId ?? settings.graph.tenantId, graphUrl: settings.graph.graphUrl };
}
