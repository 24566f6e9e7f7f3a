import { boardPaper, type BoardPaper } from "../core/board-paper.js";
import { dashboard, type Dashboard } from "../core/dashboard.js";
import type { IsoDate } from "../core/iso-date.js";
import type { LedgerEntry } from "../core/ledger.js";
import type { PlanView } from "../core/plan-export.js";
import type { BoardRecords } from "../core/records.js";
import { boardPaperDocx } from "./board-paper-docx.js";
import { datedOfficeFile } from "./dated-zip.js";
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
  if (format === "csv") return planCsv(paper);
  return datedOfficeFile(format === "docx" ? await boardPaperDocx(paper, charts) : await planXlsx(paper), paper.asOf);
}

/**
 * One plan as a file, as at a day (the CLI's export and the tab's download): the Word paper
 * carries the dashboard's charts, so the reminder ledger is read only for it.
 */
export async function planPaperFile(
  plan: PlanView,
  records: BoardRecords,
  readLedger: () => Promise<LedgerEntry[]>,
  options: { format: PaperFormat; asOf: IsoDate; since: IsoDate | null },
): Promise<{ paper: BoardPaper; file: Buffer | string }> {
  const paper = boardPaper(plan, { asOf: options.asOf, since: options.since });
  const charts = options.format === "docx" ? dashboard([plan], records, await readLedger(), paper.asOf) : null;
  return { paper, file: await renderPaper(paper, options.format, charts) };
}
