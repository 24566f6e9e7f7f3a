import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

// Board managers' routes on a real `assure start` (local mode, embedded Graph emulator).
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";

type Json = Record<string, any>;
let server: ChildProcess & { printed: () => string };
let base: string;

async function call(path: string, init: { method?: string; body?: unknown; as?: string; ifMatch?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.as) headers["x-assure-dev-person"] = init.as;
  if (init.ifMatch) headers["if-match"] = init.ifMatch;
  const res = await fetch(`${base}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (await res.json()) as Json };
}
const post = (path: string, body: unknown, as = "megan-bowen") => call(path, { method: "POST", body, as });
const patch = (path: string, body: unknown, ifMatch: string, as = "megan-bowen") => call(path, { method: "PATCH", body, as, ifMatch });
const exported = async () => (await call("/api/export")).body;
const counts = (e: Json) => ({
  plans: e.plans.length,
  sections: e.plans.flatMap((p: Json) => p.sections).length,
  actions: e.plans.flatMap((p: Json) => p.sections.flatMap((s: Json) => [...s.actions, ...s.deliverables.flatMap((d: Json) => d.actions)])).length,
  people: e.people.length,
  leads: e.leads.length,
  subgroups: e.subgroups.length,
});

beforeAll(async () => {
  const port = await freePort();
  server = await startCli(["start", "--port", String(port)], /Assure is running/);
  base = `http://localhost:${port}`;
});
afterAll(async () => server && stop(server));

describe("a board manager building a plan", () => {
  it("creates a plan, a recommendation and an action, and the change log says who did each", async () => {
    const plan = await post("/api/plans", { title: "SAR Adult F action plan", kind: "sar-action-plan", boards: ["Coventry Safeguarding Adults Board"], review: "SAR Adult F" });
    expect(plan.status).toBe(201);
    expect(plan.body).toMatchObject({ status: "draft", managers: ["megan-bowen"], review: "SAR Adult F" });
    const planId = plan.body.id as string;

    const section = await post(`/api/plans/${planId}/sections`, { kind: "recommendation", number: "1", title: "Agencies share chronologies before strategy meetings" });
    expect(section.status).toBe(201);
    const action = await post(`/api/plans/${planId}/actions`, { sectionId: section.body.id, ref: "1.1", text: "Agree a chronology template", leadId: "cov-sar-coordinator", timescale: "March 2027" });
    expect(action.status).toBe(201);
    expect(action.body).toMatchObject({ rating: null, status: { state: "open" }, lead: { asWritten: "SAR Coordinator", leadId: "cov-sar-coordinator" }, timescale: { deadlines: ["2027-03-31"] } });

    const board = (await call(`/api/plans/${planId}/board`)).body;
    expect(board.plan.sections[0].actions.map((a: Json) => a.text)).toEqual(["Agree a chronology template"]);
    const changes = (await call(`/api/changes?planId=${planId}`)).body.changes as Json[];
    expect(changes.map((c) => `${c.by.name} ${c.what} ${c.subject.label}`)).toEqual([
      "Megan Bowen created action 1.1",
      "Megan Bowen created recommendation 1",
      'Megan Bowen created plan "SAR Adult F action plan"',
    ]);
    expect(changes[0]!.fields).toContainEqual({ field: "text", from: null, to: "Agree a chronology template" });
  });

  it("names the field at fault and writes nothing", async () => {
    const before = counts(await exported());
    const cases: [string, unknown, string][] = [
      ["/api/plans", { kind: "business-plan", boards: ["Coventry Safeguarding Adults Board"] }, "title"],
      ["/api/plans", { title: "Plan", kind: "business-plan", boards: ["Coventry Safeguarding Adults Board"], period: { from: "2023-04-01", to: "2023-03-31" } }, "period.to"],
      ["/api/plans", { title: "Plan", kind: "business-plan", boards: [] }, "boards"],
      ["/api/plans", { title: "Plan", kind: "business-plan", boards: ["Coventry Safeguarding Adults Board"], managers: ["x"] }, "managers"],
      ["/api/plans", { title: "Plan", kind: "business-plan", boards: ["Coventry Safeguarding Adults Board"], owner: "x" }, "body"],
      [`/api/plans/${COVENTRY}/sections`, { kind: "recommendation", number: "1", title: "Already numbered 1" }, "number"],
      [`/api/plans/${COVENTRY}/actions`, { sectionId: `${COVENTRY}/r1`, ref: "1.1", text: "Duplicate", leadId: "cov-sar-coordinator", timescale: "2027" }, "ref"],
      [`/api/plans/${COVENTRY}/actions`, { sectionId: `${COVENTRY}/r1`, ref: "1.99", text: "x", leadId: "nobody", timescale: "2027" }, "leadId"],
      [`/api/plans/${COVENTRY}/actions`, { sectionId: `${LLR}/p1`, ref: "1.99", text: "x", leadId: "cov-sar-coordinator", timescale: "2027" }, "sectionId"],
      [`/api/plans/${COVENTRY}/actions`, { sectionId: `${COVENTRY}/r1`, ref: "1.99", text: "x".repeat(2001), leadId: "cov-sar-coordinator", timescale: "2027" }, "text"],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 80)}`).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect(counts(await exported())).toEqual(before);
  });

  it("lets only the plan's managers change it", async () => {
    const before = counts(await exported());
    expect((await post("/api/plans", { title: "Lead's plan", kind: "other", boards: ["Coventry Safeguarding Adults Board"] }, "alex-wilber")).status).toBe(403);
    expect((await post(`/api/plans/${COVENTRY}/sections`, { kind: "recommendation", number: "99", title: "x" }, "alex-wilber")).status).toBe(403);
    expect((await post(`/api/plans/${LLR}/sections`, { kind: "priority", number: "99", title: "x" }, "megan-bowen")).status).toBe(403);
    expect((await call(`/api/plans/${COVENTRY}/sections`, { method: "POST", body: { kind: "recommendation", number: "99", title: "x" } })).status).toBe(401);
    expect((await post(`/api/plans/no-such-plan/sections`, { kind: "recommendation", number: "99", title: "x" })).status).toBe(404);
    expect(counts(await exported())).toEqual(before);
  });

  it("edits a plan against the version the manager saw, refuses a stale one and logs from and to", async () => {
    const section = (await call(`/api/plans/${COVENTRY}/board`)).body.plan.sections[0];
    const renumbered = await patch(`/api/sections/${encodeURIComponent(section.id)}`, { number: "2" }, section.version);
    expect(renumbered.body.error.field).toBe("number"); // recommendation 2 exists
    const seen = (await call(`/api/plans/${COVENTRY}/board`)).body.plan;
    const edited = await patch(`/api/plans/${COVENTRY}`, { status: "closed", boardMeetings: ["2016-06-01"] }, seen.version);
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: "closed", boardMeetings: ["2016-06-01"] });
    const stale = await patch(`/api/plans/${COVENTRY}`, { title: "Stale title" }, seen.version);
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ status: "closed", title: seen.title });
    expect((await patch(`/api/plans/${COVENTRY}`, { managers: ["nobody"] }, edited.body.version)).body.error.field).toBe("managers");
    const [latest] = (await call(`/api/changes?subjectId=${COVENTRY}`)).body.changes as Json[];
    expect(latest).toMatchObject({ what: "edited", by: { name: "Megan Bowen" } });
    expect(latest!.fields).toContainEqual({ field: "status", from: "active", to: "closed" });
    expect(latest!.fields.map((f: Json) => f.field).sort()).toEqual(["boardMeetings", "status"]); // and nothing else, e.g. not when progress was last reported
  });

  it("logs an action edit with who made it and what it changed", async () => {
    const action = `${LLR}/1.1.1`;
    const board = (await call(`/api/plans/${LLR}/board`)).body;
    const current = (board.plan.sections as Json[]).flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d: Json) => d.actions)]).find((a: Json) => a.id === action);
    expect(current, "demo action").toBeDefined();
    const res = await patch(`/api/actions/${encodeURIComponent(action)}`, { rating: "red", reason: "No safeguarding lead has been named" }, current.version, "joni-sherman");
    expect(res.status).toBe(200);
    const [entry] = (await call(`/api/changes?subjectId=${encodeURIComponent(action)}`)).body.changes as Json[];
    expect(entry).toMatchObject({ what: "edited", by: { personId: "joni-sherman" }, subject: { kind: "action", label: `action ${current.ref}` }, planId: LLR });
    expect(entry!.fields).toContainEqual({ field: "rating", from: current.rating, to: "red" });
    expect((await call("/api/changes")).body.error.field).toBe("planId");
  });
});

describe("a board manager keeping the leads directory and subgroups", () => {
  it("adds a person, makes them a lead, and changes who answers for it", async () => {
    // Picked from the tenant's directory (the emulator's fictional one): name and email come from Entra.
    expect((await call("/api/people/search?q=chris", { as: "alex-wilber" })).status).toBe(403); // a lead, not a manager
    expect((await call("/api/people/search?q=c", { as: "megan-bowen" })).body.error.field).toBe("q");
    const found = await call("/api/people/search?q=chris", { as: "megan-bowen" });
    expect(found.body.people).toEqual([expect.objectContaining({ displayName: "Christie Cline", jobTitle: "Adult Social Care Team Manager", inAssure: false })]);
    const person = await post("/api/people", { entraObjectId: found.body.people[0].entraObjectId });
    expect(person.status).toBe(201);
    expect(person.body).toMatchObject({ displayName: "Christie Cline", email: "christie.cline@assure-demo.example" });
    const lead = await post("/api/leads", { asWritten: "ICB Safeguarding Lead", kind: "role", members: [person.body.id] });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ remind: "all", chair: null, subgroups: [] });

    const edited = await patch(`/api/leads/${lead.body.id}`, { members: [person.body.id, "alex-wilber"], kind: "several" }, lead.body.version);
    expect(edited.status).toBe(200);
    const entry = ((await call("/api/directory")).body.leads as Json[]).find((l) => l.id === lead.body.id);
    expect(entry!.members).toEqual([person.body.id, "alex-wilber"]);
    const [logged] = (await call(`/api/changes?subjectId=${lead.body.id}`)).body.changes as Json[];
    expect(logged!.fields).toContainEqual({ field: "members", from: [person.body.id], to: [person.body.id, "alex-wilber"] });
    expect((await patch(`/api/leads/${lead.body.id}`, { members: ["alex-wilber"] }, lead.body.version)).status).toBe(409);
  });

  it("refuses directory entries that would misdirect reminders, naming the field", async () => {
    const before = counts(await exported());
    const cases: [string, unknown, string][] = [
      ["/api/leads", { asWritten: "audit  group", kind: "role", members: ["lynne-robbins"] }, "asWritten"],
      ["/api/leads", { asWritten: "New group", kind: "group", members: ["lynne-robbins"], chair: "grady-archie", remind: "chair" }, "chair"],
      ["/api/leads", { asWritten: "New group", kind: "group", members: ["lynne-robbins"], remind: "chair" }, "remind"],
      ["/api/leads", { asWritten: "New group", kind: "group", members: ["no-one"] }, "members"],
      ["/api/leads", { asWritten: "New group", kind: "group", members: ["lynne-robbins"], subgroups: ["no-such-group"] }, "subgroups"],
      ["/api/people", { entraObjectId: "00000000-0000-0000-0000-0000000000020" }, "entraObjectId"],
      ["/api/people", { entraObjectId: "abc" }, "entraObjectId"],
      ["/api/people", { entraObjectId: "00000000-0000-0000-0000-0000000000042", email: "not-an-email" }, "email"],
      ["/api/people", { entraObjectId: "00000000-0000-0000-0000-0000000000042", displayName: "Typed Name" }, "body"],
      ["/api/subgroups", { name: "Review Group", boards: ["Leicester Safeguarding Adults Board"], role: "x" }, "name"],
      ["/api/subgroups", { name: "New Group", boards: ["Leicester Safeguarding Adults Board"], role: "x", chair: "no-one" }, "chair"],
    ];
    for (const [path, body, field] of cases) {
      const res = await post(path, body, "joni-sherman");
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await post("/api/leads", { asWritten: "Someone", kind: "role", members: ["alex-wilber"] }, "alex-wilber")).status).toBe(403);
    expect(counts(await exported())).toEqual(before);
  });

  it("adds a subgroup and changes its chair", async () => {
    const group = await post("/api/subgroups", { name: "Prevention Group", boards: ["Leicester Safeguarding Adults Board", "Leicestershire & Rutland Safeguarding Adults Board"], role: "Prevention and early help" }, "joni-sherman");
    expect(group.status).toBe(201);
    const chaired = await patch(`/api/subgroups/${group.body.id}`, { chair: "nestor-wilke" }, group.body.version, "joni-sherman");
    expect(chaired.status).toBe(200);
    const me = (await call("/api/me", { as: "nestor-wilke" })).body;
    expect(me.roles.chairOf).toContain(group.body.id);
    const log = (await call("/api/changes?directory")).body.changes as Json[];
    expect(log.slice(0, 2).map((c) => `${c.by.name} ${c.what} ${c.subject.label}`)).toEqual(["Joni Sherman edited Prevention Group", "Joni Sherman created Prevention Group"]);
    expect(log.every((c) => ["lead", "person", "subgroup"].includes(c.subject.kind))).toBe(true);
  });
});

describe("when the change log cannot be written", () => {
  it("keeps the change, tells the person it was not logged, and leaves the entry in the server log", async () => {
    const graphUrl = /Graph emulator (\S+)\/v1\.0/.exec(server.printed())![1]!;
    const board = (await call(`/api/plans/${LLR}/board`)).body.plan;
    // The change log's create is the only single-item POST an edit makes; make every try of it fail.
    const faults = await fetch(`${graphUrl}/_emulator/faults`, { method: "POST", body: JSON.stringify({ rules: [{ method: "POST", path: "/items$", scope: "request", status: 503, retryAfterSeconds: 0, times: 100 }] }) });
    expect(faults.ok).toBe(true);
    try {
      const res = await patch(`/api/plans/${LLR}`, { boardMeetings: ["2022-11-15"] }, board.version, "joni-sherman");
      expect(res.status).toBe(500);
      expect(res.body.error).toMatchObject({ code: "not-logged" });
      expect(res.body.error.message).toContain("was saved");
    } finally {
      await fetch(`${graphUrl}/_emulator/faults`, { method: "DELETE" });
    }
    expect((await call(`/api/plans/${LLR}/board`)).body.plan.boardMeetings).toContain("2022-11-15");
    await expect.poll(() => server.printed()).toMatch(/"event":"change-not-logged".*"fields":\["boardMeetings"\]/);
    // Ids only in the server log: no names, no text a person typed.
    const line = server.printed().split("\n").find((l) => l.includes("change-not-logged"))!;
    expect(line).toContain('"personId":"joni-sherman"');
    expect(line).not.toContain("Joni Sherman");
  }, 60_000);
});

describe("agency accountability and the challenge log", () => {
  const COVENTRY_BOARD = "Coventry Safeguarding Adults Board";
  const LEICESTER = "Leicester Safeguarding Adults Board";
  const agencies = (board: string, as?: string, asOf = "2016-03-01") => call(`/api/agencies?${new URLSearchParams({ board, asOf })}`, as ? { as } : {});
  const ask = (body: Json, as = "megan-bowen") => post("/api/challenges", { board: COVENTRY_BOARD, agencyLeadId: "cov-qap", question: "Where is the audit?", askedOn: "2016-02-20", ...body }, as);

  it("gives a board's manager the figures per agency as at a day, with the board's challenge log and the agencies to ask", async () => {
    const res = await agencies(COVENTRY_BOARD, "megan-bowen");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ board: COVENTRY_BOARD, asOf: "2016-03-01", mayWrite: true });
    const all = res.body.agencies as Json[];
    const overdue = (await call(`/api/who-is-late?${new URLSearchParams({ board: COVENTRY_BOARD, asOf: "2016-03-01" })}`)).body.leads as Json[];
    for (const l of overdue) expect(all.find((a) => a.agency === l.lead)).toMatchObject({ overdue: l.late.length });
    // The demo's two Coventry challenges, the unanswered first; none of Leicester's.
    expect((res.body.challenges as Json[]).map((c) => [c.question.id, c.answered])).toEqual([["demo-challenge-cov-gp-report", false], ["demo-challenge-cov-supervision", true]]);
    expect((res.body.agencyChoices as Json[]).map((a) => a.leadId)).toContain("cov-qap");
    expect((res.body.agencyChoices as Json[]).some((a) => String(a.leadId).startsWith("llr-"))).toBe(false);
  });

  it("shows a subgroup's chair the log without the pen, and a lead or a reader the figures without the log (nor its counts)", async () => {
    const chair = await agencies(LEICESTER, "lynne-robbins", "2022-12-01");
    expect(chair.body.mayWrite).toBe(false);
    expect((chair.body.challenges as Json[]).map((c) => c.question.id)).toEqual(["demo-challenge-llr-transitions", "demo-challenge-llr-strategy-audit"]);
    for (const as of ["alex-wilber", undefined]) {
      const res = await agencies(COVENTRY_BOARD, as);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ challenges: null, mayWrite: false });
      expect((res.body.agencies as Json[]).every((a) => a.challenges.asked === 0)).toBe(true);
    }
  });

  it("records a manager's question and the agency's answers, dated and attributed, never overwritten", async () => {
    const q = await ask({ actionId: `${COVENTRY}/7.1` });
    expect(q.status).toBe(201);
    expect(q.body).toMatchObject({ kind: "question", board: COVENTRY_BOARD, agency: { leadId: "cov-qap" }, planId: COVENTRY, on: "2016-02-20", recordedBy: { personId: "megan-bowen", name: "Megan Bowen" }, demo: false });
    const first = await post(`/api/challenges/${q.body.id}/answers`, { answer: "Six of eight agencies have sent theirs.", answeredOn: "2016-02-25" });
    const second = await post(`/api/challenges/${q.body.id}/answers`, { answer: "All eight now.", answeredOn: "2016-02-28" });
    expect([first.status, second.status]).toEqual([201, 201]);
    const log = (await agencies(COVENTRY_BOARD, "megan-bowen", "2099-01-01")).body.challenges as Json[];
    const mine = log.find((c) => c.question.id === q.body.id)!;
    expect(mine).toMatchObject({ answered: true, daysWaiting: 5 });
    expect(mine.answers.map((a: Json) => a.text)).toEqual(["Six of eight agencies have sent theirs.", "All eight now."]);
    // As at a day before it was recorded, the log does not have it.
    expect(((await agencies(COVENTRY_BOARD, "megan-bowen", "2016-03-01")).body.challenges as Json[]).some((c) => c.question.id === q.body.id)).toBe(false);
  });

  it("refuses another board's manager, a chair, a lead and anyone unnamed; a forged identity; another board's agency, action or plan; a day to come", async () => {
    const existing = "demo-challenge-cov-gp-report";
    const answer = { answer: "An answer", answeredOn: "2016-02-10" };
    expect((await ask({}, "joni-sherman")).status).toBe(403); // Leicester's manager, asking for Coventry
    expect((await post(`/api/challenges/${existing}/answers`, answer, "joni-sherman")).status).toBe(404); // cannot see Coventry's log: not found
    expect((await post("/api/challenges/demo-challenge-llr-transitions/answers", { ...answer, answeredOn: "2022-10-10" }, "lynne-robbins")).status).toBe(403); // a chair reads only
    expect((await ask({}, "alex-wilber")).status).toBe(403); // a lead
    expect((await post(`/api/challenges/${existing}/answers`, answer, "alex-wilber")).status).toBe(404);
    expect((await call("/api/challenges", { method: "POST", body: { board: COVENTRY_BOARD, agencyLeadId: "cov-qap", question: "Q", askedOn: "2016-02-20" } })).status).toBe(401); // nobody named
    expect((await ask({}, "no-such-person")).status).toBe(401); // a forged identity header
    expect((await ask({}, "megan-bowen' or '1'='1")).status).toBe(401);
    const refused = async (body: Json, field: string) => {
      const res = await ask(body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.field).toBe(field);
    };
    await refused({ agencyLeadId: "llr-audit-group" }, "agencyLeadId");
    await refused({ actionId: "llr-sab-business-plan-2022-23/1.4.1" }, "actionId");
    await refused({ planId: LLR }, "planId");
    await refused({ askedOn: "2099-01-01" }, "askedOn");
    await refused({ board: "all" }, "board");
    await refused({ board: "Atlantis Safeguarding Adults Board" }, "board");
    expect((await post(`/api/challenges/${existing}/answers`, { answer: "Too soon", answeredOn: "2016-02-01" })).status).toBe(400);
    expect((await post("/api/challenges/..%2F..%2Fetc/answers", answer)).status).toBe(400);
    expect((await post("/api/challenges/no-such-challenge/answers", answer)).status).toBe(404);
  });

  it("refuses hostile and oversize text and fields the client may not set, and stores markup as plain text", async () => {
    const refused = async (body: Json) => expect((await ask(body)).status).toBe(400);
    await refused({ question: "Who\u202Eknows" }); // a bidirectional override
    await refused({ question: "nul\u0000here" });
    await refused({ question: "   " });
    await refused({ question: "x".repeat(4001) });
    await refused({ recordedBy: { personId: "joni-sherman", name: "Joni Sherman" } }); // attribution is the server's
    await refused({ demo: true });
    expect((await post(`/api/challenges/demo-challenge-cov-gp-report/answers`, { answer: "x".repeat(4001), answeredOn: "2016-02-10" })).status).toBe(400);
    const huge = await ask({ question: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
    const markup = await ask({ question: `<img src=x onerror="alert(1)"> & 'quotes'` });
    expect(markup.status).toBe(201);
    const stored = ((await agencies(COVENTRY_BOARD, "megan-bowen", "2099-01-01")).body.challenges as Json[]).find((c) => c.question.id === markup.body.id)!;
    expect(stored.question.text).toBe(`<img src=x onerror="alert(1)"> & 'quotes'`);
  });
});
