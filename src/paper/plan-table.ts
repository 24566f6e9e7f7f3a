import type { BoardPaper, PaperAction } from "../core/board-paper.js";
import type { Rating } from "../core/rag.js";
import { format, parseISO } from "date-fns";

const ukDay = (iso: string) => format(parseISO(iso), "d MMM yyyy");
/** "revised from 30 Apr 2016 (approved by Megan Bowen, 12 May 2016)". */
export const revisedWords = (r: NonNullable<PaperAction["revised"]>) => `revised from ${r.from ? ukDay(r.from) : "no date"} (${r.approved ? "approved" : "changed"} by ${r.by}, ${ukDay(r.on)})`;

/** One row per action, for a spreadsheet or CSV: the columns boards' trackers use. */
export const COLUMNS = ["Section", "Key deliverable", "Ref", "Action", "Lead", "Timescale (as written)", "Target date", "Expected outcome", "RAG", "Status", "Overdue", "Latest update", "Latest update on", "Latest update by", "Target date revised"] as const;

export const RATING_WORDS: Record<Rating | "unrated", string> = { red: "Red", amber: "Amber", green: "Green", complete: "Complete", unrated: "Not rated" };
export { RATING_FILL } from "../core/rag.js";

export type Cell = string | Date | null;

/** A day as a date cell: midnight UTC, so no time zone moves it. */
const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function tableRows(paper: BoardPaper): { action: PaperAction; cells: Cell[] }[] {
  return paper.sections.flatMap((s) =>
    s.actions.map((a) => ({
      action: a,
      cells: [a.section, a.deliverable, a.ref, a.text, a.lead, a.timescale, day(a.targetDate), a.outcome, RATING_WORDS[a.rating ?? "unrated"], a.status, a.overdue ? "Yes" : "No", a.latestUpdate?.text ?? null, day(a.latestUpdate?.on ?? null), a.latestUpdate?.by ?? null, a.revised ? revisedWords(a.revised) : null],
    })),
  );
}
