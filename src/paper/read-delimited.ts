import { parse } from "csv-parse/sync";
import { textTable, type SourceDocument } from "../core/source-table.js";
import { cellCounter, DOCUMENT_LIMITS, overCap } from "./document-limits.js";

/**
 * CSV, TSV and text pasted from Word or Excel (which arrives tab-separated) as one source table.
 * The separator is the one the text's first line uses most: a tab or a comma. Parsing stops at
 * the first row past the cap, so a 150,000-row file costs no more than a 20,001-row one.
 */
export function readDelimited(name: string, text: string): SourceDocument {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes("\t") ? "\t" : ",";
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
