import { describe, expect, it } from "vitest";
import { exportRecords } from "../../src/core/plan-export.js";
import { demoRecords } from "../../src/demo/index.js";
import { isJoinOf, sourceCells } from "./source-text.js";

const records = demoRecords();
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const actionsOf = (planId: string) => records.actions.filter((a) => a.planId === planId);

/** Every piece of text a person transcribed from the documents, in one list. */
function transcribedText(planId: string): string[] {
  const plan = records.plans.find((p) => p.id === planId)!;
  const sectionIds = new Set(records.sections.filter((s) => s.planId === planId).map((s) => s.id));
  return [
    ...plan.introduction,
    ...records.sections.filter((s) => s.planId === planId).flatMap((s) => [s.title, s.source ?? "", ...s.rationale, ...s.successMeasures]),
    ...records.deliverables.filter((d) => sectionIds.has(d.sectionId)).flatMap((d) => [d.text, d.lead.asWritten, d.partners ?? ""]),
    ...actionsOf(planId).flatMap((a) => [
      a.text,
      a.lead.asWritten,
      a.partners ?? "",
      a.expectedOutcome ?? "",
      a.timescale.text,
      a.ratingAsWritten ?? "",
    ]),
    ...(planId === LLR ? records.subgroups.flatMap((g) => [g.name, g.role, ...g.deliverables.map((d) => d.text)]) : []),
  ].filter((t) => t !== "");
}

// Headings, column titles and page furniture; the plan's own details are checked below.
const FURNITURE = new Set([
  "APPENDIX 1: MULTI AGENCY ACTION PLAN",
  "Coventry Safeguarding Adults Board, Serious Adult Review Action plan",
  "Name of Review SCR Mrs E",
  "Date 17th September 2015 Updated on 30th October 2015",
  "Completed by Organisation All Agencies",
  "Recommendation",
  "Source of recommendation (Overview report or IMR)",
  "Action required",
  "Lead Officer and Job title",
  "Update and on progress and evidence",
  "Outcome – what is expected to be achieved from these actions",
  "Target Date",
  "Rag rating",
  "Coventry Safeguard",
  "ding Adults Board",
  "I",
  "Ι",
  "LEICESTER, LEICESTERSHIRE AND RUTLAND SAFEGUARDING ADULTS BOARD BUSINESS PLAN APRIL 2022 to MARCH 2023",
  "Group",
  "Role",
  "Specific additional deliverables for 2022/23",
  "What will success look like?",
  "Key Deliverables",
  "Lead",
  "Other Partnerships involved",
  "Activity",
  "Timescale",
  "This page is intentionally left blank",
]);

describe.each([
  [COVENTRY, "coventry-sar-mrs-e-action-plan-2015.txt"],
  [LLR, "llr-sab-business-plan-2022-23.txt"],
])("demo plan %s against its document", (planId, file) => {
  const cells = sourceCells(file);
  const transcribed = transcribedText(planId);

  it("leaves out no cell of the document", () => {
    const missing = cells.filter((c) => !FURNITURE.has(c) && !isJoinOf(c, transcribed));
    expect(missing).toEqual([]);
  });

  it("changes and invents nothing: every transcribed text is the document's own words", () => {
    const changed = transcribed.filter((t) => !isJoinOf(t, cells));
    expect(changed).toEqual([]);
  });
});

describe("the Coventry SAR action plan, SCR Mrs E", () => {
  const plan = records.plans.find((p) => p.id === COVENTRY)!;

  it("keeps the plan's details and its RAG key", () => {
    expect(plan).toMatchObject({
      kind: "sar-action-plan",
      boards: ["Coventry Safeguarding Adults Board"],
      review: "SCR Mrs E",
      issuedOn: "2015-09-17",
      updatedOn: "2015-10-30",
      completedBy: "All Agencies",
    });
    expect(plan.ragKey.red).toBe("Not achieved and seriously behind schedule");
    expect(plan.ragKey.amber).toBe("not achieved and slightly behind target");
    expect(plan.ragKey.green).toBe("on track to be achieved within timescale");
  });

  it("has all 10 recommendations, each from the Overview Report", () => {
    const sections = records.sections.filter((s) => s.planId === COVENTRY);
    expect(sections.map((s) => s.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    expect(sections.every((s) => s.kind === "recommendation" && s.source === "Overview Report")).toBe(true);
  });

  it("has every action with its lead, target date and rating as written", () => {
    const rows = actionsOf(COVENTRY).map((a) => [a.ref, a.lead.asWritten, a.timescale.text, a.ratingAsWritten]);
    expect(rows).toEqual([
      ["1.1", "SAR Coordinator", "Jan 2016 onwards", "Green on track"],
      ["2.1", "Quality Assurance and Performance sub group", "January 2016 onwards", "Green on track"],
      ["3.1", "Policy and procedure task and finish group", "January 2016 onwards", "Green on track"],
      ["4.1", "Policy and procedure task and finish group Legal advisor to Board", "April 2016", "Green on track"],
      ["5.1", "Board Business Manager", "January 2016 On going", "Green on track"],
      ["6.1", "Board Business Manager", "January 2016", "Green on track"],
      ["6.2", "Work Force Development sub group", "April 2016", "Green on track"],
      ["6.3", "SAR coordinator", "December 2015 On going", "Green on track"],
      ["6.4", "Workforce Development sub group", "April 2016 On going", "Green on track"],
      [
        "7.1",
        "CSAB Board member of each relevant agency / Quality Assurance and Performance sub group",
        "March 2016",
        "Green on track",
      ],
      ["7.2", "Work Force Development sub group", "", null],
      ["8.1", "Agency member of QA&P sub group / sub group chair", "March 2016", "Green on track"],
      ["9.1", "Board Manager/ SAR Coordinator", "January 2016", "Green on track"],
      ["10.1", "Board Manager/ SAR Coordinator", "January 2016", "Green on track"],
    ]);
  });

  it("derives deadlines and ratings from the cells", () => {
    const byRef = new Map(actionsOf(COVENTRY).map((a) => [a.ref, a]));
    expect(byRef.get("1.1")!.timescale).toMatchObject({ deadlines: ["2016-01-31"], ongoing: true, understood: true });
    expect(byRef.get("6.3")!.timescale).toMatchObject({ deadlines: ["2015-12-31"], ongoing: true });
    expect(byRef.get("4.1")!.timescale).toMatchObject({ deadlines: ["2016-04-30"], ongoing: false });
    expect(actionsOf(COVENTRY).filter((a) => a.rating === "green")).toHaveLength(13);
  });

  it("flags the action whose target date and rating cells are blank, rather than guessing", () => {
    const blank = actionsOf(COVENTRY).find((a) => a.ref === "7.2")!;
    expect(blank.rating).toBeNull();
    expect(blank.expectedOutcome).toBeNull();
    expect(blank.timescale).toMatchObject({ understood: false, deadlines: [], problem: "no timescale is given" });
  });

  it("has no progress updates: every update cell in the document is blank", () => {
    expect(records.progressUpdates).toEqual([]);
  });
});

describe("the LLR SAB business plan 2022/23", () => {
  it("lists every group with its role, boards and 2022/23 deliverables", () => {
    expect(
      records.subgroups.map((g) => [g.name, g.kind, g.boards.length, g.deliverables.map((d) => d.text)]),
    ).toEqual([
      ["Review Group", "subgroup", 2, ["Pilot Rapid Review scoping approach for SARs."]],
      ["Procedures Group", "subgroup", 2, []],
      ["Audit Group", "subgroup", 2, []],
      [
        "Training Group",
        "subgroup",
        2,
        [
          "Review the current training strategy to cover Leicester, Leicestershire & Rutland.",
          "Work with the Local Implementation Network (LIN) re: Liberty Protection Safeguards",
        ],
      ],
      ["Performance Group", "subgroup", 2, ["Agreement of performance framework."]],
      ["Engagement Group (Leicester SAB only)", "subgroup", 1, []],
      ["Safeguarding Adults Board", "board", 2, []],
    ]);
  });

  it("has both priorities with their rationale and success measures", () => {
    const sections = records.sections.filter((s) => s.planId === LLR);
    expect(sections.map((s) => [s.number, s.title, s.rationale.length, s.successMeasures.length])).toEqual([
      ["1", "Hidden Harm", 4, 4],
      ["2", "Care Homes", 1, 3],
    ]);
  });

  it("has every key deliverable with its lead and partners", () => {
    expect(records.deliverables.map((d) => [d.ref, d.lead.asWritten, d.partners])).toEqual([
      ["1.1", "Performance Group Engagement Group", null],
      ["1.2", "SAB", null],
      ["1.3", "Training Group & Task and Finish group as required", "Safeguarding Children Partnerships"],
      ["1.4", "Audit Group", "Transforming Care Partnership"],
      ["1.5", "Business Offices", "LeDeR, Transforming Care Partnership."],
      ["1.6", "SAB / Task & Finish Group", "SCPs, Adolescence Safety & Diversion Board"],
      ["1.7", "Tbc Business Offices", "Healthwatch"],
      ["2.1", "Performance Group", "(MAIP / Contracts teams, CQC) LSCDG"],
      ["2.2", "Procedures Group & Training Subgroup", "LSCDG & Contracts teams"],
    ]);
  });

  it("has every activity with its own timescale and deadline", () => {
    expect(actionsOf(LLR).map((a) => [a.ref, a.timescale.text, a.timescale.deadlines])).toEqual([
      ["1.1.1", "Oct 2022", ["2022-10-31"]],
      ["1.1.2", "Jan 2023", ["2023-01-31"]],
      ["1.1.3", "Sep 2022", ["2022-09-30"]],
      ["1.2.1", "Mar 2023", ["2023-03-31"]],
      ["1.3.1", "Sep 2022", ["2022-09-30"]],
      ["1.3.2", "Jul 2022", ["2022-07-31"]],
      ["1.3.3", "Dec 2022", ["2022-12-31"]],
      ["1.4.1", "Jan 2023", ["2023-01-31"]],
      ["1.5.1", "Oct 2022", ["2022-10-31"]],
      ["1.5.2", "Mar 2023", ["2023-03-31"]],
      ["1.6.1", "Aug 2022", ["2022-08-31"]],
      ["1.6.2", "Mar 2023", ["2023-03-31"]],
      ["1.7.1", "Nov 2022", ["2022-11-30"]],
      ["1.7.2", "Mar 2023", ["2023-03-31"]],
      ["2.1.1", "Sep 2022", ["2022-09-30"]],
      ["2.1.2", "Sep 2022", ["2022-09-30"]],
      ["2.1.3", "Mar 2023", ["2023-03-31"]],
      ["2.2.1", "Jun 2022", ["2022-06-30"]],
      ["2.2.2", "Jun 2022", ["2022-06-30"]],
    ]);
  });

  it("gives each activity its deliverable's lead, unrated", () => {
    for (const a of actionsOf(LLR)) {
      const d = records.deliverables.find((x) => x.id === a.deliverableId)!;
      expect(a.lead).toEqual(d.lead);
      expect(a.rating).toBeNull();
    }
  });
});

describe("the demo leads directory", () => {
  it("resolves every lead the two plans write to people who answer for it", () => {
    const unresolved = [...records.actions, ...records.deliverables].filter((x) => x.lead.leadId === null);
    expect(unresolved.map((x) => x.lead.asWritten)).toEqual([]);
  });

  it("maps the SAR Coordinator to the Agents Playground's signed-in user", () => {
    const lead = records.leads.find((l) => l.asWritten === "SAR Coordinator")!;
    const person = records.people.find((p) => p.id === lead.members[0])!;
    expect(person.entraObjectId).toBe("00000000-0000-0000-0000-0000000000020");
  });
});

describe("exportRecords", () => {
  it("nests the plans as the documents read, in order", () => {
    const { plans } = exportRecords(records);
    const coventry = plans.find((p) => p.id === COVENTRY)!;
    expect(coventry.sections[5]!.actions.map((a) => a.ref)).toEqual(["6.1", "6.2", "6.3", "6.4"]);
    expect(coventry.sections[9]!.number).toBe("10");
    const llr = plans.find((p) => p.id === LLR)!;
    expect(llr.sections[0]!.actions).toEqual([]);
    expect(llr.sections[0]!.deliverables[5]!.actions.map((a) => [a.text, a.deadline])).toEqual([
      ["Understand full range of transition pathways", "2022-08-31"],
      ["Seek assurance re: safeguarding in less-developed pathways", "2023-03-31"],
    ]);
  });
});
