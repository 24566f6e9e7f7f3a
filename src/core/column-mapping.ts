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

// Tried in order, so "Source of recommendation" is a source, "Progress RAG" a rating and "Outcome … from these actions" an outcome.
const HEADER_WORDS: [ColumnField, RegExp][] = [
  ["source", /\bsource\b/],
  ["ref", /^(ref(erence)?\.?|no\.?|number|#|id|action (no\.?|number|ref\.?))$/],
  ["rating", /\bb?rag\b|\brating\b|^(current |overall |progress )?status$|^b?\/?r\/a\/g$/],
  ["progress", /\bupdate|\bprogress\b|\bevidence\b|\bcomments?\b|\bcommentary\b|\bnotes?\b/],
  ["timescale", /\btime ?scale|\btime ?frame|\btarget\b|\bdeadline|\bdue\b|\bby when\b|\bdate\b|\bwhen\b|\bcompletion\b/],
  ["lead", /\blead|\bowner|\bresponsib|\bwho\b|\baccountable\b/],
  ["partners", /\bpartner|\binvolved\b|\bsupported by\b|\bcontributors?\b/],
  ["outcome", /\boutcome|\bexpected\b|\bsuccess\b|\bmeasure|\bimpact\b|\bdifference\b/],
  ["deliverable", /\bdeliverable|\bworkstream\b|\bobjectives?\b|\bgoals?\b/],
  ["section", /\brecommendation|\bpriorit|\bfinding|\btheme\b|\blearning\b|^section$|^area( of (focus|work))?$/],
  ["action", /\bactions?\b|\bactivit|\btasks?\b|\bwhat (we )?will (we )?(do|be done)\b|\bwhat will\b|\bsteps?\b|\bhow (we )?will\b|^what$/],
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

/**
 * The fields a header row's words name. With no action column, the one objective (or key
 * deliverable) column is what the plan does: a table of "Objective | Owner | By when" is a table of actions.
 */
function headerFields(row: readonly SourceCell[]): (ColumnField | null)[] {
  const fields = row.map((c) => fieldOfHeader(c.text));
  if (!fields.includes("action") && fields.filter((f) => f === "deliverable").length === 1) fields[fields.indexOf("deliverable")] = "action";
  return fields;
}

/** How sure a row is a header: how many of its cells name a field, and whether one names the action. */
export function headerScore(row: readonly SourceCell[]): { named: number; hasAction: boolean } {
  const fields = headerFields(row);
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
  const byHeader = headerFields(header).map(claim);
  return byHeader.map((field, i) => field ?? claim(fieldOfContent(body.map((row) => row[i] ?? { text: "", fill: null }))));
}
