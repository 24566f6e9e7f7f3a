import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, TextRun, type Table } from "docx";
import type { AnnualReport, ReviewInReport } from "../core/annual-report.js";
import { planTables, summaryTable, text, ukDay } from "./board-paper-docx.js";
import { datedOfficeFile } from "./dated-zip.js";

const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ text: value, heading: level });
const none = (what: string) => [text(`None: ${what}.`)];

function reviewParts(r: ReviewInReport, withFindings: boolean): (Paragraph | Table)[] {
  return [
    heading(`${r.review ?? r.title}${r.issuedOn ? ` (action plan issued ${ukDay(r.issuedOn)})` : ""}`, HeadingLevel.HEADING_2),
    summaryTable(r.paper),
    text(`Completed during the year: ${r.completedInYear.length ? r.completedInYear.join(", ") : "none"}.`),
    ...(r.progressInYear.length ? r.progressInYear.map((p) => text(`${p.ref}, ${ukDay(p.on)}, ${p.by}: ${p.text}`)) : [text("No progress was reported during the year.")]),
    ...(withFindings ? planTables(r.paper, HeadingLevel.HEADING_3) : []),
  ];
}

/** The annual report's reviews and business plan sections as a Word document, in the order Schedule 2 lists them. */
export async function annualReportDocx(report: AnnualReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `Annual report ${report.year.label}: Safeguarding Adults Reviews and business plan`, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `${report.boards.join(", ")} · 1 April ${report.year.from.slice(0, 4)} to 31 March ${report.year.to.slice(0, 4)} · as at ${ukDay(report.year.to)}`, italics: true })] }),
    text("Care Act 2014, Schedule 2, paragraph 4: what the board did to implement its strategy and the findings of its Safeguarding Adults Reviews. Drawn from the board's action plans and their history in Assure."),
    heading("Safeguarding Adults Reviews concluded in the year, and their findings", HeadingLevel.HEADING_1),
    ...(report.concluded.length ? report.concluded.flatMap((r) => reviewParts(r, true)) : none("no review's action plan was issued this year")),
    heading("Safeguarding Adults Reviews in progress at the end of the year", HeadingLevel.HEADING_1),
    ...(report.inProgress.length ? report.inProgress.map((r) => text(`${r.review ?? r.title}: ${r.title}`)) : none("no review was in progress at the year end")),
    heading("What the board did during the year to implement the findings of its reviews", HeadingLevel.HEADING_1),
    ...(report.implementing.length ? report.implementing.flatMap((r) => reviewParts(r, false)) : none("no review's findings were being implemented")),
    heading("Findings the board decided not to implement, and why", HeadingLevel.HEADING_1),
    ...(report.notImplemented.length ? report.notImplemented.map((n) => text(`${n.plan}, ${n.ref} (${n.action}): ${n.reason}${n.decidedOn ? ` (decided ${ukDay(n.decidedOn)})` : ""}`)) : none("the board decided to implement every finding")),
    heading("Delivery of the business plan", HeadingLevel.HEADING_1),
    ...(report.businessPlans.length ? report.businessPlans.flatMap((p) => [heading(p.title, HeadingLevel.HEADING_2), summaryTable(p), ...planTables(p, HeadingLevel.HEADING_3)]) : none("no business plan covers this year")),
  ];
  return datedOfficeFile(await Packer.toBuffer(new Document({ creator: "Assure", title: `Annual report ${report.year.label}`, sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }] })), report.year.to);
}
