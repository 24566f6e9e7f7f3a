import { setTimeout as sleep } from "node:timers/promises";

/**
 * Keeps proactive sends within Teams' limits: 50 requests a second per app per tenant, 7 a
 * second per conversation (sliding one-second windows), and pauses all sending when Teams
 * answers 429, for as long as it says. Sends are spaced evenly and the window is kept a little
 * longer than a second, so that requests bunched up on the way still arrive within the limit.
 */
export class SendRateLimiter {
  private readonly tenant: number[] = [];
  private readonly conversations = new Map<string, number[]>();
  private pausedUntil = 0;

  constructor(
    private readonly limits = { perTenantPerSecond: 50, perConversationPerSecond: 7 },
    private readonly clock: () => number = () => performance.now(),
  ) {}

  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.clock();
      const conversation = this.conversations.get(conversationId) ?? [];
      prune(this.tenant, now);
      prune(conversation, now);
      const waits = [
        this.pausedUntil - now,
        // Evenly spaced, not in bursts of 50: a burst arrives bunched and trips the limit.
        (this.tenant.at(-1) ?? -Infinity) + SPACING_FACTOR * (1000 / this.limits.perTenantPerSecond) - now,
        this.tenant.length >= this.limits.perTenantPerSecond ? this.tenant[0]! + 1000 + MARGIN_MS - now : 0,
        conversation.length >= this.limits.perConversationPerSecond ? conversation[0]! + 1000 + MARGIN_MS - now : 0,
      ];
      const wait = Math.max(...waits);
      if (wait <= 0) {
        this.tenant.push(now);
        conversation.push(now);
        this.conversations.set(conversationId, conversation);
        return;
      }
      await sleep(Math.ceil(wait));
    }
  }

  /** Teams said 429: nobody sends for this long. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + seconds * 1000);
  }
}

/** Milliseconds added to each one-second window: the margin for network jitter. */
const MARGIN_MS = 5;
/** Sends are spaced a little wider than the limit's average, for the same reason. */
const SPACING_FACTOR = 1.0;

function prune(times: number[], now: number): void {
  while (times.length > 0 && times[0]! <= now - 1000 - MARGIN_MS) times.shift();
}
