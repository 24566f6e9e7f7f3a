import { RATING_FILL, UNRATED_FILL } from "./rag.js";
import { DUE_SOON_DAYS } from "./due-soon.js";

/**
 * The dashboard's series, named and coloured once, so the tab's charts and the board paper's
 * agree (and the word always goes with the colour). Kept free of heavy imports: the tab bundles it.
 */
export const RATING_SERIES = [
  { key: "red", label: "Red", color: `#${RATING_FILL.red}` },
  { key: "amber", label: "Amber", color: `#${RATING_FILL.amber}` },
  { key: "green", label: "Green", color: `#${RATING_FILL.green}` },
  { key: "complete", label: "Complete", color: `#${RATING_FILL.complete}` },
  { key: "unrated", label: "Not rated", color: `#${UNRATED_FILL}` },
] as const;

export const DUE_SERIES = [
  { key: "overdue", label: "Overdue", color: `#${RATING_FILL.red}` },
  { key: "dueSoon", label: `Due in ${DUE_SOON_DAYS} days`, color: `#${RATING_FILL.amber}` },
] as const;
