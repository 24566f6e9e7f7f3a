import { readFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { ssoFixture } from "../support/sso.js";

/**
 * The attack review's second round, against the real server and its Graph emulator: what a
 * stranger or a signed-in person could make Assure spend from the board's Graph budget, and the
 * requests that answered 500. Each is refused before any Graph request, or answered properly.
 */
type Json = Record<string, any>;
const COVENTRY = "coventry-sar-mrs-e-2015";
const dev = (person: string) => ({ "x-assure-dev-person": person });

/** A request from another loopback address (all of 127.0.0.0/8 reaches this machine), so it has its own per-client budget. */
function fromClient(address: string, url: string, init: { method?: string; type?: string; body?: string }): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: target.port, path: target.pathname + target.search, method: init.method ?? "GET", localAddress: address, headers: init.type ? { "content-type": init.type } : {} },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("in local mode", () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  let base: string;
  let dataDir: string;
  let graphUrl: string;
  const graphRequests = async () => ((await (await fetch(`${graphUrl.replace(/\/v1\.0$/, "")}/_emulator/stats`)).json()) as { requests: number }).requests;
  const call = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${base}${path}`, { method: init.method ?? "GET", headers: { "content-type": "application/json", ...init.headers }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const text = await res.text();
    let body: Json;
    try {
      body = JSON.parse(text) as Json;
    } catch {
      body = { text };
    }
    return { status: res.status, body, headers: res.headers };
  };
  const actionOf = async (actionId: string) =>
    ((await call("/api/export")).body.plans as Json[]).flatMap((p) => p.sections.flatMap((s: Json) => [...s.actions, ...(s.deliverables ?? []).flatMap((d: Json) => d.actions)])).find((a: Json) => a.id === actionId);

  beforeAll(async () => {
    dataDir = tempDataDir();
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_DATA_DIR: dataDir, ASSURE_PUBLIC_URL: base });
    graphUrl = (JSON.parse(readFileSync(join(dataDir, "graph", "emulator.lock.json"), "utf8")) as { graphUrl: string }).graphUrl;
  }, 60_000);
  afterAll(async () => server && stop(server));

  it("stops someone guessing reply links after 20 tries, before any more Graph look-ups, and says when to come back", async () => {
    const guess = (i: number) => fetch(`${base}/reply/${`guess${i}`.padEnd(32, "x")}`);
    const before = await graphRequests();
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) answers.push((await guess(i)).status);
    expect(answers.every((s) => s === 404)).toBe(true);
    const spent = (await graphRequests()) - before;
    const refused = await guess(99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("Too many attempts");
    for (let i = 100; i < 140; i++) expect((await guess(i)).status).toBe(429);
    expect((await graphRequests()) - before).toBe(spent); // 41 refusals, no Graph request
  });

  it("gives each signed-in person a budget for writes, refused before anything is read", async () => {
    const post = () => call("/api/leads", { method: "POST", body: { asWritten: "" }, headers: dev("megan-bowen") });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await post()).status);
    expect(statuses.every((s) => s === 400)).toBe(true);
    // The budget refills at 30 a minute while these run; the burst is spent within a few more.
    let refused = await post();
    for (let i = 0; i < 20 && refused.status !== 429; i++) refused = await post();
    const before = await graphRequests();
    refused = await post();
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "too-many-requests" } } });
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await graphRequests()).toBe(before);
    // Someone else's budget is their own.
    expect((await call("/api/leads", { method: "POST", body: { asWritten: "" }, headers: dev("joni-sherman") })).status).toBe(400);
  });

  it("records 40 concurrent progress posts, every one, and leaves the rating as the latest update's", async () => {
    const id = `${COVENTRY}/1.1`;
    const ratings = ["red", "amber", "green"];
    const posts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => call(`/api/actions/${encodeURIComponent(id)}/progress-updates`, { method: "POST", body: { text: `Concurrent ${i}`, rating: ratings[i % 3] }, headers: dev("alex-wilber") })),
    );
    expect(posts.map((p) => p.status)).toEqual(posts.map(() => 201));
    const action = await actionOf(id);
    expect(action.updates.filter((u: Json) => u.text.startsWith("Concurrent "))).toHaveLength(40);
    const latest = [...action.updates].sort((a: Json, b: Json) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1)).at(-1);
    expect(action.rating).toBe(latest.rating);
  }, 60_000);

  it.each([".", "..", "../users"])("refuses the person-picker id %j before it reaches a Graph address", async (entraObjectId) => {
    const before = await graphRequests();
    const res = await call("/api/people", { method: "POST", body: { entraObjectId, channel: "teams" }, headers: dev("joni-sherman") });
    expect(res).toMatchObject({ status: 400, body: { error: { field: "entraObjectId" } } });
    // The board read before the route may sync the mirror; no request goes to the directory.
    expect((await graphRequests()) - before).toBeLessThanOrEqual(13);
  });

  it.each(["https://user:pass@docs.example.org/evidence", "https://intranet.example.org@evil.example/login"])("refuses an evidence link with a user name or password in it: %s", async (link) => {
    const id = `${COVENTRY}/1.1`;
    const before = (await actionOf(id)).updates.length;
    const res = await call(`/api/actions/${encodeURIComponent(id)}/progress-updates`, { method: "POST", body: { text: "See the evidence", evidence: [link] }, headers: dev("alex-wilber") });
    expect(res).toMatchObject({ status: 400, body: { error: { field: "evidence.0" } } });
    expect(res.body.error.message).toContain("user name or password");
    expect((await actionOf(id)).updates).toHaveLength(before);
  });

  it("answers the reply page's form only: repeated or odd fields are a 400 page, a JSON body a 415, never a 500", async () => {
    await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], { ASSURE_DATA_DIR: dataDir, ASSURE_PUBLIC_URL: base });
    const link = /href="([^"]+\/reply\/[^"]+)"/.exec((await call("/mailbox")).body.text)![1]!;
    // The guessing test above spent 127.0.0.1's reply budget: this lead answers from another address.
    const lead = (init: { method?: string; type?: string; body?: string } = {}) => fromClient("127.0.0.2", link, init);
    const actionId = /name="actionId" value="([^"]+)"/.exec((await lead()).text)![1]!;
    const repeated = new URLSearchParams([["actionId", actionId], ["submissionId", "repeat-0001"], ["progress", "one"], ["progress", "two"]]);
    const twice = await lead({ method: "POST", type: "application/x-www-form-urlencoded", body: repeated.toString() });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain("The form did not arrive whole");
    const asJson = await lead({ method: "POST", type: "application/json", body: JSON.stringify({ actionId, submissionId: "json-00001", progress: { $ne: 1 } }) });
    expect(asJson.status).toBe(415);
    const sentBefore = (await actionOf(actionId)).updates.length;
    const many = new URLSearchParams(Array.from({ length: 40 }, (_, i) => [`f${i}`, "x"]));
    expect((await lead({ method: "POST", type: "application/x-www-form-urlencoded", body: many.toString() })).status).toBe(413);
    expect((await actionOf(actionId)).updates).toHaveLength(sentBefore);
  });

  it("closes a connection that never sends its request, so idle connections cannot pile up", async () => {
    // The server's limits themselves are tested in test/server/http-limits.test.ts; this is the real server.
    const socket = connect(Number(new URL(base).port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const closed = await new Promise<boolean>((resolve) => {
      socket.once("close", () => resolve(true));
      socket.once("error", () => resolve(true));
      socket.resume();
    });
    expect(closed).toBe(true);
  }, 40_000);
});

describe("with sign-in configured locally", () => {
  it("does not offer the local mailbox page, which has no sign-in of its own", async () => {
    const sso = await ssoFixture();
    const port = await freePort();
    const server = await startCli(["start", "--port", String(port)], /Assure is running/, { ...sso.env });
    try {
      expect(server.printed()).not.toContain("/mailbox");
      expect((await fetch(`http://localhost:${port}/mailbox`)).status).toBe(404);
    } finally {
      await stop(server);
      await sso.close();
    }
  });
});
