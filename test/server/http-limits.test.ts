import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { mountReplyPage } from "../../bot/reply-page.js";
import { spendToken } from "../../src/core/request-budget.js";
import { HTTP_LIMITS, limitedServer } from "../../src/server/http-safety.js";
import { clientKeyOf, RequestLimiter } from "../../src/server/request-limits.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const listen = async (server: import("node:http").Server) => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  closers.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  return (server.address() as AddressInfo).port;
};
const open = async (port: number) => {
  const socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  return socket;
};
// Read whatever the server says (a 408), so its closing is seen.
const closedBy = (socket: Socket) => new Promise<true>((resolve) => { socket.once("close", () => resolve(true)); socket.once("error", () => undefined); socket.resume(); });

describe("the budget rule (a token bucket)", () => {
  const rule = { burst: 3, perMinute: 60 };
  it("allows a burst, then refuses, and says how long until a token is back", () => {
    let bucket;
    const at = Date.parse("2026-12-03T09:00:00Z");
    for (let i = 0; i < 3; i++) {
      const spent = spendToken(bucket, rule, at);
      expect(spent.allowed).toBe(true);
      bucket = spent.bucket;
    }
    const refused = spendToken(bucket, rule, at);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(spendToken(refused.bucket, rule, at + 1_000).allowed).toBe(true);
  });
  it("refills no more than the burst, and nothing when the clock steps back", () => {
    const at = Date.parse("2026-12-03T09:00:00Z");
    expect(spendToken({ tokens: 0, at }, rule, at + 3_600_000).bucket.tokens).toBe(2);
    expect(spendToken({ tokens: 0.5, at }, rule, at - 60_000).allowed).toBe(false);
  });
  it("forgets the least recently seen clients beyond its size, so many addresses cannot fill memory", () => {
    const limiter = new RequestLimiter(rule, () => 0, 100);
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});

describe("the reply page behind App Service's front end", () => {
  const start = async () => {
    let lookups = 0;
    const store = { readReplyLink: async () => { lookups++; return null; } };
    const app = express();
    app.set("trust proxy", 1);
    mountReplyPage(app, { store: store as never, now: () => new Date("2026-12-03T09:00:00Z"), mailbox: null, limits: { perClient: { burst: 3, perMinute: 1 }, overall: { burst: 10, perMinute: 1 } } });
    const port = await listen(limitedServer(app));
    const get = (forwardedFor: string) => fetch(`http://127.0.0.1:${port}/reply/${"g".repeat(30)}`, { headers: { "x-forwarded-for": forwardedFor } });
    return { get, lookups: () => lookups };
  };

  it("limits each client by the address the front end saw, whatever the client wrote before it", async () => {
    const { get, lookups } = await start();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(`10.0.0.${i}, 203.0.113.7:51234`)).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429, 429]);
    expect(lookups()).toBe(3);
  });

  it("limits everyone together, so many addresses cannot spend the board's Graph budget", async () => {
    const { get, lookups } = await start();
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await get(`198.51.100.${i}`)).status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(lookups()).toBe(10);
  });

  it("counts an IPv6 client by its /64 network", () => {
    const key = (ip: string) => clientKeyOf({ ip, socket: {} } as never);
    expect(key("2001:db8:1:2:aaaa::1")).toBe(key("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(key("2001:db8:1:2::1")).not.toBe(key("2001:db8:1:3::1"));
    expect(key("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(key("203.0.113.7:443")).toBe("203.0.113.7");
  });
});

describe("the server's connection limits", () => {
  const tight = { ...HTTP_LIMITS, maxConnections: 3, headersTimeoutMs: 300, requestTimeoutMs: 600, checkEveryMs: 100 };

  it("closes connections beyond the cap, and still answers once they go", async () => {
    const port = await listen(limitedServer((_req, res) => res.end("ok"), tight));
    const held = await Promise.all([open(port), open(port), open(port)]);
    const extra = await open(port);
    expect(await closedBy(extra)).toBe(true);
    for (const s of held) s.destroy();
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => ""))).toBe("ok");
  });

  it("closes a connection whose headers never finish, and one that never says anything", async () => {
    const port = await listen(limitedServer((_req, res) => res.end("ok"), tight));
    const slow = await open(port);
    slow.write("GET / HTTP/1.1\r\nHost: x\r\n");
    const idle = await open(port);
    expect(await Promise.all([closedBy(slow), closedBy(idle)])).toEqual([true, true]);
  });

  it("has limits a container's open-file allowance can hold", () => {
    expect(HTTP_LIMITS.maxConnections).toBeLessThan(1024);
    expect(HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(HTTP_LIMITS.requestTimeoutMs);
  });
});
