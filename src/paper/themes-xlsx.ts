import ExcelJS from "exceljs";
import type { ThemesReport } from "../core/themes-report.js";

/** Findings by theme as a workbook: one row per theme with a column per financial year, and the repeats. */
export async function themesXlsx(report: ThemesReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Assure";
  const years = [...new Set(report.themes.flatMap((t) => Object.keys(t.byYear)))].sort();
  const sheet = book.addWorksheet("Themes", { views: [{ state: "frozen", ySplit: 1 }] });
  const header = ["Theme", "Findings", ...years, "Repeat findings", "Open actions", "Median days to complete", "Median days to impact shown", "Reviews", "Retired"];
  sheet.columns = header.map((h) => ({ header: h, width: h === "Theme" ? 30 : h === "Reviews" ? 50 : 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const t of report.themes) {
    const row = sheet.addRow([t.theme, t.findings, ...years.map((y) => t.byYear[y] ?? 0), t.repeats, t.openActions, t.medianDaysToComplete, t.medianDaysToImpact, t.reviews.join("; "), t.retired ? "yes" : ""]);
    row.alignment = { vertical: "top", wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const repeats = book.addWorksheet("Repeat findings");
  repeats.columns = ["Review", "Finding", "Theme", "Also found in"].map((h) => ({ header: h, width: h === "Also found in" ? 50 : 25 }));
  repeats.getRow(1).font = { bold: true };
  for (const r of report.repeats) repeats.addRow([r.review, r.finding, r.theme, r.earlierReviews.join("; ")]);
  const about = book.addWorksheet("About");
  about.addRows([["Board", report.board], ["As at", new Date(`${report.asOf}T00:00:00Z`)], ["Made by", "Assure"]]);
  about.getCell("B2").numFmt = "dd/mm/yyyy";
  return Buffer.from(await book.xlsx.writeBuffer());
}
