import { describe, expect, it } from "vitest";
import { mayEditAction, mayEditLead, mayEditPerson, mayEditSubgroup, mayManageBoard, mayManagePlan, mayUpdateProgress, rolesOf, type Roles } from "../../src/core/roles.js";

/**
 * Two boards in one tenant: plan A (managed by ann) and plan B (managed by bob). The lead
 * "Shared Lead" appears in both plans; "A Lead" only in A; subgroup sg-shared steers leads in
 * both, sg-a only A's. chris chairs sg-a, lee answers for "A Lead", rita is only signed in.
 */
const records = {
  plans: [
    { id: "a", managers: ["ann"] },
    { id: "b", managers: ["bob"] },
  ],
  subgroups: [
    { id: "sg-a", chair: "chris" },
    { id: "sg-shared", chair: null },
  ],
  leads: [
    { id: "lead-a", asWritten: "A Lead", members: ["lee"], subgroups: ["sg-a"] },
    { id: "lead-shared", asWritten: "Shared Lead", members: ["sam"], subgroups: ["sg-shared"] },
    { id: "lead-unused", asWritten: "Nobody Yet", members: ["lee"], subgroups: [] },
  ],
};
const actions = [
  { planId: "a", lead: { asWritten: "A Lead" } },
  { planId: "a", lead: { asWritten: "shared  lead" } }, // written differently: still the same lead
  { planId: "b", lead: { asWritten: "Shared Lead" } },
];
const lead = (id: string) => records.leads.find((l) => l.id === id)!;

const ROLES: Record<string, Roles> = {
  administrator: rolesOf(null, records, true),
  "manager of A": rolesOf("ann", records),
  "manager of B": rolesOf("bob", records),
  "chair of sg-a": rolesOf("chris", records),
  "lead of A Lead": rolesOf("lee", records),
  reader: rolesOf("rita", records),
};

const ok = (p: { ok: boolean }) => p.ok;
const CASES: [string, (r: Roles) => boolean, string[]][] = [
  ["manage plan A", (r) => mayManagePlan(r, "a"), ["administrator", "manager of A"]],
  ["start plans, add people, leads and subgroups", (r) => mayManageBoard(r), ["administrator", "manager of A", "manager of B"]],
  ["edit an action of A steered by sg-a", (r) => mayEditAction(r, { planId: "a", subgroupIds: ["sg-a"] }), ["administrator", "manager of A", "chair of sg-a"]],
  ["report progress on A Lead's action", (r) => mayUpdateProgress(r, { leadId: "lead-a" }), ["lead of A Lead"]],
  ["edit A Lead (used only by A)", (r) => ok(mayEditLead(r, lead("lead-a"), actions)), ["administrator", "manager of A"]],
  ["edit Shared Lead (used by A and B)", (r) => ok(mayEditLead(r, lead("lead-shared"), actions)), ["administrator"]],
  ["edit a lead no plan uses yet", (r) => ok(mayEditLead(r, lead("lead-unused"), actions)), ["administrator", "manager of A", "manager of B"]],
  ["edit sg-a (used only by A)", (r) => ok(mayEditSubgroup(r, "sg-a", records.leads, actions)), ["administrator", "manager of A"]],
  ["edit sg-shared (used by A and B)", (r) => ok(mayEditSubgroup(r, "sg-shared", records.leads, actions)), ["administrator"]],
  ["edit lee's job title (lee leads in A)", (r) => ok(mayEditPerson(r, { id: "lee" }, { jobTitle: "x" } as { entraObjectId?: unknown }, records.leads, actions)), ["administrator", "manager of A"]],
  ["change who signs in as lee (Entra object id)", (r) => ok(mayEditPerson(r, { id: "lee" }, { entraObjectId: "new" }, records.leads, actions)), ["administrator"]],
];

describe("who may do what, for every role", () => {
  for (const [doing, may, allowed] of CASES) {
    it.each(Object.keys(ROLES))(`${doing}: %s`, (role) => {
      expect(may(ROLES[role]!)).toBe(allowed.includes(role));
    });
  }

  it("says whose managers could do what a manager may not", () => {
    expect(mayEditLead(ROLES["manager of B"]!, lead("lead-shared"), actions)).toEqual({ ok: false, askManagersOf: ["a"] });
    expect(mayEditSubgroup(ROLES["manager of A"]!, "sg-shared", records.leads, actions)).toEqual({ ok: false, askManagersOf: ["b"] });
  });
});
