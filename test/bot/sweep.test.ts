import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SendOutcome } from "../../bot/adapter.js";
import { SendRateLimiter } from "../../bot/rate-limit.js";
import { runSweep, type Messenger } from "../../bot/sweep.js";
import { demoRecords } from "../../src/demo/index.js";
import { IN_DOUBT } from "../../src/core/ledger.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

// The store is real (graph-client over HTTP to the emulator). Teams' connector cannot run here,
// so sends go to a recording Messenger; the Agents Playground end-to-end test covers real sends.
const AT = new Date("2016-04-01T08:00:00Z"); // 09:00 BST: 28-day reminder for 6.2, among others
const demo = demoRecords();

class RecordingMessenger implements Messenger {
  sent: string[] = [];
  constructor(private readonly answer: (personEntraId: string) => SendOutcome = () => ({ ok: true, activityId: "a" })) {}
  async sendCard(reference: Record<string, unknown>, card: Record<string, unknown>): Promise<SendOutcome> {
    const who = String((reference.user as { aadObjectId: string }).aadObjectId);
    const outcome = this.answer(who);
    const about = JSON.stringify(card).match(/"text":"Action ([\d.]+):/)?.[1] ?? JSON.stringify(card).match(/"text":"([^":]+): week of/)?.[1] ?? "?";
    if (outcome.ok) this.sent.push(`${demo.people.find((p) => p.entraObjectId === who)!.id} ${about}`);
    return outcome;
  }
}

let env: EmulatorFixture;
let notices: string[];
beforeEach(async () => {
  env = await emulatorFixture();
  await env.store.importRecords(demo);
  notices = [];
  for (const p of demo.people) {
    await env.store.saveConversation({
      entraObjectId: p.entraObjectId,
      reference: { user: { id: `29:${p.id}`, aadObjectId: p.entraObjectId }, conversation: { id: `a:${p.id}` }, serviceUrl: "http://127.0.0.1:1/_connector" },
      stale: false,
      updatedAt: "2016-01-01T00:00:00.000Z",
    });
  }
});
afterEach(async () => env.close());

const sweep = (messenger: Messenger, now = AT, store: GraphStore = env.store) =>
  runSweep(
    { store, messenger, limiter: new SendRateLimiter(), notifyManagers: async (planId, m) => void notices.push(`${planId}: ${m}`) },
    { now, dryRun: false },
  );

describe("a sweep", () => {
  it("sends each due reminder once and marks it sent; the next sweep sends nothing", async () => {
    const messenger = new RecordingMessenger();
    const all = await sweep(messenger);
    // Held for a catch-up (more than 8 weeks overdue, never reminded): tested in catch-up.test.ts.
    const lines = all.filter((l) => l.outcome !== "held");
    const cards = lines.filter((l) => l.stage !== "catch-up-summary");
    expect(messenger.sent).toContain("diego-siciliani 6.2");
    expect(lines.every((l) => l.outcome === "sent")).toBe(true);
    const ledger = await env.store.readLedger();
    expect(ledger.map((e) => e.status)).toEqual(lines.map(() => "sent"));
    await sweep(messenger, new Date(AT.getTime() + 3600_000));
    expect(messenger.sent).toHaveLength(cards.length);
  });

  it("lists what it would send in a dry run, and claims and sends nothing", async () => {
    const messenger = new RecordingMessenger();
    const lines = await runSweep(
      { store: env.store, messenger, limiter: new SendRateLimiter(), notifyManagers: async () => {} },
      { now: AT, dryRun: true },
    );
    expect(lines).toContainEqual(expect.objectContaining({ what: "action 6.2", stage: "28-days", to: "Diego Siciliani", outcome: "would send" }));
    expect(messenger.sent).toEqual([]);
    expect(await env.store.readLedger()).toEqual([]);
  });

  it("sends nothing twice when two servers sweep at the same moment", async () => {
    const messenger = new RecordingMessenger();
    const other = new GraphStore(env.connect());
    await Promise.all([sweep(messenger), sweep(messenger, AT, other), sweep(messenger)]);
    expect(messenger.sent.length).toBeGreaterThan(5);
    expect(new Set(messenger.sent).size).toBe(messenger.sent.length);
  });

  it("after a crash between claim and send, sends the reminder once, when the claim times out", async () => {
    // The crash: a claim is written, and its sender dies before sending.
    await env.store.claim({
      key: "coventry-sar-mrs-e-2015/6.2|2016-04-30|28-days|diego-siciliani",
      kind: "reminder",
      actionId: "coventry-sar-mrs-e-2015/6.2",
      recipient: "diego-siciliani",
      stage: "28-days",
      dueOn: "2016-04-30",
      status: "claimed",
      claimedAt: AT.toISOString(),
      sentAt: null,
      attempts: 1,
      lastError: null,
    });
    const messenger = new RecordingMessenger();
    await sweep(messenger, new Date(AT.getTime() + 60_000));
    expect(messenger.sent).not.toContain("diego-siciliani 6.2");
    await sweep(messenger, new Date(AT.getTime() + 11 * 60_000));
    await sweep(messenger, new Date(AT.getTime() + 22 * 60_000));
    expect(messenger.sent.filter((s) => s === "diego-siciliani 6.2")).toHaveLength(1);
    const entry = (await env.store.readLedger()).find((e) => e.recipient === "diego-siciliani" && e.actionId?.endsWith("6.2"))!;
    expect(entry).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("after a crash between send and confirm, never sends it again: the ledger says it is in doubt", async () => {
    // The crash: every send is handed to Teams, and the process dies before the confirming write.
    const dying = Object.assign(Object.create(env.store) as GraphStore, {
      updateLedgerEntry: (key: string, change: Parameters<GraphStore["updateLedgerEntry"]>[1]) =>
        key.startsWith("batch|") ? Promise.reject(new Error("the process died")) : env.store.updateLedgerEntry(key, change),
    });
    const messenger = new RecordingMessenger();
    await expect(sweep(messenger, AT, dying)).rejects.toThrow("the process died");
    const sentBeforeCrash = [...messenger.sent];
    expect(sentBeforeCrash).toContain("diego-siciliani 6.2");
    await sweep(messenger, new Date(AT.getTime() + 11 * 60_000));
    await sweep(messenger, new Date(AT.getTime() + 22 * 60_000));
    expect(messenger.sent).toEqual(sentBeforeCrash);
    const entry = (await env.store.readLedger()).find((e) => e.recipient === "diego-siciliani" && e.actionId?.endsWith("6.2"))!;
    expect(entry).toMatchObject({ status: "failed", lastError: IN_DOUBT });
  });

  it("confirms sends a group at a time: one ledger write names many delivered claims", async () => {
    const messenger = new RecordingMessenger();
    // Reminders held for a catch-up (first run, long overdue) are not claimed: only what was sent is confirmed.
    const lines = (await sweep(messenger)).filter((l) => l.outcome === "sent");
    expect(lines.length).toBeGreaterThan(5);
    const rows = await env.store.readLedger();
    expect(rows.filter((e) => e.status === "sent")).toHaveLength(lines.length);
    // The rows as stored: each claim still says "claimed"; a batch row confirms them.
    const raw = await env.connect().readItems("ledger");
    const batches = raw.filter((r) => r.fields.Kind === "batch");
    expect(batches.length).toBeLessThan(lines.length);
    // The managers' one catch-up summary a plan is confirmed on its own row, as it is sent.
    const cards = lines.filter((l) => l.stage !== "catch-up-summary");
    expect(lines.length - cards.length).toBe(1);
    expect(batches.flatMap((b) => String(b.fields.Keys).split("\n")).sort()).toEqual(cards.map((l) => l.key).sort());
  });

  it("marks a person Teams refuses (403) unreachable, tells the board manager, and does not retry", async () => {
    const diego = demo.people.find((p) => p.id === "diego-siciliani")!.entraObjectId;
    const messenger = new RecordingMessenger((who) =>
      who === diego ? { ok: false, status: 403, permanent: true, retryAfterSeconds: null, message: "bot blocked" } : { ok: true, activityId: "a" },
    );
    const lines = await sweep(messenger);
    expect(lines).toContainEqual(expect.objectContaining({ what: "action 6.2", to: "Diego Siciliani", outcome: "failed", detail: "Teams 403" }));
    expect((await env.store.readConversations()).find((c) => c.entraObjectId === diego)!.stale).toBe(true);
    expect(notices).toContainEqual(expect.stringMatching(/^coventry-sar-mrs-e-2015: Assure cannot reach Diego Siciliani in Teams .*their reminder about action 6\.2 was not delivered\.$/));
    const later = await sweep(messenger, new Date(AT.getTime() + 30 * 60_000));
    expect(later.filter((l) => l.to === "Diego Siciliani")).toEqual([]);
  });

  it("keeps a reminder Teams throttled (429) claimed, and sends it after the claim times out", async () => {
    let throttle = true;
    const messenger = new RecordingMessenger(() =>
      throttle ? { ok: false, status: 429, permanent: false, retryAfterSeconds: 0, message: "slow down" } : { ok: true, activityId: "a" },
    );
    const first = (await sweep(messenger)).filter((l) => l.outcome !== "held" && l.stage !== "catch-up-summary");
    expect(first.every((l) => l.outcome === "will retry")).toBe(true);
    throttle = false;
    await sweep(messenger, new Date(AT.getTime() + 11 * 60_000));
    expect(messenger.sent).toHaveLength(first.length);
  });
});

describe("weekly digests in the sweep", () => {
  const MONDAY = new Date("2022-10-03T07:30:00Z"); // 08:30 BST

  it("sends each subgroup chair this week's digest once", async () => {
    const messenger = new RecordingMessenger();
    const lines = await runSweep(
      { store: env.store, messenger, limiter: new SendRateLimiter(), notifyManagers: async () => {} },
      { now: MONDAY, dryRun: false, only: "digests" },
    );
    expect(lines.map((l) => `${l.outcome} ${l.what} to ${l.to}`).sort()).toEqual([
      "sent digest for Audit Group to Johanna Lorenz",
      "sent digest for Engagement Group (Leicester SAB only) to Henrietta Mueller",
      "sent digest for Performance Group to Lynne Robbins",
      "sent digest for Procedures Group to Lidia Holloway",
      "sent digest for Review Group to Nestor Wilke",
      "sent digest for Safeguarding Adults Board to Miriam Graham",
      "sent digest for Training Group to Grady Archie",
    ]);
    // Later that week, and on another server: nothing again.
    await runSweep(
      { store: new GraphStore(env.connect()), messenger, limiter: new SendRateLimiter(), notifyManagers: async () => {} },
      { now: new Date("2022-10-06T12:00:00Z"), dryRun: false, only: "digests" },
    );
    expect(messenger.sent).toHaveLength(7);
    expect(messenger.sent).toContain("lynne-robbins Performance Group");
  });

  it("sends nothing before Monday 08:30", async () => {
    const messenger = new RecordingMessenger();
    const lines = await sweep(messenger, new Date("2022-10-03T07:29:00Z"));
    expect(lines.filter((l) => l.what.startsWith("digest"))).toEqual([]);
  });

  it("after a crash between claim and send, sends the digest once when the claim times out", async () => {
    await env.store.claim({
      key: "digest|llr-training-group|2022-10-03|grady-archie",
      kind: "digest",
      actionId: null,
      recipient: "grady-archie",
      stage: "llr-training-group",
      dueOn: "2022-10-03",
      status: "claimed",
      claimedAt: MONDAY.toISOString(),
      sentAt: null,
      attempts: 1,
      lastError: null,
    });
    const messenger = new RecordingMessenger();
    const run = (at: number) =>
      runSweep({ store: env.store, messenger, limiter: new SendRateLimiter(), notifyManagers: async () => {} }, { now: new Date(MONDAY.getTime() + at * 60_000), dryRun: false, only: "digests" });
    await run(1);
    expect(messenger.sent).not.toContain("grady-archie Training Group");
    await run(11);
    await run(30);
    expect(messenger.sent.filter((x) => x === "grady-archie Training Group")).toHaveLength(1);
  });
});

describe("escalations in the sweep", () => {
  it("tells the board manager once when a lead leaves two overdue reminders unanswered", async () => {
    const messenger = new RecordingMessenger();
    const at = (d: string) => sweep(messenger, new Date(d));
    await at("2016-02-08T09:00:00Z"); // overdue-1 for the January actions
    await at("2016-02-15T09:00:00Z"); // overdue-2, unanswered
    // The next sweep sees two unanswered: Coventry's leads are in no subgroup, so the manager is told.
    const second = await at("2016-02-15T09:05:00Z");
    expect(second.filter((l) => l.what === "escalation of action 9.1").map((l) => `${l.outcome} ${l.stage} to ${l.to}`)).toEqual([
      "sent manager to Megan Bowen",
    ]);
    const third = await at("2016-02-15T12:00:00Z");
    expect(third.filter((l) => l.what.startsWith("escalation"))).toEqual([]);
  });

  it("after a crash between claim and send, sends the escalation once when the claim times out", async () => {
    const messenger = new RecordingMessenger();
    const at = (d: string) => sweep(messenger, new Date(d));
    await at("2016-02-08T09:00:00Z");
    await at("2016-02-15T09:00:00Z");
    // The crash: the escalation is claimed and its sender dies before sending.
    await env.store.claim({
      key: "escalate-manager|coventry-sar-mrs-e-2015/9.1|never|megan-bowen",
      kind: "escalation",
      actionId: "coventry-sar-mrs-e-2015/9.1",
      recipient: "megan-bowen",
      stage: "manager",
      dueOn: null,
      status: "claimed",
      claimedAt: "2016-02-15T09:04:00.000Z",
      sentAt: null,
      attempts: 1,
      lastError: null,
    });
    const escalated = async (d: string) => (await at(d)).filter((l) => l.what === "escalation of action 9.1" && l.outcome === "sent").length;
    expect(await escalated("2016-02-15T09:05:00Z")).toBe(0);
    expect(await escalated("2016-02-15T09:15:00Z")).toBe(1);
    expect(await escalated("2016-02-15T09:30:00Z")).toBe(0);
  });
});

describe("the board manager's digest in the sweep", () => {
  it("goes to the plan's managers once, a week before the meeting", async () => {
    // Set the LLR board's meeting date on the stored plan, as a board manager would.
    const site = (await env.client.api("/sites/assure.sharepoint.local:/sites/safeguarding:").get()) as { id: string };
    const item = (await env.lists.findByAssureId("plans", "llr-sab-business-plan-2022-23"))!;
    await env.client.api(`/sites/${site.id}/lists/Assure%20Plans/items/${item.itemId}/fields`).patch({ BoardMeetings: JSON.stringify(["2022-10-12"]) });
    const messenger = new RecordingMessenger();
    const run = (at: string) =>
      runSweep({ store: env.store, messenger, limiter: new SendRateLimiter(), notifyManagers: async () => {} }, { now: new Date(at), dryRun: false, only: "digests" });
    const lines = await run("2022-10-05T07:30:00Z");
    expect(lines.filter((l) => l.what.startsWith("board")).map((l) => `${l.outcome} to ${l.to}`)).toEqual(["sent to Joni Sherman"]);
    const later = await run("2022-10-10T09:00:00Z");
    expect(later.filter((l) => l.what.startsWith("board"))).toEqual([]);
  });
});
