import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { BoardPaper, PaperAction } from "../core/board-paper.js";
import type { Dashboard } from "../core/dashboard.js";
import { chartParagraphs } from "./paper-charts.js";
import { RATING_FILL, RATING_WORDS, revisedWords } from "./plan-table.js";

export const ukDay = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }) : "—");
export const text = (value: string, options: { bold?: boolean; colour?: string } = {}) => new Paragraph({ children: [new TextRun({ text: value, bold: options.bold, color: options.colour, size: 18 })] });
const cell = (value: string, options: { bold?: boolean; fill?: string; colour?: string; width?: number } = {}) =>
  new TableCell({
    children: value.split("\n").map((line) => text(line, options)),
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: options.fill } } : {}),
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
  });

const HEAD = ["Ref", "Action", "Lead", "Target date", "Expected outcome", "RAG", "Latest update"];
const WIDTHS = [6, 26, 13, 10, 17, 8, 20];

function actionRow(a: PaperAction): TableRow {
  const rag = a.rating;
  return new TableRow({
    cantSplit: true,
    children: [
      cell(a.ref, { bold: true }),
      cell(a.deliverable ? `${a.text}\n(${a.deliverable})` : a.text),
      cell(a.lead),
      cell(`${ukDay(a.targetDate)}${a.overdue ? " (overdue)" : ""}${a.revised ? `\n${revisedWords(a.revised)}` : ""}\n“${a.timescale}”`),
      cell(a.outcome ?? "—"),
      // The word and the colour together: a paper printed in black and white still says the rating.
      cell(RATING_WORDS[rag ?? "unrated"], rag ? { fill: RATING_FILL[rag], colour: rag === "amber" ? "000000" : "FFFFFF", bold: true } : {}),
      cell(a.latestUpdate ? `${ukDay(a.latestUpdate.on)}, ${a.latestUpdate.by}: ${a.latestUpdate.text}` : "No update yet"),
    ],
  });
}

/** The counts by rating and overdue, coloured as the plan's RAG. */
export function summaryTable(paper: BoardPaper): Table {
  const counts = paper.counts;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ["Red", "Amber", "Green", "Complete", "Not rated", "Overdue"].map((h) => cell(h, { bold: true })) }),
      new TableRow({
        children: [
          cell(String(counts.red), { fill: RATING_FILL.red, colour: "FFFFFF", bold: true }),
          cell(String(counts.amber), { fill: RATING_FILL.amber, bold: true }),
          cell(String(counts.green), { fill: RATING_FILL.green, colour: "FFFFFF", bold: true }),
          cell(String(counts.complete), { fill: RATING_FILL.complete, colour: "FFFFFF", bold: true }),
          cell(String(counts.unrated)),
          cell(String(paper.overdue)),
        ],
      }),
    ],
  });
}

/** The plan as its document lays it out: a heading per recommendation or priority, a table of its actions. */
export function planTables(paper: BoardPaper, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2): (Paragraph | Table)[] {
  return paper.sections.flatMap((s) => [
    new Paragraph({ text: s.heading, heading: level }),
    s.actions.length === 0
      ? text("No actions yet.")
      : new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          columnWidths: WIDTHS,
          rows: [new TableRow({ tableHeader: true, children: HEAD.map((h, i) => cell(h, { bold: true, width: WIDTHS[i] })) }), ...s.actions.map(actionRow)],
        }),
  ]);
}

/** The Word board paper: a summary first, then the plan as its document lays it out, then what changed. */
export async function boardPaperDocx(paper: BoardPaper, charts: Dashboard | null = null): Promise<Buffer> {
  const summary = summaryTable(paper);
  const body = planTables(paper);
  const changed = paper.since
    ? [
        new Paragraph({ text: `What changed since ${ukDay(paper.since)}`, heading: HeadingLevel.HEADING_2 }),
        ...(paper.changes.length === 0
          ? [text("Nothing changed.")]
          : paper.changes.map((c) => text(`${c.ref}: ${c.rating ? `${RATING_WORDS[c.rating.from ?? "unrated"]} → ${RATING_WORDS[c.rating.to ?? "unrated"]}` : "rating unchanged"}${c.updates ? `; ${c.updates} update${c.updates === 1 ? "" : "s"}` : ""}`))),
      ]
    : [];
  const document = new Document({
    creator: "Assure",
    title: paper.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ text: paper.title, heading: HeadingLevel.TITLE }),
          new Paragraph({ children: [new TextRun({ text: `${paper.boards.join(", ")} · as at ${ukDay(paper.asOf)}`, italics: true })] }),
          new Paragraph({ text: "Summary", heading: HeadingLevel.HEADING_1 }),
          summary,
          ...(charts ? [new Paragraph({ text: `Where the plan stands, as on the dashboard (as at ${ukDay(charts.asOf)})`, heading: HeadingLevel.HEADING_1 }), ...chartParagraphs(charts)] : []),
          ...changed,
          new Paragraph({ text: "The plan", heading: HeadingLevel.HEADING_1, alignment: AlignmentType.LEFT }),
          ...body,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
