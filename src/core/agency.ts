import { resolveLead, type Lead, type Person } from "./lead.js";

/**
 * The agency an action answers to: the leads-directory entry its lead names (a role, group or
 * agency as the board's plans write it), else the words as written, for a lead the directory
 * does not know. Who is late and agency accountability group by the same key.
 */
export interface AgencyOf {
  /** The grouping key: the lead's id, or `written:<words>` for a lead the directory does not know. */
  key: string;
  lead: Lead | null;
  name: string;
}

export interface Contact {
  personId: string;
  name: string;
  jobTitle: string;
  email: string;
}

export function agencyOf(action: { lead: { leadId: string | null; asWritten: string } }, boards: readonly string[], leads: readonly Lead[]): AgencyOf {
  const lead = (action.lead.leadId ? leads.find((l) => l.id === action.lead.leadId) : undefined) ?? resolveLead(action.lead.asWritten, leads, boards);
  return lead ? { key: lead.id, lead, name: lead.asWritten } : { key: `written:${action.lead.asWritten.toLowerCase()}`, lead: null, name: action.lead.asWritten };
}

/** The people to contact about an agency: those its reminders go to (the chair, or every member); none for a lead the directory does not know. */
export function agencyContacts(lead: Lead | null, people: readonly Person[]): Contact[] {
  if (!lead) return [];
  const remind = lead.remind === "chair" && lead.chair ? [lead.chair] : lead.members;
  return remind.flatMap((id) => {
    const p = people.find((x) => x.id === id);
    return p ? [{ personId: p.id, name: p.displayName, jobTitle: p.jobTitle, email: p.email }] : [];
  });
}

/** The agencies a board may ask: its leads-directory entries, and any lead its plans write that the directory does not know. */
export function boardAgencies(board: string, plans: readonly { boards: readonly string[]; sections: readonly { actions: readonly { lead: { leadId: string | null; asWritten: string } }[]; deliverables: readonly { actions: readonly { lead: { leadId: string | null; asWritten: string } }[] }[] }[] }[], leads: readonly Lead[]): { leadId: string | null; name: string }[] {
  const found = new Map<string, { leadId: string | null; name: string }>();
  for (const l of leads) if (l.boards.includes(board)) found.set(l.id, { leadId: l.id, name: l.asWritten });
  for (const p of plans.filter((x) => x.boards.includes(board))) {
    for (const a of p.sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)])) {
      const { key, lead, name } = agencyOf(a, p.boards, leads);
      if (!found.has(key)) found.set(key, { leadId: lead?.id ?? null, name });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}
