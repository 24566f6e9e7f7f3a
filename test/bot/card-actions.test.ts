import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleCardAction, type CardActionResult } from "../../bot/card-actions.js";
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
