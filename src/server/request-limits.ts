import type { Request } from "express";
import { refillMs, spendToken, type Bucket, type BudgetRule } from "../core/request-budget.js";

/**
 * The budgets people's requests spend, decided here once (see docs/security.md, "Budgets"):
 * every Graph request a stranger can cause is paid from the board's SharePoint budget
 * (ASSURE_GRAPH_RU_PER_MINUTE, 1,200 by default), so what can cause one is limited before it
 * is made.
 */
export const LIMITS = {
  /** One browser on the email reply page: opening it, a mistake or two, sending. */
  replyPerClient: { burst: 20, perMinute: 30 },
  /**
   * The reply page, everyone together: each look-up of a link costs 1 to 2 resource units, so
   * this keeps guessing within a fifth of the default budget, however many addresses guess.
   */
  replyOverall: { burst: 60, perMinute: 120 },
  /** One signed-in person reading: the tab opens with half a dozen requests; reads come from the mirror. */
  personReads: { burst: 240, perMinute: 600 },
  /** One person writing: each write is 2 to 6 resource units, so at most a tenth of the default budget. */
  personWrites: { burst: 60, perMinute: 30 },
} satisfies Record<string, BudgetRule>;

/** Buckets by key (a client address, a person), held in memory and never more than `maxKeys` of them. */
export class RequestLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: BudgetRule,
    private readonly clock: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Spends one request for `key`: null if allowed, else the seconds to wait. */
  take(key: string): number | null {
    const now = this.clock();
    const spent = spendToken(this.buckets.get(key), this.rule, now);
    // Re-inserted so the map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, spent.bucket);
    if (this.buckets.size > this.maxKeys) this.forget(now);
    return spent.allowed ? null : spent.retryAfterSeconds;
  }

  /** Drops buckets that have refilled (they would start full anyway), then the least recently seen. */
  private forget(now: number): void {
    const full = refillMs(this.rule);
    for (const [key, bucket] of this.buckets) {
      if (this.buckets.size <= this.maxKeys * 0.9) return;
      if (now - bucket.at >= full || this.buckets.size > this.maxKeys) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * Who a request comes from, for a budget: the client's address (behind App Service, the one
 * its front end added last to X-Forwarded-For, which a client cannot forge), without a port,
 * and for IPv6 its /64 network, which one household or server gets whole.
 */
export function clientKeyOf(req: Request): string {
  const raw = (req.ip ?? req.socket.remoteAddress ?? "unknown").trim();
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/i.exec(raw);
  if (v4) return v4[1]!;
  const v6 = raw.replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").toLowerCase();
  if (!v6.includes(":")) return v6;
  const [head = "", tail = ""] = v6.split("::");
  const groups = [...head.split(":").filter(Boolean), ...Array(8).fill("0")].slice(0, 8);
  if (tail && head.split(":").filter(Boolean).length < 4) {
    const tailGroups = tail.split(":");
    for (let i = 0; i < tailGroups.length; i++) groups[8 - tailGroups.length + i] = tailGroups[i]!;
  }
  return `${groups.slice(0, 4).join(":")}::/64`;
}
