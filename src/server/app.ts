import { randomUUID } from "node:crypto";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { leadReach, reachOf } from "../core/conversation.js";
import { emailUsable } from "../core/email-bounce.js";
import { AssureError, ConflictError, InputError, NotFoundError, parseInput } from "../core/errors.js";
import { DOCUMENT_LIMITS, DocumentLimitError } from "../paper/document-limits.js";
import { leadOfAction } from "../core/lead.js";
import { exportRecords, nestPlans } from "../core/plan-export.js";
import { planCounts } from "../core/plan-counts.js";
import { londonDate } from "../core/london.js";
import { applyProgressUpdate, decideProgress, OnBehalfSchema } from "../core/progress.js";
import { mayEditAction, rolesOf } from "../core/roles.js";
import type { DeliveryStore, PlanStore } from "../core/store.js";
import type { BoardRecords } from "../core/records.js";
import { AuthError, personOf, viewerOf, type Identify, type Viewer } from "./identity.js";
import type { TenantDirectory } from "../store/tenant-directory.js";
import { mountBoardApi } from "./board-api.js";
import { mountDashboardApi } from "./dashboard-api.js";
import { mountWhoIsLateApi } from "./who-is-late-api.js";
import { mountCatchUpApi } from "./catch-up-api.js";
import { mountExportApi } from "./export-api.js";
import { IMPORT_ROUTES, importBodyParser, mountImportApi } from "./import-api.js";
import { logEvent } from "../log.js";
import { requestRefusal, securityHeaders } from "./http-safety.js";
import { clientKeyOf, LIMITS, RequestLimiter } from "./request-limits.js";
import type { Health } from "./health.js";
import { mountTabApi } from "./tab-api.js";
import { mountEvidenceApi } from "./evidence-api.js";
import { mountRegisterApi } from "./register-api.js";
import type { EvidenceStore } from "../core/evidence-file.js";
import type { RegisterStore } from "../core/register.js";
import type { ChallengeStore } from "../core/challenge.js";
import { mountAgenciesApi } from "./agencies-api.js";

export interface AppDeps {
  store: PlanStore & DeliveryStore;
  /** The Teams bot's endpoint handler, or null where no bot is configured. */
  botEndpoint: ((req: Request, res: Response) => Promise<void>) | null;
  identify: Identify;
  /** Whether a signed-in Entra object id is an Assure administrator. */
  isAdmin?: (entraObjectId: string) => Promise<boolean>;
  /** The tenant's people, for the people picker; null where there is none (tests of other things). */
  directory?: TenantDirectory | null;
  now: () => Date;
  version: string;
  /** Local mode: the tab offers the development identity switcher. */
  localMode: boolean;
  /** Answer only requests addressed to this machine by name (local mode, even with sign-in configured). */
  localHostOnly?: boolean;
  /** Assure sends email (ASSURE_MAIL_FROM): leads with an email address are reachable that way. */
  emailEnabled?: boolean;
  /** More routes, mounted before "not found" (the email reply page, which the bot owns). */
  routes?: ((app: express.Express) => void)[];
  /** The sweeps' record for /health; without it, /health says only that the server is up. */
  health?: Health;
  /** Where the built tab is; null: the tab is not served (it has not been built). */
  tabDir: string | null;
  /** Sends the decision cards a recorded update calls for (a new deadline, a completion): the bot's, where there is one; never throws. */
  askDeciders?: (updateId: string) => Promise<void>;
  /** Behind App Service's front end: the client's address is the one it adds to X-Forwarded-For. */
  behindProxy?: boolean;
  /** The findings register: the annual report's paragraph 4 and the dashboard's impact draw on it; null: the plans alone. */
  register?: RegisterStore | null;
  /** The board's "Assure Evidence" library, where leads' evidence files go; null: uploads are refused (503). */
  evidence?: EvidenceStore | null;
  /** The boards' challenge logs (questions to agencies and their answers); null: none kept, writes are refused (503). */
  challenges?: ChallengeStore | null;
}

const STATUS: Record<string, number> = { "not-found": 404, "invalid-input": 400, usage: 400, conflict: 409, forbidden: 403, "not-logged": 500, "document-too-large": 413, "document-too-slow": 422, busy: 503, "evidence-too-large": 413, "evidence-type": 415, "not-configured": 503 };

/** The HTTP surface: the bot endpoint, health, the plans as JSON, and progress updates. The tab mounts here later. */
export function createApp(deps: AppDeps): express.Express {
  const { store, botEndpoint, identify, now, version } = deps;
  const app = express();
  app.disable("x-powered-by");
  // One hop: App Service's front end appends the client's address; anything further left the client wrote.
  if (deps.behindProxy) app.set("trust proxy", 1);
  app.use(securityHeaders({ localMode: deps.localMode || deps.localHostOnly === true }));
  // gzip or brotli, as the browser asks: a 2,000-action board is about a tenth of its size compressed.
  app.use(compression());
  const json = express.json({ limit: "64kb" });
  app.use((req, res, next) => (req.path.startsWith(IMPORT_ROUTES) ? importBodyParser(req, res, next) : json(req, res, next)));
  const records = async () => store.readRecords();

  app.post("/api/messages", async (req, res) => {
    if (!botEndpoint) {
      res.status(503).json({ error: { code: "bot-not-configured", message: "this server has no Teams bot configured (ASSURE_BOT_APP_ID)" } });
      return;
    }
    await botEndpoint(req, res);
  });

  // The app package's local defaults for the board's privacy notice and terms: each board sets its own.
  app.get("/legal/:notice", (req, res, next) => {
    const notice = req.params.notice === "privacy" ? "privacy notice" : req.params.notice === "terms" ? "terms of use" : null;
    if (!notice) return next();
    res.type("html").send(`<!doctype html><html lang="en-GB"><title>Assure: ${notice}</title><main><h1>This board has not published its ${notice} here</h1><p>Assure keeps a Safeguarding Adults Board's plans in the board's own Microsoft 365 tenant. The board's ${notice} is its own: its administrator sets ${notice === "privacy notice" ? "PRIVACY_URL" : "TERMS_URL"} when building the Teams app package (see docs/deploy.md).</p></main></html>`);
  });

  app.get("/health", (_req, res) => {
    if (!deps.health) return void res.json({ status: "ok", version });
    const { httpStatus, body } = deps.health.report(now());
    res.status(httpStatus).json(body);
  });

  // Everything under /api but the bot's endpoint needs a signed-in viewer (in local mode, maybe anonymous).
  // The caller is known (or refused) before anything is read: a bad token costs no Graph request.
  const reads = new RequestLimiter(LIMITS.personReads);
  const writes = new RequestLimiter(LIMITS.personWrites);
  app.use("/api", async (req, res, next) => {
    const caller = await identify(req);
    // Each person's own budget, spent before anything is read: one account cannot spend the board's.
    const who = caller.kind === "signed-in" ? `oid:${caller.entraObjectId}` : caller.kind === "development" ? `dev:${caller.personId}` : `ip:${clientKeyOf(req)}`;
    const wait = (req.method === "GET" || req.method === "HEAD" ? reads : writes).take(who);
    if (wait !== null) {
      res.setHeader("Retry-After", String(wait));
      res.status(429).json({ error: { code: "too-many-requests", message: `too many requests from you just now; try again in ${wait} s` } });
      return;
    }
    const read = await records();
    const r = read.records;
    res.locals.records = r;
    res.locals.recordsVersion = read.version ?? null;
    res.locals.viewer = await viewerOf(caller, r.people, deps.isAdmin ?? (async () => false));
    next();
  });

  app.get("/api/plans", async (_req, res) => {
    const r = res.locals.records as BoardRecords;
    const today = londonDate(now());
    res.json({
      plans: r.plans.map((p) => ({
        id: p.id,
        title: p.title,
        kind: p.kind,
        boards: p.boards,
        status: p.status,
        actions: r.actions.filter((a) => a.planId === p.id).length,
        // By rating, overdue and due soon, as at today: the Plans page's line for each plan.
        counts: planCounts(r.actions.filter((a) => a.planId === p.id), today),
        href: `/api/plans/${encodeURIComponent(p.id)}`,
      })),
    });
  });

  app.get("/api/plans/:planId", async (req, res) => {
    const plan = nestPlans(res.locals.records as BoardRecords).find((p) => p.id === req.params.planId);
    if (!plan) throw new NotFoundError(`plan "${req.params.planId}"`);
    res.json(plan);
  });

  app.get("/api/export", async (_req, res) => {
    res.json(exportRecords(res.locals.records as BoardRecords));
  });

  // Who the bot can reach in Teams: board managers chase the rest by other means.
  app.get("/api/reachability", async (_req, res) => {
    const r = res.locals.records as BoardRecords;
    const conversations = await store.readConversations();
    const leadPeople = new Set(r.leads.flatMap((l) => l.members));
    res.json({
      people: r.people
        .filter((p) => leadPeople.has(p.id))
        .map((p) => {
          const c = conversations.find((x) => x.entraObjectId === p.entraObjectId);
          const status = reachOf(p.entraObjectId, conversations).reach;
          const byEmail = status !== "reachable" && leadReach(p, conversations, deps.emailEnabled ?? false) === "reachable";
          // Email that bounced (a non-delivery report), with the day and Exchange's words, while it still applies.
          const emailBounced = p.emailBounce && !emailUsable(p) ? { address: p.emailBounce.address, on: londonDate(new Date(p.emailBounce.at)), said: p.emailBounce.said } : null;
          return { personId: p.id, displayName: p.displayName, status, byEmail, channel: p.channel, since: c?.updatedAt ?? null, emailBounced };
        }),
    });
  });

  app.post("/api/actions/:actionId/progress-updates", async (req, res) => {
    const r = res.locals.records as BoardRecords;
    const viewer = res.locals.viewer as Viewer;
    const signedIn = personOf(viewer, "report progress");
    const action = r.actions.find((a) => a.id === req.params.actionId);
    if (!action) throw new NotFoundError(`action "${req.params.actionId}"`);
    const lead = leadOfAction(action, r.plans, r.leads);
    // A manager recording what a lead said by email or in a meeting: the lead is the author.
    const behalf = typeof req.body === "object" && req.body !== null && "onBehalfOf" in req.body ? parseInput(OnBehalfSchema, { onBehalfOf: req.body.onBehalfOf, source: req.body.source }) : null;
    if (behalf && !mayEditAction(rolesOf(signedIn.id, r, viewer.admin), { planId: action.planId, subgroupIds: lead?.subgroups ?? [] })) {
      throw new AuthError(403, `${signedIn.displayName} may not record an update for a lead of action ${action.ref}: only its plan's board managers and its subgroups' chairs may`);
    }
    const person = behalf ? (r.people.find((p) => p.id === behalf.onBehalfOf) ?? raise(new InputError("onBehalfOf", `there is no person "${behalf.onBehalfOf}" in the directory`))) : signedIn;
    const decision = decideProgress({
      action,
      lead,
      person,
      submitted: req.body,
      now: now(),
      updateId: `pu-${randomUUID()}`,
      via: "tab",
    });
    if (decision.kind === "not-lead") {
      throw new AuthError(403, `${person.displayName} does not lead action ${action.ref} ("${action.lead.asWritten}")`);
    }
    if (decision.kind === "not-open") throw new ConflictError(`action ${action.ref} is ${decision.state}; it takes no more updates`);
    if (decision.kind === "invalid") throw new InputError(decision.path.map(String).join(".") || "body", decision.message);
    const update = behalf ? { ...decision.update, recordedBy: { personId: signedIn.id, name: signedIn.displayName, source: behalf.source } } : decision.update;
    // History first: if the summary update fails, the update is still on record.
    await store.appendProgressUpdates([update]);
    const updated = await store.updateAction(action.id, (current) => applyProgressUpdate(current, update));
    if (update.proposedDeadline || update.markedComplete) await deps.askDeciders?.(update.id);
    res.status(201).json({ update, action: updated });
  });

  mountBoardApi(app, deps);
  mountTabApi(app, deps);
  mountExportApi(app, deps);
  mountImportApi(app, deps);
  mountDashboardApi(app, deps);
  mountWhoIsLateApi(app, deps);
  mountAgenciesApi(app, deps);
  mountCatchUpApi(app, deps);
  mountEvidenceApi(app, deps);
  mountRegisterApi(app, deps);
  for (const mount of deps.routes ?? []) mount(app);
  app.use((req, _res, next) => next(new NotFoundError(`${req.method} ${req.path}`)));

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AuthError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    if (err instanceof AssureError && STATUS[err.code]) {
      const extra = err instanceof InputError ? { field: err.field } : err instanceof ConflictError && err.current ? { current: err.current } : err instanceof DocumentLimitError ? { cap: err.cap, limit: DOCUMENT_LIMITS[err.cap] } : {};
      res.status(STATUS[err.code]!).json({ error: { code: err.code, message: err.message, ...extra } });
      return;
    }
    const refusal = requestRefusal(err);
    if (refusal) {
      res.status(refusal.status).json({ error: { code: refusal.code, message: refusal.message } });
      return;
    }
    logEvent("error", "request-failed", { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    res.status(500).json({ error: { code: "internal", message: "Assure hit an unexpected error; see the server log" } });
  });
  return app;
}

const raise = (error: Error): never => {
  throw error;
};
