import { Document, HeadingLevel, Packer, PageOrientation, Paragraph, TextRun, type Table } from "docx";
import type { AnnualReport, ReviewInReport } from "../core/annual-report.js";
import type { AnnualRegister } from "../core/annual-register.js";
import type { PublicReview } from "../core/public-record.js";
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

/** A review from the findings register: its findings (with repeats) and, or only, its recommendations with what was done and impact. */
function registerReview(r: PublicReview, withFindings: boolean): Paragraph[] {
  return [
    heading(`${r.title} (${r.kind}${r.concludedOn ? `, concluded ${ukDay(r.concludedOn)}` : ""})`, HeadingLevel.HEADING_2),
    ...(r.notRecorded.length ? [text(`Not recorded in the register: ${r.notRecorded.join(", ")}.`)] : []),
    ...(withFindings ? [heading("Findings", HeadingLevel.HEADING_3), ...(r.findings.length ? r.findings.map((f) => text(`${f.number}. ${f.text}${f.themes.length ? ` Themes: ${f.themes.join(", ")}.` : ""}${f.repeatOf.length ? ` Repeat finding: also found by ${f.repeatOf.join(", ")}.` : ""}`)) : none("no findings recorded"))] : []),
    heading("Recommendations and what was done", HeadingLevel.HEADING_3),
    ...r.recommendations.flatMap((rec) => [
      text(`Recommendation ${rec.number}${rec.answers.length ? ` (answers finding ${rec.answers.join(", ")})` : ""}: ${rec.text}`),
      ...rec.actions.map((a) => text(`${a.ref} ${a.text}: ${a.status}.${a.commentary ? ` ${a.commentary}` : ""}`)),
      text(`Impact: ${rec.impact}`),
    ]),
  ];
}

const IMPACT_WORDS: [keyof AnnualRegister["impact"], string][] = [["demonstrated", "impact demonstrated"], ["partly", "partly demonstrated"], ["not", "not demonstrated"], ["tooEarly", "too early to tell"], ["due", "review due"], ["scheduled", "actions complete, review not yet due"], ["inProgress", "actions still open"]];

/** Para 4 from the findings register, beside what the plans say. */
function registerParts(reg: AnnualRegister): { concluded: Paragraph[]; implementing: Paragraph[]; notImplemented: Paragraph[]; impact: Paragraph[] } {
  return {
    concluded: [heading("From the findings register", HeadingLevel.HEADING_2), ...(reg.concluded.length ? reg.concluded.flatMap((r) => registerReview(r, true)) : none("no review in the register concluded this year"))],
    implementing: [heading("From the findings register", HeadingLevel.HEADING_2), ...(reg.implementing.length ? reg.implementing.flatMap((r) => registerReview(r, false)) : none("no earlier review in the register has recommendations"))],
    notImplemented: reg.notImplemented.length ? [heading("From the findings register", HeadingLevel.HEADING_2), ...reg.notImplemented.map((n) => text(`${n.review}, recommendation ${n.recommendation}, ${n.ref} (${n.action}): ${n.reason}`))] : [],
    impact: [
      heading("Impact of the board's recommendations", HeadingLevel.HEADING_1),
      text(`At the year's end: ${IMPACT_WORDS.map(([k, words]) => `${reg.impact[k]} ${words}`).join("; ")}.`),
      ...(reg.impactRecorded.length ? reg.impactRecorded.map((i) => text(`${i.review}, recommendation ${i.recommendation}, ${ukDay(i.recordedOn)}: ${i.outcome}. ${i.evidence}`)) : none("no impact review was recorded during the year")),
    ],
  };
}

/** The annual report's reviews and business plan sections as a Word document, in the order Schedule 2 lists them. */
export async function annualReportDocx(report: AnnualReport): Promise<Buffer> {
  const reg = report.register ? registerParts(report.register) : { concluded: [], implementing: [], notImplemented: [], impact: [] };
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: `Annual report ${report.year.label}: Safeguarding Adults Reviews and business plan`, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `${report.boards.join(", ")} · 1 April ${report.year.from.slice(0, 4)} to 31 March ${report.year.to.slice(0, 4)} · as at ${ukDay(report.year.to)}`, italics: true })] }),
    text("Care Act 2014, Schedule 2, paragraph 4: what the board did to implement its strategy and the findings of its Safeguarding Adults Reviews. Drawn from the board's action plans and their history in Assure."),
    heading("Safeguarding Adults Reviews concluded in the year, and their findings", HeadingLevel.HEADING_1),
    ...(report.concluded.length ? report.concluded.flatMap((r) => reviewParts(r, true)) : none("no review's action plan was issued this year")),
    ...reg.concluded,
    heading("Safeguarding Adults Reviews in progress at the end of the year", HeadingLevel.HEADING_1),
    ...(report.inProgress.length ? report.inProgress.map((r) => text(`${r.review ?? r.title}: ${r.title}`)) : none("no review was in progress at the year end")),
    heading("What the board did during the year to implement the findings of its reviews", HeadingLevel.HEADING_1),
    ...(report.implementing.length ? report.implementing.flatMap((r) => reviewParts(r, false)) : none("no review's findings were being implemented")),
    ...reg.implementing,
    heading("Findings the board decided not to implement, and why", HeadingLevel.HEADING_1),
    ...(report.notImplemented.length ? report.notImplemented.map((n) => text(`${n.plan}, ${n.ref} (${n.action}): ${n.reason}${n.decidedOn ? ` (decided ${ukDay(n.decidedOn)})` : ""}`)) : none("the board decided to implement every finding")),
    ...reg.notImplemented,
    ...reg.impact,
    heading("Delivery of the business plan", HeadingLevel.HEADING_1),
    ...(report.businessPlans.length ? report.businessPlans.flatMap((p) => [heading(p.title, HeadingLevel.HEADING_2), summaryTable(p), ...planTables(p, HeadingLevel.HEADING_3)]) : none("no business plan covers this year")),
  ];
  return datedOfficeFile(await Packer.toBuffer(new Document({ creator: "Assure", title: `Annual report ${report.year.label}`, sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }] })), report.year.to);
}
