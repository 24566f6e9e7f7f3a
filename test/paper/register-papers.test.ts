import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { publicRecord } from "../../src/core/public-record.js";
import { BoardRecordsSchema } from "../../src/core/records.js";
import { themesReport } from "../../src/core/themes-report.js";
import { adultKRecords } from "../../src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../../src/demo/coventry-register.js";
import { demoRecords } from "../../src/demo/index.js";
import { DEMO_LEADS } from "../../src/demo/people.js";
import { ukDay } from "../../src/paper/board-paper-docx.js";
import { publicRecordDocx } from "../../src/paper/public-record-docx.js";
import { readDocx } from "../../src/paper/read-docx.js";
import { themesXlsx } from "../../src/paper/themes-xlsx.js";

const COV = "Coventry Safeguarding Adults Board";
const base = demoRecords();
const k = adultKRecords(DEMO_LEADS);
const records = BoardRecordsSchema.parse({ ...base, plans: [...base.plans, ...k.plans], sections: [...base.sections, ...k.sections], actions: [...base.actions, ...k.actions] });

describe("the register's papers", () => {
  it("writes findings by theme as a workbook: a column per financial year, and the repeats on their own sheet", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await themesXlsx(themesReport({ register: demoRegister(), actions: records.actions, updates: [], board: COV, asOf: "2026-12-03" }))) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Themes")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(["Theme", "Findings", "2015/16", "2017/18", "Repeat findings"]);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual(["Hospital discharge", 2, 1, 1, 1]);
    expect(book.getWorksheet("Repeat findings")!.rowCount).toBe(4);
  });

  it("writes the public record as Word, with each action's status in words and no internal note", async () => {
    const docx = await publicRecordDocx(publicRecord({ register: demoRegister(), records, board: COV, asOf: "2026-12-03", ukDay }));
    const read = readDocx("findings.docx", docx);
    expect(read.tables.flatMap((t) => t.rows.flat().map((c) => c.text))).toContain("Completed and signed off by the board on 14 Dec 2017");
    expect(JSON.stringify(read)).not.toMatch(/internal note/i);
  });
});
