import { z } from "zod";
import { readRating } from "./rag.js";
import type { SourceCell } from "./source-table.js";
import { parseTimescale } from "./timescale.js";

/** What a plan table's column can hold, in the boards' own words. */
export const ColumnFieldSchema = z.enum(["ref", "section", "source", "deliverable", "action", "lead", "partners", "timescale", "outcome", "rating", "progress"]);
export type ColumnField = z.infer<typeof ColumnFieldSchema>;

/** Each column's field (null: not imported), by position. */
export type ColumnMapping = (ColumnField | null)[];

export const COLUMN_LABELS: Record<ColumnField, string> = {
  ref: "Ref",
  section: "Recommendation / priority",
  source: "Source of recommendation",
  deliverable: "Key deliverable",
  action: "Action",
  lead: "Lead",
  partners: "Partners involved",
  timescale: "Timescale / target date",
  outcome: "Expected outcome",
  rating: "RAG rating",
  progress: "Progress update",
};

// Tried in order, so "Source of recommendation" is a source and "Outcome … from these actions" an outcome.
const HEADER_WORDS: [ColumnField, RegExp][] = [
  ["source", /\bsource\b/],
  ["ref", /^(ref(erence)?|no\.?|number|#|action (no\.?|number|ref))$/],
  ["rating", /\brag\b|\brating\b|^status$|^r\/a\/g$/],
  ["progress", /\bupdate|\bprogress\b|\bevidence\b|\bcomments?\b/],
  ["timescale", /\btime ?scale|\btarget\b|\bdeadline|\bdue\b|\bby when\b|\bdate\b|\bwhen\b|\bcompletion\b/],
  ["lead", /\blead|\bowner|\bresponsib|\bwho\b/],
  ["partners", /\bpartner|\binvolved\b|\bsupported by\b/],
  ["outcome", /\boutcome|\bexpected\b|\bsuccess\b|\bmeasure|\bimpact\b/],
  ["deliverable", /\bdeliverable|\bworkstream\b|\bobjective\b/],
  ["section", /\brecommendation|\bpriority|\bfinding|\btheme\b|\blearning\b|^section$/],
  ["action", /\bactions?\b|\bactivit|\btasks?\b|\bwhat will\b|\bsteps?\b/],
];

const HEADER_MAX = 80;
const words = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/** The field a header cell names, if its words say. */
export function fieldOfHeader(text: string): ColumnField | null {
  const said = words(text);
  // Headers are short; a long cell that happens to say "task" or "when" is content.
  if (said === "" || said.length > HEADER_MAX) return null;
  return HEADER_WORDS.find(([, pattern]) => pattern.test(said))?.[0] ?? null;
}

/** How sure a row is a header: how many of its cells name a field, and whether one names the action. */
export function headerScore(row: readonly SourceCell[]): { named: number; hasAction: boolean } {
  const fields = row.map((c) => fieldOfHeader(c.text));
  return { named: new Set(fields.filter(Boolean)).size, hasAction: fields.includes("action") };
}

const mostly = (cells: SourceCell[], test: (c: SourceCell) => boolean) => {
  const filled = cells.filter((c) => c.text.trim() !== "" || c.fill !== null);
  return filled.length > 0 && filled.filter(test).length / filled.length >= 0.6;
};

/** What a column's content says it is, when its header does not: refs, RAG ratings or timescales. */
function fieldOfContent(cells: SourceCell[]): ColumnField | null {
  if (mostly(cells, (c) => /^\d+(\.\d+)*[a-z]?\.?$/i.test(c.text.trim()))) return "ref";
  if (mostly(cells, (c) => { const r = readRating(c.text); return (r !== null && typeof r === "string") || (c.text.trim() === "" && c.fill !== null); })) return "rating";
  if (mostly(cells, (c) => c.text.trim() !== "" && parseTimescale(c.text).understood)) return "timescale";
  return null;
}

/**
 * The guessed field of each column: from its header's words, then from its content; each field
 * goes to the first column that claims it, so a second "Date" column is left for the person to map.
 */
export function guessColumns(header: readonly SourceCell[], body: readonly SourceCell[][]): ColumnMapping {
  const taken = new Set<ColumnField>();
  const claim = (field: ColumnField | null) => {
    if (field === null || taken.has(field)) return null;
    taken.add(field);
    return field;
  };
  const byHeader = header.map((c) => claim(fieldOfHeader(c.text)));
  return byHeader.map((field, i) => field ?? claim(fieldOfContent(body.map((row) => row[i] ?? { text: "", fill: null }))));
}
