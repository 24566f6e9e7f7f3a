import { InputError } from "../core/errors.js";
import type { SourceDocument } from "../core/source-table.js";
import { DocxError, readDocx } from "./read-docx.js";
import { readDelimited } from "./read-delimited.js";
import { readXlsx } from "./read-xlsx.js";

/** The most a plan document may be: the largest real trackers are a few megabytes. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * A plan document as source tables, by what it is: a Word or Excel file (both are zip packages,
 * told apart by their name, then their content), else CSV/TSV text. Anything else is refused,
 * naming the file and what Assure reads.
 */
export async function readDocument(name: string, bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.length > DOCUMENT_MAX_BYTES) throw new InputError("file", `${name} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Assure reads plan documents up to ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`);
  const lower = name.toLowerCase();
  const zipped = ZIP.every((b, i) => bytes[i] === b);
  try {
    if (lower.endsWith(".docx") || (zipped && !lower.endsWith(".xlsx") && isWord(bytes))) return readDocx(name, bytes);
    if (lower.endsWith(".xlsx") || zipped) return await readXlsx(name, bytes);
  } catch (error: unknown) {
    if (error instanceof DocxError) throw new InputError("file", error.message);
    throw new InputError("file", `${name} is not an Excel workbook (.xlsx) Assure can read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (/\.(doc|xls|pdf|odt|ods)$/.test(lower)) throw new InputError("file", `${name}: Assure reads .docx, .xlsx, .csv and .tsv; save it in one of those first`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\u0000")) throw new InputError("file", `${name} is not text, a Word document (.docx) or an Excel workbook (.xlsx)`);
  return readDelimited(name, text);
}

const isWord = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 4096))).includes("word/");
