import { describe, expect, it } from "vitest";
import { boardPaper } from "../../src/core/board-paper.js";
import type { Change } from "../../src/core/change-log.js";
import { upgradeEvents } from "../../src/core/history-upgrade.js";
import { nestPlans } from "../../src/core/plan-export.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const id = (ref: string) => `${COVENTRY}/${ref}`;

/** A site as Assure left it before events: a manager's rating overwritten today, a lead's new deadline applied at once. */
function legacySite(): { records: BoardRecords; changes: Change[] } {
  const r = structuredClone(demoRecords());
  const a41 = r.actions.find((a) => a.id === id("4.1"))!;
  const before = { rating: a41.rating, ratingAsWritten: a41.ratingAsWritten };
  Object.assign(a41, { rating: "amber", ratingAsWritten: null });
  const proposal: ProgressUpdate = { id: "pu-2-1", actionId: id("2.1"), author: { personId: "alex-wilber", name: "Alex Wilber" }, at: "2016-01-12T10:00:00Z", text: "Toolkit consultation extended", evidence: [], rating: "amber", proposedDeadline: { date: "2016-06-30", reason: "Consultation extended" }, markedComplete: false, via: "teams-card" };
  r.progressUpdates.push(proposal);
  Object.assign(r.actions.find((a) => a.id === id("2.1"))!, { rating: "amber", revisedDeadline: proposal.proposedDeadline, latestUpdate: { id: proposal.id, at: proposal.at } });
  const change: Change = {
    id: "change-1",
    at: "2026-12-03T10:00:00Z",
    by: { personId: "megan-bowen", entraObjectId: null, name: "Megan Bowen" },
    subject: { kind: "action", id: id("4.1"), label: "action 4.1" },
    planId: COVENTRY,
    what: "edited",
    fields: [
      { field: "rating", from: before.rating, to: "amber" },
      { field: "ratingAsWritten", from: before.ratingAsWritten, to: null },
    ],
  };
  return { records: r, changes: [change] };
}

const row = (r: BoardRecords, ref: string, asOf: string) => boardPaper(nestPlans(r).find((p) => p.id === COVENTRY)!, { asOf, since: null }).sections.flatMap((s) => s.actions).find((a) => a.ref === ref)!;

describe("upgrading a site to events (assure provision)", () => {
  it("dates a manager's old edit by the change log and a lead's old new deadline by its update, so the past reads as it was", () => {
    const { records, changes } = legacySite();
    expect(row(records, "4.1", "2016-02-15").rating).toBe("amber"); // the bug: today's edit shows in 2016
    const events = upgradeEvents(records, changes);
    const upgraded = { ...records, actionEvents: events };
    expect(row(upgraded, "4.1", "2016-02-15").rating).toBe("green");
    expect(row(upgraded, "4.1", "2026-12-03").rating).toBe("amber");
    expect(row(upgraded, "2.1", "2016-01-01")).toMatchObject({ revised: null });
    expect(row(upgraded, "2.1", "2016-02-15")).toMatchObject({ targetDate: "2016-06-30", revised: { by: "Assure", on: "2016-01-12", approved: true } });
    expect(events.find((e) => e.actionId === id("4.1"))).toMatchObject({ at: "2026-12-03T10:00:00Z", by: { name: "Megan Bowen" }, fields: [{ field: "rating", from: "green", to: "amber" }] });
  });

  it("writes the same events when run again, and none for actions already keeping their own", () => {
    const { records, changes } = legacySite();
    const first = upgradeEvents(records, changes);
    expect(upgradeEvents({ ...records, actionEvents: first }, changes)).toEqual(first);
    expect(upgradeEvents(demoRecords(), [])).toEqual([]);
  });
});
