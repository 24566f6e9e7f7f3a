import fc from "fast-check";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { checkEvidenceName, EVIDENCE_LIMITS, EvidenceFileError, evidenceFolder, evidenceNote, evidenceType } from "../../src/core/evidence-file.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const PDF = bytes("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const office = (part: string) => zipSync({ "[Content_Types].xml": bytes("<Types/>"), [part]: bytes("<x/>") });
const names = (zip: Uint8Array) => {
  // The entries as the server lists them; here from what was zipped.
  const text = new TextDecoder("latin1").decode(zip);
  return ["[Content_Types].xml", "word/document.xml", "xl/workbook.xml", "ppt/presentation.xml", "xl/vbaProject.bin"].filter((n) => text.includes(n));
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof EvidenceFileError) return error.rule;
    throw error;
  }
  return "accepted";
};

describe("evidence file names", () => {
  it("keeps an ordinary name exactly as given", () => {
    expect(checkEvidenceName("Audit of referrals Q3 2026.pdf")).toBe("Audit of referrals Q3 2026.pdf");
    expect(checkEvidenceName("Minutes – Safeguarding sub group (März).docx")).toBe("Minutes – Safeguarding sub group (März).docx");
  });

  it.each([
    ["../../etc/passwd.txt"],
    ["..\\..\\boot.ini.txt"],
    ["folder/report.pdf"],
    ["C:\\temp\\report.pdf"],
    ["report\u0000.pdf"],
    ["report\n.pdf"],
    ["evil\u202Efdp.exe.pdf"],
    ["zero\u200Bwidth.pdf"],
    [".hidden.pdf"],
    ["report.pdf."],
    [" report.pdf"],
    ["CON.pdf"],
    ["~$lock.docx"],
    ["what?.pdf"],
    ["a|b.pdf"],
    ["100%.pdf"],
    ["noextension"],
    [""],
    [`${"a".repeat(EVIDENCE_LIMITS.nameChars)}.pdf`],
  ])("refuses %j, naming what to do", (name) => {
    expect(refusal(() => checkEvidenceName(name))).toBe("name");
  });

  it("never accepts a name that could leave its folder (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (name) => {
        try {
          const kept = checkEvidenceName(name);
          expect(kept).not.toMatch(/[/\\]|\.\.|[\u0000-\u001f]/);
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(EvidenceFileError);
        }
      }),
    );
  });
});

describe("evidence file types, by content", () => {
  it("accepts a PDF, a PNG, Office files and plain text under their own extensions", () => {
    expect(evidenceType("a.pdf", PDF, null)).toBe("pdf");
    expect(evidenceType("a.png", PNG, null)).toBe("png");
    const docx = office("word/document.xml");
    expect(evidenceType("a.docx", docx, names(docx))).toBe("docx");
    const xlsx = office("xl/workbook.xml");
    expect(evidenceType("a.xlsx", xlsx, names(xlsx))).toBe("xlsx");
    expect(evidenceType("notes.csv", bytes("Action,Done\n1.1,yes\n"), null)).toBe("text");
  });

  it("refuses a program, a web page, a macro workbook or a zip named as evidence", () => {
    expect(refusal(() => evidenceType("report.pdf", bytes("MZ\u0090\u0000\u0003 this program"), null))).toBe("type");
    expect(refusal(() => evidenceType("notes.txt", bytes("<!doctype html><script>alert(1)</script>"), null))).toBe("type");
    expect(refusal(() => evidenceType("notes.txt", bytes("<svg onload=alert(1)>"), null))).toBe("type");
    const macro = zipSync({ "[Content_Types].xml": bytes("<Types/>"), "xl/workbook.xml": bytes("<x/>"), "xl/vbaProject.bin": bytes("code") });
    expect(refusal(() => evidenceType("plan.xlsx", macro, names(macro)))).toBe("type");
    const plain = zipSync({ "payload.exe": bytes("MZ") });
    expect(refusal(() => evidenceType("plan.docx", plain, ["payload.exe"]))).toBe("type");
    expect(refusal(() => evidenceType("binary.txt", new Uint8Array([0x41, 0x00, 0x42]), null))).toBe("type");
  });

  it("refuses a file whose extension disagrees with its content", () => {
    expect(refusal(() => evidenceType("picture.pdf", PNG, null))).toBe("type");
    expect(refusal(() => evidenceType("report.txt", PDF, null))).toBe("type");
  });

  it("refuses an empty file and one over the size cap", () => {
    expect(refusal(() => evidenceType("a.pdf", new Uint8Array(0), null))).toBe("empty");
    const big = new Uint8Array(EVIDENCE_LIMITS.bytes + 1);
    big.set(PDF);
    expect(refusal(() => evidenceType("a.pdf", big, null))).toBe("too-large");
  });
});

describe("where evidence goes", () => {
  it("gives each action of each board its own folder, made from ids and never a path", () => {
    const a = evidenceFolder("Coventry Safeguarding Adults Board", "coventry-sar-mrs-e-2015/1.1");
    expect(a).toHaveLength(2);
    expect(a[0]).toMatch(/^coventry-safeguarding-adults-board-[0-9a-f]{8}$/);
    expect(a[1]).toMatch(/^coventry-sar-mrs-e-2015-1-1-[0-9a-f]{8}$/);
    expect(evidenceFolder("Coventry Safeguarding Adults Board", "x/../y")[1]).not.toContain("..");
    // "a.b" and "a/b" read alike but are two actions: the hash keeps them apart.
    expect(evidenceFolder("B", "a.b")[1]).not.toBe(evidenceFolder("B", "a/b")[1]);
  });

  it("records what the lead said the file shows, or names the file", () => {
    expect(evidenceNote(undefined, "a.pdf")).toBe("Evidence file attached: a.pdf");
    expect(evidenceNote("  Audit results  ", "a.pdf")).toBe("Audit results (evidence file: a.pdf)");
  });
});
