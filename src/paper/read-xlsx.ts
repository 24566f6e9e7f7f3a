import ExcelJS from "exceljs";
import { format } from "date-fns/format";
import type { SourceCell, SourceDocument, SourceTable } from "../core/source-table.js";

/**
 * An Excel workbook as source tables, one per sheet: merged cells repeated over the cells they
 * cover, date cells as Excel shows them (day-first dates, or "Mar 2023" where the format shows
 * only month and year), and solid fills as colours.
 */
export async function readXlsx(name: string, bytes: Uint8Array): Promise<SourceDocument> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const tables: SourceTable[] = [];
  book.eachSheet((sheet) => {
    if (sheet.state !== "visible") return;
    const rows: SourceCell[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: SourceCell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellOf(row.getCell(c)));
      rows.push(cells);
    }
    tables.push({ where: `sheet “${sheet.name}”`, above: [], rows, firstRow: 1 });
  });
  return { name, tables };
}

function cellOf(cell: ExcelJS.Cell): SourceCell {
  const master = cell.isMerged ? cell.master : cell;
  return { text: textOf(master), fill: fillOf(master) };
}

function textOf(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return dateText(value, cell.numFmt);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("result" in value) return value.result instanceof Date ? dateText(value.result, cell.numFmt) : String(value.result ?? "");
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value).trim();
}

/** ExcelJS gives date cells as UTC midnights; shown as the cell's format shows them. */
function dateText(date: Date, numFmt: string | undefined): string {
  const utc = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const shown = (numFmt ?? "").toLowerCase().replace(/"[^"]*"|\[[^\]]*\]/g, "");
  return /m/.test(shown) && /y/.test(shown) && !/d/.test(shown) ? format(utc, "MMM yyyy") : format(utc, "dd/MM/yyyy");
}

function fillOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill;
  if (!fill || fill.type !== "pattern" || fill.pattern !== "solid") return null;
  const argb = fill.fgColor?.argb;
  return argb && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : null;
}
