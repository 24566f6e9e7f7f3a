import { describe, expect, it } from "vitest";
import { countSweep, Health } from "../../src/server/health.js";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

const START = new Date("2026-11-23T09:00:00Z");
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);

describe("the health report", () => {
  it("is ok until three sweep intervals pass with no sweep, then 503 so App Service takes the instance out", () => {
    const health = new Health("1.0", 5, START);
    expect(health.report(minutes(15)).httpStatus).toBe(200);
    expect(health.report(minutes(15.1))).toMatchObject({ httpStatus: 503, body: { status: "sweeps-stalled" } });
    health.sweepFinished(minutes(14), { sent: 3, skipped: 1, unreachable: 2, failed: 0 });
    expect(health.report(minutes(20))).toMatchObject({ httpStatus: 200, body: { sweeps: { last: { at: minutes(14).toISOString(), counts: { sent: 3, unreachable: 2 } } }, store: { state: "ok" } } });
  });

  it("says the store is failing when the last sweep failed, and recovers with the next", () => {
    const health = new Health("1.0", 5, START);
    health.sweepFinished(minutes(5), { sent: 0, skipped: 0, unreachable: 0, failed: 0 });
    health.sweepFailed(minutes(10), "store-throttled");
    expect(health.report(minutes(11)).body).toMatchObject({ store: { state: "failing" }, sweeps: { lastError: { code: "store-throttled" } } });
    health.sweepFinished(minutes(15), { sent: 1, skipped: 0, unreachable: 0, failed: 0 });
    expect(health.report(minutes(16)).body.store.state).toBe("ok");
  });

  it("never stalls when sweeps are off", () => {
    expect(new Health("1.0", 0, START).report(minutes(10_000)).httpStatus).toBe(200);
  });

  it("counts a sweep's lines by outcome", () => {
    const outcomes = ["sent", "sent", "claimed elsewhere", "unreachable", "failed", "will retry"].map((outcome) => ({ outcome }));
    expect(countSweep(outcomes)).toEqual({ sent: 2, skipped: 1, unreachable: 1, failed: 2 });
  });

  it("reports the server's own last sweep at /health, and logs it as one JSON line with counts only", async () => {
    const port = await freePort();
    const server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_SWEEP_EVERY_MINUTES: "0.02", ASSURE_MAIL_FROM: "off" });
    try {
      await expect.poll(async () => ((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { sweeps: { last: unknown } }).sweeps.last, { timeout: 15_000 }).not.toBeNull();
      const line = server.printed().split("\n").find((l) => l.includes('"event":"sweep"'))!;
      expect(Object.keys(JSON.parse(line)).sort()).toEqual(["at", "event", "failed", "level", "sent", "skipped", "unreachable"]);
    } finally {
      await stop(server);
    }
  });
});
