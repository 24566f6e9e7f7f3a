import { ListError } from "./lists.js";

/**
 * The tenant's directory as Graph shows it (`/users`, `/groups`), for the people picker and
 * for checking administrators' group membership. Read-only: a fictional directory given at start.
 * Graph documents: user resource (id, displayName, jobTitle, mail, userPrincipalName, userType),
 * `$filter=startswith(displayName,'…')`, `POST /users/{id}/checkMemberGroups`.
 */
export interface DirectoryUser {
  id: string;
  displayName: string;
  jobTitle: string | null;
  mail: string | null;
  userPrincipalName: string;
  userType: "Member" | "Guest";
  /** False: no Teams licence (installing an app for them fails). */
  teams?: boolean;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  members: string[];
}

/** An app in the Teams app catalog (appcatalogs-list-teamsapps.md). */
export interface CatalogApp {
  id: string;
  externalId: string;
  displayName: string;
  /** "organization" (the tenant's own catalog, the default here), "store" or "sideloaded". */
  distributionMethod?: "organization" | "store" | "sideloaded";
  /** Its app definition's review state: "published" (approved, the default), "submitted" (pending) or "rejected". */
  publishingState?: "published" | "submitted" | "rejected";
  /** The manifest's webApplicationInfo.id (appDefinition azureADAppId): the only app that may install it with TeamsAppInstallation.ReadWriteSelfForUser.All. */
  azureADAppId?: string | null;
}

export interface Directory {
  users: DirectoryUser[];
  groups: DirectoryGroup[];
  catalog?: CatalogApp[];
  /**
   * Who calls Graph to install apps, as its token says (appid and application roles); any caller
   * may, unless given. With only TeamsAppInstallation.ReadWriteSelfForUser.All an app may install
   * only the Teams app whose manifest webApplicationInfo.id is its own app id.
   */
  installCaller?: { appId: string; roles: readonly string[] };
}

interface DirectoryRequest {
  method: string;
  parts: string[];
  query: URLSearchParams;
  body: unknown;
  /** The caller's Graph application roles, as its token carries them; null: not checked. */
  roles?: readonly string[] | null;
}

/**
 * checkMemberGroups for another user, application permissions (user-checkmembergroups.md):
 * User.Read.All and GroupMember.Read.All, or Group.Read.All, or Directory.Read.All. Without
 * them Graph answers 403 Authorization_RequestDenied.
 */
function mayCheckMemberGroups(roles: readonly string[]): boolean {
  if (roles.includes("Directory.Read.All")) return true;
  return roles.includes("User.Read.All") && (roles.includes("GroupMember.Read.All") || roles.includes("Group.Read.All"));
}

const USER_FIELDS = ["id", "displayName", "jobTitle", "mail", "userPrincipalName", "userType"] as const;
/** Apps installed for each user (by user id), in this run of the emulator. */
const installs = new WeakMap<Directory, Map<string, { id: string; teamsAppId: string }[]>>();
const notFound = (id: string) => new ListError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

function selected(user: DirectoryUser, select: string | null) {
  const fields = select ? select.split(",").map((f) => f.trim()) : [...USER_FIELDS];
  for (const f of fields) if (!(USER_FIELDS as readonly string[]).includes(f)) throw new ListError(400, "Request_BadRequest", `Could not find a property named '${f}' on type 'microsoft.graph.user'.`);
  return { "@odata.type": "#microsoft.graph.user", ...Object.fromEntries(fields.map((f) => [f, user[f as keyof DirectoryUser]])) };
}

/** `startswith(field,'text')` clauses joined by `or`: the form the people picker sends. Quotes inside a value are doubled, as OData writes them. */
function userFilter(text: string): (u: DirectoryUser) => boolean {
  const clause = /\s*startswith\((displayName|mail|userPrincipalName|givenName|surname),\s*'((?:[^']|'')*)'\)\s*(?:or\b|$)/iy;
  const clauses: { field: "displayName" | "mail" | "userPrincipalName"; value: string }[] = [];
  for (let at = 0; at < text.length; at = clause.lastIndex) {
    clause.lastIndex = at;
    const m = clause.exec(text);
    if (!m) throw new ListError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified: '${text.slice(at)}'.`);
    clauses.push({ field: m[1] as "displayName" | "mail" | "userPrincipalName", value: m[2]!.replace(/''/g, "'").toLowerCase() });
  }
  return (u) => clauses.some((c) => (u[c.field] ?? "").toLowerCase().startsWith(c.value));
}

export function directoryRequest(directory: Directory, req: DirectoryRequest): { status: number; body: unknown } {
  const [collection, ref, action] = req.parts;
  if (collection === "users" && ref !== undefined && action === "teamwork") return teamwork(directory, req);
  const findUser = (key: string) => directory.users.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === key.toLowerCase()) ?? null;
  if (collection === "users" && ref === undefined && req.method === "GET") {
    const filter = req.query.get("$filter");
    const top = Number(req.query.get("$top") ?? 100);
    if (!Number.isInteger(top) || top < 1 || top > 999) throw new ListError(400, "Request_BadRequest", "Invalid page size specified: '$top' must be between 1 and 999.");
    const users = directory.users.filter(filter ? userFilter(filter) : () => true).slice(0, top);
    return { status: 200, body: { value: users.map((u) => selected(u, req.query.get("$select"))) } };
  }
  if (collection === "users" && ref !== undefined) {
    const user = findUser(ref);
    if (!user) throw notFound(ref);
    if (action === undefined && req.method === "GET") return { status: 200, body: selected(user, req.query.get("$select")) };
    if (action === "checkMemberGroups" && req.method === "POST") {
      if (req.roles && !mayCheckMemberGroups(req.roles)) throw new ListError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
      const ids = (req.body as { groupIds?: unknown })?.groupIds;
      if (!Array.isArray(ids) || ids.length > 20) throw new ListError(400, "Request_BadRequest", "groupIds must be an array of at most 20 ids.");
      return { status: 200, body: { value: directory.groups.filter((g) => ids.includes(g.id) && g.members.includes(user.id)).map((g) => g.id) } };
    }
  }
  if (collection === "appCatalogs" && ref === "teamsApps" && req.method === "GET") {
    // $filter: "eq" clauses on id, externalId or distributionMethod joined by "and" (the documented examples).
    const clauses = (req.query.get("$filter") ?? "").split(/\s+and\s+/).filter(Boolean).map((c) => {
      const m = /^(id|externalId|distributionMethod) eq '((?:[^']|'')*)'$/.exec(c.trim());
      if (!m) throw new ListError(400, "BadRequest", `Unsupported filter clause: ${c}`);
      return { field: m[1] as "id" | "externalId" | "distributionMethod", value: m[2]!.replace(/''/g, "'") };
    });
    const shaped = (directory.catalog ?? []).map((a) => ({ ...a, distributionMethod: a.distributionMethod ?? "organization" }));
    const apps = shaped.filter((a) => clauses.every((c) => a[c.field] === c.value));
    const expand = /^appDefinitions$/i.test(req.query.get("$expand") ?? "");
    return {
      status: 200,
      body: {
        value: apps.map((a) => ({
          id: a.id,
          externalId: a.externalId,
          displayName: a.displayName,
          distributionMethod: a.distributionMethod,
          ...(expand ? { appDefinitions: [{ id: `${a.id}-definition`, teamsAppId: a.id, azureADAppId: a.azureADAppId ?? null, displayName: a.displayName, version: "1.0.0", publishingState: a.publishingState ?? "published" }] } : {}),
        })),
      },
    };
  }
  if (collection === "groups" && ref !== undefined && action === undefined && req.method === "GET") {
    const group = directory.groups.find((g) => g.id === ref);
    if (!group) throw notFound(ref);
    return { status: 200, body: { "@odata.type": "#microsoft.graph.group", id: group.id, displayName: group.displayName } };
  }
  throw new ListError(400, "Request_BadRequest", `Unsupported directory request ${req.method} /${req.parts.join("/")}.`);
}

/**
 * Graph's installedApps for a user: install (201; 409 if already there), list, and the chat
 * between the user and the app. A user without a Teams licence answers 403; an app not in the
 * catalog 404.
 */
function teamwork(directory: Directory, req: DirectoryRequest): { status: number; body: unknown } {
  const [, userRef, , installed, installationId, chat] = req.parts;
  const user = directory.users.find((u) => u.id === userRef || u.userPrincipalName.toLowerCase() === String(userRef).toLowerCase());
  if (!user) throw notFound(String(userRef));
  if (installed !== "installedApps") throw new ListError(400, "BadRequest", `Unsupported teamwork request /${req.parts.join("/")}.`);
  const byUser = installs.get(directory) ?? new Map<string, { id: string; teamsAppId: string }[]>();
  installs.set(directory, byUser);
  const mine = byUser.get(user.id) ?? [];
  if (installationId === undefined && req.method === "POST") {
    if (user.teams === false) throw new ListError(403, "Forbidden", "The user does not have a license for Microsoft Teams.");
    const bind = String((req.body as Record<string, unknown> | null)?.["teamsApp@odata.bind"] ?? "");
    const appId = /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1];
    if (!appId || !(directory.catalog ?? []).some((a) => a.id === appId)) throw new ListError(404, "NotFound", `The Teams app '${appId ?? bind}' was not found in the app catalog.`);
    const caller = directory.installCaller;
    if (caller && !caller.roles.includes("TeamsAppInstallation.ReadWriteForUser.All")) {
      const app = directory.catalog!.find((a) => a.id === appId)!;
      // As Graph answers (microsoft-graph-docs issues #16666, #18708; msteams-docs #6820): Self permissions manage only the caller's own Teams app.
      if (!caller.roles.includes("TeamsAppInstallation.ReadWriteSelfForUser.All") || app.azureADAppId !== caller.appId) {
        throw new ListError(403, "Forbidden", `AAD App Id '${caller.appId}' is not allowed to manage the Teams App '${appId}'`);
      }
    }
    if (mine.some((i) => i.teamsAppId === appId)) throw new ListError(409, "Conflict", "The app is already installed for this user.");
    const installation = { id: `inst-${user.id}-${appId}`, teamsAppId: appId };
    byUser.set(user.id, [...mine, installation]);
    return { status: 201, body: { id: installation.id } };
  }
  if (installationId === undefined && req.method === "GET") {
    const m = /^teamsApp\/id eq '([^']*)'$/.exec(req.query.get("$filter") ?? "");
    return { status: 200, body: { value: mine.filter((i) => !m || i.teamsAppId === m[1]).map((i) => ({ id: i.id, teamsApp: { id: i.teamsAppId } })) } };
  }
  const installation = mine.find((i) => i.id === installationId);
  if (!installation) throw notFound(String(installationId));
  if (chat === "chat" && req.method === "GET") return { status: 200, body: { id: `19:${user.id}_${installation.teamsAppId}@unq.gbl.spaces`, chatType: "oneOnOne" } };
  throw new ListError(400, "BadRequest", `Unsupported teamwork request /${req.parts.join("/")}.`);
}
