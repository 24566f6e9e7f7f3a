import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/action.js";
import { awaitingCatchUp, confirmationsOf, holdForCatchUp, summaryKey, summaryText } from "../../src/core/catch-up.js";
import type { LedgerEntry } from "../../src/core/ledger.js";
import { dueReminders } from "../../src/core/reminder-policy.js";
import { parseTimescale } from "../../src/core/timescale.js";
import { demoRecords } from "../../src/demo/index.js";

const demo = demoRecords();
const COV = "coventry-sar-mrs-e-2015";
const action = (ref: string, timescale: string): Action => ({ ...demo.actions.find((a) => a.planId === COV && a.ref === "6.2")!, id: `${COV}/x${ref}`, ref, timescale: parseTimescale(timescale) });
// 6.2's lead (Diego Siciliani); deadlines: 30 Apr 2016 (not yet), 31 Dec 2015 (13 weeks ago), 31 Jan 2016 (9 weeks ago), 29 Feb 2016 (4½ weeks).
const actions = [action("1", "April 2016"), action("2", "December 2015"), action("3", "January 2016"), action("4", "February 2016")];
const NOW = new Date("2016-04-04T08:00:00Z"); // Monday 09:00 BST
const sent = (actionId: string, stage = "7-days"): LedgerEntry => ({ key: `${actionId}|${stage}`, kind: "reminder", actionId, recipient: "diego-siciliani", stage, dueOn: null, status: "sent", claimedAt: "2016-01-01T09:00:00.000Z", sentAt: "2016-01-01T09:00:00.000Z", attempts: 1, lastError: null });
const waitingWith = (ledger: LedgerEntry[]) => awaitingCatchUp({ plans: demo.plans, actions, leads: demo.leads, ledger, now: NOW }).map((w) => w.ref);

describe("a first run's catch-up", () => {
  it("holds actions more than 8 weeks overdue that nobody was ever reminded of", () => {
    expect(waitingWith([])).toEqual(["2", "3"]);
  });

  it("does not hold an action someone was reminded of, or one a manager confirmed", () => {
    expect(waitingWith([sent(`${COV}/x2`)])).toEqual(["3"]);
    const [confirmed] = confirmationsOf(awaitingCatchUp({ plans: demo.plans, actions, leads: demo.leads, ledger: [], now: NOW }).filter((w) => w.ref === "3"), { personId: "megan-bowen" }, NOW);
    expect(confirmed).toMatchObject({ kind: "digest", stage: "catch-up-confirmed", recipient: "megan-bowen", actionId: `${COV}/x3`, status: "sent" });
    expect(waitingWith([confirmed!])).toEqual(["2"]);
  });

  it("holds only those actions' due reminders; the rest go", () => {
    const due = dueReminders({ plans: demo.plans, actions, updates: [], leads: demo.leads, claimed: new Set(), snoozes: [], now: NOW });
    const { send, held } = holdForCatchUp(due, awaitingCatchUp({ plans: demo.plans, actions, leads: demo.leads, ledger: [], now: NOW }));
    // 31 December and 31 January deadlines: their monthly reminders (Tuesday 29 March, after Easter Monday) are held.
    expect(held.map((r) => `${r.actionId.split("/x")[1]} ${r.stage} ${r.dueAt.slice(0, 10)}`)).toEqual(["2 overdue-6 2016-03-29", "3 overdue-5 2016-03-29"]);
    // 29 February's fourth weekly reminder goes: five weeks late is not a first run's backlog; so does 30 April's 28-day one.
    expect(send.map((r) => `${r.actionId.split("/x")[1]} ${r.stage}`)).toEqual(["1 28-days", "4 overdue-4"]);
    expect(send.some((r) => ["2", "3"].includes(r.actionId.split("/x")[1]!))).toBe(false);
  });

  it("summarises once per set of held actions: the same set keeps its key, a new import's action brings a new one", () => {
    const waiting = awaitingCatchUp({ plans: demo.plans, actions, leads: demo.leads, ledger: [], now: NOW });
    expect(summaryKey(COV, waiting)).toBe(summaryKey(COV, [...waiting].reverse()));
    expect(summaryKey(COV, waiting.slice(1))).not.toBe(summaryKey(COV, waiting));
    const plan = demo.plans.find((p) => p.id === COV)!;
    expect(summaryText(plan, waiting)).toBe(
      '2 actions are more than 8 weeks overdue and nobody has been reminded of them (the oldest deadline 31/12/2015). Assure is holding their reminders to 1 person until you confirm a catch-up: open the plan in the tab and choose "Catch up", where you see what would be sent.',
    );
  });
});

describe("overdue reminders' rhythm", () => {
  const stages = (at: string) => dueReminders({ plans: demo.plans, actions: [action("9", "December 2015")], updates: [], leads: demo.leads, claimed: new Set(), snoozes: [], now: new Date(at) }).map((r) => `${r.stage} ${r.dueAt.slice(0, 10)}`);
  it("is weekly for four weeks after the deadline, then monthly", () => {
    // Deadline Thursday 31 December 2015: weekly on 7, 14, 21, 28 January; then 28 February (a Sunday: Monday 29th), 28 March.
    expect(stages("2016-01-07T09:30:00Z")).toEqual(["overdue-1 2016-01-07"]);
    expect(stages("2016-01-28T09:30:00Z")).toEqual(["overdue-4 2016-01-28"]);
    expect(stages("2016-02-04T09:30:00Z")).toEqual([]); // no fifth weekly reminder
    expect(stages("2016-02-29T09:30:00Z")).toEqual(["overdue-5 2016-02-29"]);
    expect(stages("2016-03-29T08:30:00Z")).toEqual(["overdue-6 2016-03-29"]); // 28 March 2016 is Easter Monday
  });
});
