import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { boardPaper } from "../../src/core/board-paper.js";
import { nestPlans } from "../../src/core/plan-export.js";
import { applyProgressUpdate } from "../../src/core/progress.js";
import type { ProgressUpdate } from "../../src/core/progress-update.js";
import { demoRecords } from "../../src/demo/index.js";
import { boardPaperDocx } from "../../src/paper/board-paper-docx.js";
import { planCsv } from "../../src/paper/plan-csv.js";
import { COLUMNS } from "../../src/paper/plan-table.js";
import { planXlsx } from "../../src/paper/plan-xlsx.js";
import { runCli } from "../support/cli.js";

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const update = (actionId: string, at: string, rating: ProgressUpdate["rating"], text = "Update"): ProgressUpdate => ({
  id: `pu-${at.slice(0, 10)}-${actionId.split("/")[1]}`,
  actionId,
  author: { personId: "alex-wilber", name: "Alex Wilber" },
  at,
  text,
  evidence: [],
  rating,
  proposedDeadline: null,
  markedComplete: false,
  via: "tab",
});
/** A demo plan with these updates recorded as Assure records them: appended, and applied to their actions. */
const planOf = (id: string, updates: ProgressUpdate[] = []) => {
  const records = demoRecords();
  const actions = records.actions.map((a) => updates.filter((u) => u.actionId === a.id).reduce(applyProgressUpdate, a));
  return nestPlans({ ...records, actions, progressUpdates: [...records.progressUpdates, ...updates] }).find((p) => p.id === id)!;
};

describe("the board paper as at a day", () => {
  it("rates each action as it stood that day, counts by rating and overdue, and lists what changed since", () => {
    const plan = planOf(COVENTRY, [update(`${COVENTRY}/1.1`, "2016-05-01T10:00:00Z", "red", "Toolkit delayed")]);
    const before = boardPaper(plan, { asOf: "2016-04-15", since: null });
    const after = boardPaper(plan, { asOf: "2016-05-02", since: "2016-04-15" });
    const rated = (p: typeof before, ref: string) => p.sections.flatMap((s) => s.actions).find((a) => a.ref === ref)!;
    expect(rated(before, "1.1")).toMatchObject({ rating: "green", latestUpdate: null });
    expect(rated(after, "1.1")).toMatchObject({ rating: "red", latestUpdate: { on: "2016-05-01", by: "Alex Wilber", text: "Toolkit delayed" } });
    expect(after.changes).toEqual([{ ref: "1.1", rating: { from: "green", to: "red" }, updates: 1 }]);
    const total = after.sections.flatMap((s) => s.actions).length;
    expect(Object.values(after.counts).reduce((a, b) => a + b, 0)).toBe(total);
    expect(after.overdue).toBe(after.sections.flatMap((s) => s.actions).filter((a) => a.overdue).length);
  });
});

describe("exports read back", () => {
  it("writes a workbook with one row per action, real date cells, RAG fills, filters and a frozen header", async () => {
    const paper = boardPaper(planOf(LLR), { asOf: "2022-10-03", since: null });
    const book = new ExcelJS.Workbook();
    // ExcelJS types its input as an older Buffer; the bytes are the same.
    await book.xlsx.load((await planXlsx(paper)) as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet("Actions")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...COLUMNS]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const actions = paper.sections.flatMap((s) => s.actions);
    expect(sheet.rowCount).toBe(actions.length + 1);
    const col = (name: (typeof COLUMNS)[number]) => COLUMNS.indexOf(name) + 1;
    for (const [i, a] of actions.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(col("Ref")).value).toBe(a.ref);
      const target = row.getCell(col("Target date")).value;
      if (a.targetDate) expect((target as Date).toISOString().slice(0, 10)).toBe(a.targetDate);
      else expect(target).toBeNull();
      if (a.rating) expect((row.getCell(col("RAG")).fill as { fgColor: { argb: string } }).fgColor.argb).toBe({ red: "FFC00000", amber: "FFFFC000", green: "FF00B050", complete: "FF0070C0" }[a.rating]);
    }
  });

  it("writes a Word board paper with the summary, every action under its section, RAG colours and what changed", async () => {
    const paper = boardPaper(planOf(COVENTRY, [update(`${COVENTRY}/2.1`, "2016-05-01T10:00:00Z", "amber")]), { asOf: "2016-05-02", since: "2016-04-15" });
    const xml = strFromU8(unzipSync(new Uint8Array(await boardPaperDocx(paper)))["word/document.xml"]!);
    const words = xml
      .replace(/<[^>]+>/g, "")
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(words).toContain("Serious Adult Review Action plan: SCR Mrs E");
    expect(words).toContain("Summary");
    for (const s of paper.sections) expect(words).toContain(s.heading.slice(0, 60));
    for (const a of paper.sections.flatMap((s) => s.actions)) expect(words).toContain(a.text.slice(0, 50));
    expect(words).toContain("What changed since 15 Apr 2016");
    expect(words).toContain("2.1: Green → Amber; 1 update");
    expect(xml).toContain('w:fill="00B050"');
    expect(xml).toContain('w:fill="FFC000"');
  });

  it("writes CSV that a spreadsheet will not run as formulas", () => {
    const plan = planOf(COVENTRY);
    plan.sections[0]!.actions[0]!.text = '=HYPERLINK("https://evil.example","Click")';
    const csv = planCsv(boardPaper(plan, { asOf: "2016-04-01", since: null }));
    const [header, first] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe(COLUMNS.join(","));
    expect(first).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
  });
});

describe("assure export for one plan", () => {
  it.each([
    [["--format", "docx", "--out", "x.docx"], "--plan"],
    [["--plan", LLR, "--format", "xlsx"], "--out"],
    [["--plan", LLR, "--format", "pdf"], "the formats are: json, docx, xlsx, csv"],
    [["--plan", LLR, "--format", "csv", "--as-of", "2022-13-01"], "--as-of"],
    [["--plan", LLR, "--format", "csv", "--as-of", "2022-10-01", "--since", "2022-11-01"], "--since"],
  ])("refuses %j, naming what is wrong", async (args, says) => {
    const r = await runCli(["export", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
  });

  it("refuses a plan that is not there, naming the plans that are", async () => {
    const r = await runCli(["export", "--plan", "nope", "--format", "csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the plans are: ${COVENTRY}, ${LLR}`);
  });
});
