import { describe, expect, it } from "vitest";
import { actionEventChange, fieldChanges } from "../../src/core/change-log.js";
import { applyLeadEdit } from "../../src/core/directory-edit.js";
import { InputError } from "../../src/core/errors.js";
import { demoRecords } from "../../src/demo/index.js";

describe("fieldChanges", () => {
  it("lists only the fields an edit changed, with their values before and after", () => {
    const before = { id: "a", rating: "green", text: "Same", status: { state: "open" } };
    const after = { ...before, rating: "red", status: { state: "closed", by: "Megan Bowen", on: "2016-06-01" } };
    expect(fieldChanges(before, after)).toEqual([
      { field: "rating", from: "green", to: "red" },
      { field: "status", from: { state: "open" }, to: { state: "closed", by: "Megan Bowen", on: "2016-06-01" } },
    ]);
  });

  it("lists every field but the id for a new record, from nothing", () => {
    expect(fieldChanges(null, { id: "s1", number: "1", source: null })).toEqual([
      { field: "number", from: null, to: "1" },
      { field: "source", from: null, to: null },
    ]);
  });
});

describe("applyLeadEdit", () => {
  const r = demoRecords();
  const lead = r.leads.find((l) => l.id === "llr-sab")!;

  it("keeps the chair among the members, or says which field is wrong", () => {
    const dropChair = () => applyLeadEdit(lead, { members: ["joni-sherman"] }, r);
    expect(dropChair).toThrow(InputError);
    expect(dropChair).toThrow(/^chair: the chair must be one of the members/);
  });

  it("never lists a person twice", () => {
    expect(applyLeadEdit(lead, { members: ["miriam-graham", "joni-sherman", "joni-sherman"] }, r).members).toEqual(["miriam-graham", "joni-sherman"]);
  });
});

describe("actionEventChange", () => {
  it("names the fields an event changed, in the log's order, and never the action's bookkeeping", () => {
    const before = demoRecords().actions[0]!;
    const after = { ...before, status: { state: "closed" as const, by: "Megan Bowen", on: "2016-06-01" }, rating: "complete" as const, latestUpdate: { id: "pu-1", at: "2016-06-01T10:00:00Z" } };
    const by = { personId: "megan-bowen", entraObjectId: null, name: "Megan Bowen" };
    expect(actionEventChange({ id: "change-1", at: "2016-06-01T10:00:00.000Z", by, before, after, boards: ["Coventry Safeguarding Adults Board"] })).toEqual({
      id: "change-1",
      at: "2016-06-01T10:00:00.000Z",
      by,
      subject: { kind: "action", id: before.id, label: `action ${before.ref}` },
      planId: before.planId,
      boards: ["Coventry Safeguarding Adults Board"],
      what: "edited",
      fields: [
        { field: "rating", from: before.rating, to: "complete" },
        { field: "status", from: before.status, to: after.status },
      ],
    });
  });
});
