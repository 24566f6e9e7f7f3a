import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SendOutcome } from "../../bot/adapter.js";
import { handleCardAction } from "../../bot/card-actions.js";
import { SendRateLimiter } from "../../bot/rate-limit.js";
import { runSweep, type Messenger } from "../../bot/sweep.js";
import { decideImpactReview, dueImpactReminders, IMPACT_STAGE, impactCounts } from "../../src/core/impact-reminder.js";
import { rolesOf } from "../../src/core/roles.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { demoRecords } from "../../src/demo/index.js";
import { DEMO_LEADS } from "../../src/demo/people.js";
import { GraphRegisterStore } from "../../src/store/graph-register-store.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

/**
 * Impact reviews fallen due are reminded through the reminder ledger (claimed, sent, confirmed),
 * exactly once per due review, and the owner records the outcome from the card. The demo's Adult K
 * recommendation 1 was "too early to tell" on 24 Sep 2018, so its next review fell due on 24 Mar 2019.
 */
const AT = new Date("2019-04-01T08:00:00Z");
const COVENTRY = "Coventry Safeguarding Adults Board";
const R1 = "coventry-demo-sar-adult-k-2017/r1";
const demo = demoRecords();
const adultK = adultKRecords(DEMO_LEADS);
const records = { ...demo, plans: [...demo.plans, ...adultK.plans], sections: [...demo.sections, ...adultK.sections], actions: [...demo.actions, ...adultK.actions] };

class RecordingMessenger implements Messenger {
  sent: { to: string; card: string }[] = [];
  async sendCard(reference: Record<string, unknown>, card: Record<string, unknown>): Promise<SendOutcome> {
    const who = String((reference.user as { aadObjectId: string }).aadObjectId);
    this.sent.push({ to: demo.people.find((p) => p.entraObjectId === who)!.id, card: JSON.stringify(card) });
    return { ok: true, activityId: "a" };
  }
}

describe("which impact reviews are reminded, and to whom (pure)", () => {
  it("reminds the owner of Adult K's recommendation 1 from the day its next review fell due, and only then", () => {
    const register = demoRegister();
    const due = (today: string) => dueImpactReminders({ register, records, ledger: [], today }).filter((r) => r.recommendationId === R1);
    expect(due("2019-03-23")).toEqual([]);
    expect(due("2019-03-24")).toEqual([expect.objectContaining({ key: `impact|${R1}|2019-03-24|megan-bowen`, personId: "megan-bowen", planId: "coventry-demo-sar-adult-k-2017", dueOn: "2019-03-24" })]);
    // Once claimed, never offered again, whatever the claim's state.
    const claimed = { key: `impact|${R1}|2019-03-24|megan-bowen`, kind: "reminder" as const, actionId: null, recipient: "megan-bowen", stage: IMPACT_STAGE, dueOn: "2019-03-24", status: "failed" as const, claimedAt: AT.toISOString(), sentAt: null, attempts: 5, lastError: "x" };
    expect(dueImpactReminders({ register, records, ledger: [claimed], today: "2019-04-01" }).filter((r) => r.recommendationId === R1)).toEqual([]);
  });

  it("counts the board's recommendations by impact, not only by completion", () => {
    const register = demoRegister();
    const counts = (today: string) => impactCounts({ register, records, board: COVENTRY, today });
    expect(counts("2018-10-01")).toMatchObject({ tooEarly: 1, demonstrated: 0 });
    expect(counts("2019-04-01")).toMatchObject({ demonstrated: 1, tooEarly: 0, due: expect.any(Number) });
    expect(counts("2019-04-01").due).toBeGreaterThanOrEqual(1);
    expect(impactCounts({ register, records, board: "Leicester Safeguarding Adults Board", today: "2019-04-01" })).toEqual({ demonstrated: 0, partly: 0, not: 0, tooEarly: 0, due: 0, scheduled: 0, inProgress: 0 });
  });

  it("lets the impact owner and the board's managers record it, nobody else, and only once its actions are complete", () => {
    const register = demoRegister();
    const decide = (personId: string, recommendationId = R1) =>
      decideImpactReview({ register, records, roles: rolesOf(personId, records), person: { id: personId, name: personId }, submitted: { recommendationId, outcome: "demonstrated", evidence: "Re-audit: 96 %" }, today: "2019-04-01", id: "impact-x" }).kind;
    expect(decide("megan-bowen")).toBe("record");
    expect(decide("joni-sherman")).toBe("forbidden"); // another board's manager
    expect(decide("alex-wilber")).toBe("forbidden"); // a lead, not its owner
    expect(decide("megan-bowen", "coventry-demo-sar-adult-k-2017/r2")).toBe("not-due");
  });
});

describe("an impact reminder, sent by the sweep", () => {
  let env: EmulatorFixture;
  let register: GraphRegisterStore;
  beforeEach(async () => {
    env = await emulatorFixture();
    await env.store.importRecords(demo);
    await env.store.importRecords(adultK);
    register = new GraphRegisterStore(env.lists);
    await register.addToRegister(demoRegister());
    for (const p of demo.people) {
      await env.store.saveConversation({ entraObjectId: p.entraObjectId, reference: { user: { id: `29:${p.id}`, aadObjectId: p.entraObjectId }, conversation: { id: `a:${p.id}` }, serviceUrl: "http://127.0.0.1:1/_connector" }, stale: false, updatedAt: "2016-01-01T00:00:00.000Z" });
    }
  });
  afterEach(async () => env.close());
  const sweep = (messenger: Messenger, now = AT) =>
    runSweep({ store: env.store, messenger, limiter: new SendRateLimiter(), notifyManagers: async () => {}, register }, { now, dryRun: false });
  const impactCards = (m: RecordingMessenger) => m.sent.filter((s) => s.card.includes("Impact review due"));

  it("goes to the owner once, is confirmed in the ledger, and the owner records the outcome from the card", async () => {
    const messenger = new RecordingMessenger();
    const lines = (await sweep(messenger)).filter((l) => l.stage === IMPACT_STAGE);
    expect(lines).toContainEqual(expect.objectContaining({ key: `impact|${R1}|2019-03-24|megan-bowen`, to: "Megan Bowen", outcome: "sent" }));
    const card = impactCards(messenger).find((c) => c.to === "megan-bowen")!;
    expect(card.card).toContain("target 95 %"); // the measure set at the outset
    expect((await env.store.readLedger()).find((e) => e.key === `impact|${R1}|2019-03-24|megan-bowen`)).toMatchObject({ status: "sent", stage: IMPACT_STAGE });
    // A later sweep, and one on another day: nothing again.
    await sweep(messenger, new Date(AT.getTime() + 3600_000));
    await sweep(messenger, new Date(AT.getTime() + 86_400_000));
    expect(impactCards(messenger).filter((c) => c.card.includes(R1))).toHaveLength(1);

    const submissionId = JSON.parse(card.card).actions[0].data.submissionId as string;
    const answer = (userEntraId: string, data: Record<string, unknown>) =>
      handleCardAction({ verb: "recordImpact", data: { recommendationId: R1, submissionId, ...data }, userEntraId }, { store: env.store, now: () => AT, notifyManagers: async () => {}, register });
    const megan = demo.people.find((p) => p.id === "megan-bowen")!.entraObjectId;
    const joni = demo.people.find((p) => p.id === "joni-sherman")!.entraObjectId;
    // No evidence: the card comes back saying so; another board's manager: refused. Nothing recorded.
    expect(JSON.stringify(await answer(megan, { outcome: "demonstrated" }))).toContain("Not recorded: Evidence");
    expect(JSON.stringify(await answer(joni, { outcome: "demonstrated", evidence: "Mine now" }))).toContain("not yours to record");
    expect((await register.readRegister()).register.impactReviews.filter((i) => i.recommendationId === R1)).toHaveLength(1);
    const recorded = await answer(megan, { outcome: "demonstrated", evidence: "Spring re-audit: 96 % of discharges had the summary on the day." });
    expect(JSON.stringify(recorded)).toContain("Impact review recorded");
    await answer(megan, { outcome: "demonstrated", evidence: "Spring re-audit: 96 % of discharges had the summary on the day." }); // a double click
    const stored = (await register.readRegister()).register.impactReviews.filter((i) => i.recommendationId === R1);
    expect(stored.map((i) => [i.outcome, i.recordedOn, i.recordedBy.personId])).toEqual([["too-early", "2018-09-24", "megan-bowen"], ["demonstrated", "2019-04-01", "megan-bowen"]]);
  });

  it("after a crash between claim and send, sends it once, when the claim times out", async () => {
    const key = `impact|${R1}|2019-03-24|megan-bowen`;
    await env.store.claim({ key, kind: "reminder", actionId: null, recipient: "megan-bowen", stage: IMPACT_STAGE, dueOn: "2019-03-24", status: "claimed", claimedAt: AT.toISOString(), sentAt: null, attempts: 1, lastError: null });
    const messenger = new RecordingMessenger();
    await sweep(messenger); // the claim is someone else's, still fresh
    expect(impactCards(messenger).filter((c) => c.card.includes(R1))).toHaveLength(0);
    await sweep(messenger, new Date(AT.getTime() + 11 * 60_000));
    expect(impactCards(messenger).filter((c) => c.card.includes(R1))).toHaveLength(1);
    expect((await env.store.readLedger()).find((e) => e.key === key)).toMatchObject({ status: "sent", attempts: 2 });
  });
});
