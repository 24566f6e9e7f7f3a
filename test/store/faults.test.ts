import { afterEach, describe, expect, it } from "vitest";
import { demoRecords } from "../../src/demo/index.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { provision } from "../../src/store/provision.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { withRetryDeadline } from "../../src/store/retry-deadline.js";
import { startCli, stop, tempDataDir } from "../support/cli.js";
import { emulatorFixture, FAST_RETRY, SITE, type EmulatorFixture } from "../support/emulator.js";
import { freePort } from "../support/ports.js";
import { ACTION_ID, idsOf, updates } from "./fixtures.js";

// Faults come from the emulator's fault injection; the client is the real graph-client.
let env: EmulatorFixture;
afterEach(async () => env?.close());

const storedIds = async (store: GraphStore) => idsOf((await store.readRecords()).records.progressUpdates);
const expected = (n: number, from = 1) => idsOf(updates(n, from));

describe("a bad day at Graph loses no update and duplicates nothing", () => {
  it("rides out a 429 storm on whole requests, honouring Retry-After", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "request", status: 429, retryAfterSeconds: 0, times: FAST_RETRY.attempts - 1 });
    await env.store.importRecords(demoRecords());
    await env.store.appendProgressUpdates(updates(25));
    expect((await env.stats()).pendingFaults).toBe(0);
    const { records } = await env.store.readRecords();
    expect(records.actions).toHaveLength(33);
    expect(idsOf(records.progressUpdates)).toEqual(expected(25));
  });

  it("answers someone waiting inside Teams' time limit (a card action) at once when a retry's wait would not fit, and retries as usual when it does", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "request", status: 429, retryAfterSeconds: 30, times: 1 });
    await env.resetStats();
    const error = await withRetryDeadline(1000, () => env.lists.readItems("people")).catch((e: unknown) => e);
    expect(error).toMatchObject({ storeCode: "throttled" });
    expect((await env.stats()).requests).toBe(1);
    await env.faults({ scope: "request", status: 429, retryAfterSeconds: 0, times: 1 });
    await withRetryDeadline(5000, () => env.lists.readItems("people"));
    expect((await env.stats()).requests).toBe(3);
  });

  it("counts retries once: a request throttled every time is tried exactly `attempts` times, then named", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "request", status: 429, retryAfterSeconds: 0, times: 100 });
    await env.resetStats();
    const error = await env.lists.readItems("people").catch((e: unknown) => e);
    expect(error).toMatchObject({ storeCode: "throttled", message: expect.stringContaining("Graph 429 Too Many Requests") });
    // graph-client's own RetryHandler would have made this 8 × 4 requests.
    expect((await env.stats()).requests).toBe(FAST_RETRY.attempts);
  });

  it("retries only the throttled requests inside a $batch, after their Retry-After", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "batch-item", status: 429, retryAfterSeconds: 1, times: 7 });
    await env.resetStats();
    await env.store.appendProgressUpdates(updates(30));
    const stats = await env.stats();
    expect(stats.batchItems).toBe(37); // 30 once, and the 7 throttled ones again
    expect(await storedIds(env.store)).toEqual(expected(30));
  });

  it("rides out 503 and 504 answers and slow responses", async () => {
    env = await emulatorFixture();
    await env.faults(
      { status: 503, retryAfterSeconds: 0, times: 2 },
      { status: 504, retryAfterSeconds: 0, times: 1 },
      { delayMs: 300, times: 3 },
    );
    await env.store.appendProgressUpdates(updates(5));
    expect(await storedIds(env.store)).toEqual(expected(5));
  });

  it("survives connections dropped before a write is handled", async () => {
    env = await emulatorFixture();
    await env.faults({ method: "POST", path: "^/\\$batch$", drop: "before", times: 2 });
    await env.store.appendProgressUpdates(updates(20));
    expect(await storedIds(env.store)).toEqual(expected(20));
  });

  it("does not duplicate a write whose answer was lost after it landed", async () => {
    env = await emulatorFixture();
    await env.faults({ method: "POST", path: "^/\\$batch$", drop: "after", times: 2 });
    await env.store.appendProgressUpdates(updates(20));
    expect(await storedIds(env.store)).toEqual(expected(20));
  });

  it("applies an action change once when the answer to its PATCH is lost", async () => {
    env = await emulatorFixture();
    await env.store.importRecords(demoRecords());
    await env.faults({ method: "PATCH", drop: "after", times: 1 });
    const updated = await env.store.updateAction(ACTION_ID, (a) => ({ ...a, rating: "amber" }));
    expect(updated.rating).toBe("amber");
    const stored = (await env.store.readRecords()).records.actions.find((a) => a.id === ACTION_ID)!;
    expect(stored.rating).toBe("amber");
  });

  it("names what is still throttled when the storm outlasts every retry, and a later retry completes it once", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "batch-item", status: 429, retryAfterSeconds: 0, times: 1000 });
    const error = await env.store.appendProgressUpdates(updates(3)).catch((e: unknown) => e);
    expect(error).toMatchObject({ storeCode: "throttled" });
    expect((error as Error).message).toBe(
      `list Assure Progress Updates: 3 item(s) still throttled after ${FAST_RETRY.attempts} batches (pu-test-1, pu-test-2, pu-test-3)`,
    );
    await fetch(env.graphUrl.replace(/\/v1\.0$/, "/_emulator/faults"), { method: "DELETE" });
    await env.store.appendProgressUpdates(updates(3));
    expect(await storedIds(env.store)).toEqual(expected(3));
  });
});

describe("a crash of the Graph emulator loses nothing it acknowledged", () => {
  it("keeps every acknowledged write through kill -9 and restart", async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    const args = ["emulator", "--port", String(port), "--data", dataDir];
    let emulator = await startCli(args, /listening/);
    const graphUrl = `http://127.0.0.1:${port}/v1.0`;
    const connect = () => new SiteLists(connectGraph({ mode: "emulator", graphUrl, site: SITE }), SITE, { retry: { ...FAST_RETRY, attempts: 1 } });
    await provision(connect());
    const store = new GraphStore(connect());

    // Write one at a time; kill -9 the emulator while the 11th write is in flight.
    const all = updates(60);
    const acknowledged: string[] = [];
    for (const u of all) {
      if (acknowledged.length === 10) setTimeout(() => emulator.kill("SIGKILL"), 1);
      try {
        await store.appendProgressUpdates([u]);
        acknowledged.push(u.id);
      } catch {
        break; // the emulator died under this write: not acknowledged
      }
    }
    await stop(emulator, "SIGKILL");
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
    expect(acknowledged.length).toBeLessThan(all.length);

    emulator = await startCli(args, /listening/);
    try {
      const after = new GraphStore(connect());
      const stored = await storedIds(after);
      expect(stored).toEqual(expect.arrayContaining(acknowledged));
      expect(new Set(stored).size).toBe(stored.length);
      // The writer resumes: everything lands exactly once.
      await after.appendProgressUpdates(all);
      expect(await storedIds(after)).toEqual(idsOf(all));
    } finally {
      await stop(emulator);
    }
  });
});
