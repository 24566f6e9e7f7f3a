import { parse } from "csv-parse/sync";
import { textTable, type SourceDocument } from "../core/source-table.js";

/**
 * CSV, TSV and text pasted from Word or Excel (which arrives tab-separated) as one source table.
 * The separator is the one the text's first line uses most: a tab or a comma.
 */
export function readDelimited(name: string, text: string): SourceDocument {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes("\t") ? "\t" : ",";
  const rows: string[][] = parse(body, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true });
  return { name, tables: [textTable(name, rows)] };
}
