import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mountReplyPage } from "../../bot/reply-page.js";
import type { SendOutcome } from "../../bot/adapter.js";
import { mailSetupAlarm, type MailDeps } from "../../bot/email-delivery.js";
import { MailRateLimiter } from "../../bot/mail-rate-limit.js";
import { SendRateLimiter } from "../../bot/rate-limit.js";
import { runSweep, type Messenger } from "../../bot/sweep.js";
import { demoRecords } from "../../src/demo/index.js";
import { hashToken } from "../../src/core/reply-link.js";
import { GraphMailer } from "../../src/store/mailer.js";
import { GraphBounceReader } from "../../src/store/mail-bounces.js";
import { bouncesUnreadAlarm } from "../../bot/email-bounces.js";
import { londonDate } from "../../src/core/london.js";
import { readOutbox } from "../../src/emulator/outbox.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

// The store and the mailbox are real (graph-client over HTTP to the emulator's lists and its
// Exchange stand-in). Teams' connector cannot run here: Teams sends go to a recording Messenger.
const AT = new Date("2016-04-01T08:00:00Z"); // the 28-day reminder for 6.2 (Diego Siciliani), among others
const FROM = "sab@assure-demo.example";
const demo = demoRecords();
const DIEGO = demo.people.find((p) => p.id === "diego-siciliani")!;

let env: EmulatorFixture;
let teams: string[];
let notices: string[];
let mailer: GraphMailer;

class RecordingMessenger implements Messenger {
  async sendCard(reference: Record<string, unknown>): Promise<SendOutcome> {
    teams.push(String((reference.user as { aadObjectId: string }).aadObjectId));
    return { ok: true, activityId: "a" };
  }
}

const LINK_AT = new Date("2026-11-23T10:00:00Z");
const mail = (linkAt = LINK_AT): MailDeps => ({ send: (m) => mailer.send(m), limiter: new MailRateLimiter(), publicUrl: "https://assure.example.org", linkClock: () => linkAt });
const sweep = (now = AT, linkAt = LINK_AT) =>
  runSweep({ store: env.store, messenger: new RecordingMessenger(), limiter: new SendRateLimiter(), notifyManagers: async (planId, m) => void notices.push(`${planId}: ${m}`), mail: mail(linkAt) }, { now, dryRun: false });
/** The emails to someone, about one action if given (Diego leads 6.2 and 6.4). */
const sentTo = async (address: string, action?: string) => (await readOutbox(env.graphUrl, FROM, 200)).filter((m) => m.to === address && (!action || m.subject.startsWith(`Action ${action}:`)));

/** A fresh emulator and store with the demo board; Exchange lets Assure send from the board's mailbox only (RBAC for Applications): so does the emulator. */
async function setUp(options: { undeliverable?: string[]; appRoles?: string[] } = {}) {
  env = await emulatorFixture({ mailboxes: [FROM], ...options });
  teams = [];
  notices = [];
  mailer = new GraphMailer(env.client, FROM);
  await env.store.importRecords(demo);
  // Everyone has Assure in Teams but Diego.
  for (const p of demo.people.filter((p) => p.id !== DIEGO.id)) {
    await env.store.saveConversation({ entraObjectId: p.entraObjectId, reference: { user: { aadObjectId: p.entraObjectId }, conversation: { id: `a:${p.id}` } }, stale: false, updatedAt: "2016-01-01T00:00:00.000Z" });
  }
}
beforeEach(async () => setUp());
afterEach(async () => env.close());

describe("email in the sweep", () => {
  it("reaches a lead Teams cannot reach by email, once, saying what the card says, with a reply link stored only as its hash", async () => {
    const lines = await sweep();
    expect(lines.find((l) => l.to === "Diego Siciliani" && l.what === "action 6.2")).toMatchObject({ outcome: "sent", channel: "email" });
    const [email] = await sentTo(DIEGO.email, "6.2");
    expect(email!.subject).toBe("Action 6.2: Sat 30 Apr 2016: 29 days left");
    for (const words of ["Action 6.2", "Work Force Development sub group", "Timescale", "Rating", "No progress update yet"]) expect(email!.html).toContain(words);
    const token = /\/reply\/([A-Za-z0-9_-]+)/.exec(email!.html)![1]!;
    const link = await env.store.readReplyLink(hashToken(token));
    expect(link).toMatchObject({ actionId: "coventry-sar-mrs-e-2015/6.2", personId: DIEGO.id, revokedAt: null, expiresAt: "2026-12-21T10:00:00.000Z" });
    expect((await env.lists.readItems("replyLinks")).some((r) => JSON.stringify(r.fields).includes(token))).toBe(false);
    expect(teams).not.toContain(DIEGO.entraObjectId);
    await sweep(new Date(AT.getTime() + 3600_000));
    expect(await sentTo(DIEGO.email, "6.2")).toHaveLength(1);
  });

  it("lets only the newest reminder's link work: the earlier one is replaced without a read or a write when the new one is issued", async () => {
    await sweep();
    const tokenOf = (html: string) => /\/reply\/([A-Za-z0-9_-]+)/.exec(html)![1]!;
    const [first] = await sentTo(DIEGO.email, "6.2");
    // Nine days past its deadline (30 April 2016), an overdue reminder, with a new link a day later.
    const lines = await sweep(new Date("2016-05-09T08:00:00Z"), new Date(LINK_AT.getTime() + 86_400_000));
    const emailed = lines.filter((l) => l.channel === "email" && l.outcome === "sent");
    expect(emailed.map((l) => l.what)).toContain("action 6.2");
    const [second] = await sentTo(DIEGO.email, "6.2"); // newest first
    expect(tokenOf(second!.html)).not.toBe(tokenOf(first!.html));
    // The earlier row is as it was: nothing rewrote it.
    expect(await env.store.readReplyLink(hashToken(tokenOf(first!.html)))).toMatchObject({ revokedAt: null });

    const app = express();
    mountReplyPage(app, { store: env.store, now: () => new Date(LINK_AT.getTime() + 2 * 86_400_000), mailbox: null });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const old = await fetch(`${base}/reply/${tokenOf(first!.html)}`);
      expect(old.status).toBe(410);
      expect(await old.text()).toContain("A newer reminder has replaced this link");
      const latest = await fetch(`${base}/reply/${tokenOf(second!.html)}`);
      expect(latest.status).toBe(200);
      expect(await latest.text()).toContain("Action 6.2");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("sends by both channels to someone who chose both, each once", async () => {
    await env.store.updateRecord("people", "alex-wilber", (p) => ({ ...p, channel: "both" }));
    const lines = await sweep();
    const byTeams = lines.filter((l) => l.to === "Alex Wilber" && l.channel === "teams" && l.outcome === "sent");
    const byEmail = lines.filter((l) => l.to === "Alex Wilber" && l.channel === "email" && l.outcome === "sent");
    expect(byTeams.length).toBeGreaterThan(0);
    expect(byEmail.map((l) => l.what).sort()).toEqual(byTeams.map((l) => l.what).sort());
    expect(teams.filter((t) => t === demo.people.find((p) => p.id === "alex-wilber")!.entraObjectId)).toHaveLength(byTeams.length);
    expect(await sentTo("alex-wilber@assure-demo.example")).toHaveLength(byEmail.length);
  });

  it("sends no email to someone who chose Teams only, and says they cannot be reached", async () => {
    await env.store.updateRecord("people", DIEGO.id, (p) => ({ ...p, channel: "teams" }));
    const lines = await sweep();
    expect(lines.find((l) => l.to === "Diego Siciliani")).toMatchObject({ outcome: "unreachable" });
    expect(await sentTo(DIEGO.email)).toEqual([]);
    // A dry run shows what they would have received, reachable or not.
    const dry = await runSweep({ store: env.store, messenger: new RecordingMessenger(), limiter: new SendRateLimiter(), notifyManagers: async () => {}, mail: mail() }, { now: AT, dryRun: true });
    expect(dry.find((l) => l.to === "Diego Siciliani" && l.what === "action 6.2")?.text).toContain("Lead Work Force Development sub group");
  });

  it("records an address Exchange refuses, tells the plan's managers, and does not try again", async () => {
    await env.faults({ path: "/sendMail$", scope: "request", status: 400, code: "ErrorInvalidRecipients", message: "At least one recipient is not valid.", times: 2 });
    const lines = await sweep();
    expect(lines.filter((l) => l.to === "Diego Siciliani").map((l) => [l.outcome, l.detail])).toEqual([["failed", "email 400"], ["failed", "email 400"]]);
    const entry = (await env.store.readLedger()).find((e) => e.recipient === DIEGO.id)!;
    expect(entry).toMatchObject({ status: "failed", key: expect.stringMatching(/\|email$/) });
    expect(entry.lastError).toContain("Email 400");
    expect(notices.some((n) => n.includes("email to Diego Siciliani") && n.includes("was refused"))).toBe(true);
    await sweep(new Date(AT.getTime() + 20 * 60_000));
    expect(await sentTo(DIEGO.email)).toEqual([]);
  });

  it("keeps no copy in the board mailbox's Sent Items, where a reply link would sit in clear (saveToSentItems false)", async () => {
    await sweep();
    expect(await sentTo(DIEGO.email, "6.2")).toHaveLength(1);
    const sentItems = (await env.client.api(`/users/${FROM}/mailFolders/sentitems/messages`).top(100).get()) as { value: unknown[] };
    expect(sentItems.value).toEqual([]);
  });

  it.each([401, 403, 404] as const)("takes a %i from sendMail as Assure's set-up problem: nobody marked failed, no manager told, administrators told once, sent once it is fixed", async (status) => {
    await env.faults({ path: "/sendMail$", scope: "request", status, code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again.", times: 2 });
    const told: number[] = [];
    const run = (now: Date) =>
      runSweep({ store: env.store, messenger: new RecordingMessenger(), limiter: new SendRateLimiter(), notifyManagers: async (planId, m) => void notices.push(`${planId}: ${m}`), mail: { ...mail(), setupProblem: (s) => void told.push(s) } }, { now, dryRun: false });
    const lines = await run(AT);
    const diego = lines.filter((l) => l.to === "Diego Siciliani");
    expect(diego.map((l) => l.outcome)).toEqual(["deferred", "deferred"]);
    expect(diego[0]!.detail).toContain("a set-up problem, not their address");
    expect((await env.store.readLedger()).filter((e) => e.recipient === DIEGO.id).map((e) => e.status)).toEqual(["claimed", "claimed"]);
    expect(notices.filter((n) => n.includes("Diego"))).toEqual([]);
    expect(told).toEqual([status, status]); // the alarm itself says it once a process: mailSetupAlarm
    await run(new Date(AT.getTime() + 11 * 60_000));
    expect(await sentTo(DIEGO.email, "6.2")).toHaveLength(1);
  });

  it("tells administrators of a set-up refusal once a process and kind, in an error line naming the fix", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const alarm = mailSetupAlarm();
      alarm(403, "Access is denied.");
      alarm(403, "Access is denied.");
      alarm(404, "The mailbox was not found.");
      const events = errors.mock.calls.map((c) => JSON.parse(String(c[0])) as { event: string; status: number; fix: string });
      expect(events.map((e) => [e.event, e.status])).toEqual([["mail-setup-problem", 403], ["mail-setup-problem", 404]]);
      expect(events[0]!.fix).toContain("Application Mail.Send");
    } finally {
      errors.mockRestore();
    }
  });

  it("is refused 403 ErrorAccessDenied from a mailbox outside Assure's permitted scope, as Exchange RBAC for Applications refuses it", async () => {
    const other = new GraphMailer(env.client, "chief.executive@assure-demo.example");
    expect(await other.send({ to: DIEGO.email, subject: "Hello", html: "<p>Hi</p>" })).toMatchObject({ ok: false, setup: true, permanent: false, status: 403 });
    // Any well-formed address is accepted (202): accepted for delivery is not delivered.
    expect(await mailer.send({ to: "nobody-here@nowhere.example", subject: "Hello", html: "<p>Hi</p>" })).toEqual({ ok: true });
  });

  it("rides out Exchange throttling (429 with Retry-After) within the sweep, sending once", async () => {
    await env.faults({ path: "/sendMail$", scope: "request", status: 429, retryAfterSeconds: 0, times: 2 });
    await sweep();
    expect(await sentTo(DIEGO.email, "6.2")).toHaveLength(1);
    expect(await sentTo(DIEGO.email, "6.4")).toHaveLength(1);
  });

  it("after a crash between claim and send, emails once when the claim times out", async () => {
    const [line] = (await runSweep({ store: env.store, messenger: new RecordingMessenger(), limiter: new SendRateLimiter(), notifyManagers: async () => {}, mail: mail() }, { now: AT, dryRun: true })).filter((l) => l.to === "Diego Siciliani" && l.what === "action 6.2");
    // What a sender that died after claiming leaves behind: a claim, never confirmed.
    expect(line!.key).toMatch(/\|email$/); // an email delivery claims a key of its own
    await env.store.claim({ key: line!.key, kind: "reminder", actionId: "coventry-sar-mrs-e-2015/6.2", recipient: DIEGO.id, stage: line!.stage, dueOn: "2016-04-29", status: "claimed", claimedAt: AT.toISOString(), sentAt: null, attempts: 1, lastError: null });
    await sweep(new Date(AT.getTime() + 60_000)); // claim still fresh: nothing about 6.2
    expect(await sentTo(DIEGO.email, "6.2")).toEqual([]);
    await sweep(new Date(AT.getTime() + 11 * 60_000)); // timed out: retried by email, once
    await sweep(new Date(AT.getTime() + 12 * 60_000));
    expect(await sentTo(DIEGO.email, "6.2")).toHaveLength(1);
    expect((await env.store.readLedger()).find((e) => e.key === line!.key)).toMatchObject({ status: "sent" });
  });

  describe("bounces (non-delivery reports in the board mailbox's inbox)", () => {
    const withBounces = (now: Date, unread: (status: number, message: string) => void = () => {}) =>
      runSweep(
        { store: env.store, messenger: new RecordingMessenger(), limiter: new SendRateLimiter(), notifyManagers: async (planId, m) => void notices.push(`${planId}: ${m}`), mail: mail(), bounces: { read: () => new GraphBounceReader(env.client, FROM).read(new Date()), unread } },
        { now, dryRun: false },
      );

    it("marks a lead whose email bounced with the date and Exchange's words, tells the plan's managers once, and emails that address no more", async () => {
      await env.close();
      await setUp({ undeliverable: [DIEGO.email] });
      await withBounces(AT);
      // Exchange accepted both (202): the reports arrive afterwards.
      expect(await sentTo(DIEGO.email)).toHaveLength(2);
      expect((await env.store.readRecords()).records.people.find((p) => p.id === DIEGO.id)!.emailBounce ?? null).toBeNull();

      const later = await withBounces(new Date(AT.getTime() + 15 * 86_400_000));
      const diego = (await env.store.readRecords()).records.people.find((p) => p.id === DIEGO.id)!;
      expect(diego.emailBounce).toMatchObject({ address: DIEGO.email, cleared: false });
      expect(diego.emailBounce!.said).toContain(`Your message to ${DIEGO.email} couldn't be delivered.`);
      const today = londonDate(new Date());
      const told = notices.filter((n) => n.includes("bounced"));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain(`Email to Diego Siciliani (${DIEGO.email}) bounced on ${today.slice(8, 10)}/${today.slice(5, 7)}/${today.slice(0, 4)}`);
      expect(told[0]).toContain("wasn't found at assure-demo.example");
      // What fell due for him went nowhere, and the plan's managers can see why.
      const his = later.filter((l) => l.to === "Diego Siciliani");
      expect(his.length).toBeGreaterThan(0);
      expect(his.every((l) => l.outcome === "unreachable" && l.detail!.includes("bounced"))).toBe(true);
      expect(await sentTo(DIEGO.email)).toHaveLength(2);

      // The same reports read again mark nothing new and tell nobody again.
      await withBounces(new Date(AT.getTime() + 16 * 86_400_000));
      expect(notices.filter((n) => n.includes("bounced"))).toHaveLength(1);
    });

    it("says once that it cannot read the inbox without Mail.Read (403 ErrorAccessDenied), and sends email as before", async () => {
      await env.close();
      await setUp({ undeliverable: [DIEGO.email], appRoles: ["Sites.Selected", "Mail.Send"] });
      const read = await new GraphBounceReader(env.client, FROM).read(new Date());
      expect(read).toMatchObject({ ok: false, status: 403 });
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const alarm = bouncesUnreadAlarm();
        await withBounces(AT, alarm);
        await withBounces(new Date(AT.getTime() + 15 * 86_400_000), alarm);
        const events = errors.mock.calls.map((c) => JSON.parse(String(c[0])) as { event: string; status: number; fix: string });
        expect(events.filter((e) => e.event === "mail-bounces-unreadable")).toEqual([expect.objectContaining({ status: 403, fix: expect.stringContaining("Mail.Read") })]);
      } finally {
        errors.mockRestore();
      }
      // Unknown to Assure, his address keeps being emailed: the first sweep's two, and the later one's.
      expect((await sentTo(DIEGO.email)).length).toBeGreaterThan(2);
      expect((await env.store.readRecords()).records.people.find((p) => p.id === DIEGO.id)!.emailBounce ?? null).toBeNull();
    });
  });
});
