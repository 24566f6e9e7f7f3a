import ExcelJS from "exceljs";
import type { AgencyAccountability } from "../core/agency-accountability.js";
import type { Challenge } from "../core/challenge.js";

const date = (day: string | null) => (day === null ? null : new Date(`${day}T00:00:00Z`));

/** Agency accountability as a workbook: an Agencies sheet, the Challenge log (a row per question, its answers beside it) and an About sheet. */
export async function agenciesXlsx(report: AgencyAccountability & { challenges: Challenge[] }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Assure";
  const sheet = book.addWorksheet("Agencies", { views: [{ state: "frozen", ySplit: 1 }] });
  const header = ["Agency", "Open", "Overdue", "Complete", "Not implemented", "Median days to answer a reminder", "Reminders answered", "Longest unanswered (days)", "Unanswered since", "Action unanswered", "Challenges asked", "Challenges awaiting an answer", "Contact"];
  sheet.columns = header.map((h) => ({ header: h, width: h === "Agency" ? 40 : h === "Contact" ? 50 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const a of report.agencies) {
    const row = sheet.addRow([a.agency, a.open, a.overdue, a.complete, a.notImplemented, a.medianDaysToAnswer, a.answered, a.longestUnanswered?.days ?? null, date(a.longestUnanswered?.remindedOn ?? null), a.longestUnanswered?.ref ?? null, a.challenges.asked, a.challenges.awaiting, a.contacts.map((c) => `${c.name} <${c.email}>`).join("; ")]);
    row.getCell(9).numFmt = "dd/mm/yyyy";
    row.alignment = { vertical: "top", wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const log = book.addWorksheet("Challenge log", { views: [{ state: "frozen", ySplit: 1 }] });
  log.columns = ["Agency", "Asked", "Question", "Asked by", "Answered", "Answer", "Days waiting", "Demo"].map((h) => ({ header: h, width: h === "Question" || h === "Answer" ? 60 : h === "Agency" ? 30 : 14 }));
  log.getRow(1).font = { bold: true };
  for (const c of report.challenges) {
    const row = log.addRow([c.question.agency.name, date(c.question.on), c.question.text, c.question.recordedBy.name, date(c.answers[0]?.on ?? null), c.answers.map((a) => a.text).join("\n\n") || null, c.daysWaiting, c.question.demo ? "demo data" : ""]);
    for (const n of [2, 5]) row.getCell(n).numFmt = "dd/mm/yyyy";
    row.alignment = { vertical: "top", wrapText: true };
  }
  const about = book.addWorksheet("About");
  about.addRows([["Board", report.board], ["As at", date(report.asOf)], ["Made by", "Assure"], ["Days", "calendar days; a reminder's wait ends at the agency's next update on that action"]]);
  about.getCell("B2").numFmt = "dd/mm/yyyy";
  return Buffer.from(await book.xlsx.writeBuffer());
}
