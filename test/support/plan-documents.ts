import { Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun } from "docx";
import ExcelJS from "exceljs";
import { nestPlans, type ActionView, type PlanView } from "../../src/core/plan-export.js";
import type { BoardRecords } from "../../src/core/records.js";

/**
 * Word and Excel versions of the demo plans, laid out as boards lay out theirs: a title above the
 * table, a subgroups table or notes sheet that is not the plan, merged recommendation and
 * deliverable cells, RAG as a word on its colour (or only the colour), real Excel date cells.
 * Built from the records, so a test can import them and compare with what they were made from.
 */
export interface DocumentOptions {
  /** RAG given only by the cell's fill, with no word. */
  fillOnlyRag?: boolean;
}

const FILL: Record<string, string> = { red: "FF0000", amber: "FFC000", green: "00B050", complete: "0070C0" };
const planOf = (records: BoardRecords, id: string): PlanView => nestPlans(records).find((p) => p.id === id)!;

/** "Oct 2022" → 1 Oct 2022 as a date cell (formatted "mmm yyyy", so Excel shows "Oct 2022"). */
const monthCell = (text: string): Date | string => {
  const m = /^([A-Z][a-z]{2}) (\d{4})$/.exec(text);
  return m ? new Date(Date.UTC(Number(m[2]), ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].indexOf(m[1]!), 1)) : text;
};

// ── Coventry: one row per action; recommendation and source merged over their actions ──

const COVENTRY_HEADER = ["Recommendation", "Source of recommendation (Overview report or IMR)", "Action required", "Lead Officer and Job title", "Update and on progress and evidence", "Outcome – what is expected to be achieved from these actions", "Target Date", "Rag rating"];

function coventryRows(plan: PlanView, options: DocumentOptions) {
  return plan.sections.flatMap((s) =>
    s.actions.map((a: ActionView, i) => ({
      first: i === 0,
      span: s.actions.length,
      cells: [`${s.number}. ${s.title}`, s.source ?? "", a.text, a.lead.asWritten, a.updates.at(-1)?.text ?? "", a.expectedOutcome ?? "", a.timescale.text, options.fillOnlyRag ? "" : (a.ratingAsWritten ?? "")],
      fill: a.rating ? FILL[a.rating]! : null,
    })),
  );
}

export async function coventryXlsx(records: BoardRecords, options: DocumentOptions = {}): Promise<Buffer> {
  const plan = planOf(records, "coventry-sar-mrs-e-2015");
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Notes").addRows([["Actions must be SMART and RAG rated"], ["Red = Not achieved and seriously behind schedule"]]);
  const sheet = book.addWorksheet("Action plan");
  sheet.addRow([plan.title]);
  sheet.addRow([]);
  sheet.addRow(COVENTRY_HEADER);
  sheet.addRow(["Coventry Safeguarding Adults Board"]);
  sheet.mergeCells(4, 1, 4, 8);
  for (const row of coventryRows(plan, options)) {
    const added = sheet.addRow(row.cells);
    if (row.fill) added.getCell(8).fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${row.fill}` } };
    if (row.first && row.span > 1) for (const column of [1, 2]) sheet.mergeCells(added.number, column, added.number + row.span - 1, column);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const shaded = (fill: string | null) => (fill ? { shading: { type: ShadingType.CLEAR, color: "auto", fill } } : {});
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

export async function coventryDocx(records: BoardRecords, options: DocumentOptions = {}): Promise<Buffer> {
  const plan = planOf(records, "coventry-sar-mrs-e-2015");
  const rows = [
    new TableRow({ tableHeader: true, children: COVENTRY_HEADER.map((h) => new TableCell({ children: [para(h)] })) }),
    new TableRow({ children: [new TableCell({ columnSpan: 8, children: [para("Coventry Safeguarding Adults Board")] })] }),
    ...coventryRows(plan, options).map(
      (row) =>
        new TableRow({
          children: row.cells.flatMap((text, i) => {
            if (i < 2 && !row.first) return []; // covered by the merged cell above
            return [new TableCell({ children: [para(text)], ...(i < 2 && row.span > 1 ? { rowSpan: row.span } : {}), ...(i === 7 ? shaded(row.fill) : {}) })];
          }),
        }),
    ),
  ];
  const doc = new Document({ sections: [{ children: [para("APPENDIX 1: MULTI AGENCY ACTION PLAN"), para(plan.title), para(`Name of Review ${plan.review}`), new Table({ rows })] }] });
  return Packer.toBuffer(doc);
}

// ── LLR: a table per priority under its heading; deliverable, lead and partners merged over activities ──

const LLR_HEADER = ["Key Deliverables", "Lead", "Other Partnerships involved", "Activity", "Timescale"];

export async function llrXlsx(records: BoardRecords): Promise<Buffer> {
  const plan = planOf(records, "llr-sab-business-plan-2022-23");
  const book = new ExcelJS.Workbook();
  const groups = book.addWorksheet("Subgroups");
  groups.addRow(["Group", "Role", "Specific additional deliverables for 2022/23"]);
  for (const g of records.subgroups) groups.addRow([g.name, g.role, g.deliverables.map((d) => d.text).join(" ")]);
  const sheet = book.addWorksheet("Business plan");
  sheet.addRow([plan.title]);
  sheet.addRow(["Priority", ...LLR_HEADER]);
  for (const s of plan.sections) {
    const top = sheet.rowCount + 1;
    for (const d of s.deliverables) {
      const first = sheet.rowCount + 1;
      for (const a of d.actions) {
        const row = sheet.addRow([`${s.number}. ${s.title}`, d.text, d.lead.asWritten, d.partners ?? "", `• ${a.text}`, monthCell(a.timescale.text)]);
        row.getCell(6).numFmt = "mmm yyyy";
      }
      if (d.actions.length > 1) for (const column of [2, 3, 4]) sheet.mergeCells(first, column, sheet.rowCount, column);
    }
    sheet.mergeCells(top, 1, sheet.rowCount, 1);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function llrDocx(records: BoardRecords): Promise<Buffer> {
  const plan = planOf(records, "llr-sab-business-plan-2022-23");
  const cellOf = (text: string, rowSpan = 1) => new TableCell({ children: [para(text)], ...(rowSpan > 1 ? { rowSpan } : {}) });
  const subgroups = new Table({
    rows: [
      new TableRow({ children: ["Group", "Role", "Specific additional deliverables for 2022/23"].map((h) => cellOf(h)) }),
      ...records.subgroups.map((g) => new TableRow({ children: [cellOf(g.name), cellOf(g.role), cellOf(g.deliverables.map((d) => d.text).join(" ") || " ")] })),
    ],
  });
  const children: (Paragraph | Table)[] = [para(plan.title), ...plan.introduction.map(para), subgroups];
  for (const s of plan.sections) {
    children.push(para(`${s.number}. ${s.title}`), para("Rationale:"), ...s.rationale.map((r) => para(`- ${r}`)), para("What will success look like?"), ...s.successMeasures.map((m) => para(`- ${m}`)));
    const rows = [new TableRow({ tableHeader: true, children: LLR_HEADER.map((h) => cellOf(h)) })];
    for (const d of s.deliverables) {
      d.actions.forEach((a, i) => {
        const merged = i === 0 ? [cellOf(d.text, d.actions.length), cellOf(d.lead.asWritten, d.actions.length), cellOf(d.partners ?? "", d.actions.length)] : [];
        rows.push(new TableRow({ children: [...merged, cellOf(`• ${a.text}`), cellOf(a.timescale.text)] }));
      });
    }
    children.push(new Table({ rows }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
