import { rmSync } from "node:fs";
import ExcelJS from "exceljs";
import { readListRows } from "../../src/cli/lists-command.js";
import { listsWorkbook } from "../../src/paper/list-sheets.js";
import { afterEach, describe, expect, it } from "vitest";
import { currentDeadline, type Action } from "../../src/core/action.js";
import { demoRecords } from "../../src/demo/index.js";
import { demoTenantDirectory } from "../../src/demo/tenant-directory.js";
import { listDefinition, LISTS, SCHEMA_VERSION } from "../../src/store/list-schema.js";
import { provision } from "../../src/store/provision.js";
import { ACTION_STATE_CHOICES, READABLE, RAG_CHOICES } from "../../src/store/readable-columns.js";
import { dayOfDateOnly } from "../../src/store/readable-fields.js";
import { RECORD_CODECS } from "../../src/store/record-codecs.js";
import { emulatorFixture, SITE, type EmulatorFixture } from "../support/emulator.js";
import { provisionCommand } from "../../src/cli/provision-command.js";
import type { Settings } from "../../src/cli/settings.js";
import { siteScript } from "../../src/store/list-views.js";

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

describe("the action's status in people's words", () => {
  it("says Awaiting sign-off and Signed off as the papers do, and a site made with the old words gains them on provision", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    const records = demoRecords();
    const [waiting, signed] = records.actions;
    records.actions = records.actions.map((a) => (a.id === waiting!.id ? { ...a, status: { state: "complete" as const } } : a.id === signed!.id ? { ...a, status: { state: "closed" as const, by: "Megan Bowen", on: "2026-05-01" } } : a));
    await env.store.importRecords(records);
    const state = async () => Object.fromEntries((await itemsOf("actions", "AssureId,ActionState")).map((r) => [r.AssureId, r.ActionState]));
    expect((await state())[waiting!.id]).toBe("Awaiting sign-off");
    expect((await state())[signed!.id]).toBe("Signed off");

    // A site provisioned before: the column's old choices, and rows holding the old words.
    const list = (await env.lists.findList("Assure Actions"))!;
    await env.lists.setChoices("Assure Actions", list.id, { ...list.choices.get("ActionState")!, name: "ActionState", choices: ["Open", "Complete", "Closed", "Not implemented"] });
    const row = (await itemsOf("actions", "AssureId")).find((r) => r.AssureId === waiting!.id)!;
    const etag = (await env.client.api(`${await env.lists.listPath("actions")}/items/${row.id}`).get())["@odata.etag"];
    await env.lists.patchFields("actions", row.id, { ActionState: "Complete" }, etag);

    const report = await provision(env.lists);
    expect(report.columnsAdded).toContain("Assure Actions.ActionState (choices Awaiting sign-off, Signed off)");
    expect((await env.lists.findList("Assure Actions"))!.choices.get("ActionState")!.choices).toEqual(["Open", "Complete", "Closed", "Not implemented", "Awaiting sign-off", "Signed off"]);
    expect((await state())[waiting!.id]).toBe("Awaiting sign-off");
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

describe("views and formatting (the site script `assure provision --print-template` writes)", () => {
  const design = async (list: string) => {
    const control = env.graphUrl.replace(/\/v1\.0$/, "/_emulator");
    const res = await fetch(`${control}/design?${new URLSearchParams({ site: SITE, list })}`);
    return (await res.json()) as { views: Json[]; columns: Json[] };
  };
  const apply = async (script: unknown) => {
    const control = env.graphUrl.replace(/\/v1\.0$/, "/_emulator");
    return fetch(`${control}/site-script`, { method: "POST", body: JSON.stringify({ site: SITE, script }) });
  };

  it("gives the Actions list its views (by plan and section, overdue, due in 28 days, my actions, by lead) and RAG pills, idempotently", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    await env.store.importRecords(demoRecords());
    const script = JSON.parse(await provisionCommand(["--print-template"], {} as Settings));
    expect(script.$schema).toBe("https://developer.microsoft.com/json-schemas/sp/site-design-script-actions.schema.json");
    for (let run = 0; run < 2; run++) expect((await apply(script)).status).toBe(200);

    const actions = await design("Assure Actions");
    expect(actions.views.map((v) => v.name)).toEqual(["By plan", "Overdue", "Due within 28 days", "My actions", "By lead"]);
    const byName = Object.fromEntries(actions.views.map((v) => [v.name, v]));
    expect(actions.views.filter((v) => v.isDefault).map((v) => v.name)).toEqual(["By plan"]);
    expect(byName["By plan"]!.query).toMatch(/<GroupBy[^>]*><FieldRef Name="Plan" \/><FieldRef Name="Section" \/><\/GroupBy>/);
    expect(byName["Overdue"]!.query).toContain('<Lt><FieldRef Name="Deadline" /><Value Type="DateTime"><Today /></Value></Lt>');
    expect(byName["Due within 28 days"]!.query).toContain('<Today OffsetDays="28" />');
    expect(byName["My actions"]!.query).toContain('<FieldRef Name="LeadPeople" LookupId="TRUE" /><Value Type="Integer"><UserID Type="Integer" /></Value>');
    expect(byName["By lead"]!.query).toContain('<GroupBy Collapse="FALSE" GroupLimit="100"><FieldRef Name="LeadAsWritten" /></GroupBy>');
    expect(byName["Overdue"]!.formatterJSON.additionalRowClass).toContain("sp-field-severity--blocked");
    expect(actions.columns.find((c) => c.name === "RAG")!.customFormatter.style["background-color"]).toContain("#C00000");
  });

  it("shows no hidden column and no JSON in any list's default view", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    await env.store.importRecords(demoRecords());
    expect((await apply(siteScript())).status).toBe(200);
    for (const list of ["actions", "plans", "progressUpdates", "people", "changes"] as const) {
      const { views, columns } = await design(listDefinition(list).displayName);
      const shown = views.find((v) => v.isDefault)!;
      for (const field of shown.viewFields) expect(columns.find((c) => c.name === field)?.hidden ?? false, `${list}: ${field}`).toBe(false);
      for (const row of await itemsOf(list)) {
        for (const field of shown.viewFields) {
          const value = row[field];
          if (typeof value === "string" && /^[[{]/.test(value)) expect(() => JSON.parse(value), `${list}.${field}`).toThrow();
        }
      }
    }
  });

  it("refuses a view that names a column the list does not have, as SharePoint would", async () => {
    env = await emulatorFixture();
    const script = { actions: [{ verb: "createSPList", listName: "Assure Actions", templateType: 100, subactions: [{ verb: "addSPView", name: "Wrong", viewFields: ["LinkTitle", "NoSuchColumn"], query: "" }] }] };
    const res = await apply(script);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("NoSuchColumn");
  });
});

describe("assure lists --as-sharepoint (each list as SharePoint's Export to Excel shows its default view)", () => {
  it("writes the Actions list's default view: its columns by display name, deadlines as date cells on the right day, people by name, no JSON", async () => {
    env = await emulatorFixture({ directory: demoTenantDirectory() });
    const records = recordsWithDeadlines();
    await env.store.importRecords(records);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await listsWorkbook(await readListRows(env.lists, SITE))) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Assure Actions")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(["Title", "Lead", "Lead (people)", "Deadline", "RAG rating", "Status", "Latest update", "Latest update on", "Item Type", "Path"]);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    expect(rows).toHaveLength(records.actions.length);
    for (const action of records.actions) {
      const row = rows.find((r) => String(r[0]).startsWith(`${action.ref} `) && String(r[0]).includes(action.text.slice(0, 40)))!;
      const deadline = row[3];
      const expected = currentDeadline(action);
      if (expected === null) expect(deadline ?? null, action.id).toBeNull();
      else expect((deadline as Date).toISOString().slice(0, 10), action.id).toBe(expected); // the day, as Excel shows it
      expect(RAG_CHOICES).toContain(row[4]);
      for (const cell of row) if (typeof cell === "string" && /^[[{]/.test(cell)) expect(() => JSON.parse(cell)).toThrow();
    }
    expect(rows.some((r) => typeof r[2] === "string" && r[2].length > 0)).toBe(true); // leads' people by name
    // Grouped by plan, then section, as the default view is.
    const plans = rows.map((r) => records.plans.find((p) => p.id === records.actions.find((a) => String(r[0]).startsWith(`${a.ref} `))?.planId)?.title);
    expect(plans.filter((p, i) => i === 0 || p !== plans[i - 1]).length).toBe(new Set(plans).size);
    expect(book.getWorksheet("Assure Progress Updates")!.getRow(1).values).toContain("When");
  });
});
