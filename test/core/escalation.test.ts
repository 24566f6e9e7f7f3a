import { describe, expect, it } from "vitest";
import { dueEscalations } from "../../src/core/escalation.js";
import type { LedgerEntry } from "../../src/core/ledger.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import { demoRecords } from "../../src/demo/index.js";

const demo = demoRecords();
const LLR = "llr-sab-business-plan-2022-23";
const A = `${LLR}/1.6.1`; // "SAB / Task & Finish Group": the Safeguarding Adults Board's subgroup record, chair Miriam Graham

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  key: "k",
  kind: "reminder",
  actionId: A,
  recipient: "joni-sherman",
  stage: "overdue-1",
  dueOn: "2022-08-31",
  status: "sent",
  claimedAt: "2022-09-07T08:00:00.000Z",
  sentAt: "2022-09-07T08:00:00.000Z",
  attempts: 1,
  lastError: null,
  ...over,
});
const overdue = (n: number, sentAt: string) => entry({ key: `${A}|2022-08-31|overdue-${n}|joni-sherman`, stage: `overdue-${n}`, sentAt, claimedAt: sentAt });
const escalations = (ledger: LedgerEntry[], now: string, updates: ProgressUpdate[] = []) =>
  dueEscalations({ records: { ...demo, progressUpdates: updates }, ledger, now: new Date(now) })
    .filter((e) => e.actionId === A)
    .map((e) => `${e.level} ${e.personId} (${e.unanswered})`);

describe("dueEscalations", () => {
  const two = [overdue(1, "2022-09-07T08:00:00.000Z"), overdue(2, "2022-09-14T08:00:00.000Z")];

  it("waits for the second unanswered overdue reminder, then tells the subgroup chair", () => {
    expect(escalations(two.slice(0, 1), "2022-09-10T09:00:00Z")).toEqual([]);
    expect(escalations(two, "2022-09-14T09:00:00Z")).toEqual(["chair miriam-graham (2)"]);
  });

  it("tells the board manager a week after the chair, if the lead is still silent", () => {
    const told = entry({ key: `escalate-chair|${A}|never|miriam-graham`, kind: "escalation", recipient: "miriam-graham", sentAt: "2022-09-14T09:00:00.000Z" });
    expect(escalations([...two, told], "2022-09-20T09:00:00Z")).toEqual([]);
    expect(escalations([...two, told], "2022-09-21T09:00:00Z")).toEqual(["manager joni-sherman (2)"]);
  });

  it("starts again once the lead answers", () => {
    const update: ProgressUpdate = {
      id: "u",
      actionId: A,
      author: { personId: "joni-sherman", name: "Joni Sherman" },
      at: "2022-09-15T10:00:00.000Z",
      text: "Pathways mapped",
      evidence: [],
      rating: "amber",
      proposedDeadline: null,
      markedComplete: false,
      via: "teams-card",
    };
    expect(escalations(two, "2022-09-16T09:00:00Z", [update])).toEqual([]);
  });

  it("goes straight to the board managers for a lead in no subgroup", () => {
    const c = "coventry-sar-mrs-e-2015/9.1";
    const ledger = [1, 2].map((n) => ({ ...overdue(n, `2016-02-${n === 1 ? "08" : "15"}T09:00:00.000Z`), key: `c${n}`, actionId: c }));
    const due = dueEscalations({ records: demo, ledger, now: new Date("2016-02-15T10:00:00Z") }).filter((e) => e.actionId === c);
    expect(due.map((e) => `${e.level} ${e.personId}`)).toEqual(["manager megan-bowen"]);
  });
});
