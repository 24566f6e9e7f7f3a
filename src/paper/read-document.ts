import { AssureError, InputError } from "../core/errors.js";
import type { SourceDocument } from "../core/source-table.js";
import { DOCUMENT_LIMITS, overCap } from "./document-limits.js";

/** The most a plan document may be: the largest real trackers are a few megabytes. */
export const DOCUMENT_MAX_BYTES = DOCUMENT_LIMITS.bytes;

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export type DocumentKind = "docx" | "xlsx" | "text";

/** What a document is: a Word or Excel file (both zip packages, told apart by their name, then their content), else text. */
export function documentKind(name: string, bytes: Uint8Array): DocumentKind {
  const lower = name.toLowerCase();
  const zipped = ZIP.every((b, i) => bytes[i] === b);
  if (lower.endsWith(".docx") || (zipped && !lower.endsWith(".xlsx") && isWord(bytes))) return "docx";
  if (lower.endsWith(".xlsx") || zipped) return "xlsx";
  return "text";
}

/** The reader for a kind, loaded when first needed (ExcelJS alone takes seconds to load on a busy machine). */
export const readerOf = {
  docx: () => import("./read-docx.js"),
  xlsx: () => import("./read-xlsx.js"),
  text: () => import("./read-delimited.js"),
};

/**
 * A plan document as source tables, by what it is. Anything else is refused, naming the file and
 * what Assure reads. Each reader stops at the first cap a document passes (document-limits.ts);
 * the server and the command line run this in a worker (read-document-in-worker.ts), which also
 * bounds its time and memory.
 */
export async function readDocument(name: string, bytes: Uint8Array): Promise<SourceDocument> {
  if (bytes.length > DOCUMENT_MAX_BYTES) throw overCap.bytes(name, bytes.length);
  const kind = documentKind(name, bytes);
  try {
    if (kind === "docx") return (await readerOf.docx()).readDocx(name, bytes);
    if (kind === "xlsx") return await (await readerOf.xlsx()).readXlsx(name, bytes);
  } catch (error: unknown) {
    if (error instanceof AssureError) throw error;
    if (error instanceof Error && error.name === "DocxError") throw new InputError("file", error.message);
    throw new InputError("file", `${name} is not an Excel workbook (.xlsx) Assure can read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (/\.(doc|xls|pdf|odt|ods)$/.test(name.toLowerCase())) throw new InputError("file", `${name}: Assure reads .docx, .xlsx, .csv and .tsv; save it in one of those first`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\u0000")) throw new InputError("file", `${name} is not text, a Word document (.docx) or an Excel workbook (.xlsx)`);
  return (await readerOf.text()).readDelimited(name, text);
}

const isWord = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes.subarray(0, Math.min(bytes.length, 4096))).includes("word/");
