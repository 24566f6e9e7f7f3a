import type { ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const ACTION = `${COVENTRY}/3.1`;
const TENANT = "11111111-2222-4333-8444-555555555555";
const CLIENT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const MEGAN_OID = "00000000-0000-0000-0000-0000000000021"; // Coventry's board business manager

type Json = Record<string, any>;
async function call(base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const as = (person: string, extra: Record<string, string> = {}) => ({ "x-assure-dev-person": person, ...extra });
const boardAction = async (base: string, planId: string, id: string) => {
  const { body } = await call(base, `/api/plans/${planId}/board`);
  return (body.plan.sections as Json[]).flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d: Json) => d.actions)]).find((a: Json) => a.id === id) as Json;
};

describe("the tab API in local mode (development identity)", () => {
  let server: ChildProcess;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    server = await startCli(["start", "--port", String(port)], /Assure is running/);
    base = `http://localhost:${port}`;
  }, 60_000); // an emulator and the server, on a shared machine
  afterAll(async () => server && stop(server));

  const patch = (body: unknown, headers: Record<string, string>) => call(base, `/api/actions/${encodeURIComponent(ACTION)}`, { method: "PATCH", body, headers });

  it("names the field at fault and changes nothing", async () => {
    const before = await boardAction(base, COVENTRY, ACTION);
    const cases: [unknown, Record<string, string>, string][] = [
      [{ rating: "purple" }, as("megan-bowen", { "if-match": before.version }), "rating"],
      [{ leadId: "nobody-of-that-name" }, as("megan-bowen", { "if-match": before.version }), "leadId"],
      [{ status: { state: "not-implemented", reason: "  " } }, as("megan-bowen", { "if-match": before.version }), "status.reason"],
      [{ ref: "9.9" }, as("megan-bowen", { "if-match": before.version }), "body"],
      [{ rating: "red" }, as("megan-bowen"), "If-Match"],
      ["{not json", as("megan-bowen", { "if-match": before.version }), ""],
    ];
    for (const [body, headers, field] of cases) {
      const res = await patch(body, headers);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field) expect(res.body.error.field ?? res.body.error.message).toContain(field);
    }
    expect(await boardAction(base, COVENTRY, ACTION)).toEqual(before);
    expect((await call(base, `/api/plans/${COVENTRY}/board?asOf=2022-13-01`)).body.error.field).toBe("asOf");
  });

  it("shows a conflicting edit instead of overwriting it", async () => {
    const seen = await boardAction(base, COVENTRY, ACTION);
    const first = await patch({ rating: "amber", reason: "The procedure is not yet agreed" }, as("megan-bowen", { "if-match": seen.version }));
    expect(first.status).toBe(200);
    const second = await patch({ text: "A later edit made from a stale page" }, as("megan-bowen", { "if-match": seen.version }));
    expect(second.status).toBe(409);
    expect(second.body.error.current.rating).toBe("amber");
    const now = await boardAction(base, COVENTRY, ACTION);
    expect(now.text).toBe(seen.text);
    expect(now.rating).toBe("amber");
  });

  it("records sign-off with who and when, and 'not implemented' with its reason", async () => {
    let a = await boardAction(base, COVENTRY, ACTION);
    const closed = await patch({ status: { state: "closed" }, reason: "The board saw the evidence on 1 June" }, as("megan-bowen", { "if-match": a.version }));
    expect(closed.body.status).toMatchObject({ state: "closed", by: "Megan Bowen" });
    a = await boardAction(base, COVENTRY, ACTION);
    const ni = await patch({ status: { state: "not-implemented", reason: "Superseded by the regional procedures" } }, as("megan-bowen", { "if-match": a.version }));
    expect(ni.body.status).toEqual({ state: "not-implemented", reason: "Superseded by the regional procedures" });
  });

  it("lets a subgroup chair edit their subgroup's actions and nothing else; readers and leads edit nothing", async () => {
    const me = (await call(base, "/api/me", { headers: as("lynne-robbins") })).body;
    expect(me.roles.chairOf.length).toBeGreaterThan(0);
    const { body } = await call(base, `/api/plans/${LLR}/board`);
    const all = (body.plan.sections as Json[]).flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d: Json) => d.actions)]);
    const theirs = all.find((a) => a.facts.subgroupIds.some((g: string) => me.roles.chairOf.includes(g)))!;
    const notTheirs = all.find((a) => !a.facts.subgroupIds.some((g: string) => me.roles.chairOf.includes(g)))!;
    const edit = (a: Json, who: Record<string, string>) => call(base, `/api/actions/${encodeURIComponent(a.id)}`, { method: "PATCH", body: { rating: "green", reason: "On track since the training began" }, headers: { ...who, "if-match": a.version } });
    expect((await edit(theirs, as("lynne-robbins"))).status).toBe(200);
    expect((await edit(notTheirs, as("lynne-robbins"))).status).toBe(403);
    expect((await edit(notTheirs, {})).status).toBe(401);
    expect((await edit(all[0]!, as("alex-wilber"))).status).toBe(403); // a Coventry lead, not an LLR manager
    expect((await call(base, "/api/my-actions")).status).toBe(401);
  });
});

describe("the tab API with Teams SSO", () => {
  let server: ChildProcess;
  let jwks: Server;
  let base: string;
  let key: CryptoKey;
  let stranger: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    key = pair.privateKey;
    stranger = (await generateKeyPair("RS256")).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
    // Stands in for Entra's published signing keys (the one thing this machine cannot reach).
    jwks = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    const jwksPort = await freePort();
    await new Promise<void>((r) => jwks.listen(jwksPort, "127.0.0.1", r));
    const port = await freePort();
    server = await startCli(["start", "--port", String(port)], /Assure is running/, {
      ASSURE_SSO_CLIENT_ID: CLIENT_ID,
      ASSURE_SSO_TENANTS: TENANT,
      ASSURE_SSO_JWKS_URL: `http://127.0.0.1:${jwksPort}/keys`,
    });
    base = `http://localhost:${port}`;
  }, 60_000);
  afterAll(async () => {
    if (server) await stop(server);
    jwks?.close();
  });

  const token = (claims: Json = {}, opts: { key?: CryptoKey; expires?: string; issuer?: string; audience?: string } = {}) =>
    new SignJWT({ oid: MEGAN_OID, tid: TENANT, name: "Megan Bowen", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(opts.issuer ?? `https://login.microsoftonline.com/${claims.tid ?? TENANT}/v2.0`)
      .setAudience(opts.audience ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(opts.expires ?? "1h")
      .sign(opts.key ?? key);
  const bearer = async (t: Promise<string> | string) => ({ authorization: `Bearer ${await t}` });

  it("knows the signed-in person from a valid token, and ignores the development header", async () => {
    const me = await call(base, "/api/me", { headers: await bearer(token()) });
    expect(me.status).toBe(200);
    expect(me.body.person.id).toBe("megan-bowen");
    expect(me.body.developmentPeople).toBeNull();
    expect((await call(base, "/api/me", { headers: as("megan-bowen") })).status).toBe(401);
  });

  it.each([
    ["no token", async () => ({}), "no Bearer token"],
    ["an expired token", async () => bearer(token({}, { expires: "-10 minutes" })), "expired"],
    ["the wrong audience", async () => bearer(token({}, { audience: "api://someone-else" })), "aud"],
    ["another tenant", async () => bearer(token({ tid: "99999999-2222-4333-8444-555555555555" })), "iss"],
    ["a forged signature", async () => bearer(token({}, { key: stranger })), "signature"],
  ])("refuses %s with 401 and says why", async (_name, headers, why) => {
    const res = await call(base, `/api/plans/${COVENTRY}/board`, { headers: await headers() });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain(why);
  });

  it("lets someone in the tenant but not in the directory read, and not write", async () => {
    const reader = await bearer(token({ oid: "12345678-0000-0000-0000-000000000000", name: "A Reader" }));
    expect((await call(base, `/api/plans/${COVENTRY}/board`, { headers: reader })).status).toBe(200);
    const a = await (async () => {
      const { body } = await call(base, `/api/plans/${COVENTRY}/board`, { headers: reader });
      return body.plan.sections[0].actions[0] as Json;
    })();
    const res = await call(base, `/api/actions/${encodeURIComponent(a.id)}`, { method: "PATCH", body: { rating: "red" }, headers: { ...reader, "if-match": a.version } });
    expect(res.status).toBe(403);
  });

  it("lets the board manager edit with a valid token", async () => {
    const headers = await bearer(token());
    const { body } = await call(base, `/api/plans/${COVENTRY}/board`, { headers });
    const a = body.plan.sections[0].actions[0] as Json;
    const res = await call(base, `/api/actions/${encodeURIComponent(a.id)}`, { method: "PATCH", body: { rating: "red", reason: "The audit found no change" }, headers: { ...headers, "if-match": a.version } });
    expect(res.status).toBe(200);
    expect(res.body.rating).toBe("red");
  });
});
