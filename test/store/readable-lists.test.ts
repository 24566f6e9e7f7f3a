import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { currentDeadline, type Action } from "../../src/core/action.js";
import { demoRecords } from "../../src/demo/index.js";
import { demoTenantDirectory } from "../../src/demo/tenant-directory.js";
import { LISTS, SCHEMA_VERSION } from "../../src/store/list-schema.js";
import { provision } from "../../src/store/provision.js";
import { ACTION_STATE_CHOICES, READABLE, RAG_CHOICES } from "../../src/store/readable-columns.js";
import { dayOfDateOnly } from "../../src/store/readable-fields.js";
import { RECORD_CODECS } from "../../src/store/record-codecs.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

/**
 * The lists as a person reads them, through Graph (the real graph-client over HTTP against the
 * emulator): dates in date columns, choices in people's words, no JSON in any visible column.
 */
let env: EmulatorFixture;
afterEach(async () => {
  await env?.close();
  if (env) rmSync(env.dataDir, { recursive: true, force: true });
});

type Json = Record<string, any>;
const itemsOf = async (key: (typeof LISTS)[number]["key"], select?: string) => {
  const path = await env.lists.listPath(key);
  const page = await env.client.api(`${path}/items`).query({ $expand: select ? `fields($select=${select})` : "fields", $top: "5000" }).get();
  return (page.value as { id: string; fields: Json }[]).map((i): Json => ({ id: i.id, ...i.fields }));
};
const columnsOf = async (key: (typeof LISTS)[number]["key"]) => (await env.client.api(`${await env.lists.listPath(key)}/columns`).get()).value as Json[];

/** Demo records with deadlines on days either side of both clock changes, in BST and in GMT. */
const DAYS = { bst: "2026-06-15", gmt: "2026-01-15", springForward: "2026-03-29", fallBack: "2026-10-25" };
function recordsWithDeadlines() {
  const records = demoRecords();
  const days = Object.values(DAYS);
  records.actions = records.actions.map((a, i): Action => (i < days.length ? { ...a, revisedDeadline: { date: days[i]!, reason: "Agreed by the board" } } : a));
  return records;
}

describe("the Actions list as a person reads it", () => {
  it("shows every action's current deadline in a date-only column, on the right day in BST and GMT", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    const records = recordsWithDeadlines();
    await env.store.importRecords(records);
    const column = (await columnsOf("actions")).find((c) => c.name === "Deadline")!;
    expect(column).toMatchObject({ displayName: "Deadline", dateTime: { format: "dateOnly" }, hidden: false });

    const rows = await itemsOf("actions");
    for (const action of records.actions) {
      const row = rows.find((r) => r.AssureId === action.id)!;
      expect(dayOfDateOnly(row.Deadline ?? null), action.id).toBe(currentDeadline(action));
    }
    // SharePoint keeps the site's midnight (Europe/London), returned in UTC: BST is an hour before UTC's.
    const raw = (day: string) => rows.find((r) => r.AssureId === records.actions[Object.values(DAYS).indexOf(day)]!.id)!.Deadline;
    expect(raw(DAYS.bst)).toBe("2026-06-14T23:00:00Z");
    expect(raw(DAYS.gmt)).toBe("2026-01-15T00:00:00Z");
    expect(raw(DAYS.springForward)).toBe("2026-03-29T00:00:00Z"); // the clocks go forward at 01:00
    expect(raw(DAYS.fallBack)).toBe("2026-10-24T23:00:00Z"); // still BST at midnight
  });

  it("has rating and status as choices in people's words, the plan and section as lookups, and the lead as people", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    const records = demoRecords();
    await env.store.importRecords(records);
    const rows = await itemsOf("actions", "AssureId,RAG,ActionState,Plan,Section,LeadPeople,LeadAsWritten,LatestUpdateText,LatestUpdateOn");
    const plans = await itemsOf("plans");
    expect(new Set(rows.map((r) => r.RAG))).toEqual(new Set(records.actions.map((a) => (a.rating === null ? "Not rated" : a.rating[0]!.toUpperCase() + a.rating.slice(1)))));
    for (const row of rows) {
      expect(RAG_CHOICES).toContain(row.RAG);
      expect(ACTION_STATE_CHOICES).toContain(row.ActionState);
      const action = records.actions.find((a) => a.id === row.AssureId)!;
      const plan = plans.find((p) => p.AssureId === action.planId)!;
      expect(row.PlanLookupId).toBe(plan.id);
      expect(row.Plan).toBe(plan.Title);
      expect(row.Section).toMatch(/^\S+\. /);
    }
    // Leads who resolve to tenant people are people; "Lead" keeps the words as written.
    const withPeople = rows.filter((r) => Array.isArray(r.LeadPeople) && r.LeadPeople.length > 0);
    expect(withPeople.length).toBeGreaterThan(0);
    const someone = withPeople[0]!.LeadPeople[0];
    expect(records.people.map((p) => p.email)).toContain(someone.Email);
    expect(someone.LookupValue).toBe(records.people.find((p) => p.email === someone.Email)!.displayName);
    const updated = records.actions.find((a) => a.latestUpdate !== null);
    if (updated) {
      const row = rows.find((r) => r.AssureId === updated.id)!;
      expect(row.LatestUpdateText).toBe(records.progressUpdates.find((u) => u.id === updated.latestUpdate!.id)!.text);
      expect(row.LatestUpdateOn).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    }
  });

  it("keeps JSON and machine words in hidden columns: no visible column of any list holds JSON", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    await env.store.importRecords(demoRecords());
    for (const list of LISTS) {
      const visible = (await columnsOf(list.key)).filter((c) => !c.hidden && !c.readOnly).map((c) => c.name as string);
      for (const row of await itemsOf(list.key)) {
        for (const name of visible) {
          const value = row[name];
          if (typeof value !== "string" || !/^[[{]/.test(value)) continue;
          expect(() => JSON.parse(value), `${list.displayName}.${name}: ${value.slice(0, 60)}`).toThrow();
        }
      }
    }
    const actionColumns = await columnsOf("actions");
    for (const name of ["Timescale", "StatusDetail", "LatestUpdate", "Rating", "ActionStatus"]) expect(actionColumns.find((c) => c.name === name)?.hidden, name).toBe(true);
  });

  it("updates a card reply's readable columns in the writes that happen anyway: no extra request", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    const records = demoRecords();
    await env.store.importRecords(records);
    const action = records.actions.find((a) => a.status.state === "open")!;
    const update = { id: "pu-readable-1", actionId: action.id, author: { personId: null, name: "A Lead" }, at: "2026-07-01T22:30:00Z", text: "Training delivered to 40 staff.", evidence: [], rating: "red" as const, proposedDeadline: null, markedComplete: false, via: "teams-card" as const };
    await env.resetStats();
    await env.store.appendProgressUpdates([update]);
    await env.store.updateAction(action.id, (a) => ({ ...a, rating: "red", latestUpdate: { id: update.id, at: update.at } }));
    const stats = await env.stats();
    expect(stats.byMethod.PATCH ?? 0).toBe(1); // the action's own PATCH carried the readable columns
    const [row] = (await itemsOf("actions")).filter((r) => r.AssureId === action.id);
    expect(row).toMatchObject({ RAG: "Red", LatestUpdateText: update.text });
    expect(dayOfDateOnly(row!.LatestUpdateOn)).toBe("2026-07-01"); // 23:30 in London
    const [given] = (await itemsOf("progressUpdates")).filter((r) => r.AssureId === update.id);
    expect(given).toMatchObject({ RAG: "Red", GivenThrough: "Teams card", Given: "2026-07-01T22:30:00.000Z" });
  });
});

describe("upgrade in place (assure provision)", () => {
  /** A site as schema 4 left it: no readable columns, nothing renamed or hidden, rows without them. */
  async function schema4Site() {
    env = await emulatorFixture({ directory: demoTenantDirectory(), provisioned: false });
    for (const list of LISTS) {
      const added = new Set(READABLE[list.key]?.add.map((c) => c.name));
      const columns = list.columns.filter((c) => !added.has(c.name)).map(({ displayName: _d, hidden: _h, ...c }) => c);
      await env.lists.createList({ displayName: list.displayName, description: list.description, columns });
    }
    await env.lists.createItem("settings", { AssureId: "schemaVersion", Title: "Schema version of Assure's lists", Value: "4" });
    const records = recordsWithDeadlines();
    for (const [kind, codec] of Object.entries(RECORD_CODECS)) {
      const added = new Set(READABLE[codec.list]?.add.map((c) => c.name));
      const rows = (records[kind as keyof typeof records] as unknown[]).map((r) => Object.fromEntries(Object.entries((codec.toFields as (x: unknown) => Json)(r)).filter(([k]) => !added.has(k))));
      if (rows.length > 0) await env.lists.createItems(codec.list, rows);
    }
    return records;
  }

  it("adds the columns, names and hides the old ones, fills every row from its record, loses nothing, and a second run changes nothing", async () => {
    const records = await schema4Site();
    const before = await env.store.readRecords();

    const report = await provision(env.lists);
    expect(report.columnsAdded).toContain("Assure Actions.Deadline");
    expect(report.columnsChanged).toContain("Assure Actions.Timescale (hidden true)");
    expect(report.readable.filled["Assure Actions"]).toBe(records.actions.length);
    expect(report.schemaVersion).toBe(SCHEMA_VERSION);

    const after = await env.store.readRecords();
    expect(after.records).toEqual(before.records);
    expect(after.problems).toEqual([]);
    const rows = await itemsOf("actions");
    for (const action of records.actions) expect(dayOfDateOnly(rows.find((r) => r.AssureId === action.id)!.Deadline ?? null)).toBe(currentDeadline(action));

    const again = await provision(env.lists);
    expect(again).toMatchObject({ listsCreated: [], columnsAdded: [], columnsChanged: [], readable: { filled: {}, skipped: 0 } });
  });
});
