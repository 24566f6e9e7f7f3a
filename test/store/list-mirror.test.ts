import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Action } from "../../src/core/action.js";
import { demoRecords } from "../../src/demo/index.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { ListMirror } from "../../src/store/list-mirror.js";
import { RECORD_CODECS } from "../../src/store/record-codecs.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

/**
 * The board lists' mirror against the emulator's listItem delta, over HTTP with the real
 * graph-client. A clock the test moves stands for the poll interval, so nothing waits on time.
 */
const POLL_MS = 10_000;
let fx: EmulatorFixture;
let clock = 0;
const now = () => clock;
/** An instance of Assure: its own store and mirror over the same site. */
const instance = (more: Parameters<EmulatorFixture["connect"]>[0] = {}) => {
  const lists = fx.connect(more);
  return new GraphStore(lists, new ListMirror(lists, POLL_MS, now));
};
const plain = () => new GraphStore(fx.connect());
const rated = (a: Action, rating: Action["rating"]): Action => ({ ...a, rating });
const ratingOf = async (store: GraphStore, id: string) => (await store.readRecords()).records.actions.find((a) => a.id === id)?.rating;
const A = "coventry-sar-mrs-e-2015/1.1";

beforeEach(async () => {
  clock = 0;
  fx = await emulatorFixture({ pageSize: 7 });
  await plain().importRecords(demoRecords());
});
afterEach(async () => fx.close());

describe("the mirror of the board lists", () => {
  it("reads what a full read reads, and after a warm-up costs no Graph request within a poll", async () => {
    const a = instance();
    expect((await a.readRecords()).records).toEqual((await plain().readRecords()).records);
    await fx.resetStats();
    for (let i = 0; i < 20; i++) await a.readRecords();
    expect((await fx.stats()).requests).toBe(0);
    clock += POLL_MS;
    await a.readRecords();
    const stats = await fx.stats();
    // One delta read per record list (nine since action events, schema 7), each 1 resource unit with its token.
    expect(Object.keys(RECORD_CODECS)).toHaveLength(9);
    expect(stats.requests).toBe(9);
    expect(stats.resourceUnits).toBe(9);
  });

  it("shows a person their own write at once, however long the poll", async () => {
    const a = instance();
    await a.readRecords();
    await a.updateAction(A, (x) => rated(x, "red"));
    expect(await ratingOf(a, A)).toBe("red");
  });

  it("sees another instance's writes and deletions within one poll", async () => {
    const a = instance();
    const b = instance();
    await a.readRecords();
    await b.updateAction(A, (x) => rated(x, "amber"));
    await b.importRecords({ people: [{ ...demoRecords().people[0]!, id: "new-person", entraObjectId: "new-oid", email: "new@assure-demo.example" }] });
    const item = await fx.lists.findByAssureId("people", "megan-bowen");
    await fx.lists.deleteItem("people", item!.itemId, item!.etag);
    expect(await ratingOf(a, A)).toBe("green"); // within the poll: its copy may be a poll old
    clock += POLL_MS;
    const after = (await a.readRecords()).records;
    expect(after.actions.find((x) => x.id === A)?.rating).toBe("amber");
    expect(after.people.map((p) => p.id)).toContain("new-person");
    expect(after.people.map((p) => p.id)).not.toContain("megan-bowen");
    expect(after).toEqual((await plain().readRecords()).records);
  });

  it("starts again after 410 Gone and ends equal to the lists", async () => {
    const a = instance();
    await a.readRecords();
    await plain().updateAction(A, (x) => rated(x, "red"));
    await fx.faults({ path: "/items/delta$", status: 410, times: 1 });
    clock += POLL_MS;
    expect((await a.readRecords()).records).toEqual((await plain().readRecords()).records);
    expect((await fx.stats()).pendingFaults).toBe(0);
  });

  it("keeps its copy whole when an enumeration is cut off part-way, and finishes it next time", async () => {
    const a = instance({ retry: { attempts: 1, backoffSeconds: () => 0, maxWaitSeconds: 0 } });
    await a.readRecords();
    await plain().updateAction(A, (x) => rated(x, "red"));
    // The actions list's catch-up round is cut off: the connection drops.
    await fx.faults({ method: "GET", path: "/items/delta$", drop: "before", times: 1 });
    clock += POLL_MS;
    await expect(a.readRecords()).rejects.toThrow();
    expect((await a.readRecords()).records).toEqual((await plain().readRecords()).records);
    expect(await ratingOf(a, A)).toBe("red");
  });
});
