import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDocx } from "../../src/paper/read-docx.js";
import { runCli } from "../support/cli.js";

// `assure report themes` and `assure report findings` against the seeded demo, through the real CLI and emulator.
const dir = mkdtempSync(join(tmpdir(), "assure-register-report-"));
const env = { ASSURE_DATA_DIR: join(dir, "data") };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COV = "Coventry Safeguarding Adults Board";

describe("assure report themes and findings", () => {
  it("writes findings by theme as JSON and as a workbook, and the public record as HTML and Word", async () => {
    const json = await runCli(["report", "themes", "--board", COV, "--as-of", "2026-12-03"], env);
    expect(json.stderr).toBe("");
    const themes = JSON.parse(json.stdout) as { themes: { theme: string; findings: number; repeats: number }[]; repeats: unknown[] };
    expect(themes.themes.find((t) => t.theme === "Information sharing")).toMatchObject({ findings: 2, repeats: 1 });
    expect(themes.repeats).toHaveLength(3);

    const xlsx = join(dir, "themes.xlsx");
    const wrote = await runCli(["report", "themes", "--board", COV, "--format", "xlsx", "--out", xlsx, "--as-of", "2026-12-03"], env);
    expect(wrote.stdout).toMatch(/themes with findings, 3 repeat findings, as at 3 Dec 2026\)/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Themes")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(["Theme", "Findings", "2015/16", "2017/18", "Repeat findings"]));
    expect(book.getWorksheet("Repeat findings")!.rowCount).toBe(4);

    const html = join(dir, "findings.html");
    expect((await runCli(["report", "findings", "--board", COV, "--out", html], env)).stdout).toMatch(/public record: 2 reviews, 7 findings/);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("Repeat finding");
    expect(page).not.toContain("Megan Bowen");
    expect(page).not.toMatch(/internal note/i);

    const docx = join(dir, "findings.docx");
    await runCli(["report", "findings", "--board", COV, "--out", docx], env);
    const cells = readDocx("findings.docx", readFileSync(docx)).tables.flatMap((t) => t.rows.flat().map((c) => c.text));
    expect(cells).toContain("Completed and signed off by the board on 14 Dec 2017");
  }, 300_000); // five runs of the CLI, each starting the emulator

  it("names the boards there are when --board names none, and refuses a file type it cannot write", async () => {
    const r = await runCli(["report", "themes", "--board", "Coventy SAB"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^assure: report themes: --board: no board "Coventy SAB"; there are: Coventry Safeguarding Adults Board, /);
    const bad = await runCli(["report", "findings", "--board", COV, "--out", join(dir, "findings.pdf")], env);
    expect(bad.stderr.trim()).toBe("assure: report findings: --out: must end in .docx or .html");
  }, 120_000);
});
