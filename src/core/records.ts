import { z } from "zod";
import { ActionSchema } from "./action.js";
import { ActionEventSchema } from "./action-event.js";
import { LeadSchema, leadKey, leadResolver, PersonSchema } from "./lead.js";
import { DeliverableSchema, PlanSchema, SectionSchema } from "./plan.js";
import { ProgressUpdateSchema } from "./progress-update.js";
import { SubgroupSchema } from "./subgroup.js";

/**
 * Everything a board keeps, flat and linked by id, as the SharePoint lists hold it:
 * plan → section → (deliverable) → action → progress updates and events, plus the leads directory,
 * the people in it and the subgroups.
 */
const RecordsShape = z.object({
    plans: z.array(PlanSchema),
    sections: z.array(SectionSchema),
    deliverables: z.array(DeliverableSchema),
    actions: z.array(ActionSchema),
    progressUpdates: z.array(ProgressUpdateSchema),
    /** Managers' changes, decisions and sign-offs, beside the progress updates (see action-event.ts). */
    actionEvents: z.array(ActionEventSchema).default([]),
    people: z.array(PersonSchema),
    leads: z.array(LeadSchema),
    subgroups: z.array(SubgroupSchema),
});
export type BoardRecords = z.infer<typeof RecordsShape>;

export const BoardRecordsSchema = RecordsShape.superRefine((r, ctx) => {
  for (const problem of findBrokenLinks(r)) ctx.addIssue({ code: "custom", message: problem });
});

/** Every id that points nowhere, and every duplicate id, described for the person fixing it. */
export function findBrokenLinks(r: BoardRecords): string[] {
  const problems: string[] = [];
  const ids = (kind: string, items: { id: string }[]) => {
    const seen = new Set<string>();
    for (const { id } of items) {
      if (seen.has(id)) problems.push(`${kind} id "${id}" is used twice`);
      seen.add(id);
    }
    return seen;
  };
  const plans = ids("plan", r.plans);
  const sections = ids("section", r.sections);
  const deliverables = ids("deliverable", r.deliverables);
  const actions = ids("action", r.actions);
  const people = ids("person", r.people);
  const leads = ids("lead", r.leads);
  const subgroups = ids("subgroup", r.subgroups);
  ids("progress update", r.progressUpdates);
  ids("action event", r.actionEvents);

  const need = (set: Set<string>, id: string | null, what: string) => {
    if (id !== null && !set.has(id)) problems.push(`${what} "${id}", which does not exist`);
  };
  for (const p of r.plans) for (const m of p.managers) need(people, m, `plan ${p.id} is managed by person`);
  for (const s of r.sections) need(plans, s.planId, `section ${s.id} belongs to plan`);
  for (const d of r.deliverables) {
    need(sections, d.sectionId, `deliverable ${d.id} belongs to section`);
    need(leads, d.lead.leadId, `deliverable ${d.id} names lead`);
  }
  // The directory indexed once and each plan's boards by id: linear in the actions, not actions × leads.
  const resolve = leadResolver(r.leads);
  const boardsOf = new Map<string, readonly string[]>();
  for (const p of r.plans) if (!boardsOf.has(p.id)) boardsOf.set(p.id, p.boards); // the first, as leadOfAction reads it
  for (const a of r.actions) {
    need(plans, a.planId, `action ${a.id} belongs to plan`);
    need(sections, a.sectionId, `action ${a.id} belongs to section`);
    need(deliverables, a.deliverableId, `action ${a.id} belongs to deliverable`);
    need(leads, a.lead.leadId, `action ${a.id} names lead`);
    const resolved = resolve(a.lead.asWritten, boardsOf.get(a.planId) ?? []);
    if (a.lead.leadId !== null && resolved?.id !== a.lead.leadId) {
      problems.push(`action ${a.id}: lead "${a.lead.asWritten}" is not what directory entry "${a.lead.leadId}" says`);
    }
  }
  for (const u of r.progressUpdates) {
    need(actions, u.actionId, `progress update ${u.id} is about action`);
    need(people, u.author.personId, `progress update ${u.id} was written by person`);
  }
  for (const e of r.actionEvents) need(actions, e.actionId, `action event ${e.id} is about action`);
  for (const l of r.leads) {
    for (const m of l.members) need(people, m, `lead ${l.id} has member`);
    for (const g of l.subgroups) need(subgroups, g, `lead ${l.id} belongs to subgroup`);
  }
  for (const g of r.subgroups) {
    need(people, g.chair, `subgroup ${g.id} is chaired by person`);
    for (const d of g.deliverables) need(plans, d.planId, `subgroup ${g.id} has a deliverable for plan`);
  }
  return problems;
}

type BoardOwned = Pick<BoardRecords, "plans" | "actions" | "leads" | "people" | "subgroups">;

/**
 * Leads and people stored before records carried their boards read as belonging to none. They
 * take the boards of the plans that use them: a lead, those whose actions were linked to it (by
 * its id, never by its words alone, or any board could claim another's unused lead by writing its
 * words); a person, those they manage, lead in or chair a subgroup of. What no plan uses keeps
 * none, and only an administrator may change it until it is given a board.
 */
export function withBoards<R extends BoardOwned>(r: R): R {
  if (!r.leads.some((l) => l.boards.length === 0) && !r.people.some((p) => p.boards.length === 0)) return r;
  const boardsOf = (planIds: Iterable<string>) => [...new Set([...planIds].flatMap((id) => r.plans.find((p) => p.id === id)?.boards ?? []))];
  const leads = r.leads.map((l) => {
    if (l.boards.length > 0) return l;
    const uses = r.actions.filter((a) => a.lead.leadId === l.id && leadKey(a.lead.asWritten) === leadKey(l.asWritten));
    return { ...l, boards: boardsOf(uses.map((a) => a.planId)) };
  });
  const people = r.people.map((person) => {
    if (person.boards.length > 0) return person;
    const boards = new Set([
      ...boardsOf(r.plans.filter((p) => p.managers.includes(person.id)).map((p) => p.id)),
      ...leads.filter((l) => l.members.includes(person.id)).flatMap((l) => l.boards),
      ...r.subgroups.filter((g) => g.chair === person.id).flatMap((g) => g.boards),
    ]);
    return { ...person, boards: [...boards] };
  });
  return { ...r, leads, people };
}
