import { setTimeout as sleep } from "node:timers/promises";

/**
 * Keeps proactive sends within Teams' limits: 50 requests a second per app per tenant, 7 a
 * second per conversation (sliding one-second windows), and pauses all sending when Teams
 * answers 429, for as long as it says.
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
        this.tenant.length >= this.limits.perTenantPerSecond ? this.tenant[0]! + 1000 - now : 0,
        conversation.length >= this.limits.perConversationPerSecond ? conversation[0]! + 1000 - now : 0,
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

function prune(times: number[], now: number): void {
  while (times.length > 0 && times[0]! <= now - 1000) times.shift();
}
