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
