import { createServer, type RequestListener, type Server } from "node:http";
import type { NextFunction, Request, Response } from "express";

/**
 * Where the tab may be framed: Teams (web, desktop, new Teams), Outlook and the Microsoft 365
 * app, which host Teams tabs. Anywhere else, the browser refuses to show it in a frame.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://*.office365.com",
  "https://*.microsoft365.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://*.teams.microsoft.us",
];

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) inserts its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // TeamsJS fetches Microsoft's list of valid Teams hosts from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
].join("; ");

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/**
 * Headers every answer carries, and the Host check for a server on this machine: a web page
 * elsewhere that points a name of its own at 127.0.0.1 (DNS rebinding) is refused, because
 * its requests name its own host, not localhost.
 */
export function securityHeaders(options: { localMode: boolean }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("Content-Security-Policy", CSP);
    // Plans, people and updates are personal data: no browser or proxy keeps a copy.
    if (req.path.startsWith("/api/")) res.setHeader("Cache-Control", "no-store");
    if (options.localMode && !LOCAL_HOSTS.test(req.headers.host ?? "")) {
      res.status(421).json({ error: { code: "wrong-host", message: "this local Assure answers only requests to localhost" } });
      return;
    }
    next();
  };
}

/** A request the server refuses for its shape (too large, not JSON, a broken path), as a status and words a person can act on. */
export function requestRefusal(err: unknown): { status: number; code: string; message: string } | null {
  const e = err as { type?: unknown; status?: unknown; name?: unknown };
  if (e?.type === "entity.too.large") return { status: 413, code: "too-large", message: "the request body is larger than Assure accepts (64 KB)" };
  if (e?.type === "entity.parse.failed" || (err instanceof SyntaxError && "body" in err)) return { status: 400, code: "invalid-input", message: "the request body is not valid JSON" };
  if (err instanceof URIError || e?.type === "encoding.unsupported" || e?.type === "charset.unsupported") return { status: 400, code: "invalid-input", message: "the address or body is not correctly encoded" };
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) return { status: e.status, code: "invalid-input", message: "the request could not be read" };
  return null;
}

/**
 * Limits on connections, so idle or slow ones cannot hold every file descriptor (the attack
 * review held 20,000 open): a cap on connections at once, and deadlines for a request's
 * headers, for the whole request, and for an idle kept-alive connection. Node closes a
 * connection that misses one; App Service's front end reconnects as it needs.
 */
export const HTTP_LIMITS = {
  /** Well under a container's usual 1,024 open files, leaving room for Graph's sockets and files. */
  maxConnections: 800,
  /** Headers arrive in one packet from a browser or App Service's front end; 20 s is generous. */
  headersTimeoutMs: 20_000,
  /** A 10 MB import over a slow line is the longest request Assure takes. */
  requestTimeoutMs: 120_000,
  /** Node's default: long enough to reuse a connection between the tab's requests. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node looks for connections past their deadline (its default is 30 s). */
  checkEveryMs: 5_000,
};

/** An HTTP server for `handler` with HTTP_LIMITS (or tighter ones, in tests). */
export function limitedServer(handler: RequestListener, limits: typeof HTTP_LIMITS = HTTP_LIMITS): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkEveryMs,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}
