import { z } from "zod";
import { deliveryChannels } from "./delivery-channel.js";
import { emailUsable, type EmailBounce } from "./email-bounce.js";
import { InstantSchema } from "./ids.js";
import type { PersonChannel } from "./lead.js";

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
 * Whether Assure can reach a person at all: by the channels their choice allows (Teams now, or
 * email when Assure sends it and their address has not bounced); else why Teams cannot.
 */
export function leadReach(
  person: { entraObjectId: string; email: string; channel: PersonChannel; emailBounce?: EmailBounce | null | undefined } | undefined,
  conversations: readonly Conversation[],
  emailEnabled: boolean,
): Reach {
  const teams = reachOf(person?.entraObjectId, conversations).reach;
  if (person && deliveryChannels(person.channel, { teams: teams === "reachable", email: emailEnabled && emailUsable(person) }).length > 0) return "reachable";
  return teams === "reachable" ? "not-installed" : teams;
}

/** A failed install is tried again after this long (a licence assigned, the app added to the catalog). */
export const INSTALL_RETRY_MS = 7 * 86_400_000;

/**
 * Whether to install Assure for someone: nothing known of them yet, or an install that failed
 * long enough ago. A block (Teams refused a message: a stored reference) is respected.
 */
export function needsInstall(entraObjectId: string, conversations: readonly Conversation[], now: Date): boolean {
  const known = conversations.find((c) => c.entraObjectId === entraObjectId);
  if (!known) return true;
  return known.stale && Object.keys(known.reference).length === 0 && now.getTime() - Date.parse(known.updatedAt) >= INSTALL_RETRY_MS;
}
