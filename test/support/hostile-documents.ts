import { strToU8, Zip, ZipDeflate, zipSync } from "fflate";

/**
 * The hostile plan documents a probe found, built here byte by byte (no file on disk), each as
 * small as the report describes: what matters is what the file claims, not how big it is.
 */
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

const docxParts = (documentXml: Uint8Array | string) => ({
  "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
  "_rels/.rels": strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
  "word/document.xml": typeof documentXml === "string" ? strToU8(documentXml) : documentXml,
});

const cellXml = (text: string) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

/** A Word document whose table row claims 300,000,000 empty grid columns before its cells (about 1 KB). */
export function gridBeforeDocx(): Uint8Array {
  const xml = `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Plan</w:t></w:r></w:p><w:tbl><w:tr><w:trPr><w:gridBefore w:val="300000000"/></w:trPr>${cellXml("Action")}${cellXml("Lead")}${cellXml("Timescale")}</w:tr></w:tbl></w:body></w:document>`;
  return zipSync(docxParts(xml), { level: 9 });
}

/** A Word document whose document.xml inflates to `megabytes` MB of paragraphs, compressed while it is written (never held whole). */
export function zipBombDocx(megabytes = 100): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  for (const [path, data] of Object.entries(docxParts(""))) {
    if (path === "word/document.xml") continue;
    const part = new ZipDeflate(path, { level: 9 });
    zip.add(part);
    part.push(data, true);
  }
  const doc = new ZipDeflate("word/document.xml", { level: 9 });
  zip.add(doc);
  doc.push(strToU8(`<?xml version="1.0"?><w:document ${W}><w:body>`));
  const megabyte = strToU8(`<w:p><w:r><w:t>${"a".repeat(1000)}</w:t></w:r></w:p>`.repeat(1024 * 1024 / 1040 + 1));
  for (let i = 0; i < megabytes; i++) doc.push(megabyte);
  doc.push(strToU8("</w:body></w:document>"), true);
  zip.end();
  const bytes = new Uint8Array(out.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

/** An Excel workbook with one cell, at A1048576 (the last row Excel has), its dimension saying so too (under 2 KB). */
export function lastRowXlsx(): Uint8Array {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return zipSync(
    {
      "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
      "_rels/.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "officeDocument", "xl/workbook.xml")}</Relationships>`),
      "xl/workbook.xml": strToU8('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      "xl/_rels/workbook.xml.rels": strToU8(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel("rId1", "worksheet", "worksheets/sheet1.xml")}</Relationships>`),
      "xl/worksheets/sheet1.xml": strToU8('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1048576"/><sheetData><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Action</t></is></c></row></sheetData></worksheet>'),
    },
    { level: 9 },
  );
}

/** A CSV plan with `rows` short action rows under a Ref / Action / Lead / Timescale header (150,000 rows is about 4 MB, well under the size cap). */
export function longCsv(rows: number): string {
  const lines = ["Ref,Action,Lead,Timescale"];
  for (let i = 1; i <= rows; i++) lines.push(`1.${i},Do ${i},SAB Manager,Mar 2025`);
  return lines.join("\n");
}
