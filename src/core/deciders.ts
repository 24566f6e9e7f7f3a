import type { ActingRole } from "./action-event.js";
import { leadOfAction } from "./lead.js";
import type { BoardRecords } from "./records.js";

export interface Decider {
  personId: string;
  name: string;
  /** The role they decide in: "Megan Bowen (board manager)". */
  role: Extract<ActingRole, "board manager" | "subgroup chair">;
}

/**
 * Who decides a lead's deadline request or signs off a completion: the plan's board managers,
 * then the chairs of the subgroups the action's lead belongs to — never the person who asked
 * (nor the manager who recorded it for them). Each person once, as a manager first.
 */
export function decidersOf(
  action: { planId: string; lead: { asWritten: string } },
  records: Pick<BoardRecords, "plans" | "leads" | "subgroups" | "people">,
  askedBy: readonly (string | null)[] = [],
): Decider[] {
  const plan = records.plans.find((p) => p.id === action.planId);
  const lead = leadOfAction(action, records.plans, records.leads);
  const chairs = records.subgroups.filter((s) => lead?.subgroups.includes(s.id) && s.chair !== null).map((s) => s.chair!);
  const seen = new Set<string>(askedBy.filter((id): id is string => id !== null));
  const out: Decider[] = [];
  const add = (personId: string, role: Decider["role"]) => {
    const person = records.people.find((p) => p.id === personId);
    if (!person || seen.has(personId)) return;
    seen.add(personId);
    out.push({ personId, name: person.displayName, role });
  };
  for (const id of plan?.managers ?? []) add(id, "board manager");
  for (const id of chairs) add(id, "subgroup chair");
  return out;
}

/** "Megan Bowen (board manager)", "Megan Bowen (board manager) or Diego Siciliani (subgroup chair)"; with nobody named, the plan's board manager. */
export function decidersWords(deciders: readonly Decider[]): string {
  if (deciders.length === 0) return "the plan's board manager";
  const names = deciders.map((d) => `${d.name} (${d.role})`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}
