import { guessColumns, headerScore, type ColumnField, type ColumnMapping } from "./column-mapping.js";
import type { SourceCell, SourceDocument, SourceTable } from "./source-table.js";

/**
 * Finding a plan's tables in a document however it is laid out: title rows and paragraphs above
 * the header, several tables, tables that are not the plan (a subgroups table), banner rows
 * across the table, and a recommendation or priority given as a heading instead of a column.
 */

/** "1. Hidden Harm", "Priority 2: Care Homes", "Recommendation 3 – …". */
export interface Heading {
  kind: "recommendation" | "priority" | null;
  number: string;
  title: string;
}

const HEADING = /^(?:(recommendation|priority)\s*)?(\d+(?:\.\d+)*)\s*[.):–-]?\s+(\S[\s\S]*)$/i;

export function readHeading(text: string): Heading | null {
  const m = HEADING.exec(text.trim());
  if (!m) return null;
  return { kind: (m[1]?.toLowerCase() as Heading["kind"]) ?? null, number: m[2]!, title: m[3]!.trim() };
}

export interface TableReport {
  index: number;
  where: string;
  header: string[];
  mapping: ColumnMapping;
  /** Whether rows were read from it; if not, why (for the preview). */
  used: boolean;
  /** The header row read (its index in the table, from 0), or null when none was found. */
  headerRow: number | null;
  /** The rows near the top a person may choose as the header instead. */
  candidates: HeaderCandidate[];
  reason: string | null;
}

/** One body row of a plan table, by field, with what stands above it. */
export interface PlanRow {
  table: number;
  where: string;
  cells: Partial<Record<ColumnField, SourceCell>>;
  /** The heading the row falls under: a banner row in the table, or the first numbered paragraph above it. */
  heading: Heading | null;
  /** "recommendation" or "priority" when the section column's header says which. */
  sectionWord: Heading["kind"];
  /** The lines above the table's header (paragraphs and title rows), for the plan's title. */
  above: string[];
}

const isBlank = (row: readonly SourceCell[]) => row.every((c) => c.text.trim() === "" && c.fill === null);
const texts = (row: readonly SourceCell[]) => row.map((c) => c.text.trim()).filter((t) => t !== "");

/**
 * A row that reads as a heading: one text across merged cells, a lone numbered recommendation or
 * priority, or a lone text left of the action column (a merged banner saved as CSV keeps its text
 * in the first cell only). A lone ref ("1.2") is not a heading.
 */
function bannerOf(row: readonly SourceCell[], actionColumn: number): string | null {
  const filled = texts(row);
  if (filled.length === 0 || new Set(filled).size !== 1) return null;
  if (filled.length > 1) return filled[0]!;
  const only = filled[0]!;
  if (readHeading(only)?.kind) return only;
  const column = row.findIndex((c) => c.text.trim() !== "");
  return row.length >= 3 && column < actionColumn && !/^\d+(\.\d+)*\.?$/.test(only) ? only : null;
}

/** A banner as a heading: "Priority 2 – Learning from reviews", or an unnumbered "Learning from reviews" (numbered in order later). */
const bannerHeading = (banner: string): Heading => readHeading(banner) ?? { kind: /^priorit/i.test(banner) ? "priority" : /^recommendation/i.test(banner) ? "recommendation" : null, number: "", title: banner.replace(/^(priority|recommendation)\s*[.:–-]?\s*/i, "").trim() || banner };

const HEADER_SEARCH_ROWS = 15;

function findHeaderRow(rows: readonly SourceCell[][]): number | null {
  const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => {
    const { named, hasAction } = headerScore(row);
    return hasAction && named >= 2;
  });
  return at < 0 ? null : at;
}

/** Rows near the top a person may choose as the header; each shown in the preview by its first cells. */
export interface HeaderCandidate {
  row: number;
  cells: string[];
}

/**
 * The document's plan tables, read with the person's choices laid over the guesses: a header row
 * they chose (by its index in the table, from 0), and each column's field. A table with no header
 * row found is still read when the person maps it (its first row with text is then the header).
 */
export function readPlanTables(document: SourceDocument, mappings: Record<number, ColumnMapping> = {}, headerRows: Record<number, number> = {}): { rows: PlanRow[]; tables: TableReport[] } {
  const rows: PlanRow[] = [];
  const tables = document.tables.map((table, index): TableReport => {
    const candidates = table.rows.slice(0, HEADER_SEARCH_ROWS).flatMap((r, row) => (isBlank(r) ? [] : [{ row, cells: r.map((c) => c.text.trim().slice(0, 40)) }]));
    const chosen = headerRows[index];
    const headerAt = chosen !== undefined && chosen < table.rows.length ? chosen : (findHeaderRow(table.rows) ?? (mappings[index] ? (candidates[0]?.row ?? null) : null));
    if (headerAt === null) {
      const first = table.rows.find((r) => !isBlank(r));
      return { index, where: table.where, header: first ? first.map((c) => c.text) : [], mapping: [], used: false, headerRow: null, candidates, reason: "no header row naming an action column (such as “Action”, “What we will do” or “Task”): choose its header row and map its columns to read it" };
    }
    const header = table.rows[headerAt]!;
    const body = table.rows.slice(headerAt + 1);
    const mapping = withChoices(guessColumns(header, body), mappings[index]);
    if (!mapping.includes("action")) return { index, where: table.where, header: header.map((c) => c.text), mapping, used: false, headerRow: headerAt, candidates, reason: "no column is mapped to the action: map the column that says what will be done" };
    for (const row of bodyRows(table, index, headerAt, mapping)) rows.push(row); // not push(...): 150,000 arguments overflow the stack
    return { index, where: table.where, header: header.map((c) => c.text), mapping, used: true, headerRow: headerAt, candidates, reason: null };
  });
  return { rows, tables };
}

/** The guessed mapping with the person's choices laid over it: a field they placed elsewhere leaves the guessed column. */
function withChoices(guessed: ColumnMapping, chosen: ColumnMapping | undefined): ColumnMapping {
  if (!chosen) return guessed;
  const placed = new Set(chosen.filter((f) => f !== null && f !== undefined));
  return guessed.map((field, i) => (chosen[i] !== undefined ? chosen[i]! : field !== null && placed.has(field) ? null : field));
}

function bodyRows(table: SourceTable, index: number, headerAt: number, mapping: ColumnMapping): PlanRow[] {
  const header = table.rows[headerAt]!;
  const above = [...table.above, ...table.rows.slice(0, headerAt).flatMap((r) => texts(r).slice(0, 1))];
  const sectionColumn = mapping.indexOf("section");
  const sectionWord = (header[sectionColumn]?.text.toLowerCase().match(/recommendation|priority/)?.[0] ?? null) as Heading["kind"];
  let heading = above.map(readHeading).find((h) => h !== null) ?? null;
  const headerText = texts(header).join("\t").toLowerCase();
  const out: PlanRow[] = [];
  table.rows.slice(headerAt + 1).forEach((row, i) => {
    if (isBlank(row)) return;
    if (texts(row).join("\t").toLowerCase() === headerText) return; // the header again (repeated on each page, or a second table below)
    const banner = bannerOf(row, mapping.indexOf("action"));
    if (banner !== null) {
      heading = bannerHeading(banner);
      return;
    }
    const cells: PlanRow["cells"] = {};
    mapping.forEach((field, column) => {
      if (field !== null && row[column]) cells[field] = row[column];
    });
    out.push({ table: index, where: `${table.where}, row ${table.firstRow + headerAt + 1 + i}`, cells, heading, sectionWord, above });
  });
  return out;
}
