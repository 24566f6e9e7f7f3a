import { describe, expect, it } from "vitest";
import { mayAttach, mayCreateFor, mayEditAction, mayEditLead, mayEditPerson, mayEditPlan, mayEditSubgroup, mayImportInto, mayManageBoard, mayManagePlan, mayUpdateProgress, rolesOf, type Roles } from "../../src/core/roles.js";

/**
 * Two boards in one tenant: plan a of board A (managed by ann) and plan b of board B (managed by
 * bob). "Shared Lead" belongs to both boards and both plans use it; "A Lead" is A's; "Orphan" has
 * no board. Subgroup sg-a is A's, sg-shared serves both, sg-b-unused is B's and no plan uses it.
 * chris chairs sg-a, lee answers for "A Lead", rita is only signed in.
 */
const records = {
  plans: [
    { id: "a", managers: ["ann"], boards: ["A"] },
    { id: "b", managers: ["bob"], boards: ["B"] },
  ],
  subgroups: [
    { id: "sg-a", chair: "chris", boards: ["A"] },
    { id: "sg-shared", chair: null, boards: ["A", "B"] },
    { id: "sg-b-unused", chair: null, boards: ["B"] },
  ],
  leads: [
    { id: "lead-a", asWritten: "A Lead", members: ["lee"], subgroups: ["sg-a"], boards: ["A"] },
    { id: "lead-shared", asWritten: "Shared Lead", members: ["sam"], subgroups: ["sg-shared"], boards: ["A", "B"] },
    { id: "lead-unused", asWritten: "Nobody Yet", members: ["lee"], subgroups: [], boards: ["A"] },
    { id: "lead-orphan", asWritten: "Orphan", members: ["nobody"], subgroups: [], boards: [] },
    // B writes "A Lead" too: B's own lead, which does not make A's lead B's.
    { id: "lead-b-same-words", asWritten: "A Lead", members: ["bea"], subgroups: [], boards: ["B"] },
  ],
  people: [
    { id: "lee", boards: ["A"] },
    { id: "sam", boards: ["A", "B"] },
    { id: "nobody", boards: [] },
    { id: "bea", boards: ["B"] },
  ],
  actions: [
    { planId: "a", lead: { asWritten: "A Lead" } },
    { planId: "a", lead: { asWritten: "shared  lead" } }, // written differently: still the same lead
    { planId: "b", lead: { asWritten: "Shared Lead" } },
    { planId: "b", lead: { asWritten: "A Lead" } }, // B's own "A Lead"
  ],
};
const lead = (id: string) => records.leads.find((l) => l.id === id)!;
const subgroup = (id: string) => records.subgroups.find((g) => g.id === id)!;
const person = (id: string) => records.people.find((p) => p.id === id)!;

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
  ["manage plan a", (r) => mayManagePlan(r, "a"), ["administrator", "manager of A"]],
  ["see the managers' buttons", (r) => mayManageBoard(r), ["administrator", "manager of A", "manager of B"]],
  ["start a plan, lead, person or subgroup for A", (r) => ok(mayCreateFor(r, ["A"])), ["administrator", "manager of A"]],
  ["start one for A and B", (r) => ok(mayCreateFor(r, ["A", "B"])), ["administrator"]],
  ["start one for no board", (r) => ok(mayCreateFor(r, [])), ["administrator"]],
  ["import a new plan for A", (r) => mayImportInto(r, { id: "new", isNew: true, boards: ["A"] }), ["administrator", "manager of A"]],
  ["import into plan a", (r) => mayImportInto(r, { id: "a", isNew: false, boards: ["A"] }), ["administrator", "manager of A"]],
  ["edit plan a", (r) => ok(mayEditPlan(r, records.plans[0]!)), ["administrator", "manager of A"]],
  ["move plan a to board B", (r) => ok(mayEditPlan(r, records.plans[0]!, { boards: ["B"] })), ["administrator"]],
  ["edit an action of a steered by sg-a", (r) => mayEditAction(r, { planId: "a", subgroupIds: ["sg-a"] }), ["administrator", "manager of A", "chair of sg-a"]],
  ["report progress on A Lead's action", (r) => mayUpdateProgress(r, { leadId: "lead-a" }), ["lead of A Lead"]],
  ["edit A Lead (board A, used by a)", (r) => ok(mayEditLead(r, lead("lead-a"), records)), ["administrator", "manager of A"]],
  ["edit B's own A Lead (board B, used by b)", (r) => ok(mayEditLead(r, lead("lead-b-same-words"), records)), ["administrator", "manager of B"]],
  ["edit Shared Lead (boards A and B)", (r) => ok(mayEditLead(r, lead("lead-shared"), records)), ["administrator"]],
  ["edit A's lead no plan uses yet", (r) => ok(mayEditLead(r, lead("lead-unused"), records)), ["administrator", "manager of A"]],
  ["give A's lead to board B too", (r) => ok(mayEditLead(r, lead("lead-unused"), records, { boards: ["A", "B"] })), ["administrator"]],
  ["edit a lead of no board", (r) => ok(mayEditLead(r, lead("lead-orphan"), records)), ["administrator"]],
  ["edit sg-a (board A)", (r) => ok(mayEditSubgroup(r, subgroup("sg-a"), records)), ["administrator", "manager of A"]],
  ["edit sg-shared (boards A and B)", (r) => ok(mayEditSubgroup(r, subgroup("sg-shared"), records)), ["administrator"]],
  ["edit B's subgroup no plan uses", (r) => ok(mayEditSubgroup(r, subgroup("sg-b-unused"), records)), ["administrator", "manager of B"]],
  ["move B's unused subgroup to A", (r) => ok(mayEditSubgroup(r, subgroup("sg-b-unused"), records, { boards: ["A"] })), ["administrator"]],
  ["edit lee's job title (A's)", (r) => ok(mayEditPerson(r, person("lee"), { jobTitle: "x" } as object, records)), ["administrator", "manager of A"]],
  ["edit sam's email (A's and B's)", (r) => ok(mayEditPerson(r, person("sam"), {}, records)), ["administrator"]],
  ["edit someone of no board", (r) => ok(mayEditPerson(r, person("nobody"), {}, records)), ["administrator"]],
  ["change who signs in as lee (Entra object id)", (r) => ok(mayEditPerson(r, person("lee"), { entraObjectId: "new" }, records)), ["administrator"]],
  ["put bea (B's) on a record of A", (r) => mayAttach(r, person("bea"), ["A"]), ["administrator"]],
];

describe("who may do what, for every role", () => {
  for (const [doing, may, allowed] of CASES) {
    it.each(Object.keys(ROLES))(`${doing}: %s`, (role) => {
      expect(may(ROLES[role]!)).toBe(allowed.includes(role));
    });
  }

  it("knows each person's boards, and an administrator's are every board", () => {
    expect(ROLES["manager of A"]).toMatchObject({ boardsManaged: ["A"], boards: ["A"] });
    expect(ROLES.administrator!.boards).toEqual(["A", "B"]);
    expect(rolesOf("sam", records).boards).toEqual(["A", "B"]);
  });

  it("says whose managers could do what a manager may not", () => {
    expect(mayEditLead(ROLES["manager of B"]!, lead("lead-shared"), records)).toEqual({ ok: false, askManagersOf: ["A"] });
    expect(mayEditSubgroup(ROLES["manager of A"]!, subgroup("sg-shared"), records)).toEqual({ ok: false, askManagersOf: ["B"] });
    expect(mayEditLead(ROLES["manager of A"]!, lead("lead-orphan"), records)).toEqual({ ok: false, askManagersOf: [] });
  });
});
