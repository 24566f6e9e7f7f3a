import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { importChanges } from "../../src/core/import-changes.js";
import { readPlanImport, type ImportChoices } from "../../src/core/plan-import.js";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";
import { readDocument } from "../../src/paper/read-document.js";
import { coventryDocx, coventryXlsx, llrDocx, llrXlsx } from "../support/plan-documents.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const demo = demoRecords();
/** The demo site's directory with no plans in it: an import starts from here. */
const directoryOnly: BoardRecords = { ...demo, plans: [], sections: [], deliverables: [], actions: [], progressUpdates: [] };
const context = (existing: BoardRecords) => ({ existing, today: "2026-11-23", now: "2026-11-23T10:00:00Z", managers: ["megan-bowen"], boards: ["Coventry Safeguarding Adults Board"] });
const choices = (planId: string | null, more: Partial<ImportChoices> = {}): ImportChoices => ({ planId, mappings: {}, leadFixes: {}, ...more });
const of = <T extends { id: string }>(records: readonly T[], ids: (r: T) => boolean) => records.filter(ids).sort((a, b) => a.id.localeCompare(b.id));

async function importOf(name: string, bytes: Uint8Array, planId: string | null, existing = directoryOnly, more: Partial<ImportChoices> = {}) {
  return readPlanImport(await readDocument(name, bytes), choices(planId, more), context(existing));
}

describe("importing the demo plans from Word and Excel versions of them", () => {
  for (const [name, make] of [["coventry.xlsx", coventryXlsx], ["coventry.docx", coventryDocx]] as const) {
    it(`${name}: every recommendation and action equals the demo data cell by cell`, async () => {
      const read = await importOf(name, await make(demo), COVENTRY);
      expect(of(read.sections, () => true)).toEqual(of(demo.sections, (s) => s.planId === COVENTRY));
      expect(of(read.actions, () => true)).toEqual(of(demo.actions, (a) => a.planId === COVENTRY));
      expect(read.deliverables).toEqual([]);
      expect(read.problems.filter((p) => p.severity === "blocking")).toEqual([]);
      // Recommendation 7's second action has blank outcome, date and rating cells: flagged, not guessed.
      expect(read.problems).toContainEqual(expect.objectContaining({ refs: ["7.2"], field: "timescale" }));
    });
  }

  it("the workbook's notes sheet and title row are passed over, the banner row across the table is not an action", async () => {
    const read = await importOf("coventry.xlsx", await coventryXlsx(demo), COVENTRY);
    expect(read.tables.map((t) => [t.where, t.used])).toEqual([["sheet “Notes”", false], ["sheet “Action plan”", true]]);
    expect(read.tables[1]!.mapping).toEqual(["section", "source", "action", "lead", "progress", "outcome", "timescale", "rating"]);
    expect(read.actions.some((a) => a.text.includes("Coventry Safeguarding Adults Board"))).toBe(false);
  });

  it("RAG given only by the cell's colour is read as the rating, with no words recorded", async () => {
    for (const make of [coventryXlsx, coventryDocx]) {
      const read = await importOf("coventry", await make(demo, { fillOnlyRag: true }), COVENTRY);
      const expected = of(demo.actions, (a) => a.planId === COVENTRY).map((a) => ({ ...a, ratingAsWritten: null }));
      expect(of(read.actions, () => true)).toEqual(expected);
      expect(read.actions.filter((a) => a.rating === "green")).toHaveLength(13);
    }
  });

  for (const [name, make] of [["llr.xlsx", llrXlsx], ["llr.docx", llrDocx]] as const) {
    it(`${name}: priorities, key deliverables and activities equal the demo data (subgroups table skipped)`, async () => {
      const read = await importOf(name, await make(demo), LLR, directoryOnly, { boards: demo.plans.find((p) => p.id === LLR)!.boards }); // LLR's own directory
      expect(of(read.actions, () => true)).toEqual(of(demo.actions, (a) => a.planId === LLR));
      expect(of(read.deliverables, () => true)).toEqual(of(demo.deliverables, (d) => d.sectionId.startsWith(LLR)));
      // Rationale and success measures are prose around the tables, not cells: a new plan starts without them.
      expect(of(read.sections, () => true)).toEqual(of(demo.sections, (s) => s.planId === LLR).map((s) => ({ ...s, rationale: [], successMeasures: [] })));
      expect(read.tables.find((t) => t.header[0] === "Group")?.used).toBe(false);
    });
  }

  it("re-importing each document into the demo site changes nothing and keeps what the tables do not hold", async () => {
    for (const [name, bytes, planId] of [["c.xlsx", await coventryXlsx(demo), COVENTRY], ["c.docx", await coventryDocx(demo), COVENTRY], ["l.xlsx", await llrXlsx(demo), LLR], ["l.docx", await llrDocx(demo), LLR]] as const) {
      const read = await importOf(name, bytes, planId, demo);
      const outcome = importChanges(read, demo);
      expect(outcome.changes, name).toEqual([]);
      expect(outcome.unchanged).toBe(read.sections.length + read.deliverables.length + read.actions.length);
      expect(read.sections.find((s) => s.number === "1")!.rationale).toEqual(demo.sections.find((s) => s.id === read.sections[0]!.id)!.rationale);
    }
  });

  it("re-importing an edited copy changes only what changed, adds the new action and keeps the dropped one", async () => {
    const edited: BoardRecords = structuredClone(demo);
    const a62 = edited.actions.find((a) => a.id === `${COVENTRY}/6.2`)!;
    a62.timescale = { ...a62.timescale, text: "Sept-16" };
    a62.ratingAsWritten = "Amber slipping";
    edited.actions = edited.actions.filter((a) => a.id !== `${COVENTRY}/9.1`);
    edited.actions.push({ ...edited.actions.find((a) => a.id === `${COVENTRY}/6.4`)!, id: `${COVENTRY}/6.5`, ref: "6.5", text: "Repeat the lessons learnt event in 2017" });
    const read = await importOf("c.xlsx", await coventryXlsx(edited), COVENTRY, demo);
    const { changes, notInDocument } = importChanges(read, demo);
    expect(changes.map((c) => [c.id, c.what, c.fields.map((f) => f.field)])).toEqual([
      [`${COVENTRY}/6.2`, "edited", ["timescale", "rating", "ratingAsWritten"]],
      [`${COVENTRY}/6.5`, "created", expect.arrayContaining(["text", "lead", "timescale"])],
    ]);
    expect(read.actions.find((a) => a.ref === "6.2")).toMatchObject({ rating: "amber", timescale: { deadlines: ["2016-09-30"], understood: true } });
    expect(notInDocument).toEqual(["9.1"]);
  });
});

describe("what the preview flags", () => {
  const tsvLine = (r: string[]) => r.join("\t");
  const tsv = (rows: string[][]) => new TextEncoder().encode(rows.map(tsvLine).join("\n"));
  const header = ["Ref", "Recommendation", "Action", "Lead", "Target date", "RAG"];

  it("a lead not in the directory is flagged once with the closest entries; a match the person makes resolves it", async () => {
    const bytes = tsv([header, ["1.1", "1. Learn", "Write the toolkit", "Board Busness Manager", "31/03/2027", "Green"], ["1.2", "", "Share it", "board busness manager", "Mar 2027", ""]]);
    const read = await importOf("pasted text", bytes, "new-plan");
    const problem = read.problems.find((p) => p.field === "lead")!;
    expect(problem).toMatchObject({ severity: "check", refs: ["1.1", "1.2"], lead: { asWritten: "Board Busness Manager" } });
    expect(problem.lead!.closest[0]).toEqual({ id: "cov-board-business-manager", asWritten: "Board Business Manager" });
    const fixed = await importOf("pasted text", bytes, "new-plan", directoryOnly, { leadFixes: { "Board Busness Manager": "cov-board-business-manager" } });
    expect(fixed.problems.filter((p) => p.field === "lead")).toEqual([]);
    expect(fixed.actions.map((a) => a.lead)).toEqual([{ asWritten: "Board Business Manager", leadId: "cov-board-business-manager" }, { asWritten: "Board Business Manager", leadId: "cov-board-business-manager" }]);
  });

  it("pasted text with the plan's title (and its commas) above the header is read as columns", async () => {
    const text = ["Safeguarding Adults Board: action plan, 2026/27 (draft, for comment)", "", tsvLine(header), tsvLine(["1.1", "1. Learn", "Write the toolkit, then share it", "SAR Coordinator", "31/03/2027", "Green"]), tsvLine(["1.2", "", "Train, audit, report", "SAR Coordinator", "Mar 2027", "Amber"])].join("\n");
    const read = await importOf("pasted text", new TextEncoder().encode(text), "new-plan");
    expect(read.actions.map((a) => [a.ref, a.text, a.rating])).toEqual([["1.1", "Write the toolkit, then share it", "green"], ["1.2", "Train, audit, report", "amber"]]);
    expect(read.problems.filter((p) => p.severity === "blocking")).toEqual([]);
  });

  it("a comma-separated file whose cells hold one stray tab stays comma-separated", async () => {
    const csv = ["Ref,Recommendation,Action,Lead,Target date,RAG", '1.1,1. Learn,"Write\tthe toolkit",SAR Coordinator,31/03/2027,Green', "1.2,,Share it,SAR Coordinator,Mar 2027,Amber"].join("\n");
    const read = await importOf("plan.csv", new TextEncoder().encode(csv), "new-plan");
    expect(read.actions.map((a) => [a.ref, a.rating])).toEqual([["1.1", "green"], ["1.2", "amber"]]);
  });

  it("a rating cell naming two ratings (a five-point tracker's Amber/Green) is read as the more cautious and flagged to check", async () => {
    const rows = [["1.1", "Green/Amber"], ["1.2", "Red-Amber"], ["1.3", "A/G"], ["1.4", "Amber"], ["1.5", "Green – a good start"]];
    const read = await importOf("pasted text", tsv([header, ...rows.map(([ref, rag], i) => [ref!, i === 0 ? "1. Learn" : "", `Action ${ref}`, "SAR Coordinator", "31/03/2027", rag!])]), "new-plan");
    expect(read.actions.map((a) => a.rating)).toEqual(["amber", "red", "amber", "amber", "green"]);
    const checks = read.problems.filter((p) => p.field === "rating");
    expect(checks.map((p) => [p.severity, p.refs])).toEqual([["check", ["1.1"]], ["check", ["1.2"]], ["check", ["1.3"]]]);
    expect(checks[0]!.message).toContain('"Green/Amber" names two ratings, Amber and Green; read as Amber, the more cautious');
  });

  it("a duplicate ref and a missing lead block the import; an empty action and an unreadable timescale are flagged", async () => {
    const read = await importOf("plan.csv", tsv([header, ["1.1", "1. Learn", "Write", "SAR Coordinator", "soonish", "Green"], ["1.1", "", "Again", "SAR Coordinator", "Mar 2027", ""], ["1.2", "", "", "SAR Coordinator", "Mar 2027", ""], ["1.3", "", "No lead here", "", "Mar 2027", ""]]), "new-plan");
    const by = (field: string) => read.problems.filter((p) => p.field === field).map((p) => [p.severity, p.refs]);
    expect(by("ref")).toEqual([["blocking", ["1.1"]]]);
    expect(by("lead")).toEqual([["blocking", ["1.3"]]]);
    expect(by("timescale")).toEqual([["check", ["1.1"]]]);
    expect(by("action")).toEqual([["check", []]]);
    expect(read.actions.map((a) => a.ref)).toEqual(["1.1", "1.3"]);
  });

  it("a person's column mapping replaces the guess, and a field they place elsewhere leaves the guessed column", async () => {
    const bytes = tsv([["Ref", "Recommendation", "Action", "Lead", "When", "Notes"], ["1.1", "1. Learn", "Write", "SAR Coordinator", "Mar 2027", "31/01/2027"]]);
    const guessed = await importOf("p.tsv", bytes, "new-plan");
    expect(guessed.actions[0]!.timescale.deadlines).toEqual(["2027-03-31"]);
    // As `assure import --map 0:5=timescale` gives it: only the column the person changed.
    const chosen = await importOf("p.tsv", bytes, "new-plan", directoryOnly, { mappings: { "0": Object.assign([], { 5: "timescale" }) } });
    expect(chosen.tables[0]!.mapping).toEqual(["ref", "section", "action", "lead", null, "timescale"]);
    expect(chosen.actions[0]!.timescale.deadlines).toEqual(["2027-01-31"]);
  });

  it("a document with no plan table says what a plan table needs, and stores nothing", async () => {
    const read = await importOf("minutes.csv", tsv([["Item", "Notes"], ["1", "Apologies"]]), null);
    expect(read.problems).toEqual([expect.objectContaining({ severity: "blocking", field: "table", message: expect.stringContaining("header row naming an action column") })]);
    expect(read.actions).toEqual([]);
  });
});

describe("hostile and broken files", () => {
  it("a file that claims to be Word or Excel but is not is refused, naming the file", async () => {
    await expect(readDocument("plan.docx", new TextEncoder().encode("not a zip"))).rejects.toThrow(/plan.docx is not a Word document/);
    await expect(readDocument("plan.xlsx", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow(InputError);
    await expect(readDocument("plan.doc", new TextEncoder().encode("x"))).rejects.toThrow(/save it in one of those first/);
  });

  it("more than 10 MB is refused before it is read", async () => {
    await expect(readDocument("huge.csv", new Uint8Array(10 * 1024 * 1024 + 1))).rejects.toThrow(/huge.csv is 10.0 MB; Assure reads plan documents up to 10 MB/);
  });

  it("hostile text in cells stays text; control and bidi-override characters are left out and flagged", async () => {
    const read = await importOf("p.tsv", new TextEncoder().encode("Ref\tRecommendation\tAction\tLead\tTimescale\n1.1\t1. <script>alert(1)</script>\t=HYPERLINK(\"http://x\")\u0001\u202Egnp.exe\u0007\tSAR Coordinator\tMar 2027"), "new-plan");
    expect(read.sections[0]!.title).toBe("<script>alert(1)</script>");
    expect(read.actions[0]!.text).toBe('=HYPERLINK("http://x") gnp.exe');
    expect(read.problems).toContainEqual(expect.objectContaining({ field: "action", message: expect.stringContaining("control characters") }));
  });
});
