import { z } from "zod";

/**
 * Faults the emulator injects on demand, so tests can prove the store survives what Graph
 * does on a bad day: throttling (429 with Retry-After), 503/504, slow answers, and connections
 * dropped before the request is handled or after it was applied but before the answer.
 */
export const FaultRuleSchema = z.object({
  method: z.string().toUpperCase().optional(),
  /** A regular expression tested against the path after /v1.0, e.g. "/items$". */
  path: z.string().optional(),
  /** Where it applies: whole HTTP requests, requests inside a $batch, or both. */
  scope: z.enum(["request", "batch-item", "any"]).default("any"),
  /** 400 answers as SharePoint refuses a duplicate unique value; 409 as a save conflict; 410 as delta's "start again". */
  status: z.union([z.literal(400), z.literal(401), z.literal(403), z.literal(404), z.literal(409), z.literal(410), z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
  /** Answer normally, with SharePoint's RateLimit headers (sent once 80 % of the minute's budget is used). */
  rateLimit: z.object({ limit: z.number().int().min(1), remaining: z.number().int().min(0), reset: z.number().int().min(1) }).optional(),
  retryAfterSeconds: z.number().min(0).optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
  drop: z.enum(["before", "after"]).optional(),
  /** The error's code and message instead of the defaults (e.g. ErrorInvalidRecipients for mail). */
  code: z.string().optional(),
  message: z.string().optional(),
  /** How many matching requests it hits before it is spent. */
  times: z.number().int().min(1).default(1),
});
export type FaultRule = z.infer<typeof FaultRuleSchema>;

export const FaultRequestSchema = z.object({ rules: z.array(FaultRuleSchema).min(1) });

export class Faults {
  private rules: FaultRule[] = [];

  add(rules: FaultRule[]): void {
    this.rules.push(...rules);
  }

  clear(): void {
    this.rules = [];
  }

  pending(): number {
    return this.rules.reduce((n, r) => n + r.times, 0);
  }

  /** The first live rule matching this request, spent by one use. */
  take(method: string, path: string, scope: "request" | "batch-item"): FaultRule | null {
    const rule = this.rules.find(
      (r) =>
        r.times > 0 &&
        (r.scope === "any" || r.scope === scope) &&
        (r.method === undefined || r.method === method) &&
        (r.path === undefined || new RegExp(r.path).test(path)) &&
        !(scope === "batch-item" && r.drop !== undefined),
    );
    if (!rule) return null;
    rule.times -= 1;
    this.rules = this.rules.filter((r) => r.times > 0);
    return rule;
  }
}
