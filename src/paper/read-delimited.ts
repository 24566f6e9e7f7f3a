import { parse } from "csv-parse/sync";
import { textTable, type SourceDocument } from "../core/source-table.js";
import { cellCounter, DOCUMENT_LIMITS, overCap } from "./document-limits.js";

/**
 * CSV, TSV and text pasted from Word or Excel (which arrives tab-separated) as one source table.
 * Parsing stops at the first row past the cap, so a 150,000-row file costs no more than a
 * 20,001-row one.
 */
export function readDelimited(name: string, text: string): SourceDocument {
  const body = text.replace(/^\uFEFF/, "");
  const delimiter = tabSeparated(body) ? "\t" : ",";
  const count = cellCounter(name);
  const rows: string[][] = parse(body, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: true,
    to: DOCUMENT_LIMITS.rows + 1,
    on_record: (record: string[], { records }: { records: number }) => {
      if (record.length > DOCUMENT_LIMITS.columns) throw overCap.columns(`${name}, row ${records}`, record.length);
      count(record.length);
      return record;
    },
  });
  if (rows.length > DOCUMENT_LIMITS.rows) throw overCap.rows(name, rows.length);
  return { name, tables: [textTable(name, rows)] };
}

/**
 * Whether the text is tab-separated: tabs on two or more of its first lines, or on half of them.
 * Not the first line alone: a plan pasted with its title above the header has no tab there, and
 * its commas are prose; nor most lines: a cell written over several lines has none on the middle
 * ones. A comma-separated file rarely holds a tab in more than one cell.
 */
function tabSeparated(body: string): boolean {
  const lines = body.split(/\r?\n/, 200).filter((l) => l.trim() !== "").slice(0, 50);
  const tabbed = lines.filter((l) => l.includes("\t")).length;
  return tabbed >= 2 || (tabbed > 0 && tabbed * 2 >= lines.length);
}
