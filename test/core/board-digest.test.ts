import { describe, expect, it } from "vitest";
import { renderBoardDigestCard } from "../../bot/cards/board-digest-card.js";
import { boardDigestDueAt, composeBoardDigest, meetingDue } from "../../src/core/board-digest.js";
import { demoRecords } from "../../src/demo/index.js";
import { cardProblems } from "../support/adaptive-cards.js";

const demo = demoRecords();
const llr = { ...demo.plans.find((p) => p.id === "llr-sab-business-plan-2022-23")!, boardMeetings: ["2022-10-12", "2023-01-18"] };
const records = { ...demo, plans: demo.plans.map((p) => (p.id === llr.id ? llr : p)) };
const at = new Date("2022-10-05T07:30:00Z"); // Wednesday 08:30 BST, a week before the meeting

describe("the board manager's digest before a board meeting", () => {
  it("goes on the working day a week before each meeting, until the meeting", () => {
    expect(boardDigestDueAt("2022-10-12").toISOString()).toBe("2022-10-05T07:30:00.000Z");
    expect(meetingDue(llr, new Date("2022-10-05T07:29:00Z"))).toBeNull();
    expect(meetingDue(llr, at)).toBe("2022-10-12");
    expect(meetingDue(llr, new Date("2022-10-13T09:00:00Z"))).toBeNull();
  });

  it("gathers the plan's exceptions: overdue, moved deadlines, stale ratings, leads out of reach", () => {
    const moved = records.actions.map((a) =>
      a.id === `${llr.id}/1.1.2` ? { ...a, rating: "amber" as const, revisedDeadline: { date: "2023-02-28", reason: "Insights project late" } } : a,
    );
    const reachable = records.people.filter((p) => p.id !== "grady-archie").map((p) => ({ entraObjectId: p.entraObjectId, reference: {}, stale: false, updatedAt: at.toISOString() }));
    const d = composeBoardDigest({ plan: llr, meeting: "2022-10-12", records: { ...records, actions: moved }, conversations: reachable, now: at });
    expect(d.overdue.map((a) => a.ref)).toEqual(["1.1.3", "1.3.1", "1.3.2", "1.6.1", "2.1.1", "2.1.2", "2.2.1", "2.2.2"]);
    expect(d.amber.map((a) => a.ref)).toEqual(["1.1.2"]);
    expect(d.slipped.map((a) => [a.ref, a.revisedDeadline?.reason])).toEqual([["1.1.2", "Insights project late"]]);
    expect(d.stale).toHaveLength(19); // nothing heard since the plan began in April: over 90 days
    expect(d.unreachable).toEqual([{ person: "Grady Archie", actions: ["1.3.1", "1.3.2", "1.3.3", "2.2.1", "2.2.2"] }]);
    const json = renderBoardDigestCard(d, { planTitle: llr.title, today: "2022-10-05", address: { publicUrl: "http://localhost:3978", teamsAppId: null } });
    expect(cardProblems(json)).toEqual([]);
    expect(JSON.stringify(json)).toContain("Before the board meeting on 12 October 2022");
    // Each exception links to its action in the tab (a plain web link in local mode).
    expect(JSON.stringify(json)).toContain(`[1.1.2](http://localhost:3978/tab/plans/${llr.id}?action=${encodeURIComponent(`${llr.id}/1.1.2`)}&asOf=2022-10-05)`);
  });
});
