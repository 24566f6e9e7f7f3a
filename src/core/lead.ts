import { z } from "zod";
import { EmailBounceSchema } from "./email-bounce.js";
import { IdSchema } from "./ids.js";

/** Board names as the plans write them. Rows from before boards were kept read as none, and are filled in by `withBoards`. */
export const BoardsSchema = z.array(z.string().min(1)).default([]);

/** Whether a record of these boards belongs to any of those. */
export const sharesBoard = (boards: readonly string[], others: readonly string[]): boolean => boards.some((b) => others.includes(b));

/** A demo or real person who can answer for a lead. The Entra object id is how Teams knows them. */
export const PersonSchema = z.object({
  id: IdSchema,
  displayName: z.string().min(1),
  jobTitle: z.string().min(1),
  email: z.email(),
  entraObjectId: z.string().min(1),
  /** How Assure reaches them: Teams when it can, else email (the default); or only one; or both. */
  channel: z.enum(["teams-else-email", "teams", "email", "both"]).default("teams-else-email"),
  /** The boards whose directory holds them (as plans write the boards' names); only those boards' managers may change them. */
  boards: BoardsSchema,
  /** Their email bounced (a non-delivery report in the board mailbox): src/core/email-bounce.ts. Absent when it never has. */
  emailBounce: EmailBounceSchema.nullable().optional(),
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
    /** The boards whose plans may name this lead: a plan of another board writing the same words means a lead of its own. */
    boards: BoardsSchema,
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

/**
 * The lead these words mean in these boards' directory. Each board keeps its own directory: two
 * boards both writing "Board Business Manager" mean two different people, so a lead of another
 * board is never found, whatever its words.
 */
export function resolveLead(asWritten: string, directory: readonly Lead[], boards: readonly string[]): Lead | null {
  const key = leadKey(asWritten);
  return directory.find((l) => leadKey(l.asWritten) === key && sharesBoard(l.boards, boards)) ?? null;
}

/**
 * `resolveLead` for many actions against one directory: the directory is indexed by its words
 * once, so a plan of 10,000 actions is not 10,000 scans of every lead. Same answers, in the same
 * order of preference (the first matching lead in the directory).
 */
export function leadResolver(directory: readonly Lead[]): (asWritten: string, boards: readonly string[]) => Lead | null {
  const byKey = new Map<string, Lead[]>();
  for (const lead of directory) {
    const key = leadKey(lead.asWritten);
    byKey.set(key, [...(byKey.get(key) ?? []), lead]);
  }
  return (asWritten, boards) => byKey.get(leadKey(asWritten))?.find((l) => sharesBoard(l.boards, boards)) ?? null;
}

/** The lead an action names, looked up in its own plan's boards' directory. */
export function leadOfAction(action: { planId: string; lead: { asWritten: string } }, plans: readonly { id: string; boards: readonly string[] }[], directory: readonly Lead[]): Lead | null {
  const boards = plans.find((p) => p.id === action.planId)?.boards ?? [];
  return resolveLead(action.lead.asWritten, directory, boards);
}

/** The people a reminder for this lead goes to. */
export function leadRecipients(lead: Lead): string[] {
  return lead.remind === "chair" && lead.chair !== null ? [lead.chair] : lead.members;
}

/** Whether this person answers for the action's lead, and so may report progress on it. */
export function answersFor(lead: Lead | null, personId: string): boolean {
  return lead !== null && lead.members.includes(personId);
}
