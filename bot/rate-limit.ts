import { setTimeout as sleep } from "node:timers/promises";

/** At most `count` sends in any `ms` milliseconds. */
export interface Window {
  count: number;
  ms: number;
}

/**
 * Teams' limits for one bot in one conversation (msteams-docs bots/how-to/rate-limit.md,
 * "Per bot per thread limit"): 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour.
 */
export const TEAMS_CONVERSATION_LIMITS: readonly Window[] = [
  { count: 7, ms: 1000 },
  { count: 8, ms: 2000 },
  { count: 60, ms: 30_000 },
  { count: 1800, ms: 3_600_000 },
];

/**
 * Assure's default rate for the whole tenant: Teams allows an app 50 requests a second per tenant
 * (same page), for everything the app does there, replies to card actions included, so sweeps
 * keep a fifth of it free.
 */
export const DEFAULT_TEAMS_PER_SECOND = 40;

export interface SendRateLimits {
  /** Sends a second for this instance (the tenant's rate divided among the instances). */
  perSecond: number;
  conversation: readonly Window[];
}

/**
 * Keeps everything the bot sends within Teams' limits: a token bucket for the tenant-wide rate
 * (a send goes the moment a token is free, so late wake-ups are made up rather than lost, and a
 * sweep runs at the rate itself), with a sliding one-second window as a hard ceiling, and Teams'
 * sliding windows for each conversation, keyed by conversation id. A 429 pauses all sending for
 * as long as Teams says. Sends for one conversation queue among themselves, so a busy
 * conversation never holds up the others.
 */
export class SendRateLimiter {
  private readonly interval: number;
  /** Token bucket in virtual time: a token is free from `base + interval`. */
  private base = -Infinity;
  private readonly recent: number[] = [];
  private readonly conversations = new Map<string, Conversation>();
  private tenantQueue: Promise<void> = Promise.resolve();
  private pausedUntil = -Infinity;

  constructor(
    private readonly limits: SendRateLimits = { perSecond: DEFAULT_TEAMS_PER_SECOND, conversation: TEAMS_CONVERSATION_LIMITS },
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {
    this.interval = 1000 / limits.perSecond;
  }

  /** Resolves when a send to this conversation may go now; the send is counted from that moment. */
  acquire(conversationId: string): Promise<void> {
    let mine = this.conversations.get(conversationId);
    if (!mine) {
      if (this.conversations.size >= FORGET_AFTER) this.forgetIdle();
      mine = { times: [], queue: Promise.resolve(), waiting: 0 };
      this.conversations.set(conversationId, mine);
    }
    mine.waiting += 1;
    const turn = mine.queue.then(async () => {
      await this.until(() => windowsAllow(mine.times, this.limits.conversation, this.clock()));
      const tenantTurn = this.tenantQueue.then(() => this.until(() => this.tenantAllows(this.clock())));
      this.tenantQueue = tenantTurn.catch(() => {});
      await tenantTurn;
      const now = this.clock();
      this.base = Math.max(this.base, now - BUCKET_TOKENS * this.interval) + this.interval;
      this.recent.push(now);
      mine.times.push(now);
    });
    mine.queue = turn.catch(() => {});
    return turn.finally(() => void (mine.waiting -= 1));
  }

  /** Teams said 429: nobody sends for this long. */
  pause(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + seconds * 1000);
  }

  /** The earliest moment the tenant-wide limits allow the next send. */
  private tenantAllows(now: number): number {
    prune(this.recent, now, 1000 + MARGIN_MS);
    const n = this.limits.perSecond;
    const window = this.recent.length >= n ? this.recent[this.recent.length - n]! + 1000 + MARGIN_MS : -Infinity;
    return Math.max(this.pausedUntil, this.base + this.interval, window);
  }

  private async until(allowedAt: () => number): Promise<void> {
    for (let at = allowedAt(), now = this.clock(); at > now; at = allowedAt(), now = this.clock()) await this.wait(at - now);
  }

  /** Conversations nobody is waiting on and with nothing in their longest window are dropped, so memory follows the busy ones. */
  private forgetIdle(): void {
    const now = this.clock();
    for (const [id, conversation] of this.conversations) {
      if (conversation.waiting === 0 && windowsAllow(conversation.times, this.limits.conversation, now) <= now && conversation.times.length === 0) this.conversations.delete(id);
    }
  }
}

interface Conversation {
  times: number[];
  /** Sends to this conversation wait their turn here. */
  queue: Promise<void>;
  waiting: number;
}

/** Conversations remembered before idle ones are forgotten. */
const FORGET_AFTER = 5_000;

/**
 * Tokens the bucket holds at most: a send that woke a little late is made up by the next one
 * going sooner, and the one-second window still caps any second at the rate.
 */
const BUCKET_TOKENS = 2;
/** Milliseconds added to each window: requests sent just inside a window can arrive just outside it. */
const MARGIN_MS = 5;

function prune(times: number[], now: number, ms: number): void {
  while (times.length > 0 && times[0]! <= now - ms) times.shift();
}

/** The earliest moment every window allows one more send. */
function windowsAllow(times: number[], windows: readonly Window[], now: number): number {
  const longest = Math.max(...windows.map((w) => w.ms));
  prune(times, now, longest + MARGIN_MS);
  return Math.max(-Infinity, ...windows.map((w) => (times.length >= w.count ? times[times.length - w.count]! + w.ms + MARGIN_MS : -Infinity)));
}
