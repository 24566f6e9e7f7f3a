import { describe, expect, it } from "vitest";
import { composeDigest, digestDueAt, digestKey, weekOf } from "../../src/core/digest.js";
import type { LedgerEntry } from "../../src/core/ledger.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";

const demo = demoRecords();
const MONDAY = new Date("2022-10-03T07:30:00Z"); // 08:30 BST, Monday 3 October 2022
const LLR = "llr-sab-business-plan-2022-23";
const id = (ref: string) => `${LLR}/${ref}`;

function digest(subgroupId: string, opts: { records?: BoardRecords; ledger?: LedgerEntry[]; now?: Date } = {}) {
  const subgroup = demo.subgroups.find((g) => g.id === subgroupId)!;
  return composeDigest({ subgroup, records: opts.records ?? demo, ledger: opts.ledger ?? [], now: opts.now ?? MONDAY })!;
}
const refs = (items: { ref: string }[]) => items.map((i) => i.ref);

describe("composeDigest: the LLR plan on Monday 3 October 2022", () => {
  it("gives the Performance Group what is overdue and what is due within 30 days", () => {
    const d = digest("llr-performance-group");
    expect(d).toMatchObject({ subgroupName: "Performance Group", chairId: "lynne-robbins", week: "2022-10-03" });
    expect(d.ratingCounts).toEqual({ red: 0, amber: 0, green: 0, complete: 0, unrated: 6 });
    expect(refs(d.overdue)).toEqual(["1.1.3", "2.1.1", "2.1.2"]); // all due 30 September
    expect(refs(d.dueSoon)).toEqual(["1.1.1"]); // due 31 October
    expect(d.quiet).toBe(false);
  });

  it("gives the Training Group its late training and procedure activities", () => {
    const d = digest("llr-training-group");
    expect(refs(d.overdue)).toEqual(["1.3.1", "1.3.2", "2.2.1", "2.2.2"]);
    expect(refs(d.dueSoon)).toEqual([]); // 1.3.3 is due in December
  });

  it("shares activities between the groups a lead names", () => {
    expect(refs(digest("llr-engagement-group").overdue)).toEqual(["1.1.3"]);
    expect(refs(digest("llr-procedures-group").overdue)).toEqual(["2.2.1", "2.2.2"]);
    expect(refs(digest("llr-sab").overdue)).toEqual(["1.6.1"]);
  });

  it("says a week is quiet when there is nothing to report", () => {
    expect(digest("llr-audit-group")).toMatchObject({ quiet: true, overdue: [], dueSoon: [], updates: [] });
    expect(digest("llr-review-group").quiet).toBe(true);
  });

  it("lists the past week's updates with rating changes and slipped deadlines and their reasons", () => {
    const update: ProgressUpdate = {
      id: "pu-1",
      actionId: id("2.1.1"),
      author: { personId: "lynne-robbins", name: "Lynne Robbins" },
      at: "2022-09-29T14:00:00.000Z",
      text: "CQC data requested; not yet received.",
      evidence: [],
      rating: "amber",
      proposedDeadline: { date: "2022-11-30", reason: "CQC data late" },
      markedComplete: false,
      via: "teams-card",
    };
    const older = { ...update, id: "pu-0", at: "2022-09-20T10:00:00.000Z", rating: "green" as const, proposedDeadline: null, text: "Started" };
    const records = { ...demo, progressUpdates: [older, update] };
    expect(digest("llr-performance-group", { records }).updates).toEqual([
      expect.objectContaining({
        ref: "2.1.1",
        author: "Lynne Robbins",
        said: "CQC data requested; not yet received.",
        ratingChange: { from: "green", to: "amber" },
        slipped: { to: "2022-11-30", reason: "CQC data late" },
      }),
    ]);
  });

  it("names leads who have let two or more reminders go unanswered", () => {
    const sent = (stage: string, at: string): LedgerEntry => ({
      key: `${id("1.3.2")}|2022-07-31|${stage}|grady-archie`,
      kind: "reminder",
      actionId: id("1.3.2"),
      recipient: "grady-archie",
      stage,
      dueOn: "2022-07-31",
      status: "sent",
      claimedAt: at,
      sentAt: at,
      attempts: 1,
      lastError: null,
    });
    const ledger = [sent("overdue-8", "2022-09-26T08:00:00.000Z"), sent("overdue-9", "2022-10-03T07:00:00.000Z")];
    expect(digest("llr-training-group", { ledger }).silentLeads).toEqual([
      expect.objectContaining({ ref: "1.3.2", person: "Grady Archie", remindersUnanswered: 2 }),
    ]);
    expect(digest("llr-training-group", { ledger: ledger.slice(0, 1) }).silentLeads).toEqual([]);
  });
});

describe("composeDigest: ongoing actions due their quarterly review", () => {
  it("lists Coventry's ongoing actions with no update this quarter", () => {
    // Coventry has no subgroup records; a stand-in group for the QA&P sub group's lead shows the rule.
    const leads = demo.leads.map((l) => (l.id === "cov-qap" ? { ...l, subgroups: ["llr-audit-group"] } : l));
    const d = digest("llr-audit-group", { records: { ...demo, leads }, now: new Date("2016-04-04T07:30:00Z") });
    expect(refs(d.reviewsDue)).toEqual(["2.1"]); // "January 2016 onwards"
  });
});

describe("when digests go", () => {
  it("goes on Monday at 08:30 London, or the next working day after a bank holiday", () => {
    expect(digestDueAt(new Date("2022-10-05T12:00:00Z")).toISOString()).toBe("2022-10-03T07:30:00.000Z");
    expect(digestDueAt(new Date("2022-12-28T12:00:00Z")).toISOString()).toBe("2022-12-28T08:30:00.000Z"); // Boxing Day and its substitute
    expect(weekOf("2022-10-09")).toBe("2022-10-03");
  });

  it("goes at a subgroup's own day and time when it sets one", () => {
    const friday = { digestAt: { weekday: 5, hour: 14, minute: 0 } };
    expect(digestDueAt(new Date("2022-10-05T12:00:00Z"), friday).toISOString()).toBe("2022-10-07T13:00:00.000Z");
  });

  it("has one ledger key per chair per week", () => {
    expect(digestKey("llr-training-group", "2022-10-03", "grady-archie")).toBe("digest|llr-training-group|2022-10-03|grady-archie");
  });
});
