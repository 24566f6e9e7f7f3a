import { readFileSync } from "node:fs";
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

// The plan board's answer on a real `assure start`: compressed, revalidated with ETag/304, and
// slim (the latest update per action; the history when an action is opened).
const COVENTRY = "coventry-sar-mrs-e-2015";
const A = `${COVENTRY}/1.1`;
let server: Awaited<ReturnType<typeof startCli>>;
let base: string;
let port: number;
const as = { "x-assure-dev-person": "alex-wilber" };

/** A raw GET, so the answer's encoding and status are as sent (fetch would decompress and follow). */
const raw = (path: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });

beforeAll(async () => {
  port = await freePort();
  server = await startCli(["start", "--port", String(port)], /Assure is running/);
  base = `http://localhost:${port}`;
  for (const text of ["Toolkit drafted", "Toolkit out for consultation"]) {
    const posted = await fetch(`${base}/api/actions/${encodeURIComponent(A)}/progress-updates`, { method: "POST", headers: { "content-type": "application/json", ...as }, body: JSON.stringify({ text, rating: "green" }) });
    expect(posted.status).toBe(201);
  }
}, 60_000);
afterAll(async () => server && stop(server));

describe("the plan board's answer", () => {
  it("is gzipped when the browser accepts it, and a 304 while the board is unchanged", async () => {
    const path = `/api/plans/${COVENTRY}/board`;
    const first = await raw(path, { ...as, "accept-encoding": "gzip" });
    expect(first.status).toBe(200);
    expect(first.headers["content-encoding"]).toBe("gzip");
    expect(first.headers["cache-control"]).toBe("no-store");
    const etag = String(first.headers.etag);
    expect((await raw(path, { ...as, "if-none-match": etag })).status).toBe(304);
    await fetch(`${base}/api/actions/${encodeURIComponent(A)}/progress-updates`, { method: "POST", headers: { "content-type": "application/json", ...as }, body: JSON.stringify({ text: "Published", rating: "green" }) });
    const changed = await raw(path, { ...as, "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it("carries each action's latest update only; the whole history comes when the action is opened", async () => {
    const board = (await (await fetch(`${base}/api/plans/${COVENTRY}/board`, { headers: as })).json()) as { plan: { sections: { actions: { id: string; updates: { text: string }[]; updateCount: number }[] }[] } };
    const action = board.plan.sections[0]!.actions.find((a) => a.id === A)!;
    expect(action.updates).toHaveLength(1);
    expect(action.updateCount).toBeGreaterThanOrEqual(2);
    const history = (await (await fetch(`${base}/api/actions/${encodeURIComponent(A)}/updates`, { headers: as })).json()) as { updates: { text: string }[] };
    expect(history.updates).toHaveLength(action.updateCount);
    expect(history.updates.slice(0, 2).map((u) => u.text)).toEqual(["Toolkit drafted", "Toolkit out for consultation"]);
    expect(history.updates.at(-1)!.text).toBe(action.updates[0]!.text);
    expect((await fetch(`${base}/api/actions/${encodeURIComponent(`${COVENTRY}/99.9`)}/updates`, { headers: as })).status).toBe(404);
  });
});

describe("the tab's own files", () => {
  it("are sent gzipped as made once, revalidated by their name, and plain to a client that takes no gzip", async () => {
    const html = readFileSync(new URL("../../dist/tab/index.html", import.meta.url), "utf8");
    const entry = /src="\/tab\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const built = readFileSync(new URL(`../../dist/tab/${entry}`, import.meta.url));
    const zipped = await raw(`/tab/${entry}`, { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-type"]).toMatch(/javascript/);
    expect(gunzipSync(zipped.body).equals(built)).toBe(true);
    // Compressed once and kept, so sent whole with its length (compressing per request streams it, with none).
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    expect((await raw(`/tab/${entry}`, { "accept-encoding": "gzip", "if-none-match": String(zipped.headers.etag) })).status).toBe(304);
    const plain = await raw(`/tab/${entry}`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(built)).toBe(true);
    // A name that is no file is the tab's page, as any other unknown /tab address.
    expect((await raw("/tab/assets/no-such-file.js", { "accept-encoding": "gzip" })).headers["content-type"]).toMatch(/html/);
  });

  // From an attacker's side: the packed files are only the built tab's own. A path that climbs out,
  // encoded or not, or names the server's own sources, is never sent as a script.
  it("sends no file from outside the built tab's assets, however the path is written", async () => {
    for (const path of ["/tab/assets/..%2f..%2fpackage.json.js", "/tab/assets/%2e%2e/%2e%2e/src/server/app.js", "/tab/assets/../../dist/src/server/app.js", "/tab/assets/..%5c..%5csrc%5cserver%5capp.js", "/tab/assets/%00.js"]) {
      const answer = await raw(path, { "accept-encoding": "gzip" });
      const text = answer.headers["content-encoding"] === "gzip" ? gunzipSync(answer.body).toString("utf8") : answer.body.toString("utf8");
      expect(answer.headers["content-type"], path).not.toMatch(/javascript/);
      expect(text, path).not.toMatch(/createApp|"dependencies"/);
    }
  });
});
