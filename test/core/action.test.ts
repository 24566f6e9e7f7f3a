import { describe, expect, it } from "vitest";
import { ActionSchema, ActionStatusSchema, currentDeadline, type Action } from "../../src/core/action.js";
import { decideProgress } from "../../src/core/progress.js";
import { parseTimescale } from "../../src/core/timescale.js";

const action = (timescale: string, extra: Partial<Action> = {}): Action => ({
  id: "plan/1.1",
  planId: "plan",
  sectionId: "plan/r1",
  deliverableId: null,
  ref: "1.1",
  text: "Develop a SAR Toolkit",
  lead: { asWritten: "SAR Coordinator", leadId: null },
  partners: null,
  expectedOutcome: null,
  timescale: parseTimescale(timescale),
  revisedDeadline: null,
  rating: "green",
  ratingAsWritten: null,
  status: { state: "open" },
  latestUpdate: null,
  ...extra,
});

describe("currentDeadline", () => {
  it("is the last deadline the timescale gives", () => {
    expect(currentDeadline(action("Aug 2022 Mar 2023"))).toBe("2023-03-31");
  });

  it("is the revised deadline once the board accepts one", () => {
    const revised = action("April 2016", { revisedDeadline: { date: "2016-06-30", reason: "Toolkit consultation extended" } });
    expect(currentDeadline(revised)).toBe("2016-06-30");
  });

  it("is none for ongoing actions and unreadable timescales", () => {
    expect(currentDeadline(action("Jan 2016 onwards"))).toBeNull();
    expect(currentDeadline(action("Tbc"))).toBeNull();
  });
});

describe("ActionStatusSchema", () => {
  it("requires a reason when an action is not implemented", () => {
    const result = ActionStatusSchema.safeParse({ state: "not-implemented", reason: "  " });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["reason"], message: "must not be blank" });
    expect(ActionStatusSchema.safeParse({ state: "not-implemented", reason: "Service decommissioned" }).success).toBe(true);
  });

  it("records who closed an action and when", () => {
    expect(ActionStatusSchema.safeParse({ state: "closed" }).success).toBe(false);
    expect(ActionStatusSchema.safeParse({ state: "closed", by: "Board meeting", on: "2016-05-12" }).success).toBe(true);
  });
});

describe("ActionSchema", () => {
  it("accepts a well-formed action and rejects an unknown rating, naming the field", () => {
    expect(ActionSchema.safeParse(action("April 2016")).success).toBe(true);
    const bad = ActionSchema.safeParse({ ...action("April 2016"), rating: "purple" });
    expect(bad.error?.issues[0]?.path).toEqual(["rating"]);
  });
});

describe("decideProgress", () => {
  const lead = { id: "l", asWritten: "SAR Coordinator", kind: "role" as const, members: ["alex-wilber"], chair: null, remind: "all" as const, subgroups: [], boards: ["Coventry Safeguarding Adults Board"] };
  const alex = { id: "alex-wilber", displayName: "Alex Wilber", jobTitle: "SAR Coordinator", email: "a@x.example", entraObjectId: "oid", channel: "teams-else-email" as const, boards: ["Coventry Safeguarding Adults Board"] };
  const decide = (over: Partial<Parameters<typeof decideProgress>[0]> = {}) =>
    decideProgress({ action: action("April 2016"), lead, person: alex, submitted: { text: "Done" }, now: new Date("2016-04-15T09:00:00Z"), updateId: "pu-1", via: "cli", ...over });

  it("records an update from the lead on an open action", () => {
    expect(decide()).toMatchObject({ kind: "record", update: { id: "pu-1", text: "Done", author: { personId: "alex-wilber", name: "Alex Wilber" }, at: "2016-04-15T09:00:00.000Z" } });
  });

  it("refuses someone who does not answer for the lead, and a lead with nobody", () => {
    expect(decide({ person: { ...alex, id: "someone-else" } })).toEqual({ kind: "not-lead" });
    expect(decide({ lead: null })).toEqual({ kind: "not-lead" });
  });

  it("refuses an action that is no longer open", () => {
    expect(decide({ action: action("April 2016", { status: { state: "complete" } }) })).toEqual({ kind: "not-open", state: "complete" });
  });

  it("judges 'in the past' by the London date: 23:30 UTC in summer is already tomorrow", () => {
    const late = new Date("2016-06-30T23:30:00Z"); // 00:30 on 1 July in London
    const submitted = { text: "x", proposedDeadline: { date: "2016-06-30", reason: "r" } };
    expect(decide({ now: late, submitted })).toMatchObject({ kind: "invalid", path: ["proposedDeadline", "date"] });
  });
});
