import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { PublicRecord } from "../core/public-record.js";
import { text, ukDay } from "./board-paper-docx.js";

const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text: value, heading: level });
const day = (d: string | null) => (d ? ukDay(d) : "not recorded");
const cell = (value: string, bold = false) => new TableCell({ children: [text(value, { bold })] });

/** The public record as a Word document, for a board that publishes papers rather than pages. */
export async function publicRecordDocx(record: PublicRecord): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `${record.board}: what our reviews found and what we did`, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `As at ${ukDay(record.asOf)}. People's names are left out.`, italics: true })] }),
    ...(record.demo ? [text("Demo data: some reviews here are invented to show how Assure works; they are not real reviews.", { bold: true, colour: "B00000" })] : []),
  ];
  for (const r of record.reviews) {
    children.push(
      heading(r.title, HeadingLevel.HEADING_1),
      text(`${r.kind}. Referred by ${r.referralSource ?? "not recorded"}. Commissioned ${day(r.commissionedOn)}, concluded ${day(r.concludedOn)}, published ${day(r.publishedOn)}; time taken ${r.daysTaken === null ? "not recorded" : `${r.daysTaken} days`}. Period reviewed: ${r.periodReviewed ? `${ukDay(r.periodReviewed.from)} to ${ukDay(r.periodReviewed.to)}` : "not recorded"}.`),
      heading("Findings", HeadingLevel.HEADING_2),
    );
    for (const f of r.findings) {
      children.push(text(`Finding ${f.number}. ${f.text}`, { bold: true }), text(`Themes: ${f.themes.join(", ") || "none"}${f.repeatOf.length ? `. Repeat finding: also found in ${f.repeatOf.join(", ")}` : ""}.`));
      if (f.escalation) children.push(text(`Raised with ${f.escalation.to} on ${ukDay(f.escalation.raisedOn)}: ${f.escalation.question} ${f.escalation.answer ? `Answer (${day(f.escalation.answeredOn)}): ${f.escalation.answer}` : "No answer yet."}`));
    }
    for (const rec of r.recommendations) {
      children.push(
        heading(`Recommendation ${rec.number}`, HeadingLevel.HEADING_2),
        text(rec.text),
        text(`Answers finding${rec.answers.length === 1 ? "" : "s"} ${rec.answers.join(", ") || "—"}.${rec.intendedImpact ? ` Intended impact: ${rec.intendedImpact}` : ""}${rec.measure ? ` Measured by: ${rec.measure}` : ""}`),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: ["Action", "What", "Status", "Commentary"].map((h) => cell(h, true)) }), ...rec.actions.map((a) => new TableRow({ children: [cell(a.ref), cell(a.text), cell(a.status), cell(a.commentary ?? "")] }))],
        }),
        text(`Impact: ${rec.impact}`, { bold: true }),
      );
    }
  }
  return Packer.toBuffer(new Document({ creator: "Assure", title: `${record.board}: public record`, sections: [{ children }] }));
}
