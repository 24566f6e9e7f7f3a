import type { IsoDate } from "./iso-date.js";
import type { Rating } from "./rag.js";

/** The plan grid's columns a person can sort by. */
export const SORT_KEYS = ["ref", "action", "lead", "deadline", "rating", "latest"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** What sorting needs of an action: its words, its deadline, its rating and when it was last updated. */
export interface SortableAction {
  ref: string;
  text: string;
  lead: string;
  deadline: IsoDate | null;
  rating: Rating | null;
  latestAt: string | null;
}

// Worst first, as a board reads a RAG list; not rated last.
const RATING_ORDER: Record<Rating | "none", number> = { red: 0, amber: 1, green: 2, complete: 3, none: 4 };
// "1.10" after "1.9"; "A" by letters.
const words = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });

/**
 * Orders two actions by a column, ascending; `descending` reverses it. An action with nothing in
 * that column (no deadline, no update) always goes last, whichever way, and ties keep the plan's
 * own order (by ref).
 */
export function compareActions(key: SortKey, descending = false) {
  const sign = descending ? -1 : 1;
  const blankLast = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : sign * words.compare(a, b));
  return (a: SortableAction, b: SortableAction): number => {
    const by =
      key === "ref" ? sign * words.compare(a.ref, b.ref)
      : key === "action" ? sign * words.compare(a.text, b.text)
      : key === "lead" ? sign * words.compare(a.lead, b.lead)
      : key === "deadline" ? blankLast(a.deadline, b.deadline)
      : key === "latest" ? blankLast(a.latestAt, b.latestAt)
      : sign * (RATING_ORDER[a.rating ?? "none"] - RATING_ORDER[b.rating ?? "none"]);
    return by || words.compare(a.ref, b.ref);
  };
}
