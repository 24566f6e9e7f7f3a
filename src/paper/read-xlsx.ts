import ExcelJS from "exceljs";
import { format } from "date-fns/format";
import { strFromU8, strToU8, zipSync } from "fflate";
import type { SourceCell, SourceDocument, SourceTable } from "../core/source-table.js";
import { cellCounter, DOCUMENT_LIMITS, overCap } from "./document-limits.js";
import { readZip } from "./read-zip.js";

/**
 * An Excel workbook as source tables, one per sheet: merged cells repeated over the cells they
 * cover, date cells as Excel shows them (day-first dates, or "Mar 2023" where the format shows
 * only month and year), and solid fills as colours.
 *
 * ExcelJS lays out every cell a sheet names (a cell at A1048576 is a million rows; a merge or a
 * drop-down over whole columns is millions of cells), so each sheet's XML is checked against the
 * caps first, and what a plan table never needs (drop-downs, conditional formats, drawings) is
 * taken out before ExcelJS sees it.
 */
export async function readXlsx(name: string, bytes: Uint8Array): Promise<SourceDocument> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(checkedPackage(name, bytes) as unknown as ArrayBuffer);
  const count = cellCounter(name);
  const tables: SourceTable[] = [];
  book.eachSheet((sheet) => {
    if (sheet.state !== "visible") return;
    const sparse: SourceCell[][] = [];
    let width = 0;
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: SourceCell[] = [];
      // Empty cells too: a RAG column is often only a fill, with no value in the cell.
      row.eachCell({ includeEmpty: true }, (c, col) => {
        const cell = cellOf(c);
        if (cell.text === "" && cell.fill === null) return;
        cells[col - 1] = cell;
        width = Math.max(width, col);
      });
      if (cells.length > 0) sparse[r - 1] = cells;
    });
    count(sparse.length * width);
    const rows = Array.from({ length: sparse.length }, (_, r) => Array.from({ length: width }, (_, c) => sparse[r]?.[c] ?? { text: "", fill: null }));
    tables.push({ where: `sheet “${sheet.name}”`, above: [], rows, firstRow: 1 });
  });
  return { name, tables };
}

const SHEET = /^xl\/worksheets\/[^/]+\.xml$/;
// Parts of a sheet a plan table never needs, and which ExcelJS would lay out cell by cell.
const UNNEEDED = /<(dataValidations|conditionalFormatting|hyperlinks|extLst)\b[\s\S]*?<\/\1>|<(dataValidations|conditionalFormatting|hyperlinks|drawing|legacyDrawing|legacyDrawingHF|tableParts|picture|oleObjects|controls)\b[^>]*\/>/g;

const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The workbook, each sheet checked against the caps (rows, columns, merged cells), with the unneeded parts of each sheet taken out. */
function checkedPackage(name: string, bytes: Uint8Array): Uint8Array {
  const files = readZip(name, bytes, () => true);
  if (!files.has("xl/workbook.xml")) throw new Error("it has no workbook (xl/workbook.xml)");
  const out: Record<string, Uint8Array> = {};
  const count = cellCounter(name);
  for (const [path, data] of files) {
    if (!SHEET.test(path)) {
      out[path] = data;
      continue;
    }
    const xml = strFromU8(data).replace(UNNEEDED, "");
    const where = `sheet ${path.slice("xl/worksheets/".length, -".xml".length)}`;
    const within = (ref: string) => {
      const [, letters, digits] = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref) ?? [];
      if (!letters) return;
      if (column(letters) > DOCUMENT_LIMITS.columns) throw overCap.columns(where, column(letters));
      if (Number(digits) > DOCUMENT_LIMITS.rows) throw overCap.rows(where, Number(digits));
    };
    let rows = 0;
    for (const m of xml.matchAll(/<row\b([^>]*)>/g)) {
      rows++;
      const r = /\br="(\d+)"/.exec(m[1]!)?.[1];
      if (Math.max(rows, Number(r ?? 0)) > DOCUMENT_LIMITS.rows) throw overCap.rows(where, Math.max(rows, Number(r ?? 0)));
    }
    let cells = 0;
    for (const m of xml.matchAll(/<c\b[^>]*?\br="([^"]+)"/g)) {
      within(m[1]!);
      cells++;
    }
    for (const m of xml.matchAll(/<mergeCell\b[^>]*?\bref="([^"]+)"/g)) {
      const [from = "", to = from] = m[1]!.split(":");
      within(from);
      within(to);
      const [a, b] = [from, to].map((ref) => /^\$?([A-Z]+)\$?(\d+)$/.exec(ref));
      if (a && b) cells += (Math.abs(column(b[1]!) - column(a[1]!)) + 1) * (Math.abs(Number(b[2]) - Number(a[2])) + 1);
    }
    count(cells);
    out[path] = strToU8(xml);
  }
  return zipSync(out, { level: 0 });
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
