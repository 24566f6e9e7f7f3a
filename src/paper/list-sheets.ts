import ExcelJS from "exceljs";
import { LONDON } from "../core/london.js";
import type { ColumnDefinition, ListDefinition } from "../store/list-schema.js";
import { defaultView } from "../store/list-views.js";

/**
 * Each list as SharePoint's "Export to Excel" shows its default view: the view's columns under
 * their display names, in the view's order, dates as date cells in the site's time zone, people
 * and lookups as the names they show, and SharePoint's own "Item Type" and "Path" columns last.
 * Lists without a view of Assure's show their visible columns ("All Items").
 */
export interface ListRows {
  list: ListDefinition;
  /** Each row's fields as Graph returned them (with the readable columns). */
  rows: Record<string, unknown>[];
  /** Looked-up values by lookup column and item id, where Graph gave only the id. */
  lookups: Map<string, Map<string, string>>;
  /** The site's people by User Information List id. */
  users: Map<number, string>;
  /** The list's path, e.g. "sites/safeguarding/Lists/AssureActions". */
  path: string;
}

type Cell = string | number | Date | null;

interface SheetColumn {
  name: string;
  header: string;
  column: ColumnDefinition | null;
}

const SYSTEM: Record<string, string> = { LinkTitle: "Title", LinkTitleNoMenu: "Title", Title: "Title", ID: "ID" };

function sheetColumns(list: ListDefinition): { columns: SheetColumn[]; order: { name: string; ascending: boolean }[] } {
  const view = defaultView(list.key);
  const names = view ? view.viewFields : ["Title", ...list.columns.filter((c) => !c.hidden).map((c) => c.name)];
  const columns = names.map((name) => {
    const column = list.columns.find((c) => c.name === name) ?? null;
    return { name: SYSTEM[name] ?? name, header: column?.displayName ?? SYSTEM[name] ?? name, column };
  });
  // The export keeps the view's order: its groups first, then its sort.
  const sorting = (view?.query ?? "").replace(/<Where>[\s\S]*<\/Where>/, "");
  const order = [...sorting.matchAll(/<FieldRef Name="([^"]+)"(?: Ascending="(TRUE|FALSE)")?[^>]*\/>/g)].map((m) => ({ name: SYSTEM[m[1]!] ?? m[1]!, ascending: m[2] !== "FALSE" }));
  return { columns, order };
}

/** The wall-clock time in London at an instant, as Excel keeps times (no zone). */
function londonWallClock(instant: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  );
  return new Date(Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!));
}

function cellOf(source: ListRows, sheetColumn: SheetColumn, row: Record<string, unknown>): Cell {
  const { column, name } = sheetColumn;
  const value = row[name];
  if (!column) return value === undefined || value === null ? null : String(value);
  if ("lookup" in column) {
    if (typeof value === "string") return value;
    const id = row[`${name}LookupId`];
    return id === undefined || id === null ? null : (source.lookups.get(name)?.get(String(id)) ?? null);
  }
  if ("personOrGroup" in column) {
    if (Array.isArray(value)) return value.map((p: { LookupValue?: string }) => p.LookupValue ?? "").filter(Boolean).join("; ") || null;
    const id = row[`${name}LookupId`];
    return id === undefined || id === null ? null : (source.users.get(Number(id)) ?? null);
  }
  if (value === undefined || value === null || value === "") return null;
  // A date-only value is the site's midnight: London's wall clock gives the day at 00:00.
  if ("dateTime" in column) return londonWallClock(String(value));
  if ("boolean" in column) return value === true ? "Yes" : "No";
  if ("number" in column) return Number(value);
  return String(value);
}

const compare = (a: Cell, b: Cell): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return String(a).localeCompare(String(b), "en-GB", { numeric: true });
};

/** The rows of one list as the export shows them: headers, then cells in the view's order. */
export function listSheet(source: ListRows): { headers: string[]; rows: Cell[][]; dateColumns: { index: number; withTime: boolean }[] } {
  const { columns, order } = sheetColumns(source.list);
  const sortColumns = order.map((o) => ({ ...o, sheet: { name: o.name, header: o.name, column: source.list.columns.find((c) => c.name === o.name) ?? null } }));
  const rows = [...source.rows]
    .sort((a, b) => {
      for (const o of sortColumns) {
        const d = compare(cellOf(source, o.sheet, a), cellOf(source, o.sheet, b));
        if (d !== 0) return o.ascending ? d : -d;
      }
      return 0;
    })
    .map((row) => [...columns.map((c) => cellOf(source, c, row)), "Item", source.path]);
  const dateColumns = columns.flatMap((c, index) => (c.column && "dateTime" in c.column ? [{ index, withTime: c.column.dateTime.format === "dateTime" }] : []));
  return { headers: [...columns.map((c) => c.header), "Item Type", "Path"], rows, dateColumns };
}

/** A workbook with one sheet per list. */
export async function listsWorkbook(sources: ListRows[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Assure";
  for (const source of sources) {
    const { headers, rows, dateColumns } = listSheet(source);
    const sheet = book.addWorksheet(source.list.displayName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = headers.map((header) => ({ header, width: Math.min(Math.max(header.length + 2, 14), 50) }));
    sheet.getRow(1).font = { bold: true };
    for (const cells of rows) {
      const row = sheet.addRow(cells);
      row.alignment = { vertical: "top", wrapText: true };
      for (const { index, withTime } of dateColumns) row.getCell(index + 1).numFmt = withTime ? "dd/mm/yyyy hh:mm" : "dd/mm/yyyy";
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
