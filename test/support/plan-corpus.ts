import { Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun } from "docx";
import ExcelJS from "exceljs";
import type { ImportChoices } from "../../src/core/plan-import.js";
import type { Rating } from "../../src/core/rag.js";

/**
 * A corpus of tracker layouts boards really keep, each generated here from a few lines of data
 * (so no binaries are committed) with the facts a person would read from it: every action's ref,
 * text, lead, deadline, rating and progress, or that the fact should be flagged for a person.
 */

/** A cell: text, or text with a fill ("FF0000"), or an Excel date cell with its format. "^" is merged with the cell above. */
export type CorpusCell = string | { text?: string; fill?: string; date?: string; numFmt?: string };
export const MERGED = "^";
export interface Grid {
  above?: string[];
  header: string[];
  rows: (CorpusCell[] | { banner: string })[];
  /** Empty rows and columns before the table (Excel). */
  offset?: { rows: number; columns: number };
}

/** What a person reads from a row: "?" means the fact cannot be read and must be flagged; "ongoing" a timescale with no end. */
export interface Fact {
  ref: string;
  action: string;
  lead: string;
  deadline: string | "ongoing" | "?";
  rating: Rating | null | "?";
  progress: string | null;
}

export interface Layout {
  name: string;
  about: string;
  build: () => Promise<Uint8Array> | Uint8Array;
  title?: string;
  actions: Fact[];
  /** Problems that must be listed, beyond those each "?" fact and unknown lead implies: [field, ref or null, what it says]. */
  flags?: [string, string | null, RegExp][];
  /** What the person chooses in the preview to read it (a header row, column mappings); without them it is refused with `refusedWithout`. */
  choices?: Partial<ImportChoices>;
  refusedWithout?: RegExp;
}

// The Coventry board's leads directory (the demo site's), so the command line reads them the same way.
export const BOARD = "Coventry Safeguarding Adults Board";
const SAR = "SAR Coordinator";
const BBM = "Board Business Manager";
const WFD = "Workforce Development sub group";
const QAP = "Quality Assurance and Performance sub group";
const NURSE = "Designated Nurse (ICB)"; // not in the directory: flagged, with the closest entries

const fact = (ref: string, action: string, lead: string, deadline: Fact["deadline"], rating: Fact["rating"], progress: string | null = null): Fact => ({ ref, action, lead, deadline, rating, progress });
const FILL = { red: "C00000", amber: "FFC000", green: "00B050", blue: "0070C0", grey: "D9D9D9" };

const textOf = (c: CorpusCell): string => (typeof c === "string" ? (c === MERGED ? "" : c) : c.date ? c.date.split("-").reverse().join("/") : (c.text ?? ""));

// ── Builders ──

export function csv(grid: Grid, options: { bom?: boolean; tab?: boolean } = {}): Uint8Array {
  const width = grid.header.length;
  const quote = (t: string) => (options.tab ? t : /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
  const lines = [
    ...(grid.above ?? []).map((a) => [a, ...Array<string>(width - 1).fill("")]),
    grid.header,
    ...grid.rows.map((r) => ("banner" in r ? [r.banner, ...Array<string>(width - 1).fill("")] : r.map(textOf))),
  ].map((r) => r.map(quote).join(options.tab ? "\t" : ","));
  return new TextEncoder().encode(`${options.bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`);
}

export interface Sheet {
  name: string;
  grid?: Grid;
  rows?: string[][];
  hidden?: boolean;
}

export async function xlsx(sheets: Sheet[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name, s.hidden ? { state: "hidden" } : {});
    for (const r of s.rows ?? []) sheet.addRow(r);
    if (s.grid) writeGrid(sheet, s.grid);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function writeGrid(sheet: ExcelJS.Worksheet, grid: Grid) {
  const { rows: dr, columns: dc } = grid.offset ?? { rows: 0, columns: 0 };
  let r = sheet.rowCount + 1 + dr;
  const width = grid.header.length;
  for (const line of grid.above ?? []) sheet.getCell(r++, dc + 1).value = line;
  grid.header.forEach((h, i) => (sheet.getCell(r, dc + i + 1).value = h || null));
  r++;
  const anchors: number[] = [];
  for (const row of grid.rows) {
    if ("banner" in row) {
      sheet.getCell(r, dc + 1).value = row.banner;
      sheet.mergeCells(r, dc + 1, r, dc + width);
      r++;
      continue;
    }
    row.forEach((c, i) => {
      const cell = sheet.getCell(r, dc + i + 1);
      if (c === MERGED) {
        // Merged with the cells above it, back to the last one with text.
        sheet.unMergeCells(anchors[i]!, dc + i + 1, r - 1, dc + i + 1);
        sheet.mergeCells(anchors[i]!, dc + i + 1, r, dc + i + 1);
        return;
      }
      anchors[i] = r;
      if (typeof c === "string") cell.value = c || null;
      else {
        if (c.date) {
          const [y, m, d] = c.date.split("-").map(Number) as [number, number, number];
          cell.value = new Date(Date.UTC(y, m - 1, d));
          cell.numFmt = c.numFmt ?? "dd/mm/yyyy";
        } else cell.value = c.text || null;
        if (c.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${c.fill}` } };
      }
    });
    r++;
  }
}

const paragraphs = (text: string) => text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] }));

/** A Word document: paragraphs (strings) and tables (grids) in order. */
export async function docx(blocks: (string | Grid)[]): Promise<Uint8Array> {
  const children = blocks.flatMap((b) => (typeof b === "string" ? paragraphs(b) : [...(b.above ?? []).flatMap(paragraphs), wordTable(b)]));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

function wordTable(grid: Grid): Table {
  const width = grid.header.length;
  const cellOf = (c: CorpusCell, rowSpan: number) => {
    const fill = typeof c === "string" ? undefined : c.fill;
    return new TableCell({ children: paragraphs(textOf(c)), ...(rowSpan > 1 ? { rowSpan } : {}), ...(fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill } } : {}) });
  };
  const rows = [new TableRow({ tableHeader: true, children: grid.header.map((h) => cellOf(h, 1)) })];
  grid.rows.forEach((row, at) => {
    if ("banner" in row) {
      rows.push(new TableRow({ children: [new TableCell({ columnSpan: width, children: paragraphs(row.banner) })] }));
      return;
    }
    const span = (column: number) => {
      let n = 1;
      for (const below of grid.rows.slice(at + 1)) {
        if ("banner" in below || below[column] !== MERGED) break;
        n++;
      }
      return n;
    };
    rows.push(new TableRow({ children: row.flatMap((c, i) => (c === MERGED ? [] : [cellOf(c, span(i))])) }));
  });
  return new Table({ rows });
}

// ── The layouts ──

const plain = (rows: CorpusCell[][], header = ["Ref", "Action", "Lead", "Timescale", "RAG"]): Grid => ({ header, rows });
const filled = (fill: string, text = ""): CorpusCell => ({ text, fill });

export const CORPUS: Layout[] = [
  {
    name: "bom-day-first.csv",
    about: "CSV saved by Excel with a byte-order mark; day-first dates with slashes and dots; a progress column",
    build: () => csv(plain([
      ["1.1", "Audit the self-neglect pathway", SAR, "31/03/2025", "Green", "Audit started in May"],
      ["1.2", "Refresh the escalation protocol", BBM, "30.06.25", "Amber", ""],
      ["2.1", "Train GPs on making safeguarding personal", WFD, "1/9/2025", "Red", "Two sessions cancelled"],
    ], ["Ref", "Action", "Lead", "Timescale", "RAG", "Progress update"]), { bom: true }),
    actions: [
      fact("1.1", "Audit the self-neglect pathway", SAR, "2025-03-31", "green", "Audit started in May"),
      fact("1.2", "Refresh the escalation protocol", BBM, "2025-06-30", "amber"),
      fact("2.1", "Train GPs on making safeguarding personal", WFD, "2025-09-01", "red", "Two sessions cancelled"),
    ],
  },
  {
    name: "title-rows-above.csv",
    about: "the board's name and the plan's title above the header; quarters and a month with no year in the plan's year",
    build: () => csv({ above: [BOARD, "SAR Action Plan 2026/27", ""], ...plain([
      ["1.1", "Publish the learning briefing", SAR, "End of Q3", "G"],
      ["1.2", "Review the threshold guidance", BBM, "by end of March", "A"],
      ["1.3", "Audit case files", QAP, "Q3 2026/27", "On track"],
    ], ["Ref", "What we will do", "Owner", "By when", "RAG"]) }),
    title: "SAR Action Plan 2026/27",
    actions: [
      fact("1.1", "Publish the learning briefing", SAR, "2026-12-31", "green"),
      fact("1.2", "Review the threshold guidance", BBM, "2027-03-31", "amber"),
      fact("1.3", "Audit case files", QAP, "2026-12-31", "green"),
    ],
  },
  {
    name: "pasted-from-excel.tsv",
    about: "rows pasted from Excel (tab-separated): Task / Responsible officer / Target date / BRAG / Comments, no refs",
    build: () => csv(plain([
      ["Publish the 7-minute briefing", SAR, "Sept 2026", "B", "Published 12/09/2026"],
      ["Audit the use of the escalation protocol", QAP, "Q4 2026/27", "G", ""],
    ], ["Task", "Responsible officer", "Target date", "BRAG", "Comments"]), { tab: true }),
    actions: [
      fact("1.1", "Publish the 7-minute briefing", SAR, "2026-09-30", "complete", "Published 12/09/2026"),
      fact("1.2", "Audit the use of the escalation protocol", QAP, "2027-03-31", "green"),
    ],
    flags: [["section", null, /put under one section/]],
  },
  {
    name: "banners-saved-as-csv.csv",
    about: "merged banner rows saved as CSV (text in the first cell only), one numbered and one not; seasons and week-commencing dates",
    build: () => csv({ above: ["Business Plan 2026/27"], header: ["", "Action", "Lead", "Timescale", "RAG"], rows: [
      { banner: "Priority 1 – Prevention" },
      ["", "Run a self-neglect campaign", BBM, "Spring 2027", "Amber"],
      ["", "Launch the hoarding protocol", SAR, "w/c 7 Sept 2026", "Green"],
      { banner: "Making Safeguarding Personal" },
      ["", "Survey people who were safeguarded", QAP, "30th September 2026", "Red"],
    ] }),
    title: "Business Plan 2026/27",
    actions: [
      fact("1.1", "Run a self-neglect campaign", BBM, "2027-05-31", "amber"),
      fact("1.2", "Launch the hoarding protocol", SAR, "2026-09-11", "green"),
      fact("2.1", "Survey people who were safeguarded", QAP, "2026-09-30", "red"),
    ],
  },
  {
    name: "status-words.csv",
    about: "a Status column of words instead of colours; an ongoing action",
    build: () => csv(plain([
      ["1.1", "Keep the multi-agency audit programme", QAP, "Ongoing", "On track"],
      ["1.2", "Agree the transitions protocol", BBM, "Dec 2026", "Some slippage"],
      ["1.3", "Recommission advocacy", SAR, "31/01/2027", "Off track"],
      ["1.4", "Publish the annual report", BBM, "Oct 2026", "Completed"],
      ["1.5", "Hold the practitioner forum", WFD, "March 2027", "Not started"],
    ], ["Ref", "Action", "Lead", "Due", "Status"])),
    actions: [
      fact("1.1", "Keep the multi-agency audit programme", QAP, "ongoing", "green"),
      fact("1.2", "Agree the transitions protocol", BBM, "2026-12-31", "amber"),
      fact("1.3", "Recommission advocacy", SAR, "2027-01-31", "red"),
      fact("1.4", "Publish the annual report", BBM, "2026-10-31", "complete"),
      fact("1.5", "Hold the practitioner forum", WFD, "2027-03-31", null),
    ],
  },
  {
    name: "problems-to-fix.csv",
    about: "what a person must fix: a lead not in the directory, TBC, a word that is no rating, no lead, a ref used twice",
    build: () => csv(plain([
      ["1.1", "Audit health's referrals", NURSE, "TBC", "Maybe"],
      ["1.2", "Train ward staff", "", "Mar 2027", "G"],
      ["1.2", "Share the audit's findings", SAR, "Mar 2027", "G"],
    ])),
    actions: [fact("1.1", "Audit health's referrals", NURSE, "?", "?"), fact("1.2", "Train ward staff", "(no lead given)", "2027-03-31", "green")],
    flags: [["lead", "1.2", /no lead is given: choose one/], ["ref", "1.2", /used twice in the document; give each action its own ref/], ["lead", "1.1", /not in .*leads directory.*match it to one of this board's leads, or add it/]],
  },
  {
    name: "merged-recommendations.xlsx",
    about: "a SAR plan: recommendation and source merged down over their actions, date cells, RAG as words on their colour, an update column",
    build: () => xlsx([{ name: "SAR action plan", grid: { above: ["Safeguarding Adults Review: Mr B – action plan 2026/27"], header: ["Recommendation", "Source", "Action required", "Lead Officer", "Target Date", "RAG rating", "Update"], rows: [
      ["1. Improve multi-agency risk assessment", "Overview report", "Agree a shared risk tool", SAR, { date: "2026-12-31" }, filled(FILL.green, "Green"), "Draft tool shared"],
      [MERGED, MERGED, "Audit the use of the tool", QAP, { date: "2027-03-31" }, filled(FILL.amber, "Amber"), ""],
      ["2. Hear the person's voice", "IMR (Police)", "Add making safeguarding personal to training", WFD, "Jan 2027", filled(FILL.red, "Red"), "Trainer on leave"],
    ] } }]),
    title: "Safeguarding Adults Review: Mr B – action plan 2026/27",
    actions: [
      fact("1.1", "Agree a shared risk tool", SAR, "2026-12-31", "green", "Draft tool shared"),
      fact("1.2", "Audit the use of the tool", QAP, "2027-03-31", "amber"),
      fact("2.1", "Add making safeguarding personal to training", WFD, "2027-01-31", "red", "Trainer on leave"),
    ],
  },
  {
    name: "banner-rows.xlsx",
    about: "priorities as banner rows merged across the table, under a title row",
    build: () => xlsx([{ name: "Plan", grid: { above: ["Business Plan 2026/27"], header: ["Ref", "What we will do", "Owner", "By when", "RAG"], rows: [
      { banner: "Priority 1: Prevention" },
      ["1.1", "Run a scams awareness week", BBM, "End of Q2", "G"],
      ["1.2", "Publish the self-neglect guidance", SAR, "Autumn 2026", "A"],
      { banner: "Priority 2 – Learning from reviews" },
      ["2.1", "Hold a learning event on Mr B's review", WFD, "31 March 27", "R"],
    ] } }]),
    actions: [
      fact("1.1", "Run a scams awareness week", BBM, "2026-09-30", "green"),
      fact("1.2", "Publish the self-neglect guidance", SAR, "2026-11-30", "amber"),
      fact("2.1", "Hold a learning event on Mr B's review", WFD, "2027-03-31", "red"),
    ],
  },
  {
    name: "rag-by-fill-only.xlsx",
    about: "BRAG given only by the cell's colour, one grey cell that is no rating",
    build: () => xlsx([{ name: "Tracker 2026-27", grid: plain([
      ["1.1", "Refresh the MCA guidance", SAR, "Nov 2026", filled(FILL.red)],
      ["1.2", "Review the PiPoT process", BBM, "Dec 2026", filled(FILL.amber)],
      ["1.3", "Publish the easy-read leaflet", WFD, "Jan 2027", filled(FILL.green)],
      ["1.4", "Close the old referral form", QAP, "Feb 2027", filled(FILL.blue)],
      ["1.5", "Agree a data set", QAP, "Mar 2027", filled(FILL.grey)],
    ], ["Ref", "Action", "Lead", "Timescale", "BRAG"]) }]),
    actions: [
      fact("1.1", "Refresh the MCA guidance", SAR, "2026-11-30", "red"),
      fact("1.2", "Review the PiPoT process", BBM, "2026-12-31", "amber"),
      fact("1.3", "Publish the easy-read leaflet", WFD, "2027-01-31", "green"),
      fact("1.4", "Close the old referral form", QAP, "2027-02-28", "complete"),
      fact("1.5", "Agree a data set", QAP, "2027-03-31", "?"),
    ],
    flags: [["rating", "1.5", /colour #d9d9d9 is not a RAG colour; left unrated/]],
  },
  {
    name: "brag-letters.xlsx",
    about: "BRAG letters on their colours, one letter on a colour that disagrees",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["1.1", "Agree the quality markers", QAP, "31/10/2026", filled(FILL.red, "R")],
      ["1.2", "Share the audit tool", SAR, "30/11/2026", filled(FILL.amber, "A")],
      ["1.3", "Brief the board", BBM, "31/12/2026", filled(FILL.red, "G")],
      ["1.4", "Close the pilot", WFD, "31/01/2027", filled(FILL.blue, "B")],
    ], ["Ref", "Action", "Lead", "Timescale", "BRAG"]) }]),
    actions: [
      fact("1.1", "Agree the quality markers", QAP, "2026-10-31", "red"),
      fact("1.2", "Share the audit tool", SAR, "2026-11-30", "amber"),
      fact("1.3", "Brief the board", BBM, "2026-12-31", "green"),
      fact("1.4", "Close the pilot", WFD, "2027-01-31", "complete"),
    ],
    flags: [["rating", "1.3", /says "G" but is coloured red; the words are used \(green\)/]],
  },
  {
    name: "multi-sheet-workbook.xlsx",
    about: "a read-me sheet, the plan on a sheet named for its year, a glossary",
    build: () => xlsx([
      { name: "Read me", rows: [["How to use this tracker"], ["Red = not achieved and seriously behind"], ["Green = on track"]] },
      { name: "Plan 2026-27", grid: plain([["1.1", "Map advocacy provision", BBM, "End of Q2", "Amber"], ["1.2", "Report to the board", BBM, "End of Q4", "Green"]]) },
      { name: "Glossary", rows: [["Term", "Meaning"], ["SAR", "Safeguarding Adults Review"]] },
    ]),
    actions: [fact("1.1", "Map advocacy provision", BBM, "2026-09-30", "amber"), fact("1.2", "Report to the board", BBM, "2027-03-31", "green")],
  },
  {
    name: "title-rows-workbook.xlsx",
    about: "four rows above the header (board, plan, last updated, blank); quarters written out",
    build: () => xlsx([{ name: "Sheet1", grid: { above: [BOARD, "Business Plan 2025/26", "Last updated: 01/09/2025", ""], ...plain([
      ["1.1", "Review the quality dashboard", QAP, "Q4 2025/26", "G", "Dashboard live"],
      ["1.2", "Refresh training needs analysis", WFD, "Quarter 3", "A", ""],
    ], ["Ref", "Action", "Lead", "Timescale", "RAG", "Progress"]) } }]),
    title: "Business Plan 2025/26",
    actions: [fact("1.1", "Review the quality dashboard", QAP, "2026-03-31", "green", "Dashboard live"), fact("1.2", "Refresh training needs analysis", WFD, "2025-12-31", "amber")],
  },
  {
    name: "blank-columns.xlsx",
    about: "the table starts at B2, with an empty column between action and lead",
    build: () => xlsx([{ name: "Plan", grid: { offset: { rows: 1, columns: 1 }, header: ["Ref", "Action", "", "Lead", "Timescale", "", "RAG"], rows: [
      ["1.1", "Run a carers' assessment audit", "", QAP, "Feb 2027", "", "Amber"],
      ["1.2", "Brief GPs on self-neglect", "", SAR, "Mar 2027", "", "Green"],
    ] } }]),
    actions: [fact("1.1", "Run a carers' assessment audit", QAP, "2027-02-28", "amber"), fact("1.2", "Brief GPs on self-neglect", SAR, "2027-03-31", "green")],
  },
  {
    name: "date-cells.xlsx",
    about: "real Excel date cells in three formats (day-first, month-year, long)",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["1.1", "Agree the hospital discharge protocol", SAR, { date: "2026-12-31", numFmt: "dd/mm/yyyy" }, "G"],
      ["1.2", "Audit discharges", QAP, { date: "2027-01-01", numFmt: "mmm-yy" }, "A"],
      ["1.3", "Report to the board", BBM, { date: "2027-03-15", numFmt: "d mmmm yyyy" }, "R"],
    ]) }]),
    actions: [
      fact("1.1", "Agree the hospital discharge protocol", SAR, "2026-12-31", "green"),
      fact("1.2", "Audit discharges", QAP, "2027-01-31", "amber"),
      fact("1.3", "Report to the board", BBM, "2027-03-15", "red"),
    ],
  },
  {
    name: "lead-officer-and-agency.xlsx",
    about: "“Lead officer” beside “Responsible agency”, and a “Progress RAG” column",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["1.1", "Publish the PiPoT guidance", SAR, "Council", "30/11/2026", "Green"],
      ["1.2", "Audit the PiPoT referrals", QAP, "All partners", "31/03/2027", "Amber"],
    ], ["Ref", "Action", "Lead officer", "Responsible agency", "Target date", "Progress RAG"]) }]),
    actions: [fact("1.1", "Publish the PiPoT guidance", SAR, "2026-11-30", "green"), fact("1.2", "Audit the PiPoT referrals", QAP, "2027-03-31", "amber")],
  },
  {
    name: "objectives-owner.xlsx",
    about: "Objective / Owner / By when / Status / Progress: the objectives are the actions",
    build: () => xlsx([{ name: "Delivery plan", grid: plain([
      ["Embed the transitions protocol", BBM, "Dec 2026", "On track", "Protocol signed off"],
      ["Strengthen the voice of carers", WFD, "Mar 2027", "At risk", ""],
    ], ["Objective", "Owner", "By when", "Status", "Progress"]) }]),
    actions: [fact("1.1", "Embed the transitions protocol", BBM, "2026-12-31", "green", "Protocol signed off"), fact("1.2", "Strengthen the voice of carers", WFD, "2027-03-31", "amber")],
    flags: [["section", null, /put under one section/]],
  },
  {
    name: "priority-column-merged.xlsx",
    about: "a Priority column merged down over its actions, the priorities unnumbered",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["Prevention", "Run a scams awareness week", BBM, "Oct 2026", "G"],
      [MERGED, "Publish the falls leaflet", WFD, "Nov 2026", "A"],
      ["Learning", "Hold a SAR learning event", SAR, "Dec 2026", "R"],
    ], ["Priority", "Action", "Lead", "Due", "RAG"]) }]),
    actions: [fact("1.1", "Run a scams awareness week", BBM, "2026-10-31", "green"), fact("1.2", "Publish the falls leaflet", WFD, "2026-11-30", "amber"), fact("2.1", "Hold a SAR learning event", SAR, "2026-12-31", "red")],
    flags: [["section", null, /has no number; it is numbered 1 in order/]],
  },
  {
    name: "key-deliverables.xlsx",
    about: "a business plan: priority, key deliverables with their lead and partners merged over activities",
    build: () => xlsx([{ name: "Business plan 2026-27", grid: plain([
      ["1. Prevention", "Deliver a self-neglect campaign", BBM, "Health, Police", "• Plan the campaign", "Oct 2026"],
      [MERGED, MERGED, MERGED, MERGED, "• Run the campaign", "Jan 2027"],
      [MERGED, "Refresh the hoarding protocol", SAR, "Fire service", "• Consult partners", "Feb 2027"],
    ], ["Priority", "Key Deliverables", "Lead", "Other Partnerships involved", "Activity", "Timescale"]) }]),
    actions: [fact("1.1.1", "Plan the campaign", BBM, "2026-10-31", null), fact("1.1.2", "Run the campaign", BBM, "2027-01-31", null), fact("1.2.1", "Consult partners", SAR, "2027-02-28", null)],
  },
  {
    name: "header-repeated.xlsx",
    about: "the header repeated part-way down, as a printed tracker repeats it",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["1.1", "Agree the quality markers", QAP, "Oct 2026", "G"],
      ["Ref", "Action", "Lead", "Timescale", "RAG"],
      ["1.2", "Report on the markers", BBM, "Nov 2026", "A"],
    ]) }]),
    actions: [fact("1.1", "Agree the quality markers", QAP, "2026-10-31", "green"), fact("1.2", "Report on the markers", BBM, "2026-11-30", "amber")],
  },
  {
    name: "hidden-old-sheet.xlsx",
    about: "last year's plan on a hidden sheet, this year's on a visible one",
    build: () => xlsx([
      { name: "Old 2024-25", hidden: true, grid: plain([["1.1", "Last year's action", SAR, "Mar 2025", "B"]]) },
      { name: "Current 2026-27", grid: plain([["1.1", "This year's action", SAR, "End of Q1", "G"]]) },
    ]),
    actions: [fact("1.1", "This year's action", SAR, "2026-06-30", "green")],
  },
  {
    name: "no-action-header.xlsx",
    about: "a header that names no action (“Item”): refused until the person chooses the header row and maps the columns",
    build: () => xlsx([{ name: "Plan", grid: { above: ["Improvement plan 2026/27"], ...plain([["Agree the dataset", QAP, "Q2 2026/27", "G"]], ["Item", "Who", "When", "RAG"]) } }]),
    refusedWithout: /no plan table found/,
    choices: { headerRows: { "0": 1 }, mappings: { "0": ["action", "lead", "timescale", "rating"] } },
    actions: [fact("1.1", "Agree the dataset", QAP, "2026-09-30", "green")],
    flags: [["section", null, /put under one section/]],
  },
  {
    name: "wrapped-cells.xlsx",
    about: "line breaks and bullets inside cells, a trailing space after a lead",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["1.1", "Refresh the protocol:\nconsult partners\npublish it", `${SAR} `, "Dec 2026", "Green", "Consulted 3 partners\nDraft out"],
      ["1.2", "• Publish the briefing", BBM, "Jan 2027", "Amber", ""],
    ], ["Ref", "Action", "Lead", "Timescale", "RAG", "Progress update"]) }]),
    actions: [fact("1.1", "Refresh the protocol:\nconsult partners\npublish it", SAR, "2026-12-31", "green", "Consulted 3 partners\nDraft out"), fact("1.2", "Publish the briefing", BBM, "2027-01-31", "amber")],
  },
  {
    name: "rag-words-mixed.xlsx",
    about: "ratings in many words and cases; one status that is no rating",
    build: () => xlsx([{ name: "Plan", grid: plain([
      ["1.1", "Agree the audit tool", QAP, "Oct 2026", "GREEN - on track"],
      ["1.2", "Share the findings", SAR, "Nov 2026", "amber"],
      ["1.3", "Commission advocacy", BBM, "Dec 2026", "Red – delayed"],
      ["1.4", "Recruit a trainer", WFD, "Jan 2027", "Significant slippage"],
      ["1.5", "Hold the forum", WFD, "Feb 2027", "Not yet due"],
      ["1.6", "Evaluate the forum", QAP, "Mar 2027", "In progress"],
    ]) }]),
    actions: [
      fact("1.1", "Agree the audit tool", QAP, "2026-10-31", "green"),
      fact("1.2", "Share the findings", SAR, "2026-11-30", "amber"),
      fact("1.3", "Commission advocacy", BBM, "2026-12-31", "red"),
      fact("1.4", "Recruit a trainer", WFD, "2027-01-31", "red"),
      fact("1.5", "Hold the forum", WFD, "2027-02-28", null),
      fact("1.6", "Evaluate the forum", QAP, "2027-03-31", "?"),
    ],
    flags: [["rating", "1.6", /"In progress" is not a RAG rating.*left unrated/]],
  },
  // ── Word ──
  {
    name: "sar-plan-vmerge.docx",
    about: "a SAR plan in Word: title paragraphs, the recommendation merged down, RAG words on shading",
    build: () => docx(["APPENDIX 1: MULTI-AGENCY ACTION PLAN", "Mr B SAR action plan 2026/27", { header: ["Recommendation", "Action required", "Lead Officer and Job title", "Target Date", "RAG rating", "Update"], rows: [
      ["1. Improve risk assessment", "Agree a shared risk tool", SAR, "31/12/2026", filled(FILL.green, "Green"), "Draft shared"],
      [MERGED, "Audit the tool's use", QAP, "31/03/2027", filled(FILL.amber, "Amber"), ""],
      ["2. Hear the person's voice", "Add MSP to training", WFD, "Jan 2027", filled(FILL.red, "Red"), ""],
    ] }]),
    title: "Mr B SAR action plan 2026/27",
    actions: [fact("1.1", "Agree a shared risk tool", SAR, "2026-12-31", "green", "Draft shared"), fact("1.2", "Audit the tool's use", QAP, "2027-03-31", "amber"), fact("2.1", "Add MSP to training", WFD, "2027-01-31", "red")],
  },
  {
    name: "banner-gridspan.docx",
    about: "recommendation banners spanning the Word table's width",
    build: () => docx(["SAR action plan 2026/27", { header: ["Action", "Lead", "Timescale", "RAG"], rows: [
      { banner: "Recommendation 1: Share information early" },
      ["Agree an information-sharing protocol", SAR, "Nov 2026", "G"],
      { banner: "Recommendation 2: Think family" },
      ["Add think-family prompts to the referral form", BBM, "Dec 2026", "A"],
      ["Train practitioners on think family", WFD, "Feb 2027", "R"],
    ] }]),
    actions: [fact("1.1", "Agree an information-sharing protocol", SAR, "2026-11-30", "green"), fact("2.1", "Add think-family prompts to the referral form", BBM, "2026-12-31", "amber"), fact("2.2", "Train practitioners on think family", WFD, "2027-02-28", "red")],
  },
  {
    name: "table-per-priority.docx",
    about: "a business plan with a heading and a table for each priority, the header repeated in each",
    build: () => docx(["Business Plan 2026/27", "Priority 1: Prevention", plain([["1.1", "Run a scams week", BBM, "Oct 2026", "G"]]), "Priority 2: Learning", plain([["2.1", "Hold a learning event", SAR, "Nov 2026", "A"]])]),
    actions: [fact("1.1", "Run a scams week", BBM, "2026-10-31", "green"), fact("2.1", "Hold a learning event", SAR, "2026-11-30", "amber")],
  },
  {
    name: "subgroups-then-plan.docx",
    about: "a table of subgroups (not the plan) before the plan's table",
    build: () => docx(["Delivery plan 2026/27", { header: ["Group", "Role", "Chair"], rows: [["QA&P", "Assurance", "Police"], ["Training", "Workforce", "Health"]] }, plain([["1.1", "Audit the training offer", WFD, "Dec 2026", "Green"]])]),
    actions: [fact("1.1", "Audit the training offer", WFD, "2026-12-31", "green")],
  },
  {
    name: "shading-only.docx",
    about: "RAG by cell shading only in Word, under “Progress RAG”",
    build: () => docx(["Tracker 2026/27", plain([
      ["1.1", "Publish the advocacy leaflet", SAR, "Oct 2026", filled(FILL.green)],
      ["1.2", "Review the advocacy contract", BBM, "Nov 2026", filled(FILL.red)],
    ], ["Ref", "Action", "Lead", "Timescale", "Progress RAG"])]),
    actions: [fact("1.1", "Publish the advocacy leaflet", SAR, "2026-10-31", "green"), fact("1.2", "Review the advocacy contract", BBM, "2026-11-30", "red")],
  },
  {
    name: "status-words.docx",
    about: "a Status column of words in Word; quarters and a month with no year in the plan's year",
    build: () => docx(["Delivery Plan 2026/27", plain([
      ["1.1", "Agree the quality markers", QAP, "Q3 2026/27", "On Track"],
      ["1.2", "Report to the board", BBM, "by end of March", "At Risk"],
      ["1.3", "Recommission advocacy", SAR, "End of June", "Delayed"],
      ["1.4", "Publish the strategy", BBM, "Sept 2026", "Achieved"],
    ], ["Ref", "Action", "Lead", "Timescale", "Status"])]),
    actions: [fact("1.1", "Agree the quality markers", QAP, "2026-12-31", "green"), fact("1.2", "Report to the board", BBM, "2027-03-31", "amber"), fact("1.3", "Recommission advocacy", SAR, "2026-06-30", "red"), fact("1.4", "Publish the strategy", BBM, "2026-09-30", "complete")],
  },
  {
    name: "multi-paragraph-cells.docx",
    about: "cells of several paragraphs: a dated progress log in one cell",
    build: () => docx(["Action plan 2026/27", plain([["1.1", "Run practitioner briefings\nin each locality", WFD, "Dec 2026", "Amber", "12/10/26: first held\n20/11/26: second held"]], ["Ref", "Action", "Lead", "Timescale", "RAG", "Update"])]),
    actions: [fact("1.1", "Run practitioner briefings\nin each locality", WFD, "2026-12-31", "amber", "12/10/26: first held\n20/11/26: second held")],
  },
  {
    name: "word-fill-disagrees.docx",
    about: "a rating word on shading of another colour",
    build: () => docx(["Action plan 2026/27", plain([["1.1", "Agree the dataset", QAP, "Oct 2026", filled(FILL.red, "Green")], ["1.2", "Share the dataset", QAP, "Nov 2026", filled(FILL.amber, "Amber")]])]),
    actions: [fact("1.1", "Agree the dataset", QAP, "2026-10-31", "green"), fact("1.2", "Share the dataset", QAP, "2026-11-30", "amber")],
    flags: [["rating", "1.1", /says "Green" but is coloured red; the words are used/]],
  },
  {
    name: "responsible-officer.docx",
    about: "“Ref.” / “Responsible officer” / “Deadline” headers, ordinal dates and a week commencing",
    build: () => docx(["Action plan 2026/27", plain([["1.1", "Publish the guidance", SAR, "1st April 2027", "G"], ["1.2", "Brief the board", BBM, "w/c 7 Sept 2026", "A"]], ["Ref.", "Action", "Responsible officer", "Deadline", "RAG"])]),
    actions: [fact("1.1", "Publish the guidance", SAR, "2027-04-01", "green"), fact("1.2", "Brief the board", BBM, "2026-09-11", "amber")],
  },
  {
    name: "quarter-words.docx",
    about: "quarters written out, two-digit financial years and spans of months",
    build: () => docx(["Improvement plan 2026/27", plain([
      ["1.1", "Audit section 42 enquiries", QAP, "Quarter 3", "G"],
      ["1.2", "Report the audit", BBM, "Q4 26/27", "A"],
      ["1.3", "Run the winter campaign", BBM, "Oct-Dec 2026", "G"],
      ["1.4", "Deliver the training programme", WFD, "Apr 2026 - Mar 2027", "A"],
      ["1.5", "Agree next year's plan", BBM, "Before the summer", "G"],
    ])]),
    actions: [
      fact("1.1", "Audit section 42 enquiries", QAP, "2026-12-31", "green"),
      fact("1.2", "Report the audit", BBM, "2027-03-31", "amber"),
      fact("1.3", "Run the winter campaign", BBM, "2026-12-31", "green"),
      fact("1.4", "Deliver the training programme", WFD, "2027-03-31", "amber"),
      fact("1.5", "Agree next year's plan", BBM, "?", "green"),
    ],
  },
  {
    name: "csv-merged-recommendation-blank-below.csv",
    about: "a SAR plan saved as CSV: the recommendation written once, blank under it",
    build: () => csv(plain([
      ["1. Share information early", "Agree an information-sharing protocol", SAR, "Nov 2026", "Green"],
      ["", "Audit the protocol's use", QAP, "Feb 2027", "Amber"],
      ["2. Think family", "Add think-family prompts", BBM, "Dec 2026", "Red"],
    ], ["Recommendation", "Action", "Lead", "Target date", "RAG"])),
    actions: [fact("1.1", "Agree an information-sharing protocol", SAR, "2026-11-30", "green"), fact("1.2", "Audit the protocol's use", QAP, "2027-02-28", "amber"), fact("2.1", "Add think-family prompts", BBM, "2026-12-31", "red")],
  },
];
