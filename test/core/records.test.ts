import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveLead, leadRecipients, leadResolver, LeadSchema, type Lead } from "../../src/core/lead.js";
import { BoardRecordsSchema, findBrokenLinks } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";

describe("findBrokenLinks", () => {
  it("finds nothing wrong with the demo records", () => {
    expect(findBrokenLinks(demoRecords())).toEqual([]);
  });

  it("names an action whose section does not exist, and a duplicated id", () => {
    const r = demoRecords();
    const [first, second] = r.actions;
    const broken = { ...r, actions: [{ ...first!, sectionId: "nowhere" }, { ...second!, id: first!.id }, ...r.actions.slice(2)] };
    expect(findBrokenLinks(broken)).toEqual([
      `action id "${first!.id}" is used twice`,
      `action ${first!.id} belongs to section "nowhere", which does not exist`,
    ]);
    expect(BoardRecordsSchema.safeParse(broken).success).toBe(false);
  });

  it("names an action whose lead id disagrees with the directory", () => {
    const r = demoRecords();
    const a = r.actions[0]!;
    const wrong = { ...r, actions: [{ ...a, lead: { ...a.lead, leadId: "llr-audit-group" } }, ...r.actions.slice(1)] };
    expect(findBrokenLinks(wrong)).toEqual([
      `action ${a.id}: lead "SAR Coordinator" is not what directory entry "llr-audit-group" says`,
    ]);
  });
});

describe("the leads directory", () => {
  const { leads } = demoRecords();

  const COV = ["Coventry Safeguarding Adults Board"];
  const LLR = ["Leicester Safeguarding Adults Board"];

  it("resolves a lead whatever its case and spacing, in its own board's directory only", () => {
    expect(resolveLead("SAR coordinator", leads, COV)?.id).toBe("cov-sar-coordinator");
    expect(resolveLead("  Audit   Group ", leads, LLR)?.id).toBe("llr-audit-group");
    expect(resolveLead("Nobody we know", leads, COV)).toBeNull();
    // Another board writing the same words means a lead of its own, never Coventry's.
    expect(resolveLead("SAR Coordinator", leads, LLR)).toBeNull();
    expect(resolveLead("Audit Group", leads, COV)).toBeNull();
  });

  // A board's plan resolves thousands of leads through one index of the directory (leadResolver):
  // for any directory, words and boards it answers as resolveLead does, the first lead that matches.
  it("answers through its index exactly as one lookup does, for any directory", () => {
    const words = fc.constantFrom("Audit Group", "audit  group", "SAR Coordinator", " sar coordinator ", "Board Manager", "Nobody");
    const boards = fc.subarray(["A", "B", "C"], { minLength: 1 });
    const lead = fc.record({ asWritten: words, boards });
    fc.assert(
      fc.property(fc.array(lead, { maxLength: 12 }), words, boards, (rows, asked, askedBoards) => {
        const directory = rows.map((r, i) => ({ ...leads[0]!, id: `lead-${i}`, asWritten: r.asWritten, boards: r.boards }) as Lead);
        expect(leadResolver(directory)(asked, askedBoards)?.id ?? null).toBe(resolveLead(asked, directory, askedBoards)?.id ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it("reminds a group through its chair, and several leads all together", () => {
    expect(leadRecipients(resolveLead("Audit Group", leads, LLR)!)).toEqual(["johanna-lorenz"]);
    expect(leadRecipients(resolveLead("Board Manager/ SAR Coordinator", leads, COV)!)).toEqual(["megan-bowen", "alex-wilber"]);
  });

  it("refuses a group reminded through a chair it does not have", () => {
    const r = LeadSchema.safeParse({
      id: "x",
      asWritten: "X Group",
      kind: "group",
      members: ["a"],
      chair: null,
      remind: "chair",
      subgroups: [],
    });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["a lead reminded through its chair needs a chair"]);
  });
});
