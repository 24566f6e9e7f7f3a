import { DOMParser, type Element } from "@xmldom/xmldom";
import { strFromU8 } from "fflate";
import type { SourceCell, SourceDocument, SourceTable } from "../core/source-table.js";
import { AssureError } from "../core/errors.js";
import { cellCounter, DOCUMENT_LIMITS, overCap } from "./document-limits.js";
import { readZip } from "./read-zip.js";

/**
 * A Word document's tables as source tables, read from its XML (WordprocessingML): horizontal
 * merges (gridSpan) and vertical merges (vMerge) repeated over the cells they cover, cell
 * shading as a fill colour, and the paragraphs above each table. mammoth, the usual DOCX reader,
 * turns documents into HTML and drops cell shading, which boards use for RAG; this reads only
 * what a plan table needs.
 */
const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export class DocxError extends Error {
  override name = "DocxError";
}

export function readDocx(name: string, bytes: Uint8Array): SourceDocument {
  let xml: string;
  try {
    const part = readZip(name, bytes, (path) => path === "word/document.xml").get("word/document.xml");
    if (!part) throw new DocxError("it has no word/document.xml");
    xml = strFromU8(part);
  } catch (error: unknown) {
    if (error instanceof AssureError) throw error;
    throw new DocxError(`${name} is not a Word document (.docx): ${error instanceof Error ? error.message : String(error)}`);
  }
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, "text/xml");
  const body = doc.getElementsByTagNameNS(W, "body")[0];
  if (!body) throw new DocxError(`${name} is not a Word document (.docx): its document has no body`);
  const tables: SourceTable[] = [];
  const count = cellCounter(name);
  let above: string[] = [];
  for (const child of blocks(body)) {
    if (child.localName === "p") {
      const text = textOf(child).trim();
      if (text) above.push(text);
    } else if (child.localName === "tbl") {
      const where = `table ${tables.length + 1}`;
      tables.push({ where, above, rows: rowsOf(child, where, count), firstRow: 1 });
      above = [];
    }
  }
  return { name, tables };
}

const elements = (node: Element): Element[] => Array.from(node.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === W);

/** Paragraphs and tables in order, looking inside content controls (w:sdt). */
function blocks(node: Element): Element[] {
  return elements(node).flatMap((e) => (e.localName === "sdt" ? elements(e).filter((c) => c.localName === "sdtContent").flatMap(blocks) : [e]));
}

function textOf(node: Element): string {
  let text = "";
  const walk = (e: Element) => {
    for (const child of elements(e)) {
      if (child.localName === "t") text += child.textContent ?? "";
      else if (child.localName === "tab") text += " ";
      else if (child.localName === "br" || child.localName === "cr") text += "\n";
      else if (child.localName === "p" && text !== "") {
        text += "\n";
        walk(child);
      } else if (child.localName !== "tcPr" && child.localName !== "rPr" && child.localName !== "pPr") walk(child);
    }
  };
  walk(node);
  return text;
}

const prop = (cell: Element, name: string): Element | undefined => elements(cell).find((e) => e.localName === "tcPr")?.getElementsByTagNameNS(W, name)[0];
const val = (e: Element | undefined, attr = "val") => e?.getAttributeNS(W, attr) ?? e?.getAttribute(`w:${attr}`) ?? null;

/** A span a cell or row claims (gridBefore, gridSpan), refused before anything is laid out for it. */
function spanOf(e: Element | undefined, where: string, sofar: number, least: number): number {
  const span = Math.max(least, Math.floor(Number(val(e) ?? 0)) || 0);
  if (sofar + span > DOCUMENT_LIMITS.columns) throw overCap.columns(where, sofar + span);
  return span;
}

function rowsOf(table: Element, where: string, count: (cells: number) => void): SourceCell[][] {
  const rows: SourceCell[][] = [];
  for (const tr of blocks(table).filter((e) => e.localName === "tr")) {
    if (rows.length >= DOCUMENT_LIMITS.rows) throw overCap.rows(where, rows.length + 1);
    const row: SourceCell[] = [];
    const before = spanOf(elements(tr).find((e) => e.localName === "trPr")?.getElementsByTagNameNS(W, "gridBefore")[0], where, 0, 0);
    for (let i = 0; i < before; i++) row.push({ text: "", fill: null });
    for (const tc of blocks(tr).filter((e) => e.localName === "tc")) {
      const span = spanOf(prop(tc, "gridSpan"), where, row.length, 1);
      const vMerge = prop(tc, "vMerge");
      const continues = vMerge !== undefined && val(vMerge) !== "restart";
      const fill = val(prop(tc, "shd"), "fill");
      const own: SourceCell = { text: textOf(tc).trim(), fill: fill && /^[0-9a-f]{6}$/i.test(fill) ? `#${fill.toLowerCase()}` : null };
      for (let i = 0; i < span; i++) {
        // A continued vertical merge shows the cell above it at the same grid column.
        const cell = continues ? (rows.at(-1)?.[row.length] ?? own) : own;
        row.push({ ...cell });
      }
    }
    count(row.length);
    rows.push(row);
  }
  return rows;
}
