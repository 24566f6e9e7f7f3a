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
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  members: string[];
}

export interface Directory {
  users: DirectoryUser[];
  groups: DirectoryGroup[];
}

interface DirectoryRequest {
  method: string;
  parts: string[];
  query: URLSearchParams;
  body: unknown;
}

const USER_FIELDS = ["id", "displayName", "jobTitle", "mail", "userPrincipalName", "userType"] as const;
const notFound = (id: string) => new ListError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

function selected(user: DirectoryUser, select: string | null) {
  const fields = select ? select.split(",").map((f) => f.trim()) : [...USER_FIELDS];
  for (const f of fields) if (!(USER_FIELDS as readonly string[]).includes(f)) throw new ListError(400, "Request_BadRequest", `Could not find a property named '${f}' on type 'microsoft.graph.user'.`);
  return { "@odata.type": "#microsoft.graph.user", ...Object.fromEntries(fields.map((f) => [f, user[f as keyof DirectoryUser]])) };
}

/** `startswith(field,'text')` clauses joined by `or`: the form the people picker sends. */
function userFilter(text: string): (u: DirectoryUser) => boolean {
  const clauses = text.split(/\s+or\s+/i).map((clause) => {
    const m = /^startswith\((displayName|mail|userPrincipalName|givenName|surname),\s*'((?:[^']|'')*)'\)$/i.exec(clause.trim());
    if (!m) throw new ListError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified: '${clause}'.`);
    return { field: m[1] as "displayName" | "mail" | "userPrincipalName", value: m[2]!.replace(/''/g, "'").toLowerCase() };
  });
  return (u) => clauses.some((c) => (u[c.field] ?? "").toLowerCase().startsWith(c.value));
}

export function directoryRequest(directory: Directory, req: DirectoryRequest): { status: number; body: unknown } {
  const [collection, ref, action] = req.parts;
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
      const ids = (req.body as { groupIds?: unknown })?.groupIds;
      if (!Array.isArray(ids) || ids.length > 20) throw new ListError(400, "Request_BadRequest", "groupIds must be an array of at most 20 ids.");
      return { status: 200, body: { value: directory.groups.filter((g) => ids.includes(g.id) && g.members.includes(user.id)).map((g) => g.id) } };
    }
  }
  if (collection === "groups" && ref !== undefined && action === undefined && req.method === "GET") {
    const group = directory.groups.find((g) => g.id === ref);
    if (!group) throw notFound(ref);
    return { status: 200, body: { "@odata.type": "#microsoft.graph.group", id: group.id, displayName: group.displayName } };
  }
  throw new ListError(400, "Request_BadRequest", `Unsupported directory request ${req.method} /${req.parts.join("/")}.`);
}
