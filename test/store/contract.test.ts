import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoRecords } from "../../src/demo/index.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { LISTS, SCHEMA_VERSION } from "../../src/store/list-schema.js";
import { provision } from "../../src/store/provision.js";
import { progressUpdateCodec } from "../../src/store/record-codecs.js";
import { StoreError } from "../../src/store/store-error.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";
import { ACTION_ID, idsOf, updates } from "./fixtures.js";

// The real @microsoft/microsoft-graph-client over HTTP against our Graph emulator.
let env: EmulatorFixture;
afterEach(async () => env?.close());

/** Every list with its columns, as Graph lists them. */
async function schemaOf(fixture: EmulatorFixture) {
  const site = (await fixture.client.api(`/sites/${"assure.sharepoint.local:/sites/safeguarding:"}`).get()) as { id: string };
  const lists = (await fixture.client.api(`/sites/${site.id}/lists`).get()) as { value: { id: string; displayName: string }[] };
  return Promise.all(
    lists.value.map(async (l) => {
      const cols = (await fixture.client.api(`/sites/${site.id}/lists/${l.id}/columns`).get()) as {
        value: { name: string; indexed: boolean; enforceUniqueValues: boolean }[];
      };
      return { list: l.displayName, id: l.id, columns: cols.value };
    }),
  );
}

describe("provisioning", () => {
  it("creates every list, and a second run leaves the same schema", async () => {
    env = await emulatorFixture({ provisioned: false });
    const first = await provision(env.lists);
    expect(first.listsCreated).toEqual(LISTS.map((l) => l.displayName));
    const before = await schemaOf(env);
    const second = await provision(env.lists);
    expect(second).toEqual({ listsCreated: [], librariesCreated: [], columnsAdded: [], columnsChanged: [], readable: { filled: {}, leadsWithoutPeople: [], skipped: 0 }, schemaVersion: SCHEMA_VERSION });
    expect(await schemaOf(env)).toEqual(before);
  });

  it("adds a newer version's columns in place, keeping the rows", async () => {
    env = await emulatorFixture({ provisioned: false });
    const site = (await env.client.api("/sites/assure.sharepoint.local:/sites/safeguarding:").get()) as { id: string };
    // An older Assure's Actions list: only some of today's columns, with a row in it.
    await env.client.api(`/sites/${site.id}/lists`).post({
      displayName: "Assure Actions",
      columns: [{ name: "AssureId", text: {}, indexed: true, enforceUniqueValues: true }, { name: "Ref", text: {} }],
    });
    await env.client.api(`/sites/${site.id}/lists/Assure%20Actions/items`).post({ fields: { AssureId: "old-1", Ref: "1.1" } });
    const report = await provision(env.lists);
    expect(report.columnsAdded).toContain("Assure Actions.Rating");
    expect(report.columnsAdded).not.toContain("Assure Actions.Ref");
    expect(report.listsCreated).toContain("Assure Change Log"); // schema version 2's list
    const rows = await env.lists.readItems("actions");
    expect(rows.map((r) => r.fields.AssureId)).toEqual(["old-1"]);
  });

  it("keeps the indexes and unique claim key the app relies on", async () => {
    env = await emulatorFixture();
    const ledger = (await schemaOf(env)).find((l) => l.list === "Assure Reminder Ledger")!;
    expect(ledger.columns.find((c) => c.name === "AssureId")).toMatchObject({ indexed: true, enforceUniqueValues: true });
    for (const l of LISTS) expect(l.columns.filter((c) => c.indexed).length).toBeLessThanOrEqual(20);
  });
});

describe("reading and writing records", () => {
  beforeEach(async () => {
    env = await emulatorFixture({ pageSize: 7 });
  });

  it("stores both demo plans and reads them back unchanged", async () => {
    const demo = demoRecords();
    await env.store.importRecords(demo);
    const { records, problems } = await env.store.readRecords();
    expect(problems).toEqual([]);
    const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    for (const key of Object.keys(demo) as (keyof typeof demo)[]) {
      expect(byId(records[key] as { id: string }[])).toEqual(byId(demo[key] as { id: string }[]));
    }
  });

  it("follows @odata.nextLink through every page", async () => {
    await env.store.appendProgressUpdates(updates(30));
    await env.resetStats();
    const rows = await env.lists.readItems("progressUpdates");
    expect(rows).toHaveLength(30);
    expect((await env.stats()).byMethod.GET).toBe(5); // ceil(30 / 7) pages
  });

  it("filters on an indexed column on the server", async () => {
    await env.store.appendProgressUpdates([...updates(3), { ...updates(1, 99)[0]!, actionId: "coventry-sar-mrs-e-2015/2.1" }]);
    const rows = await env.lists.readItems("progressUpdates", { filter: `fields/ActionId eq '${ACTION_ID}'` });
    expect(rows.map((r) => r.fields.AssureId)).toEqual(["pu-test-1", "pu-test-2", "pu-test-3"]);
  });

  it("refuses a filter on a column without an index, as Graph does", async () => {
    const error = await env.lists.readItems("progressUpdates", { filter: "fields/AuthorName eq 'Alex Wilber'" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/list Assure Progress Updates: Graph 400 Bad Request: Field 'AuthorName' cannot be referenced in filter/);
  });

  it("writes many updates in $batch requests of at most 20", async () => {
    await env.resetStats();
    await env.store.appendProgressUpdates(updates(45));
    const stats = await env.stats();
    expect(stats.batches).toBe(3);
    expect(stats.batchItems).toBe(45);
    expect((await env.store.readRecords()).records.progressUpdates).toHaveLength(45);
  });

  it("stores a record once, however often it is written (unique AssureId)", async () => {
    const fields = progressUpdateCodec.toFields(updates(1)[0]!);
    expect(await env.lists.createItem("progressUpdates", fields)).toBe("created");
    expect(await env.lists.createItem("progressUpdates", fields)).toBe("exists");
    await env.store.appendProgressUpdates(updates(3));
    expect(idsOf((await env.store.readRecords()).records.progressUpdates)).toEqual(["pu-test-1", "pu-test-2", "pu-test-3"]);
  });

  it("reports a hand-edited malformed item by its id and reads the rest", async () => {
    await env.store.importRecords(demoRecords());
    await env.lists.createItem("actions", { AssureId: "broken-by-hand", Title: "typed in SharePoint", Ref: "99" });
    const { records, problems } = await env.store.readRecords();
    expect(records.actions).toHaveLength(33);
    expect(problems).toEqual([expect.stringMatching(/^list Assure Actions, item \d+ \(broken-by-hand\): planId: /)]);
  });
});

describe("reads that arrive together", () => {
  beforeEach(async () => {
    env = await emulatorFixture();
    await env.store.importRecords(demoRecords());
    await env.store.readRecords(); // the site and list ids are looked up once, then kept
  });

  it("share one read of the board when they overlap", async () => {
    await env.resetStats();
    await env.store.readRecords();
    const one = (await env.stats()).requests;
    await env.resetStats();
    const [a, b] = await Promise.all([env.store.readRecords(), env.store.readRecords()]);
    expect((await env.stats()).requests).toBe(one);
    expect(b).toBe(a);
  });

  it("never hand a read begun before a write finished to someone asking after it", async () => {
    await env.faults({ method: "GET", path: "/items", scope: "request", delayMs: 1500, times: 1 });
    let firstDone = false;
    const first = env.store.readRecords().then((r) => ((firstDone = true), r));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the first read's requests are out, one held up
    await env.store.updateAction(ACTION_ID, (a) => ({ ...a, rating: "red" }));
    expect(firstDone).toBe(false); // the write finished while the first read was still under way
    const after = await env.store.readRecords();
    expect(after.records.actions.find((a) => a.id === ACTION_ID)!.rating).toBe("red");
    await first;
  });
});

describe("eTags", () => {
  beforeEach(async () => {
    env = await emulatorFixture();
    await env.store.importRecords(demoRecords());
  });

  it("refuses a write with a stale eTag with 412, naming the item", async () => {
    const item = (await env.lists.findByAssureId("actions", ACTION_ID))!;
    await env.lists.patchFields("actions", item.itemId, { Rating: "amber" }, item.etag);
    const error = await env.lists.patchFields("actions", item.itemId, { Rating: "red" }, item.etag).catch((e: unknown) => e);
    expect(error).toMatchObject({ storeCode: "precondition" });
    expect((error as Error).message).toMatch(new RegExp(`^list Assure Actions, item ${item.itemId}: Graph 412 Precondition Failed`));
  });

  it("lets two writers racing on one action both land: the loser re-reads and reapplies", async () => {
    // Writer A's PATCH is held at the emulator while writer B reads and writes the same action.
    await env.faults({ method: "PATCH", delayMs: 400, times: 1 });
    let aCalls = 0;
    const a = env.store.updateAction(ACTION_ID, (x) => {
      aCalls += 1;
      return { ...x, rating: "amber" };
    });
    await new Promise((r) => setTimeout(r, 150));
    const other = new GraphStore(env.connect());
    await other.updateAction(ACTION_ID, (x) => ({ ...x, revisedDeadline: { date: "2016-03-31", reason: "Consultation extended" } }));
    await a;
    const stored = (await env.store.readRecords()).records.actions.find((x) => x.id === ACTION_ID)!;
    expect(aCalls).toBe(2);
    expect(stored.rating).toBe("amber");
    expect(stored.revisedDeadline).toEqual({ date: "2016-03-31", reason: "Consultation extended" });
  });

  it("says clearly when the action no longer exists", async () => {
    await expect(env.store.updateAction("no-such-action", (x) => x)).rejects.toThrow(
      "list Assure Actions: no-such-action does not exist",
    );
  });
});
