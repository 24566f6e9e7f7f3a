import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * graph-client middleware of Assure's own. Assure replaces graph-client's RetryHandler: the
 * store's `SiteLists.attempt` is the one place that retries, so one throttled request is
 * retried a known number of times instead of 3 (graph-client) × 6 (Assure).
 */

const requestUrl = (context: Context) => (typeof context.request === "string" ? context.request : context.request.url);

/** Attaches the app-only token to requests for the configured Graph endpoint, and to nothing else. */
export class GraphBearer implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly graphOrigin: string,
    private readonly getToken: () => Promise<string>,
  ) {}

  async execute(context: Context): Promise<void> {
    if (new URL(requestUrl(context)).origin === this.graphOrigin) {
      const token = await this.getToken();
      context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string>), Authorization: `Bearer ${token}` } };
    }
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/**
 * SharePoint sends `RateLimit-Limit`, `-Remaining` and `-Reset` (seconds) once an app has used
 * about 80 % of its resource units for the minute. From then on Assure spreads what is left
 * evenly over the time to the reset, so it slows down before it is throttled.
 */
export class RateLimitPacer implements Middleware {
  private next: Middleware | undefined;
  private notBefore = 0;
  private spacingMs = 0;
  private until = 0;
  /** Milliseconds waited in all; tests and `assure doctor --deep` read it. */
  waitedMs = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** How long the next request should wait, and books its slot. */
  delayFor(now: number): number {
    if (now >= this.until) return 0;
    const at = Math.max(now, this.notBefore);
    this.notBefore = at + this.spacingMs;
    return at - now;
  }

  /** Reads a response's RateLimit headers (absent: nothing changes). */
  observe(headers: Headers, now: number): void {
    const remaining = Number(headers.get("RateLimit-Remaining"));
    const reset = Number(headers.get("RateLimit-Reset"));
    if (!headers.has("RateLimit-Remaining") || !Number.isFinite(remaining) || !Number.isFinite(reset) || reset <= 0) return;
    this.until = now + reset * 1000;
    this.spacingMs = (reset * 1000) / Math.max(remaining, 1);
  }

  async execute(context: Context): Promise<void> {
    const delay = this.delayFor(this.clock());
    if (delay > 0) {
      this.waitedMs += delay;
      await this.wait(delay);
    }
    await this.next!.execute(context);
    if (context.response) this.observe(context.response.headers, this.clock());
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Gives every request its own time limit (graph-client has none), so a tenant that cannot be reached fails fast. */
export class RequestTimeout implements Middleware {
  private next: Middleware | undefined;
  constructor(private readonly ms: number) {}

  async execute(context: Context): Promise<void> {
    context.options = { ...context.options, signal: AbortSignal.timeout(this.ms) };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
