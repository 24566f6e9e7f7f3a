import { describe, expect, it } from "vitest";
import { guessColumns } from "../../src/core/column-mapping.js";
import { planYearOf } from "../../src/core/plan-year.js";
import { readPlanImport, type ImportChoices } from "../../src/core/plan-import.js";
import { readRating } from "../../src/core/rag.js";
import type { BoardRecords } from "../../src/core/records.js";
import { cell, textTable, type SourceDocument } from "../../src/core/source-table.js";
import { parseTimescale } from "../../src/core/timescale.js";
import { demoRecords } from "../../src/demo/index.js";

/** How trackers boards really keep are read: their words for columns, banners, ratings and dates. */
const demo = demoRecords();
const directoryOnly: BoardRecords = { ...demo, plans: [], sections: [], deliverables: [], actions: [], progressUpdates: [] };
const context = { existing: directoryOnly, today: "2026-11-23", now: "2026-11-23T10:00:00Z", managers: ["megan-bowen"], boards: ["Test Board"] };
const choices = (more: Partial<ImportChoices> = {}): ImportChoices => ({ planId: null, mappings: {}, leadFixes: {}, ...more });
const csv = (name: string, rows: string[][]): SourceDocument => ({ name, tables: [textTable(name, rows)] });
const banner = (text: string, width = 5) => Array.from({ length: width }, () => text);

describe("columns", () => {
  it.each([
    [["What we will do", "Owner", "By when", "RAG"], ["action", "lead", "timescale", "rating"]],
    [["Task", "Responsible officer", "Target date", "BRAG"], ["action", "lead", "timescale", "rating"]],
    [["Activity", "Lead agency", "Due", "Status"], ["action", "lead", "timescale", "rating"]],
    [["Action required", "Lead", "Timescale", "Progress RAG"], ["action", "lead", "timescale", "rating"]],
    [["Objective", "Owner", "By when", "Progress update"], ["action", "lead", "timescale", "progress"]],
    [["Priority", "Objective", "Action", "Owner"], ["section", "deliverable", "action", "lead"]],
  ])("%j are read as %j", (header, fields) => {
    expect(guessColumns(header.map((h) => cell(h)), [])).toEqual(fields);
  });

  it("a column the header does not name is read from its content (ratings as letters, dates)", () => {
    const body = [["Audit", "R", "31/03/2025"], ["Train", "G", "Mar 2025"]].map((r) => r.map((t) => cell(t)));
    expect(guessColumns(["Action", "", ""].map((h) => cell(h)), body)).toEqual(["action", "rating", "timescale"]);
  });
});

describe("the person's choices", () => {
  const noHeader = csv("plan.csv", [["Board plan"], ["Do", "Who", "When"], ["Audit the pathway", "SAB Manager", "March 2025"]]);

  it("a table with no header found is read once the person maps it (its first row with text the header, unless they choose another)", () => {
    expect(readPlanImport(noHeader, choices(), context).problems[0]!.message).toMatch(/no plan table found.*Choose the header row and map the columns/);
    const read = readPlanImport(noHeader, choices({ headerRows: { "0": 1 }, mappings: { "0": ["action", "lead", "timescale"] } }), context);
    expect(read.actions.map((a) => [a.text, a.lead.asWritten, a.timescale.deadlines])).toEqual([["Audit the pathway", "SAB Manager", ["2025-03-31"]]]);
    expect(read.tables[0]).toMatchObject({ used: true, headerRow: 1 });
    expect(read.tables[0]!.candidates.map((c) => c.row)).toEqual([0, 1, 2]);
  });

  it("a mapping that names no table or column is an error, never ignored", () => {
    const plain = csv("plan.csv", [["Action", "Lead", "Timescale"], ["Audit", "SAB Manager", "March 2025"]]);
    const blocking = (more: Partial<ImportChoices>) => readPlanImport(plain, choices(more), context).problems.filter((p) => p.severity === "blocking").map((p) => p.message);
    expect(blocking({ mappings: { "3": ["action"] } })).toEqual([expect.stringMatching(/names table 3, but plan.csv has one table \(0\)/)]);
    expect(blocking({ mappings: { "0": ["action", "lead", "timescale", null, null, "rating"] } })).toEqual([expect.stringMatching(/names column 5 of plan.csv, which has 3 columns/)]);
    expect(blocking({ headerRows: { "0": 9 } })).toContainEqual(expect.stringMatching(/names row 9 of plan.csv, which has 2 rows/));
  });

  it("the title, board and period the person gives are the new plan's", () => {
    const plain = csv("plan.csv", [["Action", "Lead", "Timescale"], ["Audit", "SAB Manager", "End of Q3"]]);
    const read = readPlanImport(plain, choices({ title: "Our plan", boards: ["Another Board"], period: { from: "2025-04-01", to: "2026-03-31" } }), context);
    expect([read.plan.title, read.plan.boards, read.plan.period]).toEqual(["Our plan", ["Another Board"], { from: "2025-04-01", to: "2026-03-31" }]);
    expect(read.actions[0]!.timescale.deadlines).toEqual(["2025-12-31"]);
  });
});

describe("sections, titles and years", () => {
  it("banner rows across the table become sections in the order written, numbered or not", () => {
    const doc = csv("plan.csv", [
      ["Safeguarding Adults Board"],
      ["Business Plan 2024/25"],
      ["Ref", "What we will do", "Owner", "By when", "RAG"],
      banner("Priority 1 – Prevention"),
      ["", "Audit", "SAB Manager", "End of Q3", "G"],
      ["", "Train", "SAB Manager", "End of Q4", "A"],
      banner("Priority 2 – Learning from reviews"),
      ["", "Share learning", "SAB Manager", "w/c 3 June 2024", "On track"],
      ["", "Check learning", "SAB Manager", "30th September 2024", "Some slippage"],
      ["", "Audit learning", "SAB Manager", "Autumn 2024", "Completed"],
      banner("Making safeguarding personal"),
      ["", "Survey people", "SAB Manager", "Q2 2024/25", "Off track"],
    ]);
    const read = readPlanImport(doc, choices(), context);
    expect(read.plan.title).toBe("Business Plan 2024/25"); // the heading that names the plan, not the board's name above it
    expect(read.plan.period).toEqual({ from: "2024-04-01", to: "2025-03-31" });
    expect(read.sections.map((s) => [s.kind, s.number, s.title])).toEqual([["priority", "1", "Prevention"], ["priority", "2", "Learning from reviews"], ["priority", "3", "Making safeguarding personal"]]);
    expect(read.actions.map((a) => [a.ref, a.timescale.deadlines[0], a.rating])).toEqual([
      ["1.1", "2024-12-31", "green"],
      ["1.2", "2025-03-31", "amber"],
      ["2.1", "2024-06-07", "green"],
      ["2.2", "2024-09-30", "amber"],
      ["2.3", "2024-11-30", "complete"],
      ["3.1", "2024-09-30", "red"],
    ]);
    expect(read.problems.filter((p) => p.field === "timescale" || p.field === "rating")).toEqual([]);
  });

  it("a Priority column that repeats its priority groups the actions under it", () => {
    const doc = csv("plan 2024-25.csv", [
      ["Priority", "Action", "Lead", "Due"],
      ["Prevention", "Audit", "SAB Manager", "Mar 2025"],
      ["Prevention", "Train", "SAB Manager", "Mar 2025"],
      ["Learning", "Share", "SAB Manager", "Mar 2025"],
      ["", "Check", "SAB Manager", "Mar 2025"],
      ["Learning", "Audit learning", "SAB Manager", "Mar 2025"],
    ]);
    const read = readPlanImport(doc, choices(), context);
    expect(read.sections.map((s) => s.title)).toEqual(["Prevention", "Learning"]);
    expect(read.actions.map((a) => a.ref)).toEqual(["1.1", "1.2", "2.1", "2.2", "2.3"]);
    expect(read.plan.period).toEqual({ from: "2024-04-01", to: "2025-03-31" }); // from the file name
  });

  it("the plan's year comes from its title, a sheet's name or the file's name", () => {
    expect(planYearOf(["Business Plan 2024/25"])).toEqual({ from: "2024-04-01", to: "2025-03-31" });
    expect(planYearOf(["Plan", "sheet “2023-2024”"])).toEqual({ from: "2023-04-01", to: "2024-03-31" });
    expect(planYearOf(["Plan", "tracker 2022–23.xlsx"])).toEqual({ from: "2022-04-01", to: "2023-03-31" });
    expect(planYearOf(["Plan 2024/26", "Minutes 2024"])).toBeNull();
  });
});

describe("ratings", () => {
  it.each([
    ["R", "red"], ["A", "amber"], ["G", "green"], ["B", "complete"], ["Blue", "complete"],
    ["On track", "green"], ["At risk", "amber"], ["Some slippage", "amber"], ["Delayed", "red"], ["Off track", "red"], ["Completed", "complete"], ["Achieved", "complete"], ["Not started", null], ["Significant slippage", "red"], ["Not yet due", null],
  ])("%j is %j", (written, rating) => {
    expect(readRating(written)).toBe(rating);
  });

  it("words a rating cannot be read from leave the action unrated, whatever its fill; words and a fill that disagree are flagged and the words kept", () => {
    const doc: SourceDocument = {
      name: "plan.xlsx",
      tables: [{ where: "sheet “Plan”", above: [], firstRow: 1, rows: [
        ["Ref", "Action", "Lead", "Timescale", "RAG"].map((t) => cell(t)),
        [cell("1.1"), cell("Audit"), cell("SAB Manager"), cell("Mar 2025"), cell("Maybe", "#00b050")],
        [cell("1.2"), cell("Train"), cell("SAB Manager"), cell("Mar 2025"), cell("R", "#00b050")],
        [cell("1.3"), cell("Share"), cell("SAB Manager"), cell("Mar 2025"), cell("", "#00b050")],
      ] }],
    };
    const read = readPlanImport(doc, choices(), context);
    expect(read.actions.map((a) => [a.ref, a.rating, a.ratingAsWritten])).toEqual([["1.1", null, "Maybe"], ["1.2", "red", "R"], ["1.3", "green", null]]);
    const said = read.problems.filter((p) => p.field === "rating").map((p) => [p.refs[0], p.message]);
    expect(said).toEqual([
      ["1.1", expect.stringMatching(/not a RAG rating.*left unrated \(the cell is coloured green, but its words decide\)/)],
      ["1.2", expect.stringMatching(/says "R" but is coloured green; the words are used \(red\)/)],
    ]);
  });
});

describe("timescales in a plan's year", () => {
  it.each([
    ["by end of March", "2025-03-31"], ["End of June", "2024-06-30"], ["Quarter 3", "2024-12-31"], ["Q4 24/25", "2025-03-31"], ["Oct-Dec 2024", "2024-12-31"], ["Apr 2024 - Mar 2025", "2025-03-31"], ["31 March 25", "2025-03-31"],
    ["End of Q3", "2024-12-31"], ["w/c 3 June 2024", "2024-06-07"], ["30th September 2024", "2024-09-30"], ["Autumn 2024", "2024-11-30"], ["Winter 2024", "2025-02-28"], ["Q2 2024/25", "2024-09-30"],
  ])("%j in a 2024/25 plan is %s", (text, deadline) => {
    expect(parseTimescale(text, { periodFrom: "2024-04-01" }).deadlines).toEqual([deadline]);
  });

  it("a month with no year, in a plan with no period, asks which year", () => {
    expect(parseTimescale("by end of March")).toMatchObject({ understood: false, problem: expect.stringContaining('"March" of which year? write it as March 2025') });
  });
});
