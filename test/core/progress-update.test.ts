import { describe, expect, it } from "vitest";
import { PROGRESS_TEXT_MAX, ProgressUpdateSchema } from "../../src/core/progress-update.js";

const update = {
  id: "u-1",
  actionId: "coventry-sar-mrs-e-2015/1.1",
  author: { personId: "alex-wilber", name: "Alex Wilber" },
  at: "2016-01-29T09:00:00Z",
  text: "Toolkit drafted and shared with the Review sub group.",
  evidence: ["https://contoso.sharepoint.com/sites/csab/Toolkit.docx"],
  rating: "green",
  proposedDeadline: null,
  markedComplete: false,
  via: "teams-card",
};

describe("ProgressUpdateSchema", () => {
  it("accepts an update with https evidence", () => {
    expect(ProgressUpdateSchema.safeParse(update).success).toBe(true);
  });

  it.each([
    ["http://example.org/x", "evidence links must start with https://"],
    ["javascript:alert(1)", "evidence links must start with https://"],
  ])("refuses the evidence link %s", (link, message) => {
    const r = ProgressUpdateSchema.safeParse({ ...update, evidence: [link] });
    expect(r.error?.issues[0]).toMatchObject({ path: ["evidence", 0], message });
  });

  it("refuses blank and oversized progress text", () => {
    expect(ProgressUpdateSchema.safeParse({ ...update, text: "   " }).error?.issues[0]?.message).toBe("must not be blank");
    const long = ProgressUpdateSchema.safeParse({ ...update, text: "x".repeat(PROGRESS_TEXT_MAX + 1) });
    expect(long.error?.issues[0]?.message).toBe(`at most ${PROGRESS_TEXT_MAX} characters`);
  });

  it("needs a reason for a proposed new deadline", () => {
    const r = ProgressUpdateSchema.safeParse({ ...update, proposedDeadline: { date: "2016-04-30", reason: "" } });
    expect(r.error?.issues[0]?.path).toEqual(["proposedDeadline", "reason"]);
  });

  it("needs the instant's offset, so times are never ambiguous", () => {
    expect(ProgressUpdateSchema.safeParse({ ...update, at: "2016-01-29T09:00:00" }).success).toBe(false);
  });
});
