import type { Request } from "express";
import { AssureError } from "../core/errors.js";
import type { Person } from "../core/lead.js";

export class AuthError extends AssureError {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(status === 401 ? "unauthenticated" : "forbidden", message);
    this.name = "AuthError";
  }
}

/**
 * Who sent a request, as far as the request alone proves it: worked out before anything is
 * read from the store, so a request without a valid token costs no Graph request.
 */
export type Caller =
  | { kind: "anonymous"; name: string }
  /** Local mode's development identity: a directory person's id, chosen in the tab. */
  | { kind: "development"; personId: string }
  /** A validated Teams SSO token. */
  | { kind: "signed-in"; entraObjectId: string; name: string };

/** Who is asking: a person in the directory, or someone in the tenant the directory does not list. */
export interface Viewer {
  person: Person | null;
  name: string;
  entraObjectId: string | null;
  /** An Assure administrator (ASSURE_ADMINS or `assure admin add`). */
  admin: boolean;
}

/** Who is making a request, from something the client cannot forge in production. */
export type Identify = (req: Request) => Promise<Caller>;

export const DEV_PERSON_HEADER = "x-assure-dev-person";

/**
 * Local mode only: a clearly labelled development identity, chosen per request by the
 * X-Assure-Dev-Person header (a demo person's id); without it, an anonymous reader. Never
 * used against a tenant.
 */
export const developmentIdentity: Identify = async (req) => {
  const personId = req.header(DEV_PERSON_HEADER);
  return personId ? { kind: "development", personId } : { kind: "anonymous", name: "anonymous (local mode)" };
};

/** Against a tenant without tab SSO configured (ASSURE_SSO_CLIENT_ID), nobody is let in over HTTP. */
export const noIdentity: Identify = async () => {
  throw new AuthError(401, "this server has no tab sign-in configured (ASSURE_SSO_CLIENT_ID); see docs/deploy.md");
};

/** The caller as a viewer of these people: the directory person they are, and whether they administer Assure. */
export async function viewerOf(caller: Caller, people: readonly Person[], isAdmin: (entraObjectId: string) => Promise<boolean>): Promise<Viewer> {
  if (caller.kind === "anonymous") return { person: null, name: caller.name, entraObjectId: null, admin: false };
  if (caller.kind === "development") {
    const person = people.find((p) => p.id === caller.personId);
    if (!person) throw new AuthError(401, `local mode: there is no person "${caller.personId}" in the directory`);
    return { person, name: person.displayName, entraObjectId: person.entraObjectId, admin: await isAdmin(person.entraObjectId) };
  }
  const person = people.find((p) => p.entraObjectId === caller.entraObjectId) ?? null;
  return { person, name: person?.displayName ?? caller.name, entraObjectId: caller.entraObjectId, admin: await isAdmin(caller.entraObjectId) };
}

/** The person a write needs; readers who are not in the directory may not write. */
export function personOf(viewer: Viewer, doing: string): Person {
  if (viewer.person) return viewer.person;
  if (viewer.entraObjectId === null) throw new AuthError(401, `Choose who you are ("Signed in as", at the top of the page) to ${doing}.`);
  throw new AuthError(403, `You (${viewer.name}) are not in this board's leads directory yet, so you cannot ${doing}. Ask your board's business manager to add you.`);
}
