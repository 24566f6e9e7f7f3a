import { distance } from "fastest-levenshtein";
import { leadKey, type Lead } from "./lead.js";

const words = (text: string) => new Set(leadKey(text).split(/[^a-z0-9]+/).filter((w) => w.length > 2));

/** How alike two leads as written are, 0 to 1: spelling closeness or shared words, whichever is more. */
function likeness(a: string, b: string): number {
  const [x, y] = [leadKey(a), leadKey(b)];
  const spelling = 1 - distance(x, y) / Math.max(x.length, y.length, 1);
  const [wa, wb] = [words(a), words(b)];
  const shared = [...wa].filter((w) => wb.has(w)).length;
  const overlap = shared / Math.max(Math.min(wa.size, wb.size), 1);
  return Math.max(spelling, overlap * 0.9);
}

/** The directory's leads most like a lead the document names, best first, for a person to choose from. */
export function closestLeads(asWritten: string, leads: readonly Lead[], count = 3): Lead[] {
  return leads
    .map((lead) => ({ lead, score: likeness(asWritten, lead.asWritten) }))
    .filter((l) => l.score >= 0.3)
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((l) => l.lead);
}
