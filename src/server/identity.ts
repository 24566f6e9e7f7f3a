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

/** Who is making a request, from something the client cannot forge in production. */
export type Identify = (req: Request, people: readonly Person[]) => Person;

export const DEV_PERSON_HEADER = "x-assure-dev-person";

/**
 * Local mode only: a clearly labelled development identity, chosen per request by the
 * X-Assure-Dev-Person header (a demo person's id). Never used against a tenant.
 */
export const developmentIdentity: Identify = (req, people) => {
  const id = req.header(DEV_PERSON_HEADER);
  if (!id) throw new AuthError(401, `local mode: say who you are with the ${DEV_PERSON_HEADER} header (a person id)`);
  const person = people.find((p) => p.id === id);
  if (!person) throw new AuthError(401, `local mode: there is no person "${id}" in the directory`);
  return person;
};

/** Against a tenant, writes need Teams SSO, which the tab brings (issue 6); until then, none. */
export const noIdentity: Identify = () => {
  throw new AuthError(401, "sign-in with Teams SSO is required and not yet available on this server");
};
