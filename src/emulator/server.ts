import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { FaultRequestSchema, Faults, type FaultRule } from "./faults.js";
import { resourceUnitsOf } from "../store/resource-units.js";
import { directoryRequest, type Directory } from "./directory.js";
import { GraphEmulator, type EmuRequest, type EmuResponse } from "./graph-emulator.js";
import { ListError, UNIQUE_REFUSAL } from "./lists.js";

/** Graph answers at most 20 requests in one $batch. */
export const MAX_BATCH = 20;
export const DEFAULT_SITE = { hostname: "assure.sharepoint.local", path: "/sites/safeguarding" };

export interface EmulatorStats {
  requests: number;
  batches: number;
  batchItems: number;
  faults: number;
  byMethod: Record<string, number>;
  /** Requests that carried a token the emulator's managed-identity endpoint issued. */
  withToken: number;
  tokensIssued: number;
  /** SharePoint's resource units, as it counts them against an app's per-minute budget. */
  resourceUnits: number;
  /** Resource units by minute ("2026-11-23T10:04"). */
  resourceUnitsByMinute: Record<string, number>;
  /** Resource units by list, as the request named it (its id or display name): what each kind of work costs. */
  resourceUnitsByList: Record<string, number>;
}

const freshStats = (): EmulatorStats => ({ requests: 0, batches: 0, batchItems: 0, faults: 0, byMethod: {}, withToken: 0, tokensIssued: 0, resourceUnits: 0, resourceUnitsByMinute: {}, resourceUnitsByList: {} });


/**
 * Stands in for App Service's managed-identity endpoint (IDENTITY_ENDPOINT, with the secret
 * IDENTITY_HEADER sent as X-IDENTITY-HEADER; api-version 2019-08-01), so tenant-mode settings can
 * run here exactly as on App Service.
 */
export const MSI_PATH = "/msi/token";
const MAIL_PATH = /^\/users\/([^/]+)\/(sendMail|mailFolders\/sentitems\/messages|mailFolders\/inbox\/messages)$/i;
export const MSI_SECRET = "assure-emulator-identity-header";

export interface RunningEmulator {
  server: Server;
  /** e.g. http://127.0.0.1:4321/v1.0 */
  graphUrl: string;
  close: () => Promise<void>;
}

/** Serves the emulator over HTTP, with /_emulator/faults and /_emulator/stats for tests. */
export async function startEmulator(options: {
  dataDir: string;
  port?: number;
  sites?: { hostname: string; path: string }[];
  /** The tenant's people and groups, for /users and /groups; none unless given. */
  directory?: Directory;
  /** The mailboxes Exchange lets the app send from (RBAC for Applications); any, unless given. */
  mailboxes?: readonly string[];
  /** The Graph application roles an administrator granted, as the managed identity's token carries them in `roles`; none checked unless given. */
  appRoles?: readonly string[];
  /** Addresses whose mail is accepted (202) and then bounces: a non-delivery report arrives in the sending mailbox's inbox. */
  undeliverable?: readonly string[];
}): Promise<RunningEmulator> {
  const permittedMailboxes = options.mailboxes ? options.mailboxes.map((m) => m.toLowerCase()) : null;
  const directory = options.directory ?? { users: [], groups: [] };
  const issued = new Set<string>();
  const emulator = new GraphEmulator({ dataDir: options.dataDir, sites: options.sites ?? [DEFAULT_SITE], users: directory.users, ...(options.undeliverable ? { undeliverable: options.undeliverable } : {}) });
  const faults = new Faults();
  let stats = freshStats();
  const countUnits = (method: string, path: string, query: URLSearchParams) => {
    const units = resourceUnitsOf(method, path, query);
    const minute = new Date().toISOString().slice(0, 16);
    stats.resourceUnits += units;
    stats.resourceUnitsByMinute[minute] = (stats.resourceUnitsByMinute[minute] ?? 0) + units;
    const list = /\/lists\/([^/]+)/.exec(path)?.[1];
    if (list) stats.resourceUnitsByList[decodeURIComponent(list)] = (stats.resourceUnitsByList[decodeURIComponent(list)] ?? 0) + units;
  };

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error("graph emulator: unexpected error", error);
      if (!res.headersSent) send(res, { status: 500, body: { error: { code: "generalException", message: String(error) } } });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const bytes = await readBody(req);
    const raw = bytes.toString("utf8");
    if (url.pathname.startsWith("/_emulator/")) return control(req.method ?? "GET", url.pathname, raw, res, url.searchParams);
    if (url.pathname === MSI_PATH) return managedIdentityToken(req, url, res);
    if (!url.pathname.startsWith("/v1.0/")) {
      return send(res, { status: 404, body: { error: { code: "BadRequest", message: "Only /v1.0 is served." } } });
    }
    const path = url.pathname.slice("/v1.0".length);
    const method = req.method ?? "GET";
    stats.requests += 1;
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (token && issued.has(token)) stats.withToken += 1;

    const fault = faults.take(method, path, "request");
    if (fault) stats.faults += 1;
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop === "before") return void req.socket.destroy();
    if (fault?.status) return send(res, faultResponse(fault, `http://${req.headers.host}/v1.0${path}?${url.searchParams.toString()}`));
    if (path !== "/$batch" && !MAIL_PATH.test(path) && !/^\/(users|groups|appCatalogs)(\/|$)/.test(path)) countUnits(method, path, url.searchParams);

    // A document library's files: the body is the file's bytes, not JSON.
    if (path.startsWith("/drives/")) {
      const answer = emulator.handleDrive(method, path, url.searchParams, bytes, req.headers["content-type"]);
      if (fault?.drop === "after") return void req.socket.destroy();
      return send(res, withRateLimit(answer, fault));
    }
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      return send(res, { status: 400, body: { error: { code: "BadRequest", message: "The request body is not valid JSON." } } });
    }
    const baseUrl = `http://${req.headers.host}/v1.0`;
    const answer =
      path === "/$batch" && method === "POST"
        ? await batch(body, baseUrl)
        : MAIL_PATH.test(path)
          ? mailAnswer(method, path, url.searchParams, body, `${baseUrl}${path}?${url.searchParams.toString()}`)
        : /^\/(users|groups|appCatalogs)(\/|$)/.test(path)
          ? directoryAnswer(method, path, url.searchParams, body)
          : emulator.handle({ method, path, query: url.searchParams, headers: lowerHeaders(req), body }, baseUrl);
    if (fault?.drop === "after") return void req.socket.destroy();
    send(res, withRateLimit(answer, fault));
  }

  async function batch(body: unknown, baseUrl: string): Promise<EmuResponse> {
    const requests = (body as { requests?: unknown })?.requests;
    if (!Array.isArray(requests) || requests.length === 0) {
      return { status: 400, body: { error: { code: "BadRequest", message: "A $batch needs a non-empty requests array." } } };
    }
    if (requests.length > MAX_BATCH) {
      return {
        status: 400,
        body: { error: { code: "BadRequest", message: `A $batch holds at most ${MAX_BATCH} requests; got ${requests.length}.` } },
      };
    }
    const items = requests as { id: string; method: string; url: string; headers?: Record<string, string>; body?: unknown; dependsOn?: string[] }[];
    const ids = items.map((r) => r.id);
    if (ids.some((id) => typeof id !== "string" || id === "") || new Set(ids).size !== ids.length) {
      return { status: 400, body: { error: { code: "BadRequest", message: "Each request in a $batch needs an id, unique within the batch." } } };
    }
    stats.batches += 1;
    const responses: { id: string; status: number; headers: Record<string, string>; body: unknown }[] = [];
    const failed = new Set<string>();
    for (const r of items) {
      stats.batchItems += 1;
      // Graph: a request whose dependency failed is not run, and answers 424 Failed Dependency.
      if ((r.dependsOn ?? []).some((d) => failed.has(d) || !ids.includes(d))) {
        failed.add(r.id);
        responses.push({ id: r.id, status: 424, headers: { "Content-Type": "application/json" }, body: { error: { code: "FailedDependency", message: "A request this one depends on failed." } } });
        continue;
      }
      const url = new URL(r.url, "http://emulator");
      const method = r.method.toUpperCase();
      const fault = faults.take(method, url.pathname, "batch-item");
      if (fault) stats.faults += 1;
      else countUnits(method, url.pathname, url.searchParams);
      if (fault?.delayMs) await sleep(fault.delayMs);
      const answer: EmuResponse = fault?.status
        ? faultResponse(fault, `${baseUrl}${url.pathname}`)
        : emulator.handle(
            {
              method,
              path: url.pathname,
              query: url.searchParams,
              headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
              body: r.body,
            },
            baseUrl,
          );
      if (answer.status >= 400) failed.add(r.id);
      responses.push({
        id: r.id,
        status: answer.status,
        headers: { "Content-Type": "application/json", ...answer.headers },
        body: answer.body ?? null,
      });
    }
    // Graph: "the responses might not be in the same order as the requests"; the emulator
    // answers last first, so a client that matches answers by position is caught.
    return { status: 200, body: { responses: responses.reverse() } };
  }

  function mailAnswer(method: string, path: string, query: URLSearchParams, body: unknown, selfUrl: string): EmuResponse {
    const [, mailbox, what] = MAIL_PATH.exec(path)!;
    try {
      const folder = what === "sendMail" ? "send" : /inbox/i.test(what!) ? "inbox" : "sent";
      return emulator.handleMail(method, decodeURIComponent(mailbox!), folder, query, body, new Date(), permittedMailboxes, options.appRoles ?? null, selfUrl);
    } catch (error: unknown) {
      if (error instanceof ListError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
      throw error;
    }
  }

  function directoryAnswer(method: string, path: string, query: URLSearchParams, body: unknown): EmuResponse {
    try {
      return directoryRequest(directory, { method, parts: path.split("/").filter(Boolean).map(decodeURIComponent), query, body, roles: options.appRoles ?? null });
    } catch (error: unknown) {
      if (error instanceof ListError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
      throw error;
    }
  }

  function managedIdentityToken(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (req.headers["x-identity-header"] !== MSI_SECRET) {
      return send(res, { status: 401, body: { statusCode: 401, message: "The X-IDENTITY-HEADER is missing or wrong." } });
    }
    if (url.searchParams.get("api-version") !== "2019-08-01" || !url.searchParams.get("resource")) {
      return send(res, { status: 400, body: { statusCode: 400, message: "api-version=2019-08-01 and resource are required." } });
    }
    // Shaped like Entra's access token (header.payload.signature; unsigned here): appid is the identity's client id, roles its Graph application permissions.
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const clientId = url.searchParams.get("client_id") ?? "emulator";
    const token = `${part({ typ: "JWT", alg: "none" })}.${part({ aud: url.searchParams.get("resource"), appid: clientId, idtyp: "app", roles: [...(options.appRoles ?? [])], n: issued.size + 1 })}.emulator`;
    issued.add(token);
    stats.tokensIssued += 1;
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    send(res, { status: 200, body: { access_token: token, expires_on: String(expiresOn), resource: url.searchParams.get("resource"), token_type: "Bearer", client_id: url.searchParams.get("client_id") ?? "emulator" } });
  }

  function control(method: string, path: string, raw: string, res: ServerResponse, query: URLSearchParams): void {
    if (path === "/_emulator/faults" && method === "POST") {
      const parsed = FaultRequestSchema.safeParse(raw === "" ? {} : JSON.parse(raw));
      if (!parsed.success) return send(res, { status: 400, body: { error: parsed.error.issues[0]?.message } });
      faults.add(parsed.data.rules);
      return send(res, { status: 200, body: { pending: faults.pending() } });
    }
    if (path === "/_emulator/faults" && method === "DELETE") {
      faults.clear();
      return send(res, { status: 204 });
    }
    // An administrator applying `assure provision --print-template`'s site script; the views it left.
    if (path === "/_emulator/site-script" && method === "POST") {
      const { site, script } = JSON.parse(raw) as { site: string; script: unknown };
      return send(res, emulator.handleDesign(() => ({ status: 200, body: emulator.applySiteScript(site, script) })));
    }
    if (path === "/_emulator/design" && method === "GET") {
      return send(res, emulator.handleDesign(() => ({ status: 200, body: emulator.listDesign(query.get("site") ?? "", query.get("list") ?? "") })));
    }
    // What a mailbox sent, saved to Sent Items or not: the recipients' side, which Graph cannot show.
    if (path === "/_emulator/outbox" && method === "GET") {
      return send(res, { status: 200, body: { value: emulator.outbox(query.get("mailbox") ?? "", Number(query.get("top") ?? 100)) } });
    }
    // A document library's files and folders (paths, sizes, SHA-256), and one file's bytes: for tests.
    if (path === "/_emulator/files" && method === "GET") {
      const sha = query.get("sha256");
      if (!sha) return send(res, { status: 200, body: { files: emulator.driveFiles() } });
      const content = emulator.driveBytes(sha);
      return content ? void res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(content) : send(res, { status: 404, body: { error: "no such file" } });
    }
    if (path === "/_emulator/stats" && method === "GET") return send(res, { status: 200, body: { ...stats, pendingFaults: faults.pending() } });
    if (path === "/_emulator/stats" && method === "DELETE") {
      stats = freshStats();
      return send(res, { status: 204 });
    }
    send(res, { status: 404, body: { error: `no emulator control at ${method} ${path}` } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    graphUrl: `http://127.0.0.1:${port}/v1.0`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      emulator.close();
    },
  };
}

/** An injected failure; a 410 to a delta read carries Graph's Location: a fresh enumeration (no token). */
function faultResponse(fault: FaultRule, url: string): EmuResponse {
  const status = fault.status!;
  if (status === 410) {
    const fresh = new URL(url.includes("?") ? url : `${url}?`);
    fresh.searchParams.delete("token");
    return { status, headers: { Location: fresh.toString() }, body: { error: { code: fault.code ?? "resyncChangesApplyDifferences", message: fault.message ?? "The delta token is no longer valid: enumerate again from the Location." } } };
  }
  const [code, message] =
    status === 400 ? ["invalidRequest", UNIQUE_REFUSAL]
    : status === 409 ? ["conflict", "Save Conflict. Your changes conflict with those made concurrently by another user."]
    : status === 429 ? ["TooManyRequests", `Injected fault: ${status}.`]
    : ["serviceNotAvailable", `Injected fault: ${status}.`];
  return {
    status,
    headers: fault.retryAfterSeconds !== undefined ? { "Retry-After": String(fault.retryAfterSeconds) } : {},
    body: { error: { code: fault.code ?? code, message: fault.message ?? message } },
  };
}

/** SharePoint's preview RateLimit headers, on an answer that otherwise succeeded. */
function withRateLimit(answer: EmuResponse, fault: FaultRule | null): EmuResponse {
  if (!fault?.rateLimit) return answer;
  const { limit, remaining, reset } = fault.rateLimit;
  return { ...answer, headers: { ...answer.headers, "RateLimit-Limit": String(limit), "RateLimit-Remaining": String(remaining), "RateLimit-Reset": String(reset) } };
}

function send(res: ServerResponse, answer: EmuResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  res.writeHead(answer.status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(answer.body));
}

function lowerHeaders(req: IncomingMessage): EmuRequest["headers"] {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
