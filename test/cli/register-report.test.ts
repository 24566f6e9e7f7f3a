import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

// `assure report themes` and `assure report findings` against the seeded demo, through the real CLI and emulator.
// The workbook and Word renderings are checked without the CLI, in test/paper/register-papers.test.ts.
const dir = mkdtempSync(join(tmpdir(), "assure-register-report-"));
const env = { ASSURE_DATA_DIR: join(dir, "data") };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COV = "Coventry Safeguarding Adults Board";

describe("assure report themes and findings", () => {
  it("prints findings by theme as JSON and writes the public record as HTML", async () => {
    const json = await runCli(["report", "themes", "--board", COV, "--as-of", "2026-12-03"], env);
    expect(json.stderr).toBe("");
    const themes = JSON.parse(json.stdout) as { themes: { theme: string; findings: number; repeats: number }[]; repeats: unknown[] };
    expect(themes.themes.find((t) => t.theme === "Information sharing")).toMatchObject({ findings: 2, repeats: 1 });
    expect(themes.repeats).toHaveLength(3);

    const html = join(dir, "findings.html");
    expect((await runCli(["report", "findings", "--board", COV, "--out", html], env)).stdout).toMatch(/public record: 2 reviews, 7 findings/);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("Repeat finding");
    expect(page).not.toContain("Megan Bowen");
    expect(page).not.toMatch(/internal note/i);
  }, 240_000); // each run of the CLI starts the emulator

  it("names the boards there are when --board names none, and refuses a file type it cannot write", async () => {
    const r = await runCli(["report", "themes", "--board", "Coventy SAB"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^assure: report themes: --board: no board "Coventy SAB"; there are: Coventry Safeguarding Adults Board, /);
    const bad = await runCli(["report", "findings", "--board", COV, "--out", join(dir, "findings.pdf")], env);
    expect(bad.stderr.trim()).toBe("assure: report findings: --out: must end in .docx or .html");
  }, 120_000);
});

describe("assure report agencies", () => {
  it("prints each agency's figures and the challenge log as at a UK day as JSON, and writes them as a workbook", async () => {
    const json = await runCli(["report", "agencies", "--board", "Leicester Safeguarding Adults Board", "--as-at", "01/12/2022"], env);
    expect(json.stderr).toBe("");
    const report = JSON.parse(json.stdout) as { asOf: string; agencies: { leadId: string; overdue: number; challenges: { asked: number; awaiting: number } }[]; challenges: { question: { id: string }; answered: boolean }[] };
    expect(report.asOf).toBe("2022-12-01");
    expect(report.agencies.find((a) => a.leadId === "llr-sab-task-finish")!.challenges).toEqual({ asked: 1, awaiting: 1 });
    expect(report.challenges.map((c) => [c.question.id, c.answered])).toEqual([["demo-challenge-llr-transitions", false], ["demo-challenge-llr-strategy-audit", true]]);
    const xlsx = join(dir, "agencies.xlsx");
    const wrote = await runCli(["report", "agencies", "--board", COV, "--as-at", "1/3/2016", "--format", "xlsx", "--out", xlsx], env);
    expect(wrote.stdout).toMatch(/^wrote .*agencies\.xlsx \(\d+ agencies, \d+ overdue actions, 2 challenges of which 1 await an answer, as at 1 Mar 2016\)/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Agencies", "Challenge log", "About"]);
    expect(book.getWorksheet("Challenge log")!.rowCount).toBe(3);
    const bad = await runCli(["report", "agencies", "--board", COV, "--as-at", "31/02/2016"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-at: "31\/02\/2016" is not a day: write it as dd\/mm\/yyyy/);
  }, 240_000);
});
