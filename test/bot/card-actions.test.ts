import type { Server } from "node:http";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startLocalConnector } from "../../bench/local-connector.js";
import { createAssureBot, type AssureBot } from "../../bot/assure-bot.js";
import { handleCardAction, type CardActionResult } from "../../bot/card-actions.js";
import { decisionCardsFor } from "../../bot/decision-actions.js";
import { LOCAL_TAB_ADDRESS } from "../../src/core/tab-link.js";
import { cardProblems } from "../support/adaptive-cards.js";
import { dueReminders } from "../../src/core/reminder-policy.js";
import { snoozesIn, claimedKeys } from "../../src/core/ledger.js";
import { demoRecords } from "../../src/demo/index.js";
import { emulatorFixture, type EmulatorFixture } from "../support/emulator.js";

// The real store over HTTP to the Graph emulator; only the board-manager notice is recorded in memory.
const ACTION = "coventry-sar-mrs-e-2015/6.2"; // "Work Force Development sub group": chair Diego Siciliani
const DIEGO = "00000000-0000-0000-0000-0000000000027";
const LYNNE = "00000000-0000-0000-0000-0000000000025";
const NOW = new Date("2016-04-15T09:00:00Z");

let env: EmulatorFixture;
let notices: string[];
beforeEach(async () => {
  env = await emulatorFixture();
  await env.store.importRecords(demoRecords());
  notices = [];
});
afterEach(async () => env.close());

const act = (verb: string, data: Record<string, unknown>, sender: { userEntraId: string | undefined } = { userEntraId: DIEGO }) =>
  handleCardAction(
    { verb, data, userEntraId: sender.userEntraId },
    { store: env.store, now: () => NOW, notifyManagers: async (planId, message) => void notices.push(`${planId}: ${message}`) },
  );
const submit = (inputs: Record<string, unknown>, userEntraId = DIEGO) =>
  act("submitUpdate", { actionId: ACTION, reminderKey: "k", submissionId: "11111111-2222-3333", ...inputs }, { userEntraId });
const stored = async () => {
  const { records } = await env.store.readRecords();
  return { action: records.actions.find((a) => a.id === ACTION)!, updates: records.progressUpdates.filter((u) => u.actionId === ACTION) };
};
/** The card's JSON with Markdown's escapes taken out, as a person reads it. */
const words = (result: CardActionResult) => cardText(result).replace(/\\\\/g, "");
const cardText = (result: CardActionResult) => (result.kind === "card" ? JSON.stringify(result.card) : `ERROR ${result.message}`);

describe("Submit update", () => {
  it("appends the update, updates the action's summary, and answers with what was recorded, for everyone", async () => {
    const result = await submit({
      progress: "Capacity review done; two extra trainers agreed.",
      evidence: "https://contoso.sharepoint.com/sites/csab/capacity.docx",
      rating: "amber",
      newDeadline: "2016-06-30",
      newDeadlineReason: "Trainers start in June",
      complete: "false",
    });
    expect(result).toMatchObject({ kind: "card", forEveryone: true });
    expect(cardText(result)).toContain("Update recorded for action 6.2: new deadline sent for approval");
    // In people's words, to whom: Diego chairs the sub group that leads 6.2, so the plan's manager decides, not he.
    expect(words(result)).toContain("Your new deadline of Thu 30 Jun 2016 has been sent to Megan Bowen (board manager) to approve. Until it is approved, the deadline stays");
    expect(cardText(result)).not.toContain("Diego Siciliani (subgroup chair)");
    const { action, updates } = await stored();
    expect(updates).toEqual([
      expect.objectContaining({
        id: "pu-11111111-2222-3333",
        author: { personId: "diego-siciliani", name: "Diego Siciliani" },
        at: "2016-04-15T09:00:00.000Z",
        text: "Capacity review done; two extra trainers agreed.",
        evidence: ["https://contoso.sharepoint.com/sites/csab/capacity.docx"],
        rating: "amber",
        proposedDeadline: { date: "2016-06-30", reason: "Trainers start in June" },
        via: "teams-card",
      }),
    ]);
    expect(action.rating).toBe("amber");
    // A new deadline is a request: the deadline stands until the plan's managers approve it.
    expect(action.revisedDeadline).toBeNull();
  });

  it("records one update for a double-click", async () => {
    const [a, b] = await Promise.all([submit({ progress: "Done once", rating: "green" }), submit({ progress: "Done once", rating: "green" })]);
    const again = await submit({ progress: "Done once", rating: "green" });
    for (const r of [a, b, again]) expect(cardText(r)).toContain("Update recorded");
    // An update that asks nothing of anyone says nothing about approval.
    for (const r of [a, b, again]) expect(cardText(r)).not.toMatch(/approv|sign-off/);
    expect((await stored()).updates).toHaveLength(1);
  });

  it("marks the action complete", async () => {
    const result = await submit({ progress: "All staff can now book the training.", complete: "true" });
    expect(cardText(result)).toContain("Update recorded for action 6.2: sent for sign-off");
    expect(words(result)).toContain("You marked this action complete: Megan Bowen (board manager) will sign it off.");
    const { action } = await stored();
    expect(action.status).toEqual({ state: "complete" });
    expect(action.rating).toBe("complete");
  });

  it.each([
    [{ progress: "" }, "Progress update: must not be blank"],
    [{ progress: "x".repeat(4001) }, "Progress update: at most 4000 characters"],
    [{ progress: "ok", evidence: "http://intranet/report.docx" }, "Evidence links (0): evidence links must start with https://"],
    [{ progress: "ok", evidence: "javascript:alert(1)" }, "Evidence links (0): evidence links must start with https://"],
    [{ progress: "ok", rating: "purple" }, "RAG rating: Invalid option"],
    [{ progress: "ok", newDeadline: "2016-04-14", newDeadlineReason: "late" }, "New deadline (date): a new deadline cannot be in the past"],
    [{ progress: "ok", newDeadline: "2016-06-30" }, "New deadline (reason): must not be blank"],
    [{ progress: "ok", newDeadline: "31/06/2016", newDeadlineReason: "typo" }, "New deadline (date): expected a date as YYYY-MM-DD"],
  ])("sends the card back with the error for %j, writing nothing", async (inputs, message) => {
    const result = await submit(inputs);
    expect(result).toMatchObject({ kind: "card", forEveryone: false });
    expect(cardText(result)).toContain(`Not recorded: ${message}`.replace(/[()]/g, (c) => `\\\\${c}`));
    expect(cardText(result)).toContain("Submit update"); // the inputs are there to correct
    expect(await stored()).toMatchObject({ updates: [], action: { rating: "green", revisedDeadline: null } });
  });

  it("keeps what the person typed when it sends the card back", async () => {
    const result = await submit({ progress: "Half written", evidence: "http://wrong" });
    expect(cardText(result)).toContain('"value":"Half written"');
  });
});

describe("who may answer", () => {
  it("politely refuses someone who does not lead the action, and writes nothing", async () => {
    const result = await submit({ progress: "Not mine to say" }, LYNNE);
    expect(cardText(result)).toContain("This action is not yours to update");
    expect((await stored()).updates).toEqual([]);
  });

  it("refuses a sender Teams did not identify, whatever the card data claims", async () => {
    const result = await act("submitUpdate", { actionId: ACTION, submissionId: "11111111-2222-3333", progress: "x", userEntraId: DIEGO }, { userEntraId: undefined });
    expect(cardText(result)).toContain("not yours to update");
    expect((await stored()).updates).toEqual([]);
  });
});

describe("cards that no longer match the plan, and malformed cards", () => {
  it("says so when the action has been closed since", async () => {
    await env.store.updateAction(ACTION, (a) => ({ ...a, status: { state: "closed", by: "Board meeting", on: "2016-04-14" } }));
    expect(cardText(await submit({ progress: "late reply" }))).toContain("Action 6.2 is closed");
    expect((await stored()).updates).toEqual([]);
  });

  it("says so when the action has been deleted", async () => {
    const result = await act("submitUpdate", { actionId: "coventry-sar-mrs-e-2015/99.9", submissionId: "11111111-2222-3333", progress: "x" });
    expect(cardText(result)).toContain("This action is no longer in the plan");
  });

  it.each([
    ["submitUpdate", { submissionId: "11111111-2222-3333" }, "This card is malformed: actionId"],
    ["submitUpdate", { actionId: ACTION, submissionId: "<script>" }, "This card is malformed: submissionId is not a card submission id"],
    ["submitUpdate", "not an object", "This card is malformed"],
    ["deleteEverything", { actionId: ACTION, submissionId: "11111111-2222-3333" }, 'Assure does not know the card action "deleteEverything"'],
  ])("answers %s %j with an error naming the problem", async (verb, data, message) => {
    const result = await act(verb, data as Record<string, unknown>);
    expect(result).toMatchObject({ kind: "error", status: 400 });
    expect((result as { message: string }).message).toContain(message);
    expect((await stored()).updates).toEqual([]);
  });
});

describe("Snooze and Not my action", () => {
  it("snoozes the lead's reminders for 7 days", async () => {
    expect(cardText(await act("snooze", { actionId: ACTION, submissionId: "11111111-2222-3333" }))).toContain("again on Friday 22 April");
    const ledger = await env.store.readLedger();
    const { records } = await env.store.readRecords();
    const due = (at: string) =>
      dueReminders({ ...records, updates: [], claimed: claimedKeys(ledger), snoozes: snoozesIn(ledger), now: new Date(at) }).filter((x) => x.actionId === ACTION);
    expect(due("2016-04-15T10:00:00Z")).toEqual([]);
    expect(due("2016-04-22T09:00:00Z").map((x) => x.stage)).toEqual(["7-days"]);
  });

  it("asks the board manager to reassign, once", async () => {
    await act("notMyAction", { actionId: ACTION, submissionId: "11111111-2222-3333" });
    const second = await act("notMyAction", { actionId: ACTION, submissionId: "11111111-2222-3333" });
    expect(cardText(second)).toContain("Your board manager has been asked to reassign action 6.2");
    expect(notices).toEqual([
      'coventry-sar-mrs-e-2015: Diego Siciliani says action 6.2 ("Work Force Development sub group") is not theirs. Please reassign it.',
    ]);
  });
});

/**
 * The whole bot (bot/adapter.ts's TeamsBot behind express, as the server mounts it) over the real
 * store and the Graph emulator, whose fault injection throttles SharePoint. What is not here is
 * Teams itself: invokes are posted as Teams posts them, and bench/local-connector.ts stands in for
 * the Bot Framework connector the card updates go to. The invoke's wait is cut to 50 ms, and each
 * throttled write first waits out a Retry-After of 1 s, so the answer always comes first,
 * however fast or slow the machine; nothing here waits on wall-clock time otherwise.
 */
describe("a card action while SharePoint is throttled", () => {
  let bot: AssureBot;
  let connector: Awaited<ReturnType<typeof startLocalConnector>>;
  let server: Server;
  let base: string;
  beforeEach(async () => {
    connector = await startLocalConnector();
    bot = createAssureBot({ store: env.store, settings: { appId: "" }, now: () => NOW, tabAddress: LOCAL_TAB_ADDRESS, cardActionTiming: { answerWithinMs: 50 } });
    const app = express().use(express.json()).post("/api/messages", (req, res) => void bot.teams.process(req, res));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    await bot.teams.settled();
    await new Promise((resolve) => server.close(resolve));
    await connector.close();
  });

  const DIEGO_CHAT = "a:diego-chat";
  const DIEGO_CARD = "diego-reminder-message";
  const SUBMISSION = "33333333-4444-5555";
  const typed = { progress: "Trainers booked for June & July (2 × cohorts)", evidence: "https://contoso.sharepoint.com/sites/csab/trainers.docx", rating: "amber", complete: "false" };
  /** Presses a card's button as Teams sends it: an invoke from the person, in their chat, naming the card message pressed. */
  const press = async (inputs: Record<string, unknown>, who = { aadObjectId: DIEGO, chat: DIEGO_CHAT, card: DIEGO_CARD }, verb = "submitUpdate", sent: Record<string, unknown> = { actionId: ACTION, reminderKey: "k", submissionId: SUBMISSION }) => {
    const res = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "invoke",
        name: "adaptiveCard/action",
        id: `invoke-${Math.random()}`,
        channelId: "msteams",
        serviceUrl: connector.serviceUrl,
        from: { id: `29:${who.aadObjectId}`, aadObjectId: who.aadObjectId },
        recipient: { id: "28:bot" },
        conversation: { id: who.chat, conversationType: "personal" },
        replyToId: who.card,
        value: { action: { type: "Action.Execute", verb, data: { ...sent, verb, ...inputs } } },
      }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { statusCode: number; type: string; value: Record<string, unknown> };
  };
  /** The words of a card, as a person reads them (Markdown's escapes taken out). */
  const read = (card: unknown) => JSON.stringify(card).replace(/\\\\/g, "");
  const inputValues = (card: Record<string, unknown>) => Object.fromEntries((card.body as { id?: string; value?: unknown }[]).filter((e) => e.id).map((e) => [e.id, e.value]));
  const buttons = (card: Record<string, unknown>) => (card.actions as { title: string; verb: string; data: Record<string, unknown> }[]).map((a) => ({ title: a.title, verb: a.verb, submissionId: a.data.submissionId, actionId: a.data.actionId }));
  const cardUpdates = (chat = DIEGO_CHAT) => connector.updates.filter((u) => u.conversation === chat).map((u) => ({ activityId: u.activityId, heading: u.heading, card: (u.activity.attachments as { content: Record<string, unknown> }[])[0]!.content }));
  const throttleOnce = () => env.faults({ scope: "request", status: 429, retryAfterSeconds: 1, times: 1 });

  it("answers in time that the update is being recorded, keeps recording it, then replaces the card with what was recorded; the update is stored once", async () => {
    await throttleOnce();
    const answer = await press(typed);
    expect(answer).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const pending = answer.value;
    expect(cardProblems(pending)).toEqual([]);
    expect(read(pending)).toContain("Being recorded: your progress update");
    // What the person typed, in the card's words, and the inputs still holding it with the same buttons.
    expect(read(pending)).toContain('{"title":"Progress update","value":"Trainers booked for June & July (2 × cohorts)"}');
    expect(read(pending)).toContain('{"title":"RAG rating","value":"Amber"}');
    expect(inputValues(pending)).toMatchObject({ progress: typed.progress, evidence: typed.evidence, rating: "amber", complete: "false" });
    expect(buttons(pending)).toEqual([
      { title: "Submit update", verb: "submitUpdate", submissionId: SUBMISSION, actionId: ACTION },
      { title: "Snooze", verb: "snooze", submissionId: SUBMISSION, actionId: ACTION },
      { title: "Not my action", verb: "notMyAction", submissionId: SUBMISSION, actionId: ACTION },
    ]);
    // If Assure stops before it finishes, the card itself says what to do, and by when (UK time).
    expect(read(pending)).toMatch(/If this card still says \\"being recorded\\" after \d{2}:\d{2}, \d{1,2} [A-Z][a-z]{2} \d{4}, Assure stopped before it finished. Press \\"Submit update\\" below to send it again: Assure records it once/);

    await bot.teams.settled();
    expect(cardUpdates().map((u) => [u.activityId, u.heading])).toEqual([[DIEGO_CARD, "Update recorded for action 6.2"]]);
    expect(read(cardUpdates()[0]!.card)).toContain("Trainers booked for June & July (2 × cohorts)");
    const { action, updates } = await stored();
    expect(updates).toEqual([expect.objectContaining({ id: `pu-${SUBMISSION}`, text: typed.progress, author: { personId: "diego-siciliani", name: "Diego Siciliani" } })]);
    expect(action.rating).toBe("amber");
  });

  it("replaces the card with NOT recorded, the reason and the buttons, when SharePoint never recovers; sending it again then records it once", async () => {
    await throttleOnce();
    await env.faults({ scope: "request", status: 429, retryAfterSeconds: 0, times: 10_000 });
    expect(read((await press(typed)).value)).toContain("Being recorded: your progress update");
    await bot.teams.settled();
    const [failed, ...more] = cardUpdates();
    expect(more).toEqual([]);
    expect(failed!.activityId).toBe(DIEGO_CARD);
    expect(cardProblems(failed!.card)).toEqual([]);
    expect(read(failed!.card)).toContain("NOT recorded: your progress update");
    expect(read(failed!.card)).toContain("The board's SharePoint site stayed too busy to take it: Microsoft was holding back Assure's requests. Nothing you sent is lost");
    expect(inputValues(failed!.card)).toMatchObject({ progress: typed.progress, rating: "amber" });
    expect(buttons(failed!.card).map((b) => [b.title, b.submissionId])).toEqual([["Submit update", SUBMISSION], ["Snooze", SUBMISSION], ["Not my action", SUBMISSION]]);
    await fetch(`${env.graphUrl.replace(/\/v1\.0$/, "/_emulator")}/faults`, { method: "DELETE" });
    expect((await stored()).updates).toEqual([]);

    // Sent again from the NOT recorded card (the same submission id), twice: one update. (Answered
    // "recorded", or "being recorded" and then updated, as this machine's speed against 50 ms has it.)
    for (let i = 0; i < 2; i++) expect(read((await press(typed)).value)).toMatch(/Update recorded for action 6.2|Being recorded: your progress update/);
    await bot.teams.settled();
    expect((await stored()).updates).toEqual([expect.objectContaining({ id: `pu-${SUBMISSION}`, text: typed.progress })]);
    for (const u of cardUpdates().slice(1)) expect(u.heading).toBe("Update recorded for action 6.2");
  });

  it("finishes the action's summary when an update stored before SharePoint gave out is sent again, without storing it twice", async () => {
    await throttleOnce();
    // The update goes in; the action's summary (its rating) never does.
    await env.faults({ scope: "request", method: "PATCH", status: 429, retryAfterSeconds: 0, times: 10_000 });
    await press(typed);
    await bot.teams.settled();
    expect(cardUpdates().map((u) => u.heading)).toEqual(["NOT recorded: your progress update"]);
    expect(await stored()).toMatchObject({ updates: [{ id: `pu-${SUBMISSION}` }], action: { rating: "green" } });
    await fetch(`${env.graphUrl.replace(/\/v1\.0$/, "/_emulator")}/faults`, { method: "DELETE" });
    await press(typed);
    await bot.teams.settled();
    expect(await stored()).toMatchObject({ updates: [{ id: `pu-${SUBMISSION}` }], action: { rating: "amber", latestUpdate: { id: `pu-${SUBMISSION}` } } });
  });

  it("does the same for a board manager's decision card: being recorded, then the decided card", async () => {
    await press({ progress: "Trainers start later.", newDeadline: "2016-06-30", newDeadlineReason: "Trainers start in June" });
    await bot.teams.settled();
    const { records } = await env.store.readRecords();
    const [forMegan] = decisionCardsFor(records, `pu-${SUBMISSION}`, "2016-04-15");
    const sent = (forMegan!.card.actions as { data: Record<string, unknown> }[])[0]!.data;
    await throttleOnce();
    const megan = { aadObjectId: forMegan!.entraObjectId, chat: "a:megan-chat", card: "megan-decision-message" };
    const answer = await press({ reason: "Agreed at the sub group" }, megan, "approveDeadline", sent);
    expect(read(answer.value)).toContain("Being recorded: your approval of the new deadline");
    expect(answer.value.body).toContainEqual(expect.objectContaining({ id: "reason", value: "Agreed at the sub group" }));
    await bot.teams.settled();
    expect(cardUpdates("a:megan-chat").map((u) => [u.activityId, u.heading])).toEqual([["megan-decision-message", "Action 6.2: new deadline 30 Jun 2016 approved"]]);
    expect((await stored()).action.revisedDeadline).toMatchObject({ date: "2016-06-30" });
  });

  it("records once when the person sends it again while it is still being recorded", async () => {
    await throttleOnce();
    await throttleOnce();
    const first = await press(typed);
    expect(read(first.value)).toContain("Being recorded");
    const again = await press({ ...typed, progress: "Sent again while waiting" }); // edited before pressing again: the first stands
    await bot.teams.settled();
    const { updates } = await stored();
    expect(updates).toEqual([expect.objectContaining({ id: `pu-${SUBMISSION}`, text: typed.progress })]);
    // Whichever answer came back, the card ends showing the one update recorded.
    expect(read(again.value)).toMatch(/Being recorded|Update recorded/);
    expect(cardUpdates().length).toBeGreaterThan(0);
    for (const u of cardUpdates()) expect([u.activityId, u.heading, read(u.card).includes(typed.progress)]).toEqual([DIEGO_CARD, "Update recorded for action 6.2", true]);
  });

  it("lets nobody else's invoke, during the background write, change what is written or whose card is updated", async () => {
    await throttleOnce();
    expect(read((await press(typed)).value)).toContain("Being recorded");
    // Lynne (who does not lead 6.2) presses a copy of Diego's card: his action, his submission id, his card's message id.
    const lynne = await press({ ...typed, progress: "Forged by Lynne", rating: "red" }, { aadObjectId: LYNNE, chat: "a:lynne-chat", card: DIEGO_CARD });
    expect(read(lynne.value)).not.toContain(typed.progress);
    await bot.teams.settled();
    const { action, updates } = await stored();
    expect(updates).toEqual([expect.objectContaining({ text: typed.progress, author: { personId: "diego-siciliani", name: "Diego Siciliani" } })]);
    expect(action.rating).toBe("amber");
    // Diego's card shows his update; anything answering Lynne went to her own chat and says it is not hers.
    expect(cardUpdates().map((u) => [u.activityId, u.heading])).toEqual([[DIEGO_CARD, "Update recorded for action 6.2"]]);
    expect(JSON.stringify(cardUpdates())).not.toContain("Forged by Lynne");
    const hers = [lynne.value, ...cardUpdates("a:lynne-chat").map((u) => u.card)].map(read).join(" ");
    expect(hers).toMatch(/not yours to update|Being recorded/);
    expect(hers).not.toContain("Update recorded");
  });
});
