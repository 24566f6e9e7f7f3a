import type { Action, LeadRef } from "../core/action.js";
import { resolveLead, type Lead } from "../core/lead.js";
import { readRating } from "../core/rag.js";
import { parseTimescale } from "../core/timescale.js";

/** A plan row as the document writes it: cells verbatim, blank cells as null. */
export interface ActionRow {
  ref: string;
  text: string;
  lead: string;
  partners?: string | null;
  expectedOutcome?: string | null;
  timescale: string;
  rating?: string | null;
}

/** The lead as written, linked to the entry in the plan's boards' directory. */
export function leadRef(asWritten: string, leads: readonly Lead[], boards: readonly string[]): LeadRef {
  return { asWritten, leadId: resolveLead(asWritten, leads, boards)?.id ?? null };
}

/** Turns a transcribed row into an action, deriving deadlines and the rating from the cells. */
export function transcribeAction(
  row: ActionRow,
  where: { planId: string; sectionId: string; deliverableId: string | null },
  leads: readonly Lead[],
  boards: readonly string[],
): Action {
  const rating = readRating(row.rating ?? "");
  if (rating !== null && typeof rating === "object") throw new Error(`action ${row.ref}: ${rating.problem}`);
  return {
    id: `${where.planId}/${row.ref}`,
    ...where,
    ref: row.ref,
    text: row.text,
    lead: leadRef(row.lead, leads, boards),
    partners: row.partners ?? null,
    expectedOutcome: row.expectedOutcome ?? null,
    timescale: parseTimescale(row.timescale),
    revisedDeadline: null,
    rating,
    ratingAsWritten: row.rating ?? null,
    latestUpdate: null,
    status: { state: "open" },
  };
}
