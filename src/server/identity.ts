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

/** Who is asking: a person in the directory, or someone in the tenant the directory does not list (a reader). */
export interface Viewer {
  person: Person | null;
  name: string;
}

/** Who is making a request, from something the client cannot forge in production. */
export type Identify = (req: Request, people: readonly Person[]) => Promise<Viewer>;

export const DEV_PERSON_HEADER = "x-assure-dev-person";

/**
 * Local mode only: a clearly labelled development identity, chosen per request by the
 * X-Assure-Dev-Person header (a demo person's id); without it, an anonymous reader. Never
 * used against a tenant.
 */
export const developmentIdentity: Identify = async (req, people) => {
  const id = req.header(DEV_PERSON_HEADER);
  if (!id) return { person: null, name: "anonymous (local mode)" };
  const person = people.find((p) => p.id === id);
  if (!person) throw new AuthError(401, `local mode: there is no person "${id}" in the directory`);
  return { person, name: person.displayName };
};

/** The person a write needs; readers who are not in the directory may not write. */
export function personOf(viewer: Viewer, doing: string): Person {
  if (viewer.person) return viewer.person;
  throw new AuthError(viewer.name.startsWith("anonymous") ? 401 : 403, `${viewer.name} cannot ${doing}: not in the Assure directory${viewer.name.startsWith("anonymous") ? ` (local mode: send the ${DEV_PERSON_HEADER} header)` : ""}`);
}

/** Against a tenant without tab SSO configured (ASSURE_SSO_CLIENT_ID), nobody is let in over HTTP. */
export const noIdentity: Identify = async () => {
  throw new AuthError(401, "this server has no tab sign-in configured (ASSURE_SSO_CLIENT_ID); see docs/deploy.md");
};
