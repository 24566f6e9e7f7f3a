import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../src/core/ledger.js";
import { nestPlans } from "../../src/core/plan-export.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { BoardRecords } from "../../src/core/records.js";
import { whoIsLate } from "../../src/core/who-is-late.js";
import { demoRecords } from "../../src/demo/index.js";

const LLR = "llr-sab-business-plan-2022-23";
const AS_OF = "2022-10-03";
const update = (actionId: string, at: string, via: ProgressUpdate["via"] = "teams-card"): ProgressUpdate => ({ id: `pu-${actionId}-${at}`, actionId, author: { personId: null, name: "A lead" }, at, text: "Update", evidence: [], rating: null, proposedDeadline: null, markedComplete: false, via });
const reminder = (actionId: string, at: string): LedgerEntry => ({ key: `r-${actionId}-${at}`, kind: "reminder", actionId, recipient: "alex-wilber", stage: "overdue", dueOn: null, status: "sent", claimedAt: at, sentAt: at, attempts: 1, lastError: null });

describe("who is late", () => {
  const r: BoardRecords = structuredClone(demoRecords());
  const plans = () => nestPlans(r).filter((p) => p.id === LLR);

  it("lists each lead with open actions past their deadline, the people its reminders go to, and each late action, most late first", () => {
    const late = whoIsLate(plans(), r, [], AS_OF);
    const overdue = r.actions.filter((a) => a.planId === LLR && a.timescale.deadlines.at(-1)! < AS_OF);
    expect(late.flatMap((l) => l.late.map((a) => a.actionId)).sort()).toEqual(overdue.map((a) => a.id).sort());
    for (const l of late) {
      const lead = r.leads.find((x) => x.id === l.leadId)!;
      const reminded = lead.remind === "chair" && lead.chair ? [lead.chair] : lead.members;
      expect(l.contacts.map((c) => c.personId)).toEqual(reminded.filter((id) => r.people.some((p) => p.id === id)));
      expect(l.contacts.every((c) => c.email.includes("@") && c.jobTitle !== "")).toBe(true);
      expect(l.late.map((a) => a.daysLate)).toEqual([...l.late.map((a) => a.daysLate)].sort((x, y) => y - x));
      expect(l.late.every((a) => a.daysLate > 0 && a.deadline < AS_OF)).toBe(true);
    }
  });

  it("says when each lead last answered on any of its actions (not the plan document), how long ago, and the reminders unanswered since; the longest silence first", () => {
    const first = whoIsLate(plans(), r, [], AS_OF)[0]!;
    const [late, other] = [first.late[0]!.actionId, r.actions.find((a) => a.planId === LLR && a.lead.leadId === first.leadId && a.id !== first.late[0]!.actionId)?.id ?? first.late[0]!.actionId];
    r.progressUpdates.push(update(late, "2022-09-01T09:00:00Z"), update(other, "2022-09-20T15:00:00Z"), update(late, "2022-09-30T09:00:00Z", "plan-document"), update(late, "2022-10-10T09:00:00Z"));
    const ledger = [reminder(late, "2022-09-10T08:00:00Z"), reminder(late, "2022-09-26T08:00:00Z"), reminder(late, "2022-10-01T08:00:00Z")];
    const now = whoIsLate(plans(), r, ledger, AS_OF);
    const row = now.find((l) => l.leadId === first.leadId)!;
    // The update after the day does not count; the plan document's is no answer.
    expect(row).toMatchObject({ lastAnswered: "2022-09-20", daysSinceAnswer: 13, remindersUnanswered: 2 });
    expect(now.at(-1)).toBe(row); // the only lead that has answered is the last
    expect(now.slice(0, -1).every((l) => l.lastAnswered === null && l.daysSinceAnswer === null)).toBe(true);
  });

  it("a lead the directory does not know is listed by its words, with nobody to contact", () => {
    const copy: BoardRecords = structuredClone(r);
    const a = copy.actions.find((x) => x.planId === LLR && x.timescale.deadlines.at(-1)! < AS_OF)!;
    a.lead = { asWritten: "Someone new", leadId: null };
    expect(whoIsLate(nestPlans(copy).filter((p) => p.id === LLR), copy, [], AS_OF).find((l) => l.lead === "Someone new")).toMatchObject({ leadId: null, contacts: [], late: [{ actionId: a.id }] });
  });
});
