import { describe, expect, it } from "vitest";
import type { Action } from "../../src/core/action.js";
import { dueReminders, type Snooze } from "../../src/core/reminder-policy.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import { parseTimescale } from "../../src/core/timescale.js";
import { demoRecords } from "../../src/demo/index.js";

const demo = demoRecords();
const byRef = (planId: string, ref: string) => demo.actions.find((a) => a.planId === planId && a.ref === ref)!;
const COV = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";

function due(at: string, opts: { actions?: Action[]; updates?: ProgressUpdate[]; claimed?: string[]; snoozes?: Snooze[]; plans?: typeof demo.plans } = {}) {
  return dueReminders({
    plans: opts.plans ?? demo.plans,
    actions: opts.actions ?? demo.actions,
    updates: opts.updates ?? [],
    leads: demo.leads,
    claimed: new Set(opts.claimed ?? []),
    snoozes: opts.snoozes ?? [],
    now: new Date(at),
  }).map((r) => `${r.actionId.split("/")[0] === COV ? "cov" : "llr"} ${r.actionId.split("/")[1]} ${r.stage} ${r.personId} ${r.dueAt}`);
}

const only = (action: Action) => ({ actions: [action] });
const withTimescale = (text: string): Action => ({ ...byRef(COV, "6.2"), timescale: parseTimescale(text) });
const update = (actionId: string, at: string): ProgressUpdate => ({
  id: `u-${at}`,
  actionId,
  author: { personId: "diego-siciliani", name: "Diego Siciliani" },
  at,
  text: "Progress",
  evidence: [],
  rating: "green",
  proposedDeadline: null,
  markedComplete: false,
  via: "teams-card",
});

describe("dueReminders: stages before the deadline", () => {
  // 6.2 "April 2016": deadline Saturday 30 April 2016, British Summer Time (09:00 BST = 08:00Z).
  const a = byRef(COV, "6.2");

  it("sends nothing before 09:00 London time on the stage's day", () => {
    expect(due("2016-04-01T07:59:59Z", only(a))).toEqual([]);
  });

  it("sends the 28-day reminder at 09:00 BST on the working day before a weekend stage", () => {
    // 28 days before Sat 30 April is Sat 2 April: sent Friday 1 April.
    expect(due("2016-04-01T08:00:00Z", only(a))).toEqual(["cov 6.2 28-days diego-siciliani 2016-04-01T08:00:00.000Z"]);
  });

  it("sends 14 and 7 days before, then 'due today' on the Friday before a Saturday deadline", () => {
    expect(due("2016-04-15T09:00:00Z", only(a))).toEqual(["cov 6.2 14-days diego-siciliani 2016-04-15T08:00:00.000Z"]);
    expect(due("2016-04-22T09:00:00Z", only(a))).toEqual(["cov 6.2 7-days diego-siciliani 2016-04-22T08:00:00.000Z"]);
    // 1 day before (Fri 29) and the day itself (Sat 30 → Fri 29) share a day: one reminder.
    expect(due("2016-04-29T09:00:00Z", only(a))).toEqual(["cov 6.2 due-today diego-siciliani 2016-04-29T08:00:00.000Z"]);
  });

  it("uses 09:00 GMT in winter", () => {
    // 6.1 "January 2016": deadline Sunday 31 Jan; 7 days before is Sunday 24th → Friday 22nd.
    expect(due("2016-01-22T09:00:00Z", only(byRef(COV, "6.1")))).toEqual([
      "cov 6.1 7-days megan-bowen 2016-01-22T09:00:00.000Z",
    ]);
    // A minute earlier, the 14-day reminder of Friday 15th is the one still standing.
    expect(due("2016-01-22T08:59:00Z", only(byRef(COV, "6.1")))).toEqual([
      "cov 6.1 14-days megan-bowen 2016-01-15T09:00:00.000Z",
    ]);
  });

  it("keeps 09:00 London either side of the clocks going forward (27 March 2016)", () => {
    // Deadline Thu 21 April: 28 days before is Thu 24 March (GMT); 14 days before Thu 7 April (BST).
    const x = withTimescale("21/04/2016");
    expect(due("2016-03-24T09:00:00Z", only(x))).toEqual(["cov 6.2 28-days diego-siciliani 2016-03-24T09:00:00.000Z"]);
    expect(due("2016-04-07T08:00:00Z", only(x))).toEqual(["cov 6.2 14-days diego-siciliani 2016-04-07T08:00:00.000Z"]);
  });

  it("moves a stage off Easter: not Good Friday, not Easter Monday", () => {
    // Deadline Mon 25 April 2016: 28 days before is Easter Monday 28 March → Thursday 24 March.
    expect(due("2016-03-24T09:00:00Z", only(withTimescale("25/04/2016")))).toEqual([
      "cov 6.2 28-days diego-siciliani 2016-03-24T09:00:00.000Z",
    ]);
    expect(due("2016-03-25T09:00:00Z", only(withTimescale("22/04/2016")))).toEqual([
      "cov 6.2 28-days diego-siciliani 2016-03-24T09:00:00.000Z",
    ]);
  });
});

describe("dueReminders: overdue, ongoing, finished", () => {
  it("reminds weekly while overdue, on working days", () => {
    // 6.1 deadline Sun 31 Jan 2016: overdue reminders Mon 8 Feb (7 Feb is a Sunday), then 15 Feb.
    expect(due("2016-02-08T09:00:00Z", only(byRef(COV, "6.1")))).toEqual(["cov 6.1 overdue-1 megan-bowen 2016-02-08T09:00:00.000Z"]);
    expect(due("2016-02-16T12:00:00Z", only(byRef(COV, "6.1")))).toEqual(["cov 6.1 overdue-2 megan-bowen 2016-02-15T09:00:00.000Z"]);
  });

  it("asks about an ongoing action each quarter instead of calling it overdue", () => {
    // 1.1 "Jan 2016 onwards": no overdue reminder in February…
    expect(due("2016-02-08T09:00:00Z", only(byRef(COV, "1.1")))).toEqual([]);
    // …and a review on the first working day of each financial quarter (1 April 2016, a Friday).
    expect(due("2016-04-01T08:00:00Z", only(byRef(COV, "1.1")))).toEqual(["cov 1.1 review-2016-17-q1 alex-wilber 2016-04-01T08:00:00.000Z"]);
    // Q2 starts Friday 1 July; Q4 starts 1 January 2017, a Sunday, then a bank holiday Monday: Tuesday 3rd.
    expect(due("2016-07-01T08:00:00Z", only(byRef(COV, "1.1")))).toEqual(["cov 1.1 review-2016-17-q2 alex-wilber 2016-07-01T08:00:00.000Z"]);
    expect(due("2017-01-03T09:00:00Z", only(byRef(COV, "1.1")))).toEqual(["cov 1.1 review-2016-17-q4 alex-wilber 2017-01-03T09:00:00.000Z"]);
  });

  it("sends nothing for complete, closed or not-implemented actions", () => {
    const a = byRef(COV, "6.1");
    for (const status of [{ state: "complete" }, { state: "closed", by: "Board", on: "2016-01-20" }, { state: "not-implemented", reason: "Superseded" }] as const) {
      expect(due("2016-01-22T09:00:00Z", only({ ...a, status }))).toEqual([]);
    }
  });

  it("sends nothing for a plan that is closed, or an action whose timescale is unreadable", () => {
    const plans = demo.plans.map((p) => ({ ...p, status: "closed" as const }));
    expect(due("2016-01-22T09:00:00Z", { ...only(byRef(COV, "6.1")), plans })).toEqual([]);
    expect(due("2016-03-01T09:00:00Z", only(byRef(COV, "7.2")))).toEqual([]);
  });

  it("does not send a stage late once the next has overtaken it or a week has passed", () => {
    // The 28-day reminder (Friday 1 April) stands for a week, then lapses until the 14-day one.
    const a = byRef(COV, "6.2");
    expect(due("2016-04-07T09:00:00Z", only(a))).toEqual(["cov 6.2 28-days diego-siciliani 2016-04-01T08:00:00.000Z"]);
    expect(due("2016-04-08T08:00:00Z", only(a))).toEqual([]);
    expect(due("2016-04-15T08:00:00Z", only(a))).toEqual(["cov 6.2 14-days diego-siciliani 2016-04-15T08:00:00.000Z"]);
  });
});

describe("dueReminders: a plan's own policy", () => {
  it("follows the stages a plan sets instead of the default", () => {
    const plans = demo.plans.map((p) => ({ ...p, reminderPolicy: { daysBefore: [3], overdueEveryDays: 14, overdueWeeklyFor: 4, sendAt: { hour: 8, minute: 30 }, escalateAfterOverdue: 2, snoozeDays: 7 } }));
    const a = byRef(COV, "6.2"); // deadline Sat 30 April 2016
    expect(due("2016-04-01T08:00:00Z", { ...only(a), plans })).toEqual([]); // no 28-day stage
    expect(due("2016-04-27T07:30:00Z", { ...only(a), plans })).toEqual(["cov 6.2 3-days diego-siciliani 2016-04-27T07:30:00.000Z"]);
    expect(due("2016-05-16T08:00:00Z", { ...only(a), plans })).toEqual(["cov 6.2 overdue-1 diego-siciliani 2016-05-16T07:30:00.000Z"]);
  });
});

describe("dueReminders: who, and who not", () => {
  it("does not ask a lead who updated since the previous stage", () => {
    const a = byRef(COV, "6.2");
    expect(due("2016-04-15T09:00:00Z", { ...only(a), updates: [update(a.id, "2016-04-05T10:00:00Z")] })).toEqual([]);
    // An update before the previous stage does not answer this one.
    expect(due("2016-04-15T09:00:00Z", { ...only(a), updates: [update(a.id, "2016-03-30T10:00:00Z")] })).toHaveLength(1);
  });

  it("waits while a reminder is snoozed", () => {
    const a = byRef(COV, "6.2");
    const snoozes = [{ actionId: a.id, personId: "diego-siciliani", until: "2016-04-22T08:00:00Z" }];
    expect(due("2016-04-15T09:00:00Z", { ...only(a), snoozes })).toEqual([]);
    expect(due("2016-04-22T09:00:00Z", { ...only(a), snoozes })).toHaveLength(1);
  });

  it("leaves out what the ledger has already claimed", () => {
    const a = byRef(COV, "6.2");
    const claimed = [`${a.id}|2016-04-30|14-days|diego-siciliani`];
    expect(due("2016-04-15T09:00:00Z", { ...only(a), claimed })).toEqual([]);
  });

  it("reminds a group through its chair, and every person a shared lead names", () => {
    // LLR 1.4.1 (Audit Group) is due Jan 2023; 4.1 names a group and the Board's legal advisor.
    expect(due("2023-01-03T09:00:00Z", only(byRef(LLR, "1.4.1")))).toEqual([
      "llr 1.4.1 28-days johanna-lorenz 2023-01-03T09:00:00.000Z",
    ]);
    expect(due("2016-04-01T08:00:00Z", only(byRef(COV, "4.1")))).toEqual([
      "cov 4.1 28-days lee-gu 2016-04-01T08:00:00.000Z",
      "cov 4.1 28-days isaiah-langer 2016-04-01T08:00:00.000Z",
    ]);
  });

  it("finds what is due across the LLR plan on Monday 3 October 2022", () => {
    expect(due("2022-10-03T08:00:00Z").filter((r) => r.startsWith("llr"))).toEqual([
      // Oct 2022 deadlines: 28 days to go (both groups of a shared lead are asked).
      "llr 1.1.1 28-days lynne-robbins 2022-10-03T08:00:00.000Z",
      "llr 1.1.1 28-days henrietta-mueller 2022-10-03T08:00:00.000Z",
      // Sep 2022 deadlines: Friday's "due today" stands until the first overdue reminder.
      "llr 1.1.3 due-today lynne-robbins 2022-09-30T08:00:00.000Z",
      "llr 1.1.3 due-today henrietta-mueller 2022-09-30T08:00:00.000Z",
      "llr 1.3.1 due-today grady-archie 2022-09-30T08:00:00.000Z",
      // Jul 2022, overdue: weekly for four weeks, then monthly (Wednesday 28 September's still stands).
      "llr 1.3.2 overdue-5 grady-archie 2022-09-28T08:00:00.000Z",
      "llr 1.5.1 28-days joni-sherman 2022-10-03T08:00:00.000Z",
      "llr 1.6.1 overdue-4 miriam-graham 2022-09-28T08:00:00.000Z",
      "llr 1.6.1 overdue-4 joni-sherman 2022-09-28T08:00:00.000Z",
      "llr 1.6.1 overdue-4 patti-fernandez 2022-09-28T08:00:00.000Z",
      "llr 2.1.1 due-today lynne-robbins 2022-09-30T08:00:00.000Z",
      "llr 2.1.2 due-today lynne-robbins 2022-09-30T08:00:00.000Z",
      "llr 2.2.1 overdue-6 lidia-holloway 2022-09-28T08:00:00.000Z",
      "llr 2.2.1 overdue-6 grady-archie 2022-09-28T08:00:00.000Z",
      "llr 2.2.2 overdue-6 lidia-holloway 2022-09-28T08:00:00.000Z",
      "llr 2.2.2 overdue-6 grady-archie 2022-09-28T08:00:00.000Z",
    ]);
  });
});
