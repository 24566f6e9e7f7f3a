import { setTimeout as sleep } from "node:timers/promises";

/**
 * Keeps email within Exchange Online's sending limits for one mailbox: 30 messages a minute
 * (a sliding minute) and 10,000 recipients a day. `acquire` waits for the minute's limit; it
 * answers false when the day's limit is reached, and the message is left for a later sweep.
 */
export class MailRateLimiter {
  private readonly minute: number[] = [];
  private day: { start: number; count: number } = { start: 0, count: 0 };

  constructor(
    private readonly limits = { perMinute: 30, perDay: 10_000 },
    private readonly clock: () => number = () => Date.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  async acquire(): Promise<boolean> {
    for (;;) {
      const now = this.clock();
      if (now - this.day.start >= 86_400_000) this.day = { start: now, count: 0 };
      if (this.day.count >= this.limits.perDay) return false;
      while (this.minute.length > 0 && this.minute[0]! <= now - 60_000) this.minute.shift();
      if (this.minute.length < this.limits.perMinute) {
        this.minute.push(now);
        this.day.count += 1;
        return true;
      }
      await this.wait(this.minute[0]! + 60_000 - now + 5);
    }
  }
}
