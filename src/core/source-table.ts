/**
 * A plan document as its readers (Word, Excel, CSV, pasted text) hand it to the import: tables
 * of cells, merged cells already repeated over the rows and columns they cover, date cells as
 * the text Excel or Word shows, and each cell's fill colour (boards often give RAG only by colour).
 */
export interface SourceCell {
  text: string;
  /** The cell's fill as "#rrggbb", or null for none (or a theme colour the reader cannot name). */
  fill: string | null;
}

export interface SourceTable {
  /** Where it is, as a person would find it: "sheet “Plan”", "table 2". */
  where: string;
  /** The paragraphs just above a Word table (since the one before), nearest last. */
  above: string[];
  rows: SourceCell[][];
  /** The document row number of rows[0] (a sheet's row 1 is 1), so problems can say "row 7". */
  firstRow: number;
}

export interface SourceDocument {
  /** The file name, or "pasted text". */
  name: string;
  tables: SourceTable[];
}

export const cell = (text: string, fill: string | null = null): SourceCell => ({ text, fill });

/** Rows of text as one table (CSV, TSV, pasted text). */
export function textTable(where: string, rows: string[][]): SourceTable {
  return { where, above: [], firstRow: 1, rows: rows.map((r) => r.map((t) => cell(t))) };
}
