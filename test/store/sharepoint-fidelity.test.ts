import { afterEach, describe, expect, it } from "vitest";
import { demoRecords } from "../../src/demo/index.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { RateLimitPacer } from "../../src/store/graph-middleware.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { emulatorFixture, FAST_RETRY, SITE, type EmulatorFixture } from "../support/emulator.js";

/**
 * What SharePoint really answers, as the emulator imitates it and the store copes with it. Each
 * behaviour's source is cited in docs/store.md ("Fidelity"); `assure doctor --deep` checks the
 * same things against a real site.
 */
let env: EmulatorFixture;
afterEach(async () => env?.close());

type Json = Record<string, any>;
const raw = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${env.graphUrl}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => null)) as Json };
};
const peoplePath = () => env.lists.listPath("people");
const person = (id: string, extra: Json = {}) => ({ AssureId: id, Title: id, DisplayName: "A Person", JobTitle: "Lead", Email: `${id}@example.org`, EntraObjectId: `oid-${id}`, ...extra });

describe("unique values (SharePoint answers 400 invalidRequest, not 409)", () => {
  it("refuses a duplicate with SharePoint's code and message", async () => {
    env = await emulatorFixture();
    const path = await peoplePath();
    expect((await raw("POST", `${path}/items`, { fields: person("p-1") })).status).toBe(201);
    const again = await raw("POST", `${path}/items`, { fields: person("p-1") });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: "invalidRequest", message: "One or more fields with unique constraints already has the provided value." });
  });

  it("treats a refused create as already stored only after reading the row back", async () => {
    env = await emulatorFixture();
    expect(await env.lists.createItem("people", person("p-2"))).toBe("created");
    expect(await env.lists.createItem("people", person("p-2"))).toBe("exists");
    // SharePoint says "duplicate" but no row has this id (another unique column, say): not stored, and said so.
    await env.faults({ method: "POST", path: "/items$", scope: "request", status: 400, times: 1 });
    await expect(env.lists.createItem("people", person("p-3"))).rejects.toMatchObject({ storeCode: "unique" });
    expect(await env.lists.findByAssureId("people", "p-3")).toBeNull();
  });

  it("never reads any other 409 as 'already stored'", async () => {
    env = await emulatorFixture();
    await env.faults({ method: "POST", path: "/items$", scope: "request", status: 409, times: 1 });
    await expect(env.lists.createItem("people", person("p-4"))).rejects.toMatchObject({ storeCode: "conflict" });
    await env.faults({ method: "POST", path: "/items$", scope: "batch-item", status: 409, times: 1 });
    await expect(env.lists.createItems("people", [person("p-5")])).rejects.toMatchObject({ storeCode: "graph" });
    expect(await env.lists.findByAssureId("people", "p-5")).toBeNull();
  });

  it("imports the same records twice without duplicating a row, through batches of 400s", async () => {
    env = await emulatorFixture();
    await env.store.importRecords(demoRecords());
    await env.store.importRecords(demoRecords());
    const { records } = await env.store.readRecords();
    expect(records.actions).toHaveLength(demoRecords().actions.length);
    expect(records.people).toHaveLength(demoRecords().people.length);
  });
});

describe("single-line text holds 255 characters", () => {
  it("is refused by the emulator as SharePoint refuses it", async () => {
    env = await emulatorFixture();
    const refused = await raw("POST", `${await peoplePath()}/items`, { fields: person("p-6", { JobTitle: "x".repeat(256) }) });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalidRequest");
  });

  it("is refused by the store before anything is written, naming the column", async () => {
    env = await emulatorFixture();
    const records = demoRecords();
    const long = { ...records.people[3]!, jobTitle: "x".repeat(256) };
    await env.resetStats();
    await expect(env.store.importRecords({ ...records, people: [...records.people.slice(0, 3), long, ...records.people.slice(4)] })).rejects.toMatchObject({ code: "invalid-input", field: "JobTitle" });
    expect((await env.stats()).byMethod.POST ?? 0).toBe(0); // not even the rows before it
  });
});

describe("$batch", () => {
  it("answers in its own order (here last first), runs dependsOn only after success (else 424), and needs unique ids", async () => {
    env = await emulatorFixture();
    const path = await peoplePath();
    const post = (id: string, fields: Json, dependsOn?: string[]) => ({ id, method: "POST", url: `${path}/items`, headers: { "Content-Type": "application/json" }, body: { fields }, ...(dependsOn ? { dependsOn } : {}) });
    const answer = await raw("POST", "/$batch", { requests: [post("1", person("b-1")), post("2", person("b-1"), ["1"]), post("3", person("b-3"), ["2"])] });
    expect(answer.body.responses.map((r: Json) => [r.id, r.status])).toEqual([["3", 424], ["2", 400], ["1", 201]]);
    const duplicateIds = await raw("POST", "/$batch", { requests: [post("1", person("b-4")), post("1", person("b-5"))] });
    expect(duplicateIds.status).toBe(400);
  });

  it("is matched to its requests by id, so a throttled item is retried and nothing lands twice", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "batch-item", status: 429, retryAfterSeconds: 0, times: 3 });
    const rows = Array.from({ length: 20 }, (_, i) => person(`o-${i}`));
    await env.lists.createItems("people", rows);
    const stored = (await env.lists.readItems("people")).map((r) => r.fields.AssureId).sort();
    expect(stored).toEqual(rows.map((r) => r.AssureId).sort());
  });
});

describe("query options", () => {
  it("refuses $orderby and others SharePoint items do not reliably support, rather than ignoring them", async () => {
    env = await emulatorFixture();
    const path = await peoplePath();
    for (const option of ["$orderby=fields/Title", "$count=true", "$search=x"]) {
      const answer = await raw("GET", `${path}/items?${option}`);
      expect(answer.status, option).toBe(400);
      expect(answer.body.error.message).toContain(option.split("=")[0]);
    }
  });
});

describe("throttling", () => {
  it("slows down when SharePoint's RateLimit headers say the budget is nearly spent", async () => {
    env = await emulatorFixture();
    const waits: number[] = [];
    let clock = 0;
    // The pacer's clock and sleep are given to it, so the test reads decisions, not wall-clock time.
    const pacer = new RateLimitPacer(() => clock, async (ms) => {
      waits.push(ms);
      clock += ms;
    });
    const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl: env.graphUrl, site: SITE }, pacer), SITE, { retry: FAST_RETRY });
    await lists.readItems("people"); // no headers yet: no waiting
    expect(waits).toEqual([]);
    await env.faults({ scope: "request", rateLimit: { limit: 1200, remaining: 10, reset: 20 }, times: 1 });
    for (let i = 0; i < 4; i++) await lists.readItems("people");
    // 10 units left for 20 s: about one request every 2 s from then on.
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits).toEqual(waits.map(() => 2000));
    clock += 21_000; // past the reset: full speed again
    const before = waits.length;
    await lists.readItems("people");
    expect(waits.length).toBe(before);
  });

  it("waits out a 429's Retry-After once per retry, and the store loses nothing", async () => {
    env = await emulatorFixture();
    await env.faults({ scope: "request", status: 429, retryAfterSeconds: 0, times: 3 }, { scope: "request", status: 503, retryAfterSeconds: 0, times: 2 });
    const store = new GraphStore(env.lists);
    await store.importRecords(demoRecords());
    expect((await env.stats()).pendingFaults).toBe(0);
    expect((await store.readRecords()).records.actions).toHaveLength(demoRecords().actions.length);
  });
});

describe("document library files (driveItem), as Graph documents them", () => {
  it("makes a library with a drive, folders that refuse a second of the same name, and uploads that keep both or replace as asked", async () => {
    env = await emulatorFixture();
    const site = (await raw("GET", `/sites/${SITE}`)).body.id as string;
    const drive = (await raw("GET", `/sites/${site}/lists/Assure%20Evidence/drive`)).body;
    expect(drive).toMatchObject({ name: "Assure Evidence", driveType: "documentLibrary" });
    expect((await raw("GET", `/sites/${site}/drives`)).body.value.map((d: Json) => d.id)).toEqual([drive.id]);
    expect((await raw("GET", `/sites/${site}/lists/Assure%20People/drive`)).status).toBe(404); // a list is not a library

    const folder = (name: string) => raw("POST", `/drives/${drive.id}/root/children`, { name, folder: {}, "@microsoft.graph.conflictBehavior": "fail" });
    expect((await folder("board")).status).toBe(201);
    const twice = await folder("Board");
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("nameAlreadyExists");

    const put = async (path: string, body: string, behaviour?: string) => {
      const query = behaviour ? `?${new URLSearchParams({ "@microsoft.graph.conflictBehavior": behaviour }).toString()}` : "";
      const res = await fetch(`${env.graphUrl}/drives/${drive.id}/root:/${path}:/content${query}`, { method: "PUT", headers: { "content-type": "application/pdf" }, body });
      return { status: res.status, body: (await res.json()) as Json };
    };
    const first = await put("board/a%20b.pdf", "%PDF-1");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: "a b.pdf", size: 6, file: { mimeType: "application/pdf" } });
    expect(first.body.webUrl).toBe("https://assure.sharepoint.local/sites/safeguarding/Assure%20Evidence/board/a%20b.pdf");
    expect((await put("board/a%20b.pdf", "%PDF-2", "rename")).body.name).toBe("a b 1.pdf");
    expect((await put("board/a%20b.pdf", "%PDF-3", "fail")).status).toBe(409);
    expect((await put("board/a%20b.pdf", "%PDF-44")).status).toBe(200); // replace, the default for PUT
    expect((await put("missing/a.pdf", "%PDF-1")).status).toBe(404); // the parent folder must exist
    expect((await put("board/a%3Ab.pdf", "%PDF-1")).status).toBe(400); // ":" is not allowed in a SharePoint name
  });
});
