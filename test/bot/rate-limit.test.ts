import { describe, expect, it } from "vitest";
import { SendRateLimiter, TEAMS_CONVERSATION_LIMITS, type Window } from "../../bot/rate-limit.js";

/**
 * Virtual time: `wait` sets a timer, and `run` moves the clock to the next timer whenever
 * everything else has settled. `late` makes each timer fire that much after it was due, as a
 * busy event loop does.
 */
function virtualTime(late: () => number = () => 0) {
  let now = 1_000_000;
  const timers: { at: number; resolve: () => void }[] = [];
  const wait = (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms + late(), resolve }));
  async function run(work: Promise<unknown>): Promise<void> {
    let done = false;
    void work.then(() => (done = true));
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (done) return;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) throw new Error("nothing left to wait for, and the work is not done");
      now = Math.max(now, next.at);
      next.resolve();
    }
  }
  return { clock: () => now, wait, run };
}

/** The most sends in any window of `ms` (half-open, as a server counting the last `ms` sees it). */
function most(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

async function sendAll(limiter: SendRateLimiter, time: ReturnType<typeof virtualTime>, conversations: string[]): Promise<number[]> {
  const times: number[] = [];
  await time.run(Promise.all(conversations.map((c) => limiter.acquire(c).then(() => void times.push(time.clock())))));
  return times.sort((a, b) => a - b);
}

const LIMITS = { perSecond: 40, conversation: TEAMS_CONVERSATION_LIMITS };
const people = (n: number) => Array.from({ length: n }, (_, i) => `a:person-${i}`);

describe("the Teams send pacer (a token bucket, on a clock the test moves)", () => {
  it("sends 1,000 messages to 1,000 people at ≥ 97 % of the rate and never more than the rate in any second", async () => {
    const time = virtualTime();
    const times = await sendAll(new SendRateLimiter(LIMITS, time.clock, time.wait), time, people(1000));
    expect(most(times, 1000)).toBeLessThanOrEqual(40);
    const rate = ((times.length - 1) / (times.at(-1)! - times[0]!)) * 1000;
    expect(rate).toBeGreaterThanOrEqual(0.97 * 40);
  });

  it("makes up for timers that fire late instead of losing the time, still never above the rate", async () => {
    let n = 0;
    const time = virtualTime(() => [0, 1, 3, 0.5, 2][n++ % 5]!);
    const times = await sendAll(new SendRateLimiter(LIMITS, time.clock, time.wait), time, people(1000));
    expect(most(times, 1000)).toBeLessThanOrEqual(40);
    expect(((times.length - 1) / (times.at(-1)! - times[0]!)) * 1000).toBeGreaterThanOrEqual(0.97 * 40);
  });

  it("keeps one conversation within 7 a second, 8 in 2 s, 60 in 30 s and 1,800 an hour", async () => {
    const time = virtualTime();
    const times = await sendAll(new SendRateLimiter(LIMITS, time.clock, time.wait), time, Array.from({ length: 1900 }, () => "a:board-manager"));
    const windows: Window[] = TEAMS_CONVERSATION_LIMITS.map((w) => ({ ...w }));
    for (const w of windows) expect(most(times, w.ms)).toBeLessThanOrEqual(w.count);
    expect(most(times, 3_600_000)).toBe(1800);
    expect(most(times, 30_000)).toBe(60);
  });

  it("does not let a busy conversation hold up the others", async () => {
    const time = virtualTime();
    const limiter = new SendRateLimiter(LIMITS, time.clock, time.wait);
    const start = time.clock();
    const busy = Array.from({ length: 20 }, () => limiter.acquire("a:busy"));
    let otherAt = 0;
    const other = limiter.acquire("a:other").then(() => void (otherAt = time.clock()));
    await time.run(Promise.all([...busy, other]));
    expect(otherAt - start).toBeLessThan(1000); // the busy one waits seconds for its own windows
  });

  it("sends nothing while paused after a 429, then resumes", async () => {
    const time = virtualTime();
    const limiter = new SendRateLimiter(LIMITS, time.clock, time.wait);
    await time.run(limiter.acquire("a:1"));
    const pausedAt = time.clock();
    limiter.pause(3);
    const times = await sendAll(limiter, time, people(5));
    expect(times[0]! - pausedAt).toBeGreaterThanOrEqual(3000);
  });

  it("divides the tenant's rate among instances: each paces at its share", async () => {
    const time = virtualTime();
    const times = await sendAll(new SendRateLimiter({ ...LIMITS, perSecond: 40 / 4 }, time.clock, time.wait), time, people(100));
    expect(most(times, 1000)).toBeLessThanOrEqual(10);
  });
});
