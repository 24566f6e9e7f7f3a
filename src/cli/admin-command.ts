import { UsageError } from "../core/errors.js";
import { AdminRegistry } from "../store/admin-registry.js";
import { openStore } from "./open-store.js";
import type { Settings } from "./settings.js";
import { ADMIN_USAGE } from "./usage.js";

/**
 * Assure administrators kept in the site (ASSURE_ADMINS needs a restart; these do not: servers
 * see a change within a minute). A person is named by email or object id and looked up in the
 * tenant's directory, so nobody is made an administrator by a mistyped id.
 */
export async function adminCommand(args: string[], settings: Settings): Promise<string[]> {
  const [verb, who, ...rest] = args;
  if (!verb || !["add", "remove", "list"].includes(verb) || rest.length > 0 || (verb !== "list" && !who) || (verb === "list" && who)) {
    throw new UsageError(`admin: usage: ${ADMIN_USAGE}`);
  }
  const opened = await openStore(settings, { seedDemo: settings.mode === "emulator" });
  try {
    const registry = new AdminRegistry(opened.lists);
    const configured = [...settings.admins.users, ...settings.admins.groups.map((g) => `group:${g}`)];
    if (verb === "list") {
      const stored = await registry.list();
      return [
        ...(configured.length ? configured.map((id) => `${id}  (ASSURE_ADMINS)`) : ["ASSURE_ADMINS names nobody"]),
        ...(stored.length ? stored.map((a) => `${a.entraObjectId}  ${a.displayName}  (added ${a.addedAt})`) : ["no administrators added with assure admin add"]),
      ];
    }
    const user = await opened.directory.user(who!);
    if (!user) throw new UsageError(`admin: nobody in the tenant's directory is "${who}"; give their email (user principal name) or Entra object id`);
    const name = user.displayName ?? user.id;
    if (verb === "add") {
      const result = await registry.add({ entraObjectId: user.id, displayName: name, addedAt: new Date().toISOString() });
      return [result === "created" ? `${name} (${user.id}) is now an Assure administrator` : `${name} (${user.id}) already was an Assure administrator`];
    }
    const removed = await registry.remove(user.id);
    const still = settings.admins.users.includes(user.id.toLowerCase()) ? "; ASSURE_ADMINS still names them: remove them there too" : "";
    return [removed ? `${name} (${user.id}) is no longer an Assure administrator${still}` : `${name} (${user.id}) was not an administrator added with assure admin add${still}`];
  } finally {
    await opened.close();
  }
}
