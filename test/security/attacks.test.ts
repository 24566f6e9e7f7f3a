import { statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";
import { ssoFixture } from "../support/sso.js";
import { demoRecords } from "../../src/demo/index.js";
import { coventryXlsx } from "../support/plan-documents.js";

/**
 * The attacks a probe with two real accounts found, each against the real server (built, as
 * `assure start` runs it) and its Graph emulator; each is refused, and nothing is written.
 * Two boards share the tenant: Megan Bowen manages Coventry's plan, Joni Sherman LLR's.
 */
type Json = Record<string, any>;
const OID = { megan: "00000000-0000-0000-0000-0000000000021", joni: "00000000-0000-0000-0000-0000000000030", alex: "00000000-0000-0000-0000-0000000000020", debra: "00000000-0000-0000-0000-0000000000040", joniSecond: "00000000-0000-0000-0000-0000000000099" };
const COVENTRY = "coventry-sar-mrs-e-2015";

type Server = Awaited<ReturnType<typeof startCli>>;
const call = async (base: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  let body: Json = {};
  try {
    body = JSON.parse(text) as Json;
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
};

describe("with Teams sign-in, two boards in one tenant", () => {
  let server: Server;
  let base: string;
  let sso: Awaited<ReturnType<typeof ssoFixture>>;
  let graph: string;
  const as = (oid: string) => sso.bearer(oid);
  const snapshot = async () => (await call(base, "/api/export", { headers: await as(OID.megan) })).body;
  const changes = async () => (await call(base, "/api/changes?directory", { headers: await as(OID.megan) })).body.changes as Json[];
  const graphRequests = async () => ((await (await fetch(`${graph}/_emulator/stats`)).json()) as { requests: number }).requests;

  beforeAll(async () => {
    sso = await ssoFixture();
    const port = await freePort();
    base = `http://localhost:${port}`;
    // Waits for the banner's last line: the start-up words are checked below, and stdout may arrive in pieces.
    server = await startCli(["start", "--port", String(port)], /local mode: no tenant[^\n]*\n/, { ...sso.env, ASSURE_ADMINS: OID.debra });
    graph = /Graph emulator (\S+)\/v1\.0/.exec(server.printed())![1]!;
  }, 60_000); // an emulator and the server, on a shared machine
  afterAll(async () => {
    if (server) await stop(server);
    await sso?.close();
  });

  it("does not say 'development identity' at start-up when sign-in is configured", () => {
    expect(server.printed()).not.toContain("development identity");
    expect(server.printed()).toContain("the tab signs in with Teams SSO");
  });

  it("refuses a manager who rebinds another board's manager's Entra id to an account of theirs", async () => {
    const before = await snapshot();
    const megan = (await call(base, "/api/directory", { headers: await as(OID.joni) })).body.people.find((p: Json) => p.id === "megan-bowen");
    const res = await call(base, "/api/people/megan-bowen", { method: "PATCH", body: { entraObjectId: OID.joniSecond }, headers: { ...(await as(OID.joni)), "if-match": megan.version } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("Assure administrator");
    expect(await snapshot()).toEqual(before);
    // Not even her own board's lead may be rebound by a manager.
    const lidia = (await call(base, "/api/directory", { headers: await as(OID.joni) })).body.people.find((p: Json) => p.id === "lidia-holloway");
    expect((await call(base, "/api/people/lidia-holloway", { method: "PATCH", body: { entraObjectId: OID.joniSecond }, headers: { ...(await as(OID.joni)), "if-match": lidia.version } })).status).toBe(403);
  });

  it("lets only an administrator rebind, and the change log keeps both ids and who did it", async () => {
    const lee = (await call(base, "/api/directory", { headers: await as(OID.debra) })).body.people.find((p: Json) => p.id === "lee-gu");
    const res = await call(base, "/api/people/lee-gu", { method: "PATCH", body: { entraObjectId: "00000000-0000-0000-0000-0000000000043" }, headers: { ...(await as(OID.debra)), "if-match": lee.version } });
    expect(res.status).toBe(200);
    const entry = (await changes()).find((c) => c.subject.id === "lee-gu")!;
    expect(entry.by).toEqual({ personId: null, entraObjectId: OID.debra, name: "Someone" });
    expect(entry.fields).toContainEqual({ field: "entraObjectId", from: lee.entraObjectId, to: "00000000-0000-0000-0000-0000000000043" });
  });

  it("refuses a manager who adds themself to another board's lead, and so never reports on its actions", async () => {
    const before = await snapshot();
    const directory = (await call(base, "/api/directory", { headers: await as(OID.joni) })).body;
    const lead = directory.leads.find((l: Json) => l.id === "cov-sar-coordinator");
    const res = await call(base, "/api/leads/cov-sar-coordinator", { method: "PATCH", body: { members: [...lead.members, "joni-sherman"] }, headers: { ...(await as(OID.joni)), "if-match": lead.version } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("the managers of Coventry Safeguarding Adults Board");
    const progress = await call(base, `/api/actions/${encodeURIComponent(`${COVENTRY}/1.1`)}/progress-updates`, { method: "POST", body: { text: "Closed by someone else's board" }, headers: await as(OID.joni) });
    expect(progress.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a manager who edits another board's plan or renames a subgroup another board uses", async () => {
    const before = await snapshot();
    const board = (await call(base, `/api/plans/${COVENTRY}/board`, { headers: await as(OID.joni) })).body.plan;
    expect((await call(base, `/api/plans/${COVENTRY}`, { method: "PATCH", body: { title: "Mine now" }, headers: { ...(await as(OID.joni)), "if-match": board.version } })).status).toBe(403);
    const group = (await call(base, "/api/directory", { headers: await as(OID.megan) })).body.subgroups.find((g: Json) => g.id === "llr-performance-group");
    expect((await call(base, "/api/subgroups/llr-performance-group", { method: "PATCH", body: { chair: "megan-bowen" }, headers: { ...(await as(OID.megan)), "if-match": group.version } })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  // The findings of issue 23: one board's manager reaching into another board through what they share.
  const directoryAs = async (oid: string) => (await call(base, "/api/directory", { headers: await as(oid) })).body as { people: Json[]; leads: Json[]; subgroups: Json[] };
  const COVENTRY_BOARD = "Coventry Safeguarding Adults Board";
  const LLR_BOARDS = ["Leicester Safeguarding Adults Board", "Leicestershire & Rutland Safeguarding Adults Board"];

  it("refuses the import-then-edit takeover: a CSV naming Coventry's \"Board Business Manager\" gives LLR a lead of its own, and Megan stays Coventry's", async () => {
    const megan = () => directoryAs(OID.joni).then((d) => d.people.find((p) => p.id === "megan-bowen")!);
    const meganLead = () => directoryAs(OID.megan).then((d) => d.leads.find((l) => l.id === "cov-board-business-manager")!);
    const takeover = async (m: Json) => call(base, "/api/people/megan-bowen", { method: "PATCH", body: { email: "joni.sherman@llr.example" }, headers: { ...(await as(OID.joni)), "if-match": m.version } });
    const [meganBefore, leadBefore] = [await megan(), await meganLead()];
    expect((await takeover(meganBefore)).status).toBe(403);

    const csv = { name: "one-line.csv", text: "Ref,Recommendation,Action,Lead,Target date,RAG\n1.1,1. Learn,Share the learning,Board Business Manager,31/03/2027,Green\n" };
    const preview = await call(base, "/api/imports/preview", { method: "POST", body: csv, headers: await as(OID.joni) });
    expect(preview.status).toBe(200);
    // The new plan is LLR's, not every board's on the site; Coventry's lead is neither matched nor offered.
    expect(preview.body.plan.boards).toEqual(LLR_BOARDS);
    expect(preview.body.actions[0].lead).toEqual({ asWritten: "Board Business Manager", leadId: null });
    expect(preview.body.problems.find((p: Json) => p.field === "lead").message).toContain("not in Leicester Safeguarding Adults Board and Leicestershire & Rutland Safeguarding Adults Board's leads directory");
    expect(preview.body.leads.map((l: Json) => l.id).filter((id: string) => id.startsWith("cov-"))).toEqual([]);
    expect(preview.body.problems.find((p: Json) => p.field === "lead").lead.closest.map((l: Json) => l.id).filter((id: string) => id.startsWith("cov-"))).toEqual([]);

    // Matching it by hand to Coventry's entry is refused, storing nothing; plain, it stores as LLR's own unmatched lead.
    const snap = await snapshot();
    const forced = await call(base, "/api/imports", { method: "POST", body: { ...csv, choices: { leadFixes: { "Board Business Manager": "cov-board-business-manager" } } }, headers: await as(OID.joni) });
    expect(forced.status).toBe(400);
    expect(await snapshot()).toEqual(snap);
    // Nor may she put the new plan in Coventry's board.
    expect((await call(base, "/api/imports", { method: "POST", body: { ...csv, choices: { boards: [COVENTRY_BOARD] } }, headers: await as(OID.joni) })).status).toBe(403);
    expect(await snapshot()).toEqual(snap);
    expect((await call(base, "/api/imports", { method: "POST", body: csv, headers: await as(OID.joni) })).status).toBe(201);

    // The same change is still refused, and Megan's record and lead are as they were.
    expect((await takeover(await megan())).status).toBe(403);
    expect(await megan()).toEqual(meganBefore);
    expect(await meganLead()).toEqual(leadBefore);
    // Coventry's action still reaches Megan, and Joni may not report on it.
    const coventry = (await call(base, `/api/plans/${COVENTRY}/board`, { headers: await as(OID.megan) })).body.plan;
    const bbm = coventry.sections.flatMap((s: Json) => s.actions).find((a: Json) => a.lead.asWritten === "Board Business Manager");
    expect(bbm.facts.leadPeople).toEqual(["Megan Bowen"]);
    expect((await call(base, `/api/actions/${encodeURIComponent(bbm.id)}/progress-updates`, { method: "POST", body: { text: "Recorded as Megan" }, headers: await as(OID.joni) })).status).toBe(403);

    // No lock-out: Megan still edits her own board's lead; Joni still may not.
    const lead = await meganLead();
    expect((await call(base, "/api/leads/cov-board-business-manager", { method: "PATCH", body: { remind: "all" }, headers: { ...(await as(OID.megan)), "if-match": lead.version } })).status).toBe(200);
    expect((await call(base, "/api/leads/cov-board-business-manager", { method: "PATCH", body: { members: ["joni-sherman"] }, headers: { ...(await as(OID.joni)), "if-match": lead.version } })).status).toBe(403);
    expect(await meganLead()).toEqual(leadBefore);
  });

  it("refuses another board's manager an LLR subgroup no plan uses: no rename, no chair of her own, no move to her board", async () => {
    const before = await snapshot();
    const group = (await directoryAs(OID.megan)).subgroups.find((g) => g.id === "llr-review-group")!;
    for (const body of [{ name: "Coventry Review Group" }, { chair: "megan-bowen" }, { boards: [COVENTRY_BOARD] }, { name: "Coventry Review Group", chair: "megan-bowen", boards: [COVENTRY_BOARD] }]) {
      const res = await call(base, "/api/subgroups/llr-review-group", { method: "PATCH", body, headers: { ...(await as(OID.megan)), "if-match": group.version } });
      expect(res.status, JSON.stringify(body)).toBe(403);
    }
    // Its own board's manager may not make Coventry's manager its chair, nor move it to Coventry, either.
    expect((await call(base, "/api/subgroups/llr-review-group", { method: "PATCH", body: { chair: "megan-bowen" }, headers: { ...(await as(OID.joni)), "if-match": group.version } })).status).toBe(403);
    expect((await call(base, "/api/subgroups/llr-review-group", { method: "PATCH", body: { boards: [COVENTRY_BOARD] }, headers: { ...(await as(OID.joni)), "if-match": group.version } })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a manager who adds another board's person to her lead, or starts a plan, lead, person or subgroup in another board", async () => {
    const before = await snapshot();
    const lead = (await directoryAs(OID.joni)).leads.find((l) => l.id === "llr-business-offices")!;
    expect((await call(base, "/api/leads/llr-business-offices", { method: "PATCH", body: { members: ["joni-sherman", "megan-bowen"] }, headers: { ...(await as(OID.joni)), "if-match": lead.version } })).status).toBe(403);
    expect((await call(base, "/api/leads", { method: "POST", body: { asWritten: "Board Business Manager", kind: "role", members: ["megan-bowen"] }, headers: await as(OID.joni) })).status).toBe(403);
    expect((await call(base, "/api/leads", { method: "POST", body: { asWritten: "Board Business Manager", kind: "role", members: ["joni-sherman"], boards: [COVENTRY_BOARD] }, headers: await as(OID.joni) })).status).toBe(403);
    expect((await call(base, "/api/plans", { method: "POST", body: { title: "Coventry's, by LLR", kind: "other", boards: [COVENTRY_BOARD] }, headers: await as(OID.joni) })).status).toBe(403);
    expect((await call(base, "/api/subgroups", { method: "POST", body: { name: "Coventry Audit", boards: [COVENTRY_BOARD], role: "x" }, headers: await as(OID.joni) })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a manager choosing, in the import preview or New plan, a board she does not manage, alone or beside her own; the preview offers only hers", async () => {
    const before = await snapshot();
    const csv = { name: "coventry-copy.csv", text: "Ref,Recommendation,Action,Lead,Target date\n1.1,1. Learn,Share the learning,Business Offices,31/03/2027\n" };
    // What the tab offers: her own boards, never Coventry's.
    const offered = await call(base, "/api/imports/preview", { method: "POST", body: csv, headers: await as(OID.joni) });
    expect(offered.status).toBe(200);
    expect(offered.body.boardChoices).toEqual(LLR_BOARDS);
    expect(offered.body.plan.boards).toEqual(LLR_BOARDS);
    // What a hand-made request tries: Coventry, alone or beside LLR's; each refused at the preview and at the store.
    for (const boards of [[COVENTRY_BOARD], [LLR_BOARDS[0], COVENTRY_BOARD]]) {
      const choices = { boards, title: "Coventry's plan, by LLR", period: { from: "2026-04-01", to: "2027-03-31" } };
      for (const route of ["/api/imports/preview", "/api/imports"]) {
        const res = await call(base, route, { method: "POST", body: { ...csv, choices }, headers: await as(OID.joni) });
        expect(res.status, `${route} ${boards.join(" + ")}`).toBe(403);
        expect(res.body.error.message).toContain(COVENTRY_BOARD);
      }
      expect((await call(base, "/api/plans", { method: "POST", body: { title: "Coventry's plan, by LLR", kind: "other", boards }, headers: await as(OID.joni) })).status).toBe(403);
    }
    // A title the store would refuse is refused at the preview too, naming the field.
    const bidi = await call(base, "/api/imports/preview", { method: "POST", body: { ...csv, choices: { title: "Plan \u202Eevil" } }, headers: await as(OID.joni) });
    expect(bidi.status).toBe(400);
    expect(bidi.body.error.field).toMatch(/title/);
    expect(await snapshot()).toEqual(before);
    // Her own board, title and period, as chosen in the preview, are what is stored.
    const mine = { boards: [LLR_BOARDS[1]], title: "Rutland audit plan 2026/27", period: { from: "2026-04-01", to: "2027-03-31" } };
    const preview = await call(base, "/api/imports/preview", { method: "POST", body: { ...csv, choices: mine }, headers: await as(OID.joni) });
    expect(preview.body.plan).toMatchObject({ title: mine.title, boards: mine.boards, period: mine.period, isNew: true });
    const stored = await call(base, "/api/imports", { method: "POST", body: { ...csv, choices: mine }, headers: await as(OID.joni) });
    expect(stored.status).toBe(201);
    const plan = (await snapshot()).plans.find((p: Json) => p.id === stored.body.plan.id);
    expect(plan).toMatchObject({ title: mine.title, boards: mine.boards, period: mine.period, managers: ["joni-sherman"] });
  });

  it("refuses a subgroup renamed to a name another already has", async () => {
    const group = (await call(base, "/api/directory", { headers: await as(OID.joni) })).body.subgroups.find((g: Json) => g.id === "llr-training-group");
    const res = await call(base, "/api/subgroups/llr-training-group", { method: "PATCH", body: { name: "review group" }, headers: { ...(await as(OID.joni)), "if-match": group.version } });
    expect(res).toMatchObject({ status: 400, body: { error: { field: "name" } } });
  });

  it.each([
    ["no token", async () => ({})],
    ["a forged token", async () => sso.bearer(OID.megan, "Megan Bowen", { forged: true })],
    ["an expired token", async () => sso.bearer(OID.megan, "Megan Bowen", { expires: "-10 minutes" })],
  ])("answers %s with 401 before reading anything (no Graph request)", async (_name, headers) => {
    const before = await graphRequests();
    const res = await call(base, `/api/plans/${COVENTRY}/board`, { headers: await headers() });
    expect(res.status).toBe(401);
    expect(await graphRequests()).toBe(before);
  });

  it("refuses a download of a plan, or a directory search, to a forged token, before reading anything", async () => {
    const before = await graphRequests();
    const forged = await sso.bearer(OID.megan, "Megan Bowen", { forged: true });
    expect((await call(base, `/api/plans/${COVENTRY}/export?format=docx`, { headers: forged })).status).toBe(401);
    expect((await call(base, "/api/people/search?q=meg", { headers: forged })).status).toBe(401);
    expect(await graphRequests()).toBe(before);
  });

  it("refuses an import to a forged token before reading anything, and another board's manager or a lead importing over Coventry's plan", async () => {
    const file = { name: "mrs-e.xlsx", content: (await coventryXlsx(demoRecords())).toString("base64"), choices: { planId: COVENTRY } };
    const before = await graphRequests();
    expect((await call(base, "/api/imports/preview", { method: "POST", body: file, headers: await sso.bearer(OID.megan, "Megan Bowen", { forged: true }) })).status).toBe(401);
    expect(await graphRequests()).toBe(before);
    const snap = await snapshot();
    const joni = await call(base, "/api/imports", { method: "POST", body: file, headers: await as(OID.joni) });
    expect(joni).toMatchObject({ status: 403, body: { error: { message: expect.stringContaining("may not change plan") } } });
    expect((await call(base, "/api/imports", { method: "POST", body: file, headers: await as(OID.alex) })).status).toBe(403);
    expect(await snapshot()).toEqual(snap);
  });

  it("answers the dashboard and an action's history to a forged or missing token with 401, before reading anything", async () => {
    const before = await graphRequests();
    const forged = await sso.bearer(OID.megan, "Megan Bowen", { forged: true });
    for (const path of [`/api/dashboard?planId=${COVENTRY}`, "/api/dashboard", `/api/actions/${encodeURIComponent(`${COVENTRY}/1.1`)}/updates`]) {
      expect((await call(base, path, { headers: forged })).status).toBe(401);
      expect((await call(base, path)).status).toBe(401);
    }
    expect(await graphRequests()).toBe(before);
  });

  it("reads the dashboard and history to another board's manager as to any reader, and refuses hostile queries naming the field", async () => {
    // Reading is open to everyone signed in to the tenant, as the plan itself is (docs/security.md); no route here writes.
    expect((await call(base, `/api/dashboard?planId=${COVENTRY}`, { headers: await as(OID.joni) })).status).toBe(200);
    expect((await call(base, `/api/dashboard?planId=${COVENTRY}&asOf=2022-13-40`, { headers: await as(OID.joni) })).body.error.field).toBe("asOf");
    expect((await call(base, `/api/dashboard?planId=${encodeURIComponent("x' or 1=1")}`, { headers: await as(OID.joni) })).status).toBe(404);
    expect((await call(base, `/api/dashboard?planId=${COVENTRY}&admin=1`, { headers: await as(OID.joni) })).status).toBe(400);
    expect((await call(base, `/api/actions/${encodeURIComponent("../../plans")}/updates`, { headers: await as(OID.joni) })).status).toBe(404);
  });

  // Who is late, and the dashboard's impact table (one board's dashboard): the same attackers as above.
  describe("who is late and the dashboard's impact table", () => {
    const LATE = `/api/who-is-late?${new URLSearchParams({ board: COVENTRY_BOARD, asOf: "2016-02-15" })}`;
    const IMPACT = `/api/dashboard?${new URLSearchParams({ board: COVENTRY_BOARD, asOf: "2019-03-31" })}`;

    it("answers a forged, expired or missing token with 401 before reading anything, whatever identity header comes with it", async () => {
      const before = await graphRequests();
      const tokens = [{}, await sso.bearer(OID.megan, "Megan Bowen", { forged: true }), await sso.bearer(OID.megan, "Megan Bowen", { expires: "-10 minutes" })];
      for (const path of [LATE, IMPACT, "/api/who-is-late", "/api/dashboard?board=all"]) {
        for (const token of tokens) {
          // The local mode's identity header means nothing once sign-in is configured.
          const res = await call(base, path, { headers: { ...token, "x-assure-dev-person": "megan-bowen" } });
          expect(res.status, path).toBe(401);
          expect(res.body.leads ?? res.body.impact).toBeUndefined();
        }
      }
      expect(await graphRequests()).toBe(before);
    });

    it("answers another board's manager, a lead and Coventry's own manager alike (reading is open), a forged identity header changing nothing, and writes nothing", async () => {
      const [snap, log] = [await snapshot(), await changes()];
      const megan = await call(base, IMPACT, { headers: await as(OID.megan) });
      expect(megan.status).toBe(200);
      expect(megan.body.impact).toMatchObject({ tooEarly: expect.any(Number), due: expect.any(Number) });
      const late = await call(base, LATE, { headers: await as(OID.megan) });
      expect(late.status).toBe(200);
      expect(late.body.leads.length).toBeGreaterThan(0);
      for (const oid of [OID.joni, OID.alex]) {
        for (const [path, answer] of [[IMPACT, megan], [LATE, late]] as const) {
          expect((await call(base, path, { headers: await as(oid) })).body, path).toEqual(answer.body);
          // Her token with Megan's name in the header: still her, and still a reader only.
          expect((await call(base, path, { headers: { ...(await as(oid)), "x-assure-dev-person": "megan-bowen" } })).body).toEqual(answer.body);
        }
        const me = await call(base, "/api/me", { headers: { ...(await as(oid)), "x-assure-dev-person": "megan-bowen" } });
        expect(me.body.name).not.toBe("Megan Bowen");
      }
      // Reading these never writes: not the record, not the change log.
      expect(await snapshot()).toEqual(snap);
      expect(await changes()).toEqual(log);
    });

    it.each([
      ["2022-13-40"], ["2022-02-30"], ["2016-02-15T00:00:00Z"], ["15/02/2016"], ["2016-02-15' or '1'='1"], ["<script>alert(1)</script>"],
      ["+275760-09-13"], ["99999-01-01"], [""], ["2016-02-15\u0000"], ["2016-02-15\u202E"],
    ])("refuses the hostile asOf %j naming the field, and echoes none of it", async (value) => {
      for (const route of ["/api/who-is-late", "/api/dashboard"]) {
        const res = await call(base, `${route}?${new URLSearchParams({ board: COVENTRY_BOARD, asOf: value })}`, { headers: await as(OID.joni) });
        expect(res.status, `${route} ${value}`).toBe(400);
        expect(res.body.error.field).toBe("asOf");
        if (value.length > 0) expect(JSON.stringify(res.body)).not.toContain(value);
      }
    });

    it("refuses asOf given twice, a hostile board, and a query it does not know, naming the field", async () => {
      const headers = await as(OID.joni);
      for (const route of ["/api/who-is-late", "/api/dashboard"]) {
        const twice = await call(base, `${route}?board=all&asOf=2016-02-15&asOf=2099-01-01`, { headers });
        expect(twice.status, route).toBe(400);
        expect(twice.body.error.field).toBe("asOf");
        for (const board of ["Nowhere", "x".repeat(201), "__proto__"]) {
          const res = await call(base, `${route}?${new URLSearchParams({ board })}`, { headers });
          expect(res.status, `${route} ${board.slice(0, 20)}`).toBe(400);
          expect(res.body.error.field).toBe("board");
        }
        expect((await call(base, `${route}?board=all&__proto__[admin]=1`, { headers })).status).toBe(400);
        expect((await call(base, `${route}?board=all&planId[$ne]=x`, { headers })).status).toBe(400);
      }
    });
  });

  it("logs a refused token as one line, without a stack trace", async () => {
    await call(base, "/api/me", { headers: await sso.bearer(OID.megan, "Megan Bowen", { forged: true }) });
    expect(server.printed()).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  });

  it("has no Teams bot without its own app id once sign-in is configured", async () => {
    const res = await call(base, "/api/messages", { method: "POST", body: { type: "message" } });
    expect(res.status).toBe(503);
  });

  // Evidence files (issue 28): every refusal writes nothing, neither a file in the library nor an update.
  describe("evidence file uploads", () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
    const files = async () => ((await (await fetch(`${graph}/_emulator/files`)).json()) as { files: Json[] }).files.filter((f) => !f.folder);
    const post = async (actionId: string, name: string, body: Buffer, headers: Record<string, string>) => {
      const res = await fetch(`${base}/api/actions/${encodeURIComponent(actionId)}/evidence-files?${new URLSearchParams({ name }).toString()}`, { method: "POST", body: new Uint8Array(body), headers: { "content-type": "application/octet-stream", ...headers } });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
    };
    const nothingWritten = async (attempt: () => Promise<{ status: number }>, status: number) => {
      const [before, filesBefore] = [await snapshot(), await files()];
      expect((await attempt()).status).toBe(status);
      expect(await files()).toEqual(filesBefore);
      expect(await snapshot()).toEqual(before);
    };
    const llrAction = async () => {
      const plans = (await call(base, "/api/plans", { headers: await as(OID.joni) })).body.plans as Json[];
      const llr = plans.find((p) => p.boards.includes(LLR_BOARDS[0]))!;
      const plan = (await call(base, `/api/plans/${encodeURIComponent(llr.id)}`, { headers: await as(OID.joni) })).body;
      return plan.sections.flatMap((s: Json) => [...s.actions, ...(s.deliverables ?? []).flatMap((d: Json) => d.actions)])[0].id as string;
    };

    it("takes a lead's PDF into the action's own folder and links it in the history", async () => {
      const res = await post(`${COVENTRY}/1.1`, "Audit of referrals.pdf", pdf, await as(OID.alex));
      expect(res.status).toBe(201);
      expect(res.body.file.webUrl).toMatch(/^https:\/\/assure\.sharepoint\.local\/sites\/safeguarding\/Assure%20Evidence\/coventry-safeguarding-adults-board-[0-9a-f]{8}\/coventry-sar-mrs-e-2015-1-1-[0-9a-f]{8}\/Audit%20of%20referrals\.pdf$/);
      expect(res.body.update).toMatchObject({ text: "Evidence file attached: Audit of referrals.pdf", evidence: [res.body.file.webUrl], via: "tab", author: { personId: "alex-wilber" } });
      const stored = (await files()).find((f) => String(f.path).endsWith("/Audit of referrals.pdf"))!;
      expect(stored).toMatchObject({ size: pdf.length, mimeType: "application/pdf" });
      expect(Buffer.from(await (await fetch(`${graph}/_emulator/files?sha256=${stored.sha256}`)).arrayBuffer())).toEqual(pdf);
      // The same name again is kept beside it, never over it.
      const again = await post(`${COVENTRY}/1.1`, "Audit of referrals.pdf", pdf, await as(OID.alex));
      expect(again.body.file.name).toBe("Audit of referrals 1.pdf");
    });

    it("refuses an oversize file before reading it whole (413)", async () => {
      const big = Buffer.alloc(4 * 1024 * 1024 + 70 * 1024, 0x20);
      pdf.copy(big);
      await nothingWritten(async () => {
        const res = await post(`${COVENTRY}/1.1`, "big.pdf", big, await as(OID.alex));
        expect(res.body.error.code).toBe("evidence-too-large");
        return res;
      }, 413);
    });

    it("refuses a wrong type by its content, whatever its name says (415)", async () => {
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, "report.pdf", Buffer.from("MZ\x90\x00 not a pdf at all"), await as(OID.alex)), 415);
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, "notes.txt", Buffer.from("<!doctype html><script>alert(1)</script>"), await as(OID.alex)), 415);
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, "tool.exe", pdf, await as(OID.alex)), 415);
    });

    it.each([["../../escape.pdf"], ["folder/inside.pdf"], ["..\\windows.pdf"], ["nul\u0000byte.pdf"], ["right\u202Etxt.pdf"]])("refuses a path or hidden characters in the name %j (400)", async (name) => {
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, name, pdf, await as(OID.alex)), 400);
    });

    it("refuses another board's action, an action the uploader does not lead, and a forged identity", async () => {
      const llr = await llrAction();
      // Alex leads Coventry's 1.1, not LLR's actions; Joni manages LLR and leads none of Coventry's.
      await nothingWritten(async () => post(llr, "ours.pdf", pdf, await as(OID.alex)), 403);
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, "theirs.pdf", pdf, await as(OID.joni)), 403);
      // Megan manages Coventry's plan but does not lead 1.1: attaching is the lead's.
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, "manager.pdf", pdf, await as(OID.megan)), 403);
      // A forged token (Alex's id, no signature) or none: refused before anything is read, not a Graph request spent.
      const forged = { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJvaWQiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDIwIn0." };
      await nothingWritten(async () => {
        const requests = await graphRequests();
        const res = await post(`${COVENTRY}/1.1`, "forged.pdf", pdf, forged);
        expect(await graphRequests()).toBe(requests);
        return res;
      }, 401);
      await nothingWritten(async () => post(`${COVENTRY}/1.1`, "nobody.pdf", pdf, {}), 401);
    });
  });

  // The findings register in the tab (issue 28): read by the board's own people, an impact review recorded by its owner or the board's managers only.
  describe("the findings register", () => {
    const CoventryBoard = "Coventry Safeguarding Adults Board";
    const R1 = "coventry-demo-sar-adult-k-2017/r1";
    const R2 = "coventry-demo-sar-adult-k-2017/r2";
    const diego = "00000000-0000-0000-0000-0000000000027";
    const registerAs = async (headers: Record<string, string>, query = `board=${encodeURIComponent(CoventryBoard)}`) => call(base, `/api/register?${query}`, { headers });
    const impactReviews = async () => ((await registerAs(await as(OID.megan))).body.reviews as Json[]).flatMap((r) => r.recommendations.flatMap((x: Json) => x.impactReviews));
    const record = async (headers: Record<string, string>, body: unknown) => call(base, "/api/register/impact-reviews", { method: "POST", body, headers });
    const nothingRecorded = async (attempt: () => Promise<{ status: number; body: Json }>, status: number) => {
      const before = await impactReviews();
      const res = await attempt();
      expect(res.status).toBe(status);
      expect(await impactReviews()).toEqual(before);
      return res;
    };
    const findingsOf = (body: Json) => (body.reviews as Json[]).flatMap((r) => r.findings as Json[]);

    it("shows the board's manager the register with repeat flags and internal notes; a lead of the board reads it without the notes", async () => {
      const megan = await registerAs(await as(OID.megan));
      expect(megan.status).toBe(200);
      expect(megan.body.mayEdit).toBe(true);
      expect((megan.body.reviews as Json[]).map((r) => r.title)).toEqual(["SCR Mrs E", "Demo: Adult K (invented)"]);
      const k1 = findingsOf(megan.body).find((f) => f.id === "finding-adult-k-1")!;
      expect(k1.repeatOf).toEqual(expect.arrayContaining([{ theme: "Hospital discharge", reviews: ["SCR Mrs E"] }, { theme: "Information sharing", reviews: ["SCR Mrs E"] }]));
      expect(findingsOf(megan.body).filter((f) => f.internalNote !== null)).toHaveLength(2);
      const alex = await registerAs(await as(OID.alex));
      expect(alex.status).toBe(200);
      expect(alex.body.mayEdit).toBe(false);
      expect(findingsOf(alex.body).every((f) => f.internalNote === null)).toBe(true);
      expect(JSON.stringify(alex.body)).not.toContain("Demo internal note");
    });

    it("refuses another board's manager the register and its themes, and reads both to an administrator", async () => {
      for (const path of ["/api/register", "/api/register/themes"]) {
        const joni = await call(base, `${path}?board=${encodeURIComponent(CoventryBoard)}`, { headers: await as(OID.joni) });
        expect(joni.status).toBe(403);
        expect(JSON.stringify(joni.body)).not.toContain("Adult K");
        expect((await call(base, `${path}?board=${encodeURIComponent(CoventryBoard)}`, { headers: await as(OID.debra) })).status).toBe(200);
      }
    });

    it("answers a forged token, no token, or a development identity header (ignored with sign-in) with 401, before reading anything", async () => {
      const before = await graphRequests();
      const forged = await sso.bearer(OID.megan, "Megan Bowen", { forged: true });
      for (const headers of [forged, {}, { "x-assure-dev-person": "megan-bowen" }] as Record<string, string>[]) {
        expect((await registerAs(headers)).status).toBe(401);
        expect((await call(base, `/api/register/themes?board=${encodeURIComponent(CoventryBoard)}`, { headers })).status).toBe(401);
        expect((await record(headers, { recommendationId: R1, outcome: "demonstrated", evidence: "forged" })).status).toBe(401);
      }
      expect(await graphRequests()).toBe(before);
    });

    it("refuses hostile queries naming the field", async () => {
      const megan = await as(OID.megan);
      for (const query of [`board=${encodeURIComponent("x' or 1=1")}`, "board=all", "", `board=${encodeURIComponent(CoventryBoard)}&admin=1`, `board=${"b".repeat(300)}`]) {
        const res = await registerAs(megan, query);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("invalid-input");
      }
      expect((await call(base, `/api/register/themes?board=${encodeURIComponent(CoventryBoard)}&asOf=2026-02-30`, { headers: megan })).body.error.field).toBe("asOf");
    });

    it("refuses an impact review from a lead who is not its owner, the owner of another recommendation, and another board's manager, writing nothing", async () => {
      const body = { recommendationId: R1, outcome: "demonstrated", evidence: "Re-audit: 96 %" };
      const alex = await nothingRecorded(async () => record(await as(OID.alex), body), 403);
      expect(alex.body.error.message).toContain("impact owner");
      await nothingRecorded(async () => record(await as(diego), body), 403);
      await nothingRecorded(async () => record(await as(OID.joni), body), 403);
      // Diego owns recommendation 2, whose action is still open: nothing to review yet.
      await nothingRecorded(async () => record(await as(diego), { ...body, recommendationId: R2 }), 409);
    });

    it.each([
      ["a path for the recommendation", { recommendationId: "../../lists/x", outcome: "demonstrated", evidence: "x" }, "recommendationId"],
      ["an unknown outcome", { recommendationId: R1, outcome: "excellent", evidence: "x" }, "outcome"],
      ["blank evidence", { recommendationId: R1, outcome: "partly", evidence: "   " }, "evidence"],
      ["a NUL in the evidence", { recommendationId: R1, outcome: "partly", evidence: "ok\u0000hidden" }, "evidence"],
      ["an extra field (who recorded it)", { recommendationId: R1, outcome: "partly", evidence: "x", recordedBy: { personId: "joni-sherman" } }, ""],
      ["a submission id with capitals", { recommendationId: R1, outcome: "partly", evidence: "x", submissionId: "ABCDEFGH" }, "submissionId"],
    ])("refuses %s (400), writing nothing", async (_what, body, field) => {
      const res = await nothingRecorded(async () => record(await as(OID.megan), body), 400);
      if (field) expect(res.body.error.field).toBe(field);
    });

    it("records the owner's impact review once, hostile evidence kept as text, and the register shows it", async () => {
      const evidence = "<img src=x onerror=alert(1)> Re-audit of 20 discharges: 19 had the summary on the day";
      const body = { recommendationId: R1, outcome: "partly", evidence, submissionId: "tab-impact-0001" };
      const first = await record(await as(OID.megan), body);
      expect(first.status).toBe(201);
      expect(first.body.review).toMatchObject({ id: "impact-tab-impact-0001", outcome: "partly", evidence, recordedBy: { personId: "megan-bowen", name: "Megan Bowen" } });
      expect(first.body.impact).toMatchObject({ state: "recorded", outcome: "partly" });
      // A double click: the same submission answers the same review, and records nothing more.
      const again = await record(await as(OID.megan), { ...body, outcome: "not" });
      expect(again.status).toBe(200);
      expect(again.body.review.outcome).toBe("partly");
      const r1 = ((await registerAs(await as(OID.megan))).body.reviews as Json[]).flatMap((r) => r.recommendations as Json[]).find((x) => x.id === R1)!;
      expect(r1.impact).toMatchObject({ state: "recorded", outcome: "partly" });
      expect(r1.impactReviews.filter((x: Json) => x.id === "impact-tab-impact-0001")).toHaveLength(1);
      expect(r1.impactReviews[0].evidence).toBe(evidence);
    });
  });
});

describe("in local mode (development identity, Agents Playground's bot)", () => {
  let server: Server;
  let base: string;
  let dataDir: string;
  const dev = (person: string) => ({ "x-assure-dev-person": person });
  const exported = async () => (await call(base, "/api/export")).body;
  const updatesOf = async (actionId: string) =>
    ((await exported()).plans as Json[]).flatMap((p) => p.sections.flatMap((s: Json) => [...s.actions, ...(s.deliverables ?? []).flatMap((d: Json) => d.actions)])).find((a: Json) => a.id === actionId);

  beforeAll(async () => {
    dataDir = tempDataDir();
    const port = await freePort();
    server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_DATA_DIR: dataDir });
    base = `http://localhost:${port}`;
  }, 60_000);
  afterAll(async () => server && stop(server));

  const invoke = (data: Json, serviceUrl = "http://localhost:56150/_connector") => ({
    type: "invoke",
    name: "adaptiveCard/action",
    channelId: "msteams",
    serviceUrl,
    from: { id: "29:alex", aadObjectId: OID.alex },
    recipient: { id: "28:bot" },
    conversation: { id: "a:alex", conversationType: "personal" },
    value: { action: { type: "Action.Execute", verb: "submitUpdate", data: { actionId: `${COVENTRY}/1.1`, ...data } } },
  });

  it("records an evidence link that tries to smuggle in a second link as one encoded link", async () => {
    const res = await call(base, "/api/messages", { method: "POST", body: invoke({ submissionId: "evidence-attack-1", progress: "Toolkit drafted", evidence: "https://docs.example.org/a)[Sign-in-again](https://evil.example/login" }) });
    expect(res.status).toBe(200);
    const texts = (res.body.value.body as Json[]).map((b) => String(b.text ?? ""));
    const links = texts.flatMap((t) => [...t.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]));
    expect(res.body.statusCode).toBe(200);
    expect(links).toEqual(["https://docs.example.org/a%29%5BSign-in-again%5D%28https://evil.example/login"]);
  });

  it("refuses a submission id the store could not read back (capitals), writing nothing", async () => {
    const before = (await updatesOf(`${COVENTRY}/1.1`)).updates.length;
    const res = await call(base, "/api/messages", { method: "POST", body: invoke({ submissionId: "SHOUTING-1234", progress: "Hidden forever?" }) });
    expect(res.body.statusCode).toBe(400);
    expect(res.body.value.message).toContain("submission id");
    expect((await updatesOf(`${COVENTRY}/1.1`)).updates).toHaveLength(before);
  });

  it("keeps an action's rating the same as its latest update after concurrent posts", async () => {
    const ratings = ["red", "amber", "green", "red", "amber", "green", "red", "amber"];
    const posts = await Promise.all(
      ratings.map((rating, i) => call(base, `/api/actions/${encodeURIComponent(`${COVENTRY}/1.1`)}/progress-updates`, { method: "POST", body: { text: `Concurrent ${i}`, rating }, headers: dev("alex-wilber") })),
    );
    expect(posts.map((p) => p.status)).toEqual(ratings.map(() => 201));
    const action = await updatesOf(`${COVENTRY}/1.1`);
    const latest = [...action.updates].sort((a: Json, b: Json) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1)).at(-1);
    expect(action.rating).toBe(latest.rating);
  });

  it("refuses a lead rating an open action 'complete' without completing it", async () => {
    const before = await updatesOf(`${COVENTRY}/1.1`);
    const res = await call(base, `/api/actions/${encodeURIComponent(`${COVENTRY}/1.1`)}/progress-updates`, { method: "POST", body: { text: "Done, really", rating: "complete" }, headers: dev("alex-wilber") });
    expect(res).toMatchObject({ status: 400, body: { error: { field: "rating" } } });
    expect(await updatesOf(`${COVENTRY}/1.1`)).toEqual(before);
  });

  it.each([
    ["a NUL byte", "Progress\u0000hidden"],
    ["a lone surrogate", "Progress \uD800 broken"],
    ["a right-to-left override", "Invoice \u202Egnp.exe"],
  ])("refuses %s in typed text, naming the field, writing nothing", async (_name, text) => {
    const before = await updatesOf(`${COVENTRY}/1.1`);
    const res = await call(base, `/api/actions/${encodeURIComponent(`${COVENTRY}/1.1`)}/progress-updates`, { method: "POST", body: JSON.stringify({ text }), headers: dev("alex-wilber") });
    expect(res).toMatchObject({ status: 400, body: { error: { field: "text" } } });
    const lead = await call(base, "/api/leads", { method: "POST", body: JSON.stringify({ asWritten: text, kind: "role", members: ["alex-wilber"] }), headers: dev("megan-bowen") });
    expect(lead).toMatchObject({ status: 400, body: { error: { field: "asWritten" } } });
    expect(await updatesOf(`${COVENTRY}/1.1`)).toEqual(before);
  });

  it("answers a 10 MB body with 413, a broken % escape with 400, and an empty activity with 400, none with internal text", async () => {
    const big = await call(base, "/api/leads", { method: "POST", body: JSON.stringify({ asWritten: "x".repeat(10 * 1024 * 1024) }), headers: dev("megan-bowen") });
    expect(big.status).toBe(413);
    expect((await call(base, "/api/plans/%E0%A4%A", { headers: dev("megan-bowen") })).status).toBe(400);
    const empty = await call(base, "/api/messages", { method: "POST", body: {} });
    expect(empty.status).toBe(400);
    for (const res of [big, empty]) expect(JSON.stringify(res.body)).not.toMatch(/localhost|127\.0\.0\.1|node_modules|at \w+ \(/);
  });

  it("refuses an import over 10 MB (400 naming the field; 413 past the body limit), broken base64, and content with pasted text, naming the field; a lead may not import", async () => {
    const over = await call(base, "/api/imports/preview", { method: "POST", body: { name: "big.csv", text: "x".repeat(11 * 1024 * 1024) }, headers: dev("megan-bowen") });
    expect(over.body.error).toMatchObject({ field: "text" });
    const big = await call(base, "/api/imports/preview", { method: "POST", body: { name: "big.csv", text: "x".repeat(15 * 1024 * 1024) }, headers: dev("megan-bowen") });
    expect(big.status).toBe(413);
    expect((await call(base, "/api/imports/preview", { method: "POST", body: { name: "p.xlsx", content: "not base64!" }, headers: dev("megan-bowen") })).body.error.field).toBe("content");
    expect((await call(base, "/api/imports/preview", { method: "POST", body: { name: "p.csv", content: "YQ==", text: "a" }, headers: dev("megan-bowen") })).body.error.field).toBe("content");
    expect((await call(base, "/api/imports/preview", { method: "POST", body: { name: "../../etc/passwd", text: "a" }, headers: dev("megan-bowen") })).body.error.field).toBe("name");
    expect((await call(base, "/api/imports/preview", { method: "POST", body: { name: "p.csv", text: "a" }, headers: dev("alex-wilber") })).status).toBe(403);
    expect((await call(base, "/api/imports/preview", { method: "POST", body: { name: "p.csv", text: "a" } })).status).toBe(401);
  });

  it("a manager's import previews what changes, stores it on confirm, and the change log says it was them", async () => {
    // Its own plan, so other tests' updates to Mrs E's plan are not in its way.
    const copy = "mrs-e-import-copy";
    const xlsx = async (r: ReturnType<typeof demoRecords>) => ({ name: "mrs-e.xlsx", content: (await coventryXlsx(r)).toString("base64"), choices: { planId: copy } });
    expect((await call(base, "/api/imports", { method: "POST", body: await xlsx(demoRecords()), headers: dev("megan-bowen") })).status).toBe(201);
    const edited = structuredClone(demoRecords());
    edited.actions.find((a) => a.id === `${COVENTRY}/4.1`)!.ratingAsWritten = "Amber";
    const body = await xlsx(edited);
    const preview = await call(base, "/api/imports/preview", { method: "POST", body, headers: dev("megan-bowen") });
    expect(preview.status).toBe(200);
    expect(preview.body.changes).toEqual([{ kind: "action", id: `${copy}/4.1`, label: "Action 4.1", what: "edited", fields: ["rating", "ratingAsWritten"] }]);
    expect((await updatesOf(`${copy}/4.1`)).rating).toBe("green"); // a preview stores nothing
    expect((await call(base, "/api/imports", { method: "POST", body, headers: dev("megan-bowen") })).status).toBe(201);
    expect((await updatesOf(`${copy}/4.1`)).rating).toBe("amber");
    const log = (await call(base, `/api/changes?subjectId=${encodeURIComponent(`${copy}/4.1`)}`, { headers: dev("megan-bowen") })).body.changes as Json[];
    expect(log.map((c) => `${c.by.name} ${c.what}`).sort()).toEqual(["Megan Bowen created", "Megan Bowen edited"]);
  });

  it("keeps new routes closed to someone who has not said who they are, and hostile search text out of Graph", async () => {
    expect((await call(base, "/api/people/search?q=meg")).status).toBe(401);
    expect((await call(base, `/api/actions/${encodeURIComponent(`${COVENTRY}/1.1`)}/reply-links/revoke`, { method: "POST" })).status).toBe(401);
    expect((await call(base, `/api/people/search?q=${encodeURIComponent("o'brien') or startswith(mail,'")}`, { headers: dev("megan-bowen") })).status).toBe(200); // quotes doubled, not a new clause
    expect((await call(base, `/api/people/search?q=${encodeURIComponent("me\u0000g")}`, { headers: dev("megan-bowen") })).body.error.field).toBe("q");
  });

  it("shows hostile text on the email reply page as text, never markup", async () => {
    await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], { ASSURE_DATA_DIR: dataDir, ASSURE_PUBLIC_URL: base });
    const link = /href="([^"]+\/reply\/[^"]+)"/.exec((await call(base, "/mailbox")).body.text)![1]!;
    const form = (fields: Record<string, string>) => fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
    const actionId = /name="actionId" value="([^"]+)"/.exec(await (await fetch(link)).text())![1]!;
    const refused = await form({ actionId, submissionId: "hostile-0001", progress: "<script>alert(1)</script>\u0000" });
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(refusedPage).not.toContain("<script>alert(1)");
    const recorded = await form({ actionId, submissionId: "hostile-0002", progress: '<img src=x onerror="alert(1)">' });
    expect(recorded.status).toBe(200);
    const thanks = await recorded.text();
    expect(thanks).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(thanks).not.toContain("<img");
  });

  it("answers no forged activity that would send its replies somewhere else", async () => {
    const res = await call(base, "/api/messages", { method: "POST", body: invoke({ submissionId: "elsewhere-1234", progress: "x" }, "https://attacker.example/_connector") });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain("attacker.example");
  });

  it("sends a Content-Security-Policy that lets only Teams and Microsoft 365 frame the tab, nosniff, and no-store on personal data", async () => {
    const tab = await fetch(`${base}/tab/`);
    const csp = tab.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com .*https:\/\/\*\.cloud\.microsoft/);
    expect(csp).toContain("script-src 'self'");
    expect(tab.headers.get("x-content-type-options")).toBe("nosniff");
    const api = await fetch(`${base}/api/my-actions`, { headers: dev("alex-wilber") });
    expect(api.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a request that names another host (DNS rebinding against this machine)", async () => {
    const port = new URL(base).port;
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/api/export", headers: { host: `rebind.attacker.example:${port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it("keeps its data folder readable by its owner only", () => {
    const graphDir = join(dataDir, "graph");
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    expect(statSync(graphDir).mode & 0o077).toBe(0);
    for (const file of readdirSync(graphDir)) expect(statSync(join(graphDir, file)).mode & 0o077, file).toBe(0);
  });
});
