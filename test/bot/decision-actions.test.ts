import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleCardAction, type CardActionResult } from "../../bot/card-actions.js";
import { DECISION_VERBS } from "../../bot/cards/decision-card.js";
import { decisionCardsFor, handleDecisionAction } from "../../bot/decision-actions.js";
import { demoRecords } from "../../src/demo/index.js";
import { versionOf } from "../../src/core/version.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

/**
 * The decision card a plan's manager gets when a lead asks for a new deadline or marks an action
 * complete, and its verbs, against the real store over HTTP to the Graph emulator. Who answers
 * is the activity's sender; nothing in the card's data can say otherwise.
 */
const ACTION = "coventry-sar-mrs-e-2015/6.2"; // led by the "Work Force Development sub group", whose chair is Diego Siciliani
const DIEGO = "00000000-0000-0000-0000-0000000000027"; // the lead who asks
const MEGAN = "00000000-0000-0000-0000-0000000000021"; // the plan's board manager
const JONI = "00000000-0000-0000-0000-0000000000030"; // the other board's (LLR) business manager
const LYNNE = "00000000-0000-0000-0000-0000000000025"; // in the directory, no role on this plan
const NOW = new Date("2016-04-15T09:00:00Z");

let env: EmulatorFixture;
let asked: string[];
beforeEach(async () => {
  env = await emulatorFixture();
  await env.store.importRecords(demoRecords());
  asked = [];
});
afterEach(async () => env.close());

const lead = (inputs: Record<string, unknown>, submissionId: string) =>
  handleCardAction(
    { verb: "submitUpdate", data: { actionId: ACTION, reminderKey: null, submissionId, ...inputs }, userEntraId: DIEGO },
    { store: env.store, now: () => NOW, notifyManagers: async () => undefined, askDeciders: async (id) => void asked.push(id) },
  );
const decide = (verb: string, data: Record<string, unknown>, userEntraId: string | undefined) => handleDecisionAction({ verb, data, userEntraId }, { store: env.store, now: () => new Date("2016-04-18T10:00:00Z") });
const stored = async () => {
  const { records } = await env.store.readRecords();
  return { records, action: records.actions.find((a) => a.id === ACTION)!, events: records.actionEvents.filter((e) => e.actionId === ACTION), changes: await env.store.readChanges({ planId: "coventry-sar-mrs-e-2015" }) };
};
/** The card's JSON with Markdown's escapes taken out, as a person reads it. */
const words = (result: CardActionResult) => (result.kind === "card" ? JSON.stringify(result.card) : `ERROR ${result.message}`).replace(/\\\\/g, "");

/** Diego asks for 30 June; the card Megan gets, and its data. */
async function requested() {
  await lead({ progress: "Trainers start later than planned.", newDeadline: "2016-06-30", newDeadlineReason: "Trainers start in June" }, "11111111-2222-3333");
  expect(asked).toEqual(["pu-11111111-2222-3333"]);
  const { records } = await stored();
  const cards = decisionCardsFor(records, asked[0]!, "2016-04-15");
  return { cards, data: (cards[0]!.card.actions as { data: Record<string, unknown> }[])[0]!.data };
}

describe("the decision card for a deadline request", () => {
  it("goes to the plan's manager, never the lead who asked, with what was asked, the deadline as it stands and the two answers", async () => {
    const { cards, data } = await requested();
    expect(cards.map((c) => c.decider)).toEqual([{ personId: "megan-bowen", name: "Megan Bowen", role: "board manager" }]);
    expect(cards[0]!.entraObjectId).toBe(MEGAN);
    const card = JSON.stringify(cards[0]!.card).replace(/\\\\/g, "");
    expect(card).toContain("Action 6.2: a new deadline to approve");
    expect(card).toContain("New deadline asked for");
    expect(card).toContain("30 Jun 2016: Trainers start in June");
    expect(card).toContain("The deadline stands until you decide.");
    expect((cards[0]!.card.actions as { verb: string }[]).map((a) => a.verb)).toEqual([DECISION_VERBS.approve, DECISION_VERBS.decline]);
    const { action } = await stored();
    expect(data).toMatchObject({ actionId: ACTION, requestId: "pu-11111111-2222-3333", version: versionOf(action) });
  });

  it("asks nobody about an update that asks nothing of anyone", async () => {
    await lead({ progress: "On track.", rating: "green" }, "22222222-3333-4444");
    expect(asked).toEqual([]);
    const { records } = await stored();
    expect(decisionCardsFor(records, "pu-22222222-3333-4444", "2016-04-15")).toEqual([]);
  });

  it("approves from the card: the deadline moves, the event says who, in which role and why, the change log has it, and everyone in the chat sees the answer", async () => {
    const { data } = await requested();
    const result = await decide(DECISION_VERBS.approve, { ...data, reason: "Agreed at the board: trainers start in June" }, MEGAN);
    expect(result).toMatchObject({ kind: "card", forEveryone: true });
    expect(words(result)).toContain("Action 6.2: new deadline 30 Jun 2016 approved");
    expect(words(result)).toContain("Megan Bowen (board manager)");
    const { action, events, changes } = await stored();
    expect(action.revisedDeadline).toEqual({ date: "2016-06-30", reason: "Trainers start in June" });
    expect(events).toEqual([expect.objectContaining({ kind: "deadline-approved", decides: "pu-11111111-2222-3333", by: { personId: "megan-bowen", name: "Megan Bowen", role: "board manager" }, reason: "Agreed at the board: trainers start in June" })]);
    expect(changes[0]).toMatchObject({ by: { personId: "megan-bowen", entraObjectId: MEGAN }, subject: { kind: "action", id: ACTION } });

    // The other manager's card, answered after: already decided, nothing more written.
    const again = await decide(DECISION_VERBS.decline, { ...data, reason: "No" }, MEGAN);
    expect(words(again)).toContain("Nothing was recorded");
    expect((await stored()).events).toHaveLength(1);
  });

  it("declines from the card: the deadline stands", async () => {
    const { data } = await requested();
    const result = await decide(DECISION_VERBS.decline, { ...data, reason: "The board wants it by the original date" }, MEGAN);
    expect(words(result)).toContain("Action 6.2: new deadline declined; the deadline stands");
    const { action, events } = await stored();
    expect(action.revisedDeadline).toBeNull();
    expect(events.map((e) => e.kind)).toEqual(["deadline-declined"]);
  });
});

describe("attacks on the decision card: each refused, nothing written", () => {
  const nothingWritten = async (before: Awaited<ReturnType<typeof stored>>) => {
    const after = await stored();
    expect(after.action).toEqual(before.action);
    expect(after.events).toEqual(before.events);
    expect(after.changes).toEqual(before.changes);
  };

  it("refuses the lead approving their own request, another board's manager, someone with no role, an unknown sender and a forged sender in the data", async () => {
    const { data } = await requested();
    const before = await stored();
    const tries: [string, Record<string, unknown>, string | undefined][] = [
      ["the lead who asked", { ...data, reason: "I agree with myself" }, DIEGO],
      ["another board's manager", { ...data, reason: "Looks fine" }, JONI],
      ["someone with no role on the plan", { ...data, reason: "Looks fine" }, LYNNE],
      ["nobody signed in", { ...data, reason: "Looks fine" }, undefined],
      ["a stranger to the directory", { ...data, reason: "Looks fine" }, "99999999-0000-0000-0000-000000000000"],
      // The card's data naming the manager changes nothing: the sender is who answers.
      ["a lead forging the manager in the data", { ...data, reason: "Approved", personId: "megan-bowen", userEntraId: MEGAN, from: { aadObjectId: MEGAN } }, DIEGO],
    ];
    for (const [who, body, sender] of tries) {
      const result = await decide(DECISION_VERBS.approve, body, sender);
      expect(words(result), who).toContain("This is not yours to decide");
    }
    await nothingWritten(before);
  });

  it("refuses a manager deciding a request they recorded for the lead", async () => {
    const { action } = await stored();
    const recorded = { id: "pu-recorded-by-megan", actionId: ACTION, author: { personId: "diego-siciliani", name: "Diego Siciliani" }, at: "2016-04-15T08:00:00.000Z", text: "Said at the sub group meeting", evidence: [], rating: null, proposedDeadline: { date: "2016-07-31", reason: "Venue" }, markedComplete: false, via: "tab" as const, recordedBy: { personId: "megan-bowen", name: "Megan Bowen", source: "sub group meeting of 14 April" } };
    await env.store.appendProgressUpdates([recorded]);
    const before = await stored();
    expect(decisionCardsFor(before.records, recorded.id, "2016-04-15").map((c) => c.decider.personId)).toEqual([]);
    const result = await decide(DECISION_VERBS.approve, { actionId: ACTION, requestId: recorded.id, version: versionOf(action), reason: "Agreed" }, MEGAN);
    expect(words(result)).toContain("Megan Bowen asked for this new deadline, so may not also decide it");
    await nothingWritten(before);
  });

  it("refuses a stale card (the action changed since it was sent), a blank or hostile reason, an unknown verb and malformed data", async () => {
    const { data } = await requested();
    const before = await stored();
    expect(words(await decide(DECISION_VERBS.approve, { ...data, version: "an-older-version", reason: "Agreed" }, MEGAN))).toContain("has changed since this card was sent");
    const blank = await decide(DECISION_VERBS.approve, { ...data, reason: "   " }, MEGAN);
    expect(words(blank)).toContain("Not recorded: Why: must not be blank");
    expect(words(blank)).toContain(DECISION_VERBS.approve); // the card again, to answer properly
    expect(words(await decide(DECISION_VERBS.approve, { ...data, reason: "Agreed\u202Egnp.exe" }, MEGAN))).toContain("must not contain bidirectional override");
    expect(words(await decide(DECISION_VERBS.approve, { ...data, reason: "x".repeat(1001) }, MEGAN))).toContain("at most 1000 characters");
    expect(await decide("approveEverything", { ...data, reason: "Agreed" }, MEGAN)).toMatchObject({ kind: "error", status: 400, code: "unknownVerb" });
    expect(await decide(DECISION_VERBS.approve, { actionId: ACTION, reason: "Agreed" }, MEGAN)).toMatchObject({ kind: "error", status: 400, code: "malformedCard" });
    await nothingWritten(before);
  });

  it("keeps a hostile reason as text on the answered card", async () => {
    const { data } = await requested();
    const result = await decide(DECISION_VERBS.approve, { ...data, reason: "[click](https://evil.example) **now**" }, MEGAN);
    const card = JSON.stringify(result.kind === "card" ? result.card : null);
    expect(card).toContain("\\\\[click\\\\]\\\\(https://evil.example\\\\) \\\\*\\\\*now\\\\*\\\\*");
  });
});

describe("the sign-off card", () => {
  it("goes to the manager when a lead marks the action complete; the lead may not sign it off, the manager may, and a second answer is refused", async () => {
    await lead({ progress: "All staff can now book the training.", complete: "true" }, "33333333-4444-5555");
    expect(asked).toEqual(["pu-33333333-4444-5555"]);
    const { records } = await stored();
    const [card] = decisionCardsFor(records, asked[0]!, "2016-04-15");
    expect(card!.decider.personId).toBe("megan-bowen");
    expect(words({ kind: "card", card: card!.card, forEveryone: false })).toContain("Action 6.2: marked complete, to sign off");
    const data = (card!.card.actions as { verb: string; data: Record<string, unknown> }[])[0]!;
    expect(data.verb).toBe(DECISION_VERBS.signOff);

    const before = await stored();
    expect(words(await decide(DECISION_VERBS.signOff, { ...data.data, reason: "Done" }, DIEGO))).toContain("This is not yours to decide");
    expect((await stored()).events).toEqual(before.events);

    const signed = await decide(DECISION_VERBS.signOff, { ...data.data, reason: "Evidence seen at the board of 18 April" }, MEGAN);
    expect(words(signed)).toContain("Action 6.2: signed off");
    const after = await stored();
    expect(after.action.status).toEqual({ state: "closed", by: "Megan Bowen", on: "2016-04-18" });
    expect(after.events.map((e) => [e.kind, e.reason])).toEqual([["signed-off", "Evidence seen at the board of 18 April"]]);
    expect(words(await decide(DECISION_VERBS.giveBack, { ...data.data, reason: "Not yet" }, MEGAN))).toContain("Nothing was recorded");
    expect((await stored()).events).toHaveLength(1);
  });

  it("returns a completion to its lead: open again", async () => {
    await lead({ progress: "Done, I think.", complete: "true" }, "44444444-5555-6666");
    const { records } = await stored();
    const data = (decisionCardsFor(records, asked[0]!, "2016-04-15")[0]!.card.actions as { data: Record<string, unknown> }[])[1]!.data;
    const result = await decide(DECISION_VERBS.giveBack, { ...data, reason: "No evidence of the training yet" }, MEGAN);
    expect(words(result)).toContain("Action 6.2: returned to its lead, open again");
    expect((await stored()).action.status).toEqual({ state: "open" });
  });
});
