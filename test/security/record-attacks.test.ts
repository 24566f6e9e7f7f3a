import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

/**
 * Attacks on an action's record, against the real server (local mode, its Graph emulator):
 * hostile or missing reasons, a lead deciding their own deadline request, a lead signing off
 * their own completion, a stale version. Each is refused, and nothing is written. Megan Bowen
 * manages Coventry's plan and is also one of its leads ("Board Manager/ SAR Coordinator").
 */
type Json = Record<string, any>;
const COVENTRY = "coventry-sar-mrs-e-2015";
let server: Awaited<ReturnType<typeof startCli>>;
let base: string;

async function call(path: string, init: { method?: string; body?: unknown; as?: string; ifMatch?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.as) headers["x-assure-dev-person"] = init.as;
  if (init.ifMatch) headers["if-match"] = init.ifMatch;
  const res = await fetch(`${base}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  let body: Json = {};
  try {
    body = JSON.parse(bytes.toString("utf8")) as Json;
  } catch {
    body = {};
  }
  return { status: res.status, body, bytes };
}
const actions = async () => {
  const { body } = await call(`/api/plans/${COVENTRY}/board`);
  return (body.plan.sections as Json[]).flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d: Json) => d.actions)]);
};
const led = async (leadId: string) => (await actions()).find((a) => a.facts.leadId === leadId)!;
const fresh = async (id: string) => (await actions()).find((a) => a.id === id)!;
const history = async (id: string) => (await call(`/api/actions/${encodeURIComponent(id)}/updates`)).body;
/** The action as stored and its whole history: what "nothing written" compares. */
const record = async (id: string) => ({ action: await fresh(id), history: await history(id) });
const patch = (a: Json, body: unknown, as = "megan-bowen", ifMatch = a.version as string) => call(`/api/actions/${encodeURIComponent(a.id)}`, { method: "PATCH", body, as, ifMatch });
const report = (a: Json, body: unknown, as: string) => call(`/api/actions/${encodeURIComponent(a.id)}/progress-updates`, { method: "POST", body, as });
const decide = (a: Json, requestId: string, body: unknown, as: string) => call(`/api/actions/${encodeURIComponent(a.id)}/deadline-requests/${encodeURIComponent(requestId)}`, { method: "POST", body, as, ifMatch: a.version });

beforeAll(async () => {
  const port = await freePort();
  server = await startCli(["start", "--port", String(port)], /Assure is running/);
  base = `http://localhost:${port}`;
}, 60_000);
afterAll(async () => server && stop(server));

describe("an action's record under attack", () => {
  it("refuses a change of rating without a reason, or with a hostile one, writing nothing", async () => {
    const a = await led("cov-sar-coordinator");
    const before = await record(a.id);
    for (const [body, field] of [
      [{ rating: "red" }, "reason"],
      [{ rating: "red", reason: "   " }, "reason"],
      [{ rating: "red", reason: "fine\u202Eenif" }, "reason"],
      [{ rating: "red", reason: "nul\u0000byte" }, "reason"],
      [{ rating: "red", reason: "x".repeat(1001) }, "reason"],
      [{ status: { state: "closed" } }, "reason"],
      [{ revisedDeadline: { date: "2027-06-30", reason: "later" } }, "reason"],
    ] as const) {
      const res = await patch(a, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect(await record(a.id)).toEqual(before);
  });

  it("keeps a reason of markup as text, and the history says who, in which role, when and why", async () => {
    const a = await led("cov-sar-coordinator");
    const reason = `<img src=x onerror="alert(1)"> the procedure is not yet agreed`;
    const res = await patch(a, { rating: a.rating === "amber" ? "red" : "amber", reason });
    expect(res.status).toBe(200);
    const [event] = (await history(a.id)).events.slice(-1);
    expect(event).toMatchObject({ reason, by: { name: "Megan Bowen", role: "board manager" }, kind: "edited" });
    expect(event.words).toMatch(/^Megan Bowen \(board manager\), \d{1,2} [A-Z][a-z]{2} \d{4}: (Green|Amber|Red|Not rated) → (Amber|Red) — <img/);
    // The change log speaks people's words too: no internal fields.
    const [change] = (await call(`/api/changes?subjectId=${encodeURIComponent(a.id)}`)).body.changes;
    expect(change.fields.map((f: Json) => f.field)).toEqual(["rating"]);
  });

  it("refuses a stale version (409), writing nothing", async () => {
    const a = await led("cov-sar-coordinator");
    expect((await patch(a, { text: `${a.text} (first)` })).status).toBe(200);
    const before = await record(a.id);
    const stale = await patch(a, { rating: "red", reason: "From a page opened before the last edit" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.text).toBe(`${a.text} (first)`);
    expect(await record(a.id)).toEqual(before);
  });

  it("takes a lead's new deadline as a request; the lead may not approve it; a manager may, and the paper says so", async () => {
    const a = await led("cov-sar-coordinator");
    const sent = await report(a, { text: "The trainers start later than planned", proposedDeadline: { date: "2027-06-30", reason: "Trainers start in June" } }, "alex-wilber");
    expect(sent.status).toBe(201);
    const requested = await fresh(a.id);
    expect(requested.revisedDeadline).toEqual(a.revisedDeadline); // the deadline stands until approved
    const requestId = sent.body.update.id as string;
    expect((await history(a.id)).pendingDeadlineRequests).toEqual([requestId]);

    const before = await record(a.id);
    const byLead = await decide(requested, requestId, { approve: true, reason: "I agree with myself" }, "alex-wilber");
    expect(byLead.status).toBe(403);
    expect(await record(a.id)).toEqual(before);

    const approved = await decide(requested, requestId, { approve: true, reason: "Agreed at the board on 3 December" }, "megan-bowen");
    expect(approved.status).toBe(200);
    expect((await fresh(a.id)).revisedDeadline).toEqual({ date: "2027-06-30", reason: "Trainers start in June" });
    expect((await history(a.id)).pendingDeadlineRequests).toEqual([]);
    const csv = (await call(`/api/plans/${COVENTRY}/export?format=csv`)).bytes.toString("utf8");
    expect(csv).toMatch(/revised from [^,]* \(approved by Megan Bowen, \d{1,2} [A-Z][a-z]{2} \d{4}\)/);
  });

  it("refuses a manager deciding the deadline request they made as the action's lead", async () => {
    const a = await led("cov-board-manager-sar-coordinator");
    const sent = await report(a, { text: "Needs another quarter", proposedDeadline: { date: "2027-09-30", reason: "Waiting for the regional procedure" } }, "megan-bowen");
    expect(sent.status).toBe(201);
    const current = await fresh(a.id);
    const before = await record(a.id);
    const res = await decide(current, sent.body.update.id, { approve: true, reason: "Approved" }, "megan-bowen");
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("asked for this new deadline");
    expect(await record(a.id)).toEqual(before);
  });

  it("refuses a lead signing off the completion they reported, writing nothing", async () => {
    const a = await led("cov-board-business-manager");
    expect((await report(a, { text: "Done: the protocol is published", markComplete: true }, "megan-bowen")).status).toBe(201);
    const done = await fresh(a.id);
    expect(done.status.state).toBe("complete"); // awaiting sign-off
    const before = await record(a.id);
    const res = await patch(done, { status: { state: "closed" }, reason: "I checked my own work" });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("may not also sign it off");
    expect(await record(a.id)).toEqual(before);
  });

  it("records an update a manager took by email for the lead: the lead is the author, the recorder is kept; a lead may not record for others", async () => {
    const a = await led("cov-sar-coordinator");
    const before = await record(a.id);
    expect((await report(a, { text: "On Alex's behalf", onBehalfOf: "megan-bowen", source: "a chat" }, "alex-wilber")).status).toBe(403);
    expect((await report(a, { text: "Not theirs to report", onBehalfOf: "lee-gu", source: "a meeting" }, "megan-bowen")).status).toBe(403);
    expect((await report(a, { text: "No source", onBehalfOf: "alex-wilber" }, "megan-bowen")).body.error.field).toBe("source");
    // Across the board boundary: another board's manager, or naming another board's person.
    const joni = await report(a, { text: "From LLR", onBehalfOf: "alex-wilber", source: "a call" }, "joni-sherman");
    expect(joni.status).toBe(403);
    expect(joni.body.error.message).toContain("only its plan's board managers");
    expect((await report(a, { text: "LLR's words", onBehalfOf: "joni-sherman", source: "a call" }, "megan-bowen")).status).toBe(403);
    expect(await record(a.id)).toEqual(before);
    const sent = await report(a, { text: "Training dates agreed", onBehalfOf: "alex-wilber", source: "his email of 3 March", proposedDeadline: { date: "2027-10-31", reason: "Venue booked for October" } }, "megan-bowen");
    expect(sent.status).toBe(201);
    expect(sent.body.update).toMatchObject({ author: { personId: "alex-wilber", name: "Alex Wilber" }, recordedBy: { personId: "megan-bowen", name: "Megan Bowen", source: "his email of 3 March" } });
    // Whoever recorded a request does not decide it either.
    const current = await fresh(a.id);
    expect((await decide(current, sent.body.update.id, { approve: true, reason: "Fine" }, "megan-bowen")).status).toBe(403);
  });

  it("refuses another board's manager confirming this plan's catch-up, and writes nothing", async () => {
    // Joni Sherman manages Leicester's plan, not Coventry's; the server's clock is today, so Coventry's backlog waits.
    const waiting = async () => (await call(`/api/plans/${COVENTRY}/catch-up`, { as: "megan-bowen" })).body.actions as Json[];
    const before = await waiting();
    expect(before.length).toBeGreaterThan(0);
    for (const as of ["joni-sherman", "alex-wilber"]) {
      const seen = await call(`/api/plans/${COVENTRY}/catch-up`, { as });
      expect(seen.status).toBe(403);
      expect(seen.body.actions).toBeUndefined(); // shown nothing of the backlog
      const confirmed = await call(`/api/plans/${COVENTRY}/catch-up`, { method: "POST", as });
      expect(confirmed.status).toBe(403);
      expect(confirmed.body.error.message).toContain("only its board managers and Assure administrators may");
    }
    // Her own plan's address with Coventry's id smuggled in, or no such plan: not found, nothing confirmed.
    for (const planId of [`${COVENTRY}%2F..`, "llr-business-plan-2022-23%2F..%2F" + COVENTRY, "no-such-plan"]) {
      expect((await call(`/api/plans/${planId}/catch-up`, { method: "POST", as: "joni-sherman" })).status).toBeGreaterThanOrEqual(400);
    }
    expect(await waiting()).toEqual(before);
  });

  it("keeps the dashboard and the papers for a past day byte for byte after an edit today", async () => {
    const past = async () => ({
      dashboard: (await call(`/api/dashboard?planId=${COVENTRY}&asOf=2016-02-15`)).bytes,
      csv: (await call(`/api/plans/${COVENTRY}/export?format=csv&asOf=2016-02-15&since=2016-01-01`)).bytes,
      xlsx: (await call(`/api/plans/${COVENTRY}/export?format=xlsx&asOf=2016-02-15&since=2016-01-01`)).bytes,
      docx: (await call(`/api/plans/${COVENTRY}/export?format=docx&asOf=2016-02-15&since=2016-01-01`)).bytes,
    });
    const before = await past();
    const a = (await actions()).find((x) => x.ref === "4.1")!;
    const res = await patch(a, { rating: a.rating === "amber" ? "red" : "amber", reason: "The procedure is not yet agreed" });
    expect(res.status).toBe(200);
    const after = await past();
    for (const kind of Object.keys(before) as (keyof typeof before)[]) expect(after[kind].equals(before[kind]), kind).toBe(true);
    const today = JSON.parse((await call(`/api/dashboard?planId=${COVENTRY}`)).bytes.toString("utf8")).plans[0].counts;
    const then = JSON.parse(before.dashboard.toString("utf8")).plans[0].counts;
    expect(today).not.toEqual(then);
  });

  it("keeps who is late, the dashboard's impact table, the themes view and the annual report for a past day byte for byte after a decision and a rename today", async () => {
    const BOARD = "Coventry Safeguarding Adults Board";
    const late = (asOf?: string) => call(`/api/who-is-late?${new URLSearchParams({ board: BOARD, ...(asOf ? { asOf } : {}) })}`);
    const impact = (asOf?: string) => call(`/api/dashboard?${new URLSearchParams({ board: BOARD, ...(asOf ? { asOf } : {}) })}`);
    const themes = (asOf?: string) => call(`/api/register/themes?${new URLSearchParams({ board: BOARD, ...(asOf ? { asOf } : {}) })}`, { as: "megan-bowen" });
    const past = async () => ({
      late: (await late("2016-02-15")).bytes,
      impact: (await impact("2019-03-31")).bytes,
      annual: (await call(`/api/reports/annual?${new URLSearchParams({ year: "2015/16", board: BOARD })}`)).bytes,
      themes: (await themes("2019-03-31")).bytes,
    });
    const before = await past();
    expect(JSON.parse(before.late.toString("utf8")).leads.length).toBeGreaterThan(0);
    expect(JSON.parse(before.impact.toString("utf8")).impact).not.toBeNull();
    // Today: recommendation 8's one action is decided not to be implemented (the register links it), and the plan is renamed.
    const a = await fresh(`${COVENTRY}/8.1`);
    expect((await patch(a, { status: { state: "not-implemented", reason: "Superseded by the regional procedure" }, reason: "Agreed at the board" })).status).toBe(200);
    const plan = (await call(`/api/plans/${COVENTRY}/board`)).body.plan;
    expect((await call(`/api/plans/${COVENTRY}`, { method: "PATCH", body: { title: "Renamed today" }, as: "megan-bowen", ifMatch: plan.version })).status).toBe(200);
    const after = await past();
    for (const kind of Object.keys(before) as (keyof typeof before)[]) expect(after[kind].equals(before[kind]), kind).toBe(true);
    // Today's views do move, so the comparison above can fail.
    expect(JSON.stringify((await late()).body)).toContain("Renamed today");
    expect((await impact()).body.impact).not.toEqual((await impact("2019-03-31")).body.impact);
    const openByTheme = async (asOf?: string) => ((await themes(asOf)).body.themes as Json[]).find((t) => t.theme === "Information sharing")!.openActions;
    expect(await openByTheme()).toBeLessThan(await openByTheme("2019-03-31"));
  });

  it("queues a lead's deadline request and completion for the plan's manager only: not the lead, not another board's manager, who may not decide them either", async () => {
    const queue = async (as: string) => (await call("/api/decisions", { as })).body.decisions as Json[];
    const requestOn = await fresh(`${COVENTRY}/6.2`); // led by the Work Force Development sub group, chaired by Diego Siciliani
    const asked = await report(requestOn, { text: "Trainers start later than planned.", proposedDeadline: { date: "2099-06-30", reason: "Trainers start in June" } }, "diego-siciliani");
    expect(asked.status).toBe(201);
    const completeOn = await fresh(`${COVENTRY}/6.4`);
    expect((await report(completeOn, { text: "Every team has booked.", markComplete: true }, "diego-siciliani")).status).toBe(201);

    const megans = await queue("megan-bowen");
    const deadline = megans.find((d) => d.request.id === asked.body.update.id)!;
    expect(deadline).toMatchObject({ kind: "deadline", action: { id: requestOn.id, ref: "6.2" }, request: { proposedDeadline: { date: "2099-06-30" } }, version: (await fresh(requestOn.id)).version });
    const signOff = megans.find((d) => d.kind === "sign-off" && d.action.id === completeOn.id)!;
    expect(signOff).toMatchObject({ request: { markedComplete: true, author: { personId: "diego-siciliani" } } });
    // Oldest first, across the plans Megan decides for.
    expect(megans.map((d) => Date.parse(d.request.at))).toEqual([...megans.map((d) => Date.parse(d.request.at))].sort((a, b) => a - b));
    for (const as of ["diego-siciliani", "joni-sherman", "lynne-robbins"]) expect((await queue(as)).map((d) => d.request.id), as).not.toContain(asked.body.update.id);
    expect((await call("/api/decisions")).body.decisions ?? []).toEqual([]);

    // Another board's manager, with the queue's own version: refused, nothing written.
    const before = await record(requestOn.id);
    const joni = await decide({ ...requestOn, version: deadline.version }, deadline.request.id, { approve: true, reason: "Fine by me" }, "joni-sherman");
    expect(joni.status).toBe(403);
    const joniSignOff = await patch({ ...completeOn, version: signOff.version }, { status: { state: "closed" }, reason: "Fine by me" }, "joni-sherman");
    expect(joniSignOff.status).toBe(403);
    expect(await record(requestOn.id)).toEqual(before);
    expect((await fresh(completeOn.id)).status).toEqual({ state: "complete" });

    // The manager decides both from the queue; they leave it.
    expect((await decide({ ...requestOn, version: deadline.version }, deadline.request.id, { approve: true, reason: "Agreed at the board" }, "megan-bowen")).status).toBe(200);
    expect((await patch({ ...completeOn, version: signOff.version }, { status: { state: "closed" }, reason: "Evidence seen" }, "megan-bowen")).status).toBe(200);
    const left = (await queue("megan-bowen")).map((d) => d.request.id);
    expect(left).not.toContain(deadline.request.id);
    expect(left).not.toContain(signOff.request.id);
  });
});
