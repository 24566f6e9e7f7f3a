import type { z } from "zod";

/** Errors Assure raises on purpose: a stable `code` for programs, a message for people. */
export class AssureError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AssureError";
  }
}

/** A command line, request or setting that is wrong; the message names what and why. */
export class UsageError extends AssureError {
  constructor(message: string) {
    super("usage", message);
    this.name = "UsageError";
  }
}

export class NotFoundError extends AssureError {
  constructor(what: string) {
    super("not-found", `${what} does not exist`);
    this.name = "NotFoundError";
  }
}

/** A change refused because the record moved on since the person saw it; carries the current record. */
export class ConflictError extends AssureError {
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super("conflict", message);
    this.name = "ConflictError";
  }
}

/** A request that names a field and what is wrong with it. */
export class InputError extends AssureError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("invalid-input", `${field}: ${message}`);
    this.name = "InputError";
  }
}

/** The first thing a schema found wrong, as an error naming its field (`body` when it is the whole). */
export function inputErrorOf(error: z.ZodError, prefix = ""): InputError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join(".");
  return new InputError([prefix, path].filter(Boolean).join(".") || "body", issue.message);
}

/** Parses `value` with `schema`, or throws the InputError naming the field at fault. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, field = ""): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw inputErrorOf(parsed.error, field);
  return parsed.data;
}

/** Something this person may not do to this record, whoever they are otherwise (a lead signing off their own work). */
export class ForbiddenError extends AssureError {
  constructor(message: string) {
    super("forbidden", message);
    this.name = "ForbiddenError";
  }
}
