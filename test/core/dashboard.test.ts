import { describe, expect, it } from "vitest";
import { dashboard } from "../../src/core/dashboard.js";
import type { LedgerEntry } from "../../src/core/ledger.js";
import { nestPlans } from "../../src/core/plan-export.js";
import { applyProgressUpdate } from "../../src/core/progress.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const update = (ref: string, at: string, rating: ProgressUpdate["rating"], markedComplete = false): ProgressUpdate => ({ id: `pu-${ref}-${at.slice(0, 10)}`, actionId: `${COVENTRY}/${ref}`, author: { personId: null, name: "A lead" }, at, text: "Update", evidence: [], rating, proposedDeadline: null, markedComplete, via: "teams-card" });
const sent = (kind: LedgerEntry["kind"], ref: string, at: string): LedgerEntry => ({ key: `${kind}-${ref}-${at}`, kind, actionId: `${COVENTRY}/${ref}`, recipient: "alex-wilber", stage: "7-days", dueOn: null, status: "sent", claimedAt: at, sentAt: at, attempts: 1, lastError: null });

function site(updates: ProgressUpdate[] = []) {
  const r: BoardRecords = structuredClone(demoRecords());
  r.progressUpdates.push(...updates);
  r.actions = r.actions.map((a) => updates.filter((u) => u.actionId === a.id).reduce(applyProgressUpdate, a));
  return r;
}
const all = (r: BoardRecords, planId: string) => nestPlans(r).filter((p) => p.id === planId);

describe("the dashboard as at a day", () => {
  it("counts LLR's overdue and due-soon actions by lead and subgroup, the same actions the plan's filters show", () => {
    const r = site();
    const d = dashboard(all(r, LLR), r, [], "2022-10-03");
    const actions = r.actions.filter((a) => a.planId === LLR);
    const deadline = (a: (typeof actions)[number]) => a.timescale.deadlines.at(-1)!;
    const overdue = actions.filter((a) => deadline(a) < "2022-10-03").length;
    const soon = actions.filter((a) => deadline(a) >= "2022-10-03" && deadline(a) <= "2022-10-31").length;
    expect([overdue, soon]).toEqual([8, 2]);
    expect(d.byLead.reduce((n, l) => n + l.overdue, 0)).toBe(overdue);
    expect(d.byLead.reduce((n, l) => n + l.dueSoon, 0)).toBe(soon);
    expect(d.byLead.map((l) => l.overdue)).toEqual([...d.byLead.map((l) => l.overdue)].sort((a, b) => b - a)); // most overdue first
    expect(d.byLead[0]).toMatchObject({ id: "llr-performance-group", overdue: 2 });
    // The Performance Group leads 2.1.x alone and 1.1.x with the Engagement Group.
    expect(d.bySubgroup.find((g) => g.name === "Performance Group")).toMatchObject({ overdue: 3, dueSoon: 1 });
    expect(d.plans).toEqual([{ id: LLR, title: expect.any(String), counts: { red: 0, amber: 0, green: 0, complete: 0, unrated: 19 } }]);
  });

  it("charts Mrs E's ratings month by month from its history, and times completions and slipped deadlines", () => {
    const r = site([update("1.1", "2016-01-20T10:00:00Z", "complete", true), update("2.1", "2016-03-10T10:00:00Z", "red")]);
    r.actions.find((a) => a.id === `${COVENTRY}/6.2`)!.revisedDeadline = { date: "2016-07-31", reason: "Trainers vacant" };
    const d = dashboard(all(r, COVENTRY), r, [], "2016-04-15");
    const month = (m: string) => d.ratingsByMonth.find((x) => x.month === m)!.counts;
    // From the month the plan was issued (17 Sep 2015).
    expect(d.ratingsByMonth.map((m) => m.month)).toEqual(["2015-09", "2015-10", "2015-11", "2015-12", "2016-01", "2016-02", "2016-03", "2016-04"]);
    expect(month("2015-12")).toEqual({ red: 0, amber: 0, green: 13, complete: 0, unrated: 1 });
    expect(month("2016-01")).toEqual({ red: 0, amber: 0, green: 12, complete: 1, unrated: 1 });
    expect(month("2016-04")).toEqual({ red: 1, amber: 0, green: 11, complete: 1, unrated: 1 });
    expect(d.completion).toEqual({ actions: 1, medianDays: 125 }); // 17 Sep 2015 → 20 Jan 2016
    expect(d.slipped).toEqual({ actions: 1, of: 14, medianDays: 92, longestDays: 92 }); // 30 Apr → 31 Jul
  });

  it("sorts leads' answers to reminders: within 7 days, later, after escalation, not at all", () => {
    const r = site([update("1.1", "2016-01-05T10:00:00Z", "green"), update("2.1", "2016-01-22T10:00:00Z", "amber"), update("4.1", "2016-01-15T10:00:00Z", "green")]);
    const ledger = [sent("reminder", "1.1", "2016-01-01T09:00:00Z"), sent("reminder", "2.1", "2016-01-01T09:00:00Z"), sent("escalation", "2.1", "2016-01-20T09:00:00Z"), sent("reminder", "3.1", "2016-01-01T09:00:00Z"), sent("reminder", "4.1", "2016-01-01T09:00:00Z"), sent("reminder", "5.1", "2016-03-01T09:00:00Z")];
    expect(dashboard(all(r, COVENTRY), r, ledger, "2016-02-01").responses).toEqual({ reminders: 4, within7Days: 1, later: 1, afterEscalation: 1, notAnswered: 1 });
  });
});
