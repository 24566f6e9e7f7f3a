import { z } from "zod";
import { InstantSchema } from "./ids.js";

/**
 * Where the bot can reach a person in Teams: the conversation reference Teams gave when the
 * app was installed, kept per Entra object id. `stale` once Teams refuses a send (the person
 * blocked or removed the app), so board managers can see who cannot be reached.
 */
export const ConversationSchema = z.object({
  entraObjectId: z.string().min(1),
  reference: z.record(z.string(), z.unknown()),
  stale: z.boolean(),
  updatedAt: InstantSchema,
  /** Why Assure cannot reach them in Teams, in words for a board manager (a block, no Teams, the app not in the catalog). */
  reason: z.string().min(1).nullable().optional(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export type Reach = "reachable" | "unreachable" | "not-installed";

/** Whether the bot can reach a person: through a conversation that Teams has not refused. */
export function reachOf(
  entraObjectId: string | undefined,
  conversations: readonly Conversation[],
): { reach: Reach; conversation: Conversation | null } {
  const conversation = conversations.find((c) => entraObjectId !== undefined && c.entraObjectId === entraObjectId) ?? null;
  if (!conversation) return { reach: "not-installed", conversation: null };
  return conversation.stale ? { reach: "unreachable", conversation: null } : { reach: "reachable", conversation };
}

/**
 * Whether Assure can reach a person at all: in Teams, or by email when their channel allows it
 * and Assure sends email. "reachable" if either works; else why Teams cannot.
 */
export function leadReach(
  person: { entraObjectId: string; email: string; channel: "teams-else-email" | "teams" | "email" | "both" } | undefined,
  conversations: readonly Conversation[],
  emailEnabled: boolean,
): Reach {
  const teams = reachOf(person?.entraObjectId, conversations).reach;
  if (teams === "reachable" && person?.channel !== "email") return "reachable";
  if (emailEnabled && person?.email && person.channel !== "teams") return "reachable";
  return teams === "reachable" ? "not-installed" : teams;
}
