import { z } from "zod";

/** ASSURE_ADMINS: Entra object ids of people, and at most one group as `group:<id>`, comma-separated. */
// Agents Playground's mock users have 13 digits in the last part; Entra's have 12.
const GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}";
export const AdminsSettingSchema = z
  .string()
  .transform((text) => text.split(",").map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(new RegExp(`^(group:)?${GUID}$`, "i"), "each entry is an Entra object id, or group:<group object id>")))
  .transform((entries) => ({ users: entries.filter((e) => !e.startsWith("group:")).map((e) => e.toLowerCase()), groups: entries.filter((e) => e.startsWith("group:")).map((e) => e.slice(6).toLowerCase()) }))
  .refine((a) => a.groups.length <= 1, "name at most one administrators' group");
export type AdminsSetting = z.infer<typeof AdminsSettingSchema>;

export interface AdminSources {
  configured: AdminsSetting;
  /** Administrators added with `assure admin add`. */
  stored: () => Promise<string[]>;
  memberOf: (entraObjectId: string, groupId: string) => Promise<boolean>;
  now?: () => number;
}

/** Stored administrators are re-read at most this often, so an `assure admin add` is seen within a minute. */
const STORED_TTL_MS = 60_000;
const GROUP_TTL_MS = 5 * 60_000;

/** Whether someone signed in is an Assure administrator; Graph is asked only when the setting alone cannot say. */
export function adminCheck(sources: AdminSources): (entraObjectId: string) => Promise<boolean> {
  const now = sources.now ?? Date.now;
  let stored: { at: number; ids: Promise<string[]> } | null = null;
  const groupAnswers = new Map<string, { at: number; member: Promise<boolean> }>();
  return async (entraObjectId) => {
    const oid = entraObjectId.toLowerCase();
    if (sources.configured.users.includes(oid)) return true;
    if (!stored || now() - stored.at > STORED_TTL_MS) {
      stored = { at: now(), ids: sources.stored().then((ids) => ids.map((i) => i.toLowerCase())) };
      stored.ids.catch(() => (stored = null)); // a failed read is tried again next time
    }
    if ((await stored.ids).includes(oid)) return true;
    for (const group of sources.configured.groups) {
      let answer = groupAnswers.get(oid);
      if (!answer || now() - answer.at > GROUP_TTL_MS) {
        answer = { at: now(), member: sources.memberOf(oid, group) };
        groupAnswers.set(oid, answer);
        answer.member.catch(() => groupAnswers.delete(oid));
      }
      if (await answer.member) return true;
    }
    return false;
  };
}
