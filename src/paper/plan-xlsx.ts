import ExcelJS from "exceljs";
import type { BoardPaper } from "../core/board-paper.js";
import { COLUMNS, RATING_FILL, tableRows } from "./plan-table.js";

/** The plan as a workbook: one row per action, real date cells, RAG fills, filters and a frozen header. */
export async function planXlsx(paper: BoardPaper): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Assure";
  const sheet = book.addWorksheet("Actions", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((header) => ({ header, width: header === "Action" || header === "Latest update" || header === "Expected outcome" ? 60 : header === "Ref" ? 8 : 20 }));
  sheet.getRow(1).font = { bold: true };
  for (const { action, cells } of tableRows(paper)) {
    const row = sheet.addRow(cells);
    row.alignment = { vertical: "top", wrapText: true };
    for (const column of ["Target date", "Latest update on"] as const) row.getCell(COLUMNS.indexOf(column) + 1).numFmt = "dd/mm/yyyy";
    if (action.rating) {
      const rag = row.getCell(COLUMNS.indexOf("RAG") + 1);
      rag.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${RATING_FILL[action.rating]}` } };
      rag.font = { color: { argb: action.rating === "amber" ? "FF000000" : "FFFFFFFF" }, bold: true };
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const about = book.addWorksheet("About");
  about.addRows([["Plan", paper.title], ["Boards", paper.boards.join(", ")], ["As at", new Date(`${paper.asOf}T00:00:00Z`)], ["Made by", "Assure"]]);
  about.getCell("B3").numFmt = "dd/mm/yyyy";
  return Buffer.from(await book.xlsx.writeBuffer());
}
