import { z } from "zod";
import { IdSchema } from "./ids.js";

/** A demo or real person who can answer for a lead. The Entra object id is how Teams knows them. */
export const PersonSchema = z.object({
  id: IdSchema,
  displayName: z.string().min(1),
  jobTitle: z.string().min(1),
  email: z.email(),
  entraObjectId: z.string().min(1),
  /** How Assure reaches them: Teams when it can, else email (the default); or only one; or both. */
  channel: z.enum(["teams-else-email", "teams", "email", "both"]).default("teams-else-email"),
});
export type Person = z.infer<typeof PersonSchema>;
export type PersonChannel = Person["channel"];

/**
 * The leads directory: each lead as a plan writes it ("SAR Coordinator", "Performance Group
 * Engagement Group") mapped to the people who answer for it. A group is reminded through its
 * chair, or through all its members when `remind` says so.
 */
export const LeadSchema = z
  .object({
    id: IdSchema,
    asWritten: z.string().min(1),
    kind: z.enum(["role", "group", "several"]),
    members: z.array(IdSchema).min(1, "a lead needs at least one person who answers for it"),
    chair: IdSchema.nullable(),
    remind: z.enum(["chair", "all"]),
    subgroups: z.array(IdSchema),
  })
  .refine((l) => l.chair === null || l.members.includes(l.chair), {
    message: "the chair must be one of the members",
    path: ["chair"],
  })
  .refine((l) => l.remind === "all" || l.chair !== null, {
    message: "a lead reminded through its chair needs a chair",
    path: ["remind"],
  });
export type Lead = z.infer<typeof LeadSchema>;

/** A lead as written, compared loosely: case and spacing vary between documents. */
export const leadKey = (asWritten: string): string => asWritten.toLowerCase().replace(/\s+/g, " ").trim();

export function resolveLead(asWritten: string, directory: readonly Lead[]): Lead | null {
  const key = leadKey(asWritten);
  return directory.find((l) => leadKey(l.asWritten) === key) ?? null;
}

/** resolveLead for many actions at once: the directory is indexed once, so n actions cost n look-ups, not n × leads. */
export function leadResolver(directory: readonly Lead[]): (asWritten: string) => Lead | null {
  const byKey = new Map<string, Lead>();
  for (const lead of directory) {
    const key = leadKey(lead.asWritten);
    if (!byKey.has(key)) byKey.set(key, lead); // the first entry wins, as in resolveLead
  }
  return (asWritten) => byKey.get(leadKey(asWritten)) ?? null;
}

/** The people a reminder for this lead goes to. */
export function leadRecipients(lead: Lead): string[] {
  return lead.remind === "chair" && lead.chair !== null ? [lead.chair] : lead.members;
}

/** Whether this person answers for the action's lead, and so may report progress on it. */
export function answersFor(lead: Lead | null, personId: string): boolean {
  return lead !== null && lead.members.includes(personId);
}
