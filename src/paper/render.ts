import type { BoardPaper } from "../core/board-paper.js";
import { boardPaperDocx } from "./board-paper-docx.js";
import { planCsv } from "./plan-csv.js";
import { planXlsx } from "./plan-xlsx.js";

export type PaperFormat = "docx" | "xlsx" | "csv";

export const PAPER_TYPES: Record<PaperFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** A board paper as a file of the format asked for: the Word paper, the workbook or CSV. */
export async function renderPaper(paper: BoardPaper, format: PaperFormat): Promise<Buffer | string> {
  return format === "docx" ? boardPaperDocx(paper) : format === "xlsx" ? planXlsx(paper) : planCsv(paper);
}
