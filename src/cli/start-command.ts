import { asBackground } from "../store/ru-budget.js";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createAssureBot } from "../../bot/assure-bot.js";
import { mountReplyPage } from "../../bot/reply-page.js";
import { createApp } from "../server/app.js";
import { limitedServer } from "../server/http-safety.js";
import { AssureError } from "../core/errors.js";
import { countSweep, Health } from "../server/health.js";
import { logEvent } from "../log.js";
import { recordSweep, startTelemetry } from "../server/telemetry.js";
import { adminCheck } from "../server/admins.js";
import { AdminRegistry } from "../store/admin-registry.js";
import { reachDeps } from "./reach-deps.js";
import { readOutbox } from "../emulator/outbox.js";
import { developmentIdentity, noIdentity } from "../server/identity.js";
import { ssoIdentity } from "../server/sso.js";
import { openStore } from "./open-store.js";
import { readOptions } from "./options.js";
import { startPlayground } from "./playground.js";
import { tabAddressOf, type Settings } from "./settings.js";

export const StartOptionsSchema = z.object({
  port: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3978),
});

export async function startCommand(
  args: string[],
  deps: { settings: Settings; version: string; env: NodeJS.ProcessEnv },
): Promise<{ server: Server; close: () => Promise<void> }> {
  const { settings } = deps;
  const { port } = readOptions("start", args, { port: { type: "string", default: deps.env.PORT } }, StartOptionsSchema);
  const telemetry = await startTelemetry(deps.env.APPLICATIONINSIGHTS_CONNECTION_STRING);
  const opened = await openStore(settings, { seedDemo: settings.mode === "emulator" });
  const now = () => new Date();
  const reach = reachDeps(settings, opened.client);
  const bot = settings.bot
    ? createAssureBot({ store: opened.store, register: opened.register, settings: settings.bot, now, tabAddress: tabAddressOf(settings, port), instances: settings.instances, ...reach, ...(settings.welcomeAt ? { welcomeAt: settings.welcomeAt } : {}) })
    : null;
  const health = new Health(deps.version, bot ? settings.sweepEveryMinutes : 0, now());
  const app = createApp({
    health,
    emailEnabled: settings.mailFrom !== null,
    evidence: opened.evidence,
    register: opened.register,
    challenges: opened.challenges,
    routes: [(a) => mountReplyPage(a, { store: opened.store, evidence: opened.evidence, now, mailbox: settings.mode === "emulator" && !settings.sso && reach.mailer ? localMailbox(opened.graphUrl, reach.mailer.from) : null, ...(bot ? { askDeciders: bot.askDeciders } : {}) })],
    ...(bot ? { askDeciders: bot.askDeciders } : {}),
    store: opened.store,
    botEndpoint: bot ? (req, res) => bot.teams.process(req, res) : null,
    identify: settings.sso ? ssoIdentity(settings.sso) : settings.mode === "emulator" ? developmentIdentity : noIdentity,
    isAdmin: adminCheck({
      configured: settings.admins,
      stored: async () => (await new AdminRegistry(opened.lists).list()).map((a) => a.entraObjectId),
      memberOf: (oid, group) => opened.directory.isMemberOf(oid, group),
    }),
    directory: opened.directory,
    now,
    version: deps.version,
    localMode: settings.mode === "emulator" && !settings.sso,
    localHostOnly: settings.mode === "emulator",
    behindProxy: settings.mode === "tenant",
    tabDir: fileURLToPath(new URL("../../tab/", import.meta.url)),
  });
  // Local mode serves this machine only; a tenant deployment (App Service) is reached from outside on PORT.
  const host = settings.mode === "emulator" ? "127.0.0.1" : undefined;
  const server = await new Promise<Server>((resolve, reject) => {
    const s = limitedServer(app);
    if (host) s.listen(port, host);
    else s.listen(port);
    s.once("listening", () => resolve(s));
    s.once("error", reject);
  }).catch(async (error: unknown) => {
    await opened.close();
    throw error;
  });

  let sweeping = false;
  const sweep = async () => {
    if (!bot || sweeping) return; // one sweep at a time in this process; the ledger guards across processes
    sweeping = true;
    const at = now();
    try {
      const lines = await bot.sweep({ now: at, dryRun: false });
      const counts = countSweep(lines === "busy" ? [] : lines);
      health.sweepFinished(at, counts);
      recordSweep(counts);
      logEvent("info", "sweep", { ...counts });
    } catch (error: unknown) {
      const code = error instanceof AssureError ? error.code : "unexpected";
      health.sweepFailed(at, code);
      logEvent("error", "sweep-failed", { code, error: error instanceof Error ? error.message : String(error) });
    } finally {
      sweeping = false;
    }
  };
  const timer = settings.sweepEveryMinutes > 0 ? setInterval(() => void asBackground(sweep), settings.sweepEveryMinutes * 60_000) : null;

  const base = `http://localhost:${port}`;
  console.log(`Assure is running at ${base}${host ? "" : ` (every interface, port ${port})`}${settings.publicUrl ? `; people reach it at ${settings.publicUrl}` : ""}`);
  console.log(`  health:  ${base}/health`);
  console.log(`  tab:     ${base}/tab/  <- the plans as board managers and leads see them${settings.mode === "emulator" && !settings.sso ? " (pick who you are at the top)" : ""}`);
  console.log(`  plans:   ${base}/api/plans`);
  // The local mailbox page has no sign-in of its own: it is offered only where nothing else signs in either.
  if (settings.mailFrom) console.log(`  email:   reminders to leads Teams cannot reach go from ${settings.mailFrom}${settings.mode === "emulator" && !settings.sso ? `; see what was sent at ${base}/mailbox` : ""}`);
  console.log(`  bot:     ${base}/api/messages${bot ? "" : " (not configured)"}`);
  console.log(`  store:   ${opened.describe}`);
  if (telemetry) console.log(`  telemetry: traces and metrics to Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING)`);
  console.log(`  sweeps:  ${timer ? `every ${settings.sweepEveryMinutes} minutes` : "off"}; run one by hand with: npx assure sweep --at <ISO time> [--dry-run]`);
  const playground = settings.playground && bot ? startPlayground({ botUrl: `${base}/api/messages`, port: settings.playground.port, dataDir: settings.mode === "emulator" ? settings.dataDir : ".data" }) : null;
  if (playground) {
    console.log(`  chat:    http://localhost:${settings.playground!.port}  <- open this: Teams chat, as Alex Wilber (the Coventry SAR Coordinator)`);
    console.log(`           unless the Playground's config says otherwise; you are greeted with a reminder card to answer.`);
    console.log(`           More: npx assure sweep --at 2016-04-01T09:00:00+01:00, npx assure digest --at 2022-10-03T08:30:00+01:00`);
  }
  if (settings.mode === "emulator") console.log(`  local mode: no tenant; ${settings.sso ? "the tab signs in with Teams SSO" : "writes over HTTP take a development identity (header x-assure-dev-person)"}`);

  const close = async () => {
    if (timer) clearInterval(timer);
    playground?.kill();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await opened.close();
  };
  return { server, close };
}

const localMailbox = (graphUrl: string, from: string) => ({ from, sent: (top: number) => readOutbox(graphUrl, from, top) });
