import { z } from "zod";
import { InputError, parseInput } from "./errors.js";
import { IdSchema, textOf } from "./ids.js";
import { LeadSchema, PersonSchema, leadKey, resolveLead, type Lead, type Person } from "./lead.js";
import { SubgroupSchema, type Subgroup } from "./subgroup.js";

/**
 * Board managers keep the leads directory (who answers for each lead as plans write it), the
 * people in it and the subgroups. A lead's wording is fixed once made: actions find their lead
 * by it, so renaming would silently orphan them; make a new entry instead.
 */
const nonEmpty = (e: object) => Object.keys(e).length > 0;
/** The boards a record belongs to, as the plans write the boards' names. */
export const BoardNamesSchema = z.array(textOf(200)).min(1, "name at least one board").transform((b) => [...new Set(b)]);
const EMPTY_EDIT = "an edit must change at least one field";

const PersonFields = z.object({
  displayName: textOf(200),
  jobTitle: textOf(200),
  email: z.email().max(254, "an email address is at most 254 characters"),
  entraObjectId: textOf(100),
  channel: PersonSchema.shape.channel,
  boards: BoardNamesSchema,
});
/** A person picked from the tenant's directory: its id, and the job title and email when the directory lacks them. */
export const NewPersonSchema = z
  // Entra object ids are GUIDs: hex digits and hyphens. Anything else ("..", a path) is refused
  // before it is put in a Graph address.
  .object({ entraObjectId: textOf(100).regex(/^[0-9a-f][0-9a-f-]{7,63}$/i, "must be an Entra object id; pick the person from the directory"), jobTitle: textOf(200).optional(), email: PersonFields.shape.email.optional(), channel: PersonSchema.shape.channel, boards: BoardNamesSchema.optional() })
  .strict();
export const PersonEditSchema = PersonFields.extend({ channel: z.enum(["teams-else-email", "teams", "email", "both"]) }).partial().strict().refine(nonEmpty, EMPTY_EDIT);
export type NewPerson = z.infer<typeof NewPersonSchema>;
export type PersonEdit = z.infer<typeof PersonEditSchema>;

/** Two people with one Entra object id would send one person's reminders to the other. */
function entraIdFree(entraObjectId: string, people: readonly Person[], except?: string) {
  const other = people.find((p) => p.id !== except && p.entraObjectId === entraObjectId);
  if (other) throw new InputError("entraObjectId", `${other.displayName} already has this Entra object id`);
}

/** The person as the tenant's directory knows them; what it lacks must be given, or it is refused naming the field. */
export function personFromDirectory(user: { id: string; displayName: string | null; jobTitle?: string | null; mail?: string | null }, input: NewPerson & { boards: string[] }): Omit<Person, "id"> {
  const jobTitle = input.jobTitle ?? user.jobTitle ?? null;
  const email = input.email ?? user.mail ?? null;
  if (!user.displayName) throw new InputError("entraObjectId", "the directory has no name for this person");
  if (!jobTitle) throw new InputError("jobTitle", "the directory has no job title for this person: give one");
  if (!email) throw new InputError("email", "the directory has no email for this person: give one");
  return parseInput(PersonFields, { displayName: user.displayName, jobTitle, email, entraObjectId: user.id, channel: input.channel, boards: input.boards });
}

export function newPerson(input: Omit<Person, "id">, context: { id: string; people: readonly Person[] }): Person {
  entraIdFree(input.entraObjectId, context.people);
  return PersonSchema.parse({ ...input, id: context.id });
}

export function applyPersonEdit(person: Person, edit: PersonEdit, context: { people: readonly Person[] }): Person {
  if (edit.entraObjectId !== undefined) entraIdFree(edit.entraObjectId, context.people, person.id);
  // A manager entering the address (again) is told it will be tried: a bounce no longer stops email.
  if (edit.email !== undefined && person.emailBounce && !person.emailBounce.cleared) return { ...person, ...edit, emailBounce: { ...person.emailBounce, cleared: true } };
  return { ...person, ...edit };
}

const LeadFields = z.object({
  asWritten: textOf(255), // actions keep it in a single-line SharePoint column
  kind: z.enum(["role", "group", "several"]),
  members: z.array(IdSchema).min(1, "a lead needs at least one person who answers for it"),
  chair: IdSchema.nullable().default(null),
  remind: z.enum(["chair", "all"]).default("all"),
  subgroups: z.array(IdSchema).default([]),
  /** The boards whose directory it joins; if not given, those of whoever adds it. */
  boards: BoardNamesSchema.optional(),
});
export const NewLeadSchema = LeadFields.strict();
export const LeadEditSchema = LeadFields.omit({ asWritten: true })
  .extend({ chair: IdSchema.nullable(), remind: z.enum(["chair", "all"]), subgroups: z.array(IdSchema), boards: BoardNamesSchema })
  .partial()
  .strict()
  .refine(nonEmpty, EMPTY_EDIT);
export type NewLead = z.infer<typeof NewLeadSchema>;
export type LeadEdit = z.infer<typeof LeadEditSchema>;

interface Directory {
  people: readonly Person[];
  leads: readonly Lead[];
  subgroups: readonly Subgroup[];
}

function checkLead(lead: Lead, directory: Directory): Lead {
  for (const id of lead.members) if (!directory.people.some((p) => p.id === id)) throw new InputError("members", `there is no person "${id}" in the directory`);
  for (const id of lead.subgroups) if (!directory.subgroups.some((g) => g.id === id)) throw new InputError("subgroups", `there is no subgroup "${id}"`);
  return parseInput(LeadSchema, { ...lead, members: [...new Set(lead.members)], subgroups: [...new Set(lead.subgroups)] });
}

/** A new lead of these boards: its words need only be new to their directory (another board may write the same). */
export function newLead(input: NewLead & { boards: string[] }, context: Directory & { id: string }): Lead {
  const same = resolveLead(input.asWritten, context.leads, input.boards);
  if (same) throw new InputError("asWritten", `the directory already has "${same.asWritten}" (${leadKey(input.asWritten)} matches it)`);
  return checkLead({ ...input, id: context.id }, context);
}

export function applyLeadEdit(lead: Lead, edit: LeadEdit, context: Directory): Lead {
  if (edit.boards) {
    const same = context.leads.find((l) => l.id !== lead.id && resolveLead(lead.asWritten, [l], edit.boards!) !== null);
    if (same) throw new InputError("boards", `a board named already has its own lead "${same.asWritten}"`);
  }
  return checkLead({ ...lead, ...edit }, context);
}

export const NewSubgroupSchema = z
  .object({
    name: textOf(200),
    kind: z.enum(["subgroup", "board"]).default("subgroup"),
    boards: z.array(textOf(200)).min(1, "name at least one board it serves"),
    role: textOf(2000),
    chair: IdSchema.nullable().default(null),
  })
  .strict();
export const SubgroupEditSchema = z
  .object({ name: textOf(200), boards: z.array(textOf(200)).min(1, "name at least one board it serves"), role: textOf(2000), chair: IdSchema.nullable(), digestAt: SubgroupSchema.shape.digestAt })
  .partial()
  .strict()
  .refine(nonEmpty, EMPTY_EDIT);
export type NewSubgroup = z.infer<typeof NewSubgroupSchema>;
export type SubgroupEdit = z.infer<typeof SubgroupEditSchema>;

const chairKnown = (chair: string | null, people: readonly Person[]) => {
  if (chair !== null && !people.some((p) => p.id === chair)) throw new InputError("chair", `there is no person "${chair}" in the directory`);
};

export function newSubgroup(input: NewSubgroup, context: { id: string; people: readonly Person[]; subgroups: readonly Subgroup[] }): Subgroup {
  if (context.subgroups.some((g) => g.name.toLowerCase() === input.name.toLowerCase())) throw new InputError("name", `there is already a subgroup called "${input.name}"`);
  chairKnown(input.chair, context.people);
  return SubgroupSchema.parse({ ...input, id: context.id, digestAt: null, deliverables: [] });
}

export function applySubgroupEdit(subgroup: Subgroup, edit: SubgroupEdit, context: { people: readonly Person[]; subgroups: readonly Subgroup[] }): Subgroup {
  if (edit.chair !== undefined) chairKnown(edit.chair, context.people);
  if (edit.name !== undefined && context.subgroups.some((g) => g.id !== subgroup.id && g.name.toLowerCase() === edit.name!.toLowerCase())) {
    throw new InputError("name", `there is already a subgroup called "${edit.name}"`);
  }
  return { ...subgroup, ...edit };
}
