/**
 * A token bucket: up to `burst` requests at once, refilled at `perMinute`. Each request that
 * arrives with a token left spends one; one that finds the bucket empty is refused, and told
 * how long until a token is back. Pure: the caller keeps the bucket and passes the clock.
 */
export interface BudgetRule {
  burst: number;
  perMinute: number;
}

export interface Bucket {
  tokens: number;
  /** Milliseconds since the epoch when `tokens` was worked out. */
  at: number;
}

export type Spend = { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterSeconds: number };

export function spendToken(bucket: Bucket | undefined, rule: BudgetRule, nowMs: number): Spend {
  const perMs = rule.perMinute / 60_000;
  const before = bucket ?? { tokens: rule.burst, at: nowMs };
  // A clock that steps back (NTP) refills nothing rather than draining.
  const tokens = Math.min(rule.burst, before.tokens + Math.max(0, nowMs - before.at) * perMs);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, at: nowMs } };
  return { allowed: false, bucket: { tokens, at: nowMs }, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
}

/** A bucket left alone this long is full again, so forgetting it changes nothing. */
export const refillMs = (rule: BudgetRule) => Math.ceil((rule.burst / rule.perMinute) * 60_000);
