import { leavesNoAdministrator } from "../core/administrators.js";
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
  const last = args.includes("--last");
  const [verb, who, ...rest] = args.filter((a) => a !== "--last");
  if (last && verb !== "remove") throw new UsageError(`admin: --last goes with remove only; usage: ${ADMIN_USAGE}`);
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
    const stored = (await registry.list()).map((a) => a.entraObjectId);
    const storedHere = stored.some((id) => id.toLowerCase() === user.id.toLowerCase());
    if (storedHere && !last && leavesNoAdministrator({ configuredUsers: settings.admins.users, configuredGroups: settings.admins.groups, stored, removing: user.id })) {
      throw new UsageError(
        `admin: ${name} is the last Assure administrator; without one, nobody can add people or fix an account. Add another first (assure admin add <email>) or name one in ASSURE_ADMINS; to leave Assure with none, run: assure admin remove ${who} --last`,
      );
    }
    const removed = await registry.remove(user.id);
    const still = settings.admins.users.includes(user.id.toLowerCase()) ? "; ASSURE_ADMINS still names them: remove them there too" : "";
    return [removed ? `${name} (${user.id}) is no longer an Assure administrator${still}` : `${name} (${user.id}) was not an administrator added with assure admin add${still}`];
  } finally {
    await opened.close();
  }
}
