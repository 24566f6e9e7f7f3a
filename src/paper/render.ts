import type { BoardPaper } from "../core/board-paper.js";
import type { Dashboard } from "../core/dashboard.js";
import { boardPaperDocx } from "./board-paper-docx.js";
import { planCsv } from "./plan-csv.js";
import { planXlsx } from "./plan-xlsx.js";

export type PaperFormat = "docx" | "xlsx" | "csv";

export const PAPER_TYPES: Record<PaperFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** A board paper as a file of the format asked for: the Word paper (with the dashboard's charts, when given), the workbook or CSV. */
export async function renderPaper(paper: BoardPaper, format: PaperFormat, charts: Dashboard | null = null): Promise<Buffer | string> {
  return format === "docx" ? boardPaperDocx(paper, charts) : format === "xlsx" ? planXlsx(paper) : planCsv(paper);
}
