import { AssureError } from "../core/errors.js";

/**
 * The most a plan document may be, checked while it is read (never after): the largest real
 * trackers are a few megabytes, a few thousand rows and a few dozen columns, so each cap sits far
 * above them and far below what would hurt the server.
 */
export const DOCUMENT_LIMITS = {
  /** The file as uploaded. */
  bytes: 10 * 1024 * 1024,
  /** Everything unzipped from a Word or Excel file, counted while inflating. */
  uncompressedBytes: 50 * 1024 * 1024,
  /** Files inside a Word or Excel package. */
  zipEntries: 2_000,
  /** Rows in one table or sheet (a row at A1048576 counts as row 1,048,576). */
  rows: 20_000,
  /** Columns in one table or sheet, including merged spans (gridBefore, gridSpan, merge ranges). */
  columns: 200,
  /** Rows × columns over the whole document, as the reader lays them out. */
  cells: 1_000_000,
  /** How long reading may take before the reader is stopped. */
  seconds: 10,
  /** The heap the reader may use. */
  memoryMb: 384,
} as const;

export type DocumentCap = keyof typeof DOCUMENT_LIMITS;

const SIZE_CAPS: readonly DocumentCap[] = ["bytes", "uncompressedBytes", "zipEntries", "rows", "columns", "cells", "memoryMb"];

/**
 * A document over one of the caps: 413 when it is too large in some measure, 422 when it could
 * not be read in time. The message names the cap and what to do; `cap` names it for programs.
 */
export class DocumentLimitError extends AssureError {
  constructor(
    readonly cap: DocumentCap,
    message: string,
  ) {
    super(SIZE_CAPS.includes(cap) ? "document-too-large" : "document-too-slow", message);
    this.name = "DocumentLimitError";
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const n = (count: number) => count.toLocaleString("en-GB");

/** The refusal for each cap, naming it and the limit. */
export const overCap = {
  bytes: (name: string, size: number) => new DocumentLimitError("bytes", `${name} is ${(size / 1024 / 1024).toFixed(1)} MB; Assure reads plan documents up to ${mb(DOCUMENT_LIMITS.bytes)}`),
  uncompressedBytes: (name: string) => new DocumentLimitError("uncompressedBytes", `${name} unpacks to more than ${mb(DOCUMENT_LIMITS.uncompressedBytes)}; Assure reads Word and Excel files that unpack to at most ${mb(DOCUMENT_LIMITS.uncompressedBytes)} (a real tracker is a few MB): save a copy with only the plan in it`),
  zipEntries: (name: string) => new DocumentLimitError("zipEntries", `${name} holds more than ${n(DOCUMENT_LIMITS.zipEntries)} files inside it; a Word or Excel file Assure reads holds at most ${n(DOCUMENT_LIMITS.zipEntries)}`),
  rows: (where: string, rows: number) => new DocumentLimitError("rows", `${where} reaches row ${n(rows)}; Assure reads at most ${n(DOCUMENT_LIMITS.rows)} rows in a table: delete the rows below the plan, or split it`),
  columns: (where: string, columns: number) => new DocumentLimitError("columns", `${where} is ${n(columns)} columns wide; Assure reads at most ${n(DOCUMENT_LIMITS.columns)} columns: delete the columns beside the plan`),
  cells: (name: string, cells: number) => new DocumentLimitError("cells", `${name} lays out as ${n(cells)} cells; Assure reads at most ${n(DOCUMENT_LIMITS.cells)}: delete unused rows and columns, or split the plan`),
  seconds: (name: string) => new DocumentLimitError("seconds", `${name} could not be read within ${DOCUMENT_LIMITS.seconds} seconds, so reading it was stopped: save a copy with only the plan in it`),
  memoryMb: (name: string) => new DocumentLimitError("memoryMb", `${name} needs more than ${DOCUMENT_LIMITS.memoryMb} MB of memory to read, so reading it was stopped: save a copy with only the plan in it`),
};

/** Counts cells as a reader lays them out, refusing the document once it passes the cap. */
export function cellCounter(name: string): (cells: number) => void {
  let total = 0;
  return (cells) => {
    total += cells;
    if (total > DOCUMENT_LIMITS.cells) throw overCap.cells(name, total);
  };
}
