import type { Conversation } from "../src/core/conversation.js";
import type { Person } from "../src/core/lead.js";
import type { DeliveryStore } from "../src/core/store.js";
import type { InstallResult } from "../src/store/teams-installer.js";

/** Installs Assure for a person and says how the bot reaches the chat that makes. */
export interface Installer {
  install(entraObjectId: string): Promise<InstallResult>;
  /** The conversation reference for a chat Graph gave (the bot's service URL, tenant, ids). */
  reference(chatId: string, person: Person): Record<string, unknown>;
}

const WHY: Record<Exclude<InstallResult, { ok: true }>["reason"], string> = {
  "not-in-catalog": "Assure is not in your organisation's Teams app catalog (ask a Teams administrator to add it)",
  "app-not-allowed": "Assure's Graph permission does not let it install Teams apps for people (an administrator grants TeamsAppInstallation.ReadWriteForUser.All: docs/deploy.md, step 3)",
  "not-published": "Assure waits for a Teams administrator's approval in your organisation's app catalog",
  "no-teams": "they have no Teams account or licence in this organisation",
  "not-permitted": "Teams would not install Assure for them (a policy or their settings)",
  failed: "installing Assure for them failed",
};

/**
 * Installs Assure for one person and records the outcome as their conversation: the chat on
 * success (so the sweep can send at once), or the reason on failure (shown in the tab's "Lead
 * not reachable", and returned so the plan's managers are told, once). Updates `conversations`.
 */
export async function installFor(deps: { store: DeliveryStore; installer?: Installer | null }, person: Person, conversations: Conversation[], now: Date): Promise<string | null> {
  const result = await deps.installer!.install(person.entraObjectId);
  const record: Conversation = result.ok
    ? { entraObjectId: person.entraObjectId, reference: deps.installer!.reference(result.chatId, person), stale: false, updatedAt: now.toISOString(), reason: null }
    : { entraObjectId: person.entraObjectId, reference: {}, stale: true, updatedAt: now.toISOString(), reason: WHY[result.reason] };
  await deps.store.saveConversation(record);
  const at = conversations.findIndex((c) => c.entraObjectId === person.entraObjectId);
  if (at >= 0) conversations[at] = record;
  else conversations.push(record);
  return result.ok ? null : WHY[result.reason];
}
