import { createHash } from "node:crypto";
import { AssureError } from "./errors.js";
import { slugOf } from "./ids.js";

/**
 * Evidence files a lead attaches to an action: what is accepted, under which name, in which
 * folder of the board's "Assure Evidence" library. Pure: the server hands in the bytes (and, for
 * an Office file, the names inside its package); the store only writes what these rules allow.
 */

/** The document library in the board's site that holds them. */
export const EVIDENCE_LIBRARY = "Assure Evidence";

export const EVIDENCE_LIMITS = {
  /** Graph's simple upload (one PUT) takes files up to 4 MB; larger evidence is linked from where it lives. */
  bytes: 4 * 1024 * 1024,
  /** Characters in a file name (SharePoint allows 400 in the whole path; folders take the rest). */
  nameChars: 120,
  /** Characters in the lead's note about what the file shows. */
  noteChars: 1000,
} as const;

/** What Assure accepts, by what the bytes are (never by the name alone), with the extensions each may carry. */
export const EVIDENCE_TYPES = {
  pdf: { mime: "application/pdf", extensions: ["pdf"], words: "PDF" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], words: "Word document" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], words: "Excel workbook" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"], words: "PowerPoint presentation" },
  png: { mime: "image/png", extensions: ["png"], words: "PNG image" },
  jpeg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"], words: "JPEG image" },
  text: { mime: "text/plain; charset=utf-8", extensions: ["txt", "csv"], words: "plain text or CSV" },
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

export const ACCEPTED_WORDS = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, plain text or CSV";

/** An evidence file refused: which rule, in words that say what to do. Nothing has been written. */
export class EvidenceFileError extends AssureError {
  constructor(
    readonly rule: "too-large" | "empty" | "name" | "type",
    message: string,
  ) {
    super(rule === "too-large" ? "evidence-too-large" : rule === "type" ? "evidence-type" : "invalid-input", message);
    this.name = "EvidenceFileError";
  }
}

// SharePoint refuses these in names (" * : < > ? / \ |); "#" and "%" are allowed there but break links people copy.
const FORBIDDEN = /["*:<>?/\\|#%]/;
// C0 and C1 controls, bidirectional overrides and isolates, zero-width and line separators, BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|desktop\.ini|\.lock|_vti_.*|forms)(\..*)?$/i;

/**
 * The name a file is stored under, exactly as given, or a refusal: a name that tries to be a
 * path ("../", "/", "\"), hides characters, or is one SharePoint reserves is refused rather than
 * quietly changed, so what the lead sees in the history is what they sent.
 */
export function checkEvidenceName(raw: string): string {
  const name = raw.normalize("NFC");
  const refuse = (why: string) => new EvidenceFileError("name", `the file name ${JSON.stringify(raw.slice(0, 80))} ${why}; rename the file and attach it again`);
  if (name.trim() === "") throw refuse("is empty");
  if (name.includes("..")) throw refuse('may not contain ".." (no folders: just the file\'s own name)');
  if (FORBIDDEN.test(name)) throw refuse('may not contain folders or any of " * : < > ? / \\ | # %');
  if (INVISIBLE.test(name) || /[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) throw refuse("holds control or invisible characters");
  if (name !== name.trim() || name.startsWith(".") || name.endsWith(".") || name.startsWith("~$")) throw refuse("may not start or end with a space or a dot, or start with ~$");
  if (RESERVED.test(name)) throw refuse("is a name SharePoint reserves");
  if ([...name].length > EVIDENCE_LIMITS.nameChars) throw refuse(`is longer than ${EVIDENCE_LIMITS.nameChars} characters`);
  if (!/\.[A-Za-z0-9]{1,5}$/.test(name)) throw refuse(`has no extension; attach a ${ACCEPTED_WORDS} file`);
  return name;
}

const starts = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const extensionOf = (name: string) => name.slice(name.lastIndexOf(".") + 1).toLowerCase();

/** Whether bytes are a package (zip), so the caller lists its entries before asking `evidenceType`. */
export const isZip = (bytes: Uint8Array) => starts(bytes, 0x50, 0x4b, 0x03, 0x04);

/**
 * What the file is, from its bytes: the magic number, for Office files the parts inside the
 * package (`zipEntries`, listed by the caller), for text that it is UTF-8 without control
 * characters. The extension must agree with it, so "report.pdf" that is really a program, a web
 * page or a macro workbook is refused.
 */
export function evidenceType(name: string, bytes: Uint8Array, zipEntries: readonly string[] | null): EvidenceType {
  if (bytes.length === 0) throw new EvidenceFileError("empty", `${name} is empty`);
  if (bytes.length > EVIDENCE_LIMITS.bytes) throw tooLarge(name, bytes.length);
  const found = detect(bytes, zipEntries);
  const ext = extensionOf(name);
  if (!found) throw new EvidenceFileError("type", `${name} is not a file Assure keeps as evidence (by its content, whatever its name says): attach a ${ACCEPTED_WORDS} file, or link to it where it is held`);
  if (!(EVIDENCE_TYPES[found].extensions as readonly string[]).includes(ext)) {
    throw new EvidenceFileError("type", `${name} is a ${EVIDENCE_TYPES[found].words} by its content but its name ends .${ext}; give it its proper extension (.${EVIDENCE_TYPES[found].extensions[0]})`);
  }
  return found;
}

export const tooLarge = (name: string, size: number) =>
  new EvidenceFileError("too-large", `${name} is ${(size / 1024 / 1024).toFixed(1)} MB; evidence files are at most ${EVIDENCE_LIMITS.bytes / 1024 / 1024} MB: save a smaller copy, or link to it where it is held`);

function detect(bytes: Uint8Array, zipEntries: readonly string[] | null): EvidenceType | null {
  if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf"; // %PDF-
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(bytes, 0xff, 0xd8, 0xff)) return "jpeg";
  if (isZip(bytes)) {
    const entries = zipEntries ?? [];
    // Macros make a .docm/.xlsm, which runs code when opened: not evidence.
    if (!entries.includes("[Content_Types].xml") || entries.some((e) => /vbaProject\.bin$/i.test(e))) return null;
    if (entries.includes("word/document.xml")) return "docx";
    if (entries.includes("xl/workbook.xml")) return "xlsx";
    if (entries.includes("ppt/presentation.xml")) return "pptx";
    return null;
  }
  return isPlainText(bytes) ? "text" : null;
}

/** UTF-8 with only tab, line feed and carriage return among the controls; not a web page in disguise. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return !/^\s*<(!doctype|html|svg|script|\?xml)/i.test(text.replace(/^\ufeff/, ""));
}

/** The lead's optional note on what the file shows: one line of text, or the default naming the file. */
export function evidenceNote(note: string | undefined, name: string): string {
  const text = (note ?? "").trim();
  if (text.length > EVIDENCE_LIMITS.noteChars) throw new EvidenceFileError("name", `the note is longer than ${EVIDENCE_LIMITS.noteChars} characters`);
  return text === "" ? `Evidence file attached: ${name}` : `${text} (evidence file: ${name})`;
}

/**
 * Where an action's files go: a folder per board, then one per action. Made from ids, never from
 * typed text: lower-case words and a hash of the whole id, so no id ("a/../b") becomes a path and
 * two ids never share a folder.
 */
export function evidenceFolder(board: string, actionId: string): string[] {
  const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 8);
  const words = (s: string, max: number) => slugOf(s, max) || "x";
  return [`${words(board, 60)}-${hash(board)}`, `${words(actionId.replace(/[/.]+/g, " "), 80)}-${hash(actionId)}`];
}

/** A file as it is written to the library. */
export interface EvidenceUpload {
  folder: string[];
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** What the library answers: the file's lasting address (the page SharePoint opens it in), never a short-lived download link. */
export interface StoredEvidence {
  name: string;
  webUrl: string;
  size: number;
}

/** Where evidence files are written: the board's SharePoint library (src/store/evidence-library.ts). */
export interface EvidenceStore {
  upload(file: EvidenceUpload): Promise<StoredEvidence>;
}
