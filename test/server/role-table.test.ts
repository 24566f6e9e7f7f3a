import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BoardRecords } from "../../src/core/records.js";
import type { PlanStore } from "../../src/core/store.js";
import { demoRecords } from "../../src/demo/index.js";
import { createApp } from "../../src/server/app.js";
import { developmentIdentity } from "../../src/server/identity.js";
import type { TenantDirectory } from "../../src/store/tenant-directory.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

/**
 * Every route × every role, for records used by one board, by two, and by none: who gets through
 * (2xx), and that everyone else is refused (4xx) with nothing written. The server is the real app
 * in-process over the Graph emulator; the store is counted, so "nothing written" is measured.
 *
 * The boards: Coventry (C, Megan manages its plan), LLR (its plan names two boards, Joni manages
 * it) and Warwickshire (W, Wendy manages its plan). "This board" is Coventry: Megan is the manager
 * of this board, Wendy of another. Records used by two boards are shared by Coventry and LLR; a
 * record used by none is of no board, or of a board no plan or manager has.
 */
const C = "Coventry Safeguarding Adults Board";
const L = "Leicester Safeguarding Adults Board";
const W = "Warwickshire Safeguarding Adults Board";
const NOWHERE = "Nowhere Safeguarding Adults Board";
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const ADMIN_OID = "00000000-0000-0000-0000-0000000000040";

const ROLES = {
  "no identity": null,
  lead: "alex-wilber",
  chair: "adele-vance",
  "manager of this board": "megan-bowen",
  "manager of another board": "wendy-warks",
  administrator: "debra-berger",
} as const;
type Role = keyof typeof ROLES;
type Usage = "one board" | "two boards" | "no board";

function site(): BoardRecords {
  const r = structuredClone(demoRecords());
  const person = (id: string, displayName: string, boards: string[], n: number) => ({ id, displayName, jobTitle: "Officer", email: `${id}@assure-test.example`, entraObjectId: `00000000-0000-0000-0000-${String(n).padStart(13, "0")}`, channel: "teams-else-email" as const, boards });
  r.people.push(person("wendy-warks", "Wendy Warks", [W], 50), person("sam-shared", "Sam Shared", [C, L], 51), person("nobody-yet", "Nobody Yet", [], 52), person("debra-berger", "Debra Berger", [], 40));
  const template = r.plans.find((p) => p.id === COVENTRY)!;
  r.plans.push({ ...template, id: "warks-plan", title: "Warwickshire plan", boards: [W], managers: ["wendy-warks"] }, { ...template, id: "nowhere-plan", title: "A plan nobody manages", boards: [NOWHERE], managers: [] });
  r.sections.push({ id: "warks-plan/r1", planId: "warks-plan", kind: "recommendation", number: "1", title: "W", source: null, rationale: [], successMeasures: [] }, { id: "nowhere-plan/r1", planId: "nowhere-plan", kind: "recommendation", number: "1", title: "N", source: null, rationale: [], successMeasures: [] });
  // Coventry's QA&P group becomes a subgroup Adele chairs, steering the actions its lead leads.
  r.subgroups.push(
    { id: "cov-qap-group", name: "Coventry QA&P", kind: "subgroup", boards: [C], role: "Quality assurance", chair: "adele-vance", digestAt: null, deliverables: [] },
    { id: "shared-group", name: "Joint Review Group", kind: "subgroup", boards: [C, L], role: "Joint reviews", chair: "sam-shared", digestAt: null, deliverables: [] },
    { id: "unused-group", name: "Nowhere Group", kind: "subgroup", boards: [NOWHERE], role: "Nothing yet", chair: null, digestAt: null, deliverables: [] },
  );
  r.leads.find((l) => l.id === "cov-qap")!.subgroups = ["cov-qap-group"];
  r.leads.push(
    { id: "shared-lead", asWritten: "Joint Safeguarding Lead", kind: "role", members: ["sam-shared"], chair: null, remind: "all", subgroups: ["shared-group"], boards: [C, L] },
    { id: "orphan-lead", asWritten: "Orphan Lead", kind: "role", members: ["nobody-yet"], chair: null, remind: "all", subgroups: [], boards: [] },
  );
  const action = r.actions.find((a) => a.id === `${COVENTRY}/1.1`)!;
  r.actions.push({ ...action, id: "nowhere-plan/1.1", planId: "nowhere-plan", sectionId: "nowhere-plan/r1", ref: "1.1", lead: { asWritten: "Orphan Lead", leadId: null } });
  return r;
}

/** Each usage's records: a plan, one of its sections and actions, and a person, lead and subgroup. */
const RECORDS: Record<Usage, { plan: string; section: string; action: string; leadForAction: string; person: string; lead: string; subgroup: string; boards: string[] | undefined; members: string[] }> = {
  // Coventry's own: action 2.1 is led by the QA&P group Adele chairs; 1.1 by Alex.
  "one board": { plan: COVENTRY, section: `${COVENTRY}/r1`, action: `${COVENTRY}/2.1`, leadForAction: "cov-sar-coordinator", person: "alex-wilber", lead: "cov-sar-coordinator", subgroup: "cov-qap-group", boards: [C], members: ["alex-wilber"] },
  // Shared by Coventry and LLR (LLR's plan itself names two boards).
  "two boards": { plan: LLR, section: `${LLR}/p1`, action: `${LLR}/1.1.1`, leadForAction: "llr-audit-group", person: "sam-shared", lead: "shared-lead", subgroup: "shared-group", boards: [C, L], members: ["sam-shared"] },
  // Of no board (a lead, a person), or of a board that has no manager (a plan, a subgroup); new records naming no board.
  "no board": { plan: "nowhere-plan", section: "nowhere-plan/r1", action: "nowhere-plan/1.1", leadForAction: "orphan-lead", person: "nobody-yet", lead: "orphan-lead", subgroup: "unused-group", boards: undefined, members: ["nobody-yet"] },
};

const WRITES = ["importRecords", "updateRecord", "updateAction", "recordChange", "appendProgressUpdates", "revokeReplyLinks", "saveReplyLink"];
let env: EmulatorFixture;
let server: Server;
let base: string;
let writes = 0;
let n = 0;

beforeAll(async () => {
  env = await emulatorFixture();
  await env.store.importRecords(site());
  const store = new Proxy(env.store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (WRITES.includes(String(key))) writes++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as PlanStore & typeof env.store;
  const directory = { search: async () => [], user: async (id: string) => ({ id, displayName: `Picked ${id.slice(-4)}`, jobTitle: "Officer", mail: `picked-${id.slice(-4)}@assure-test.example` }) } as unknown as TenantDirectory;
  const app = createApp({ store, botEndpoint: null, identify: developmentIdentity, isAdmin: async (oid) => oid === ADMIN_OID, directory, now: () => new Date("2026-11-23T10:00:00Z"), version: "test", localMode: true, tabDir: null });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  server?.close();
  await env?.close();
});

async function call(role: Role | "megan-bowen" | "debra-berger", method: string, path: string, body?: unknown, ifMatch?: string) {
  const who = role in ROLES ? ROLES[role as Role] : role;
  const headers: Record<string, string> = { "content-type": "application/json", ...(who ? { "x-assure-dev-person": who } : {}), ...(ifMatch ? { "if-match": ifMatch } : {}) };
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : { text }) as Record<string, any> };
}
/** A record's current version, read as the administrator (anyone may read). */
async function versionOf(kind: "plan" | "section" | "action" | "person" | "lead" | "subgroup", id: string): Promise<string> {
  if (kind === "person" || kind === "lead" || kind === "subgroup") {
    const d = (await call("debra-berger", "GET", "/api/directory")).body;
    return d[{ person: "people", lead: "leads", subgroup: "subgroups" }[kind]].find((x: { id: string }) => x.id === id).version;
  }
  const planId = kind === "plan" ? id : kind === "section" ? id.split("/")[0]! : id.split("/")[0]!;
  const board = (await call("debra-berger", "GET", `/api/plans/${encodeURIComponent(planId)}/board`)).body.plan;
  if (kind === "plan") return board.version;
  if (kind === "section") return board.sections.find((s: { id: string }) => s.id === id).version;
  const actions = board.sections.flatMap((s: Record<string, any>) => [...s.actions, ...s.deliverables.flatMap((d: Record<string, any>) => d.actions)]);
  return actions.find((a: { id: string }) => a.id === id).version;
}

type Route = { name: string; send: (role: Role, rec: (typeof RECORDS)[Usage]) => Promise<{ status: number }>; allowed: Record<Usage, Role[]> };
const enc = encodeURIComponent;
const csv = (title: string) => `Ref,Recommendation,Action,Lead,Target date,RAG\n1.1,1. ${title},Share the learning,Someone,31/03/2027,Green\n`;

const ROUTES: Route[] = [
  { name: "PATCH /api/plans/:id", send: async (role, r) => call(role, "PATCH", `/api/plans/${enc(r.plan)}`, { title: `Renamed ${++n}` }, await versionOf("plan", r.plan)), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  { name: "POST /api/plans/:id/sections", send: (role, r) => call(role, "POST", `/api/plans/${enc(r.plan)}/sections`, { kind: r.plan === LLR ? "priority" : "recommendation", number: `9${++n}`, title: "New" }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  { name: "PATCH /api/sections/:id", send: async (role, r) => call(role, "PATCH", `/api/sections/${enc(r.section)}`, { title: `Retitled ${++n}` }, await versionOf("section", r.section)), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  // A new action's lead comes from the plan's own boards' directory: the orphan lead is nobody's to attach.
  { name: "POST /api/plans/:id/actions", send: (role, r) => call(role, "POST", `/api/plans/${enc(r.plan)}/actions`, { sectionId: r.section, ref: `9.${++n}`, text: "New action", leadId: r.leadForAction, timescale: "March 2027" }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": [] } },
  { name: "PATCH /api/actions/:id", send: async (role, r) => call(role, "PATCH", `/api/actions/${enc(r.action)}`, { text: `Reworded ${++n}` }, await versionOf("action", r.action)), allowed: { "one board": ["chair", "manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  { name: "POST /api/actions/:id/reply-links/revoke", send: (role, r) => call(role, "POST", `/api/actions/${enc(r.action)}/reply-links/revoke`), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  // Progress: only the people who answer for the action's lead (Alex, for Coventry's 1.1).
  { name: "POST /api/actions/:id/progress-updates", send: (role, r) => call(role, "POST", `/api/actions/${enc(r.plan === COVENTRY ? `${COVENTRY}/1.1` : r.action)}/progress-updates`, { text: `Progress ${++n}` }), allowed: { "one board": ["lead"], "two boards": [], "no board": [] } },
  { name: "GET /api/people/search", send: (role) => call(role, "GET", "/api/people/search?q=chris"), allowed: { "one board": ["manager of this board", "manager of another board", "administrator"], "two boards": ["manager of this board", "manager of another board", "administrator"], "no board": ["manager of this board", "manager of another board", "administrator"] } },
  // New people, leads and subgroups join the boards named; naming none, the adding manager's own.
  { name: "POST /api/people", send: (role, r) => call(role, "POST", "/api/people", { entraObjectId: `00000000-0000-0000-0000-${String(1000 + ++n).padStart(13, "0")}`, ...(r.boards ? { boards: r.boards } : {}) }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["manager of this board", "manager of another board"] } },
  { name: "PATCH /api/people/:id", send: async (role, r) => call(role, "PATCH", `/api/people/${r.person}`, { jobTitle: `Officer ${++n}` }, await versionOf("person", r.person)), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  { name: "POST /api/leads", send: (role, r) => call(role, "POST", "/api/leads", { asWritten: `New Lead ${++n}`, kind: "role", members: r.members, ...(r.boards ? { boards: r.boards } : {}) }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": [] } },
  { name: "PATCH /api/leads/:id", send: async (role, r) => call(role, "PATCH", `/api/leads/${r.lead}`, { kind: ++n % 2 ? "several" : "role" }, await versionOf("lead", r.lead)), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  { name: "POST /api/subgroups", send: (role, r) => call(role, "POST", "/api/subgroups", { name: `New Group ${++n}`, boards: r.boards ?? [NOWHERE], role: "x" }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  { name: "PATCH /api/subgroups/:id", send: async (role, r) => call(role, "PATCH", `/api/subgroups/${r.subgroup}`, { role: `Role ${++n}` }, await versionOf("subgroup", r.subgroup)), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  // Last: whoever starts a plan becomes its manager, and so a manager of its boards.
  { name: "POST /api/plans", send: (role, r) => call(role, "POST", "/api/plans", { title: `New plan ${++n}`, kind: "other", boards: r.boards ?? [NOWHERE] }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
  // A new plan imported for the boards named (none named: the importing manager's own); into a plan that exists, only its managers.
  { name: "POST /api/imports (new plan)", send: (role, r) => call(role, "POST", "/api/imports", { name: "plan.csv", text: csv(`Imported ${++n}`), choices: { title: `Imported plan ${n}`, ...(r.boards ? { boards: r.boards } : {}) } }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["manager of this board", "manager of another board"] } },
  { name: "POST /api/imports (into the plan)", send: (role, r) => call(role, "POST", "/api/imports", { name: "plan.csv", text: csv(`Into ${++n}`), choices: { planId: r.plan } }), allowed: { "one board": ["manager of this board", "administrator"], "two boards": ["administrator"], "no board": ["administrator"] } },
];

/** Reading is open to everyone in the tenant, as the plans themselves are (docs/security.md); "my actions" needs to know who you are. */
const READS = (r: (typeof RECORDS)[Usage]) => [
  "/api/me",
  "/api/plans",
  `/api/plans/${enc(r.plan)}`,
  `/api/plans/${enc(r.plan)}/board`,
  `/api/plans/${enc(r.plan)}/export?format=csv`,
  `/api/dashboard?planId=${enc(r.plan)}`,
  `/api/actions/${enc(r.action)}/updates`,
  `/api/changes?planId=${enc(r.plan)}`,
  "/api/directory",
  "/api/export",
  "/api/reachability",
  `/api/reports/annual?year=2022/23&board=${enc(C)}`,
  `/api/dashboard?board=${enc(L)}`,
];

describe("every route, every role, records of one board, two boards and none", () => {
  for (const route of ROUTES) {
    for (const usage of Object.keys(RECORDS) as Usage[]) {
      it.each(Object.keys(ROLES) as Role[])(`${usage}: ${route.name} as %s`, async (role) => {
        const before = writes;
        const res = await route.send(role, RECORDS[usage]);
        if (route.allowed[usage].includes(role)) {
          expect(res.status, JSON.stringify(res)).toBeGreaterThanOrEqual(200);
          expect(res.status, JSON.stringify(res)).toBeLessThan(300);
        } else {
          expect(res.status, JSON.stringify(res)).toBeGreaterThanOrEqual(400);
          expect(res.status, JSON.stringify(res)).toBeLessThan(500);
          if (role === "no identity") expect(res.status).toBe(401);
          expect(writes - before, "nothing written when refused").toBe(0);
        }
      });
    }
  }
  for (const usage of Object.keys(RECORDS) as Usage[]) {
    it.each(Object.keys(ROLES) as Role[])(`${usage}: every read as %s, and "my actions" only for someone in the directory`, async (role) => {
      const before = writes;
      for (const path of READS(RECORDS[usage])) expect((await call(role, "GET", path)).status, path).toBe(200);
      expect((await call(role, "GET", "/api/my-actions")).status).toBe(role === "no identity" ? 401 : 200);
      expect(writes).toBe(before);
    });
  }
});

describe("one board's reports", () => {
  it("the annual report and dashboard take one board, as the plans write it, and name the boards there are for one that matches none", async () => {
    const annual = await call("megan-bowen", "GET", `/api/reports/annual?year=2015/16&board=${enc(C.toUpperCase())}`);
    expect(annual.status).toBe(200);
    const unknown = await call("megan-bowen", "GET", "/api/reports/annual?year=2022/23&board=LLR");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: "board", message: expect.stringContaining(`the boards there are: "${C}", "${L}"`) });
    expect((await call("megan-bowen", "GET", "/api/reports/annual?year=2022/23")).body.error.field).toBe("board");
    // Coventry's dashboard counts Coventry's actions only; LLR's only LLR's.
    const count = async (board: string) => {
      const d = (await call("megan-bowen", "GET", `/api/dashboard?asOf=2022-10-03&board=${enc(board)}`)).body;
      const last = d.ratingsByMonth.at(-1).counts as Record<string, number>;
      return Object.values(last).reduce((a, b) => a + b, 0);
    };
    const [cov, llr, all] = [await count(C), await count(L), await count("all")];
    expect(cov).toBeGreaterThan(0);
    expect(llr).toBeGreaterThan(0);
    expect(cov + llr).toBeLessThanOrEqual(all);
    expect((await call("megan-bowen", "GET", "/api/dashboard?board=Nowhere")).status).toBe(400);
  });
});
