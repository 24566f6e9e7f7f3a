import { GraphError } from "@microsoft/microsoft-graph-client";
import { AssureError } from "../core/errors.js";

export type StoreErrorCode =
  | "throttled"
  | "unavailable"
  | "network"
  | "conflict"
  | "unique"
  | "precondition"
  | "not-found"
  | "invalid"
  | "malformed-item"
  | "graph";

/** A failure talking to SharePoint, naming the list, the item and what Graph said. */
export class StoreError extends AssureError {
  constructor(
    readonly storeCode: StoreErrorCode,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(`store-${storeCode}`, message, options);
    this.name = "StoreError";
  }

  get retryable(): boolean {
    return this.storeCode === "throttled" || this.storeCode === "unavailable" || this.storeCode === "network";
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  412: "Precondition Failed",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** SharePoint's refusal of a value already in a column that enforces unique values (400, not 409). */
export const UNIQUE_REFUSAL_MESSAGE = "One or more fields with unique constraints already has the provided value";
export const isUniqueRefusal = (status: number, message: string | undefined): boolean =>
  status === 400 && (message ?? "").includes(UNIQUE_REFUSAL_MESSAGE);

/** The one place a Graph failure becomes a StoreError. `where` is e.g. "list Assure Actions, item 42". */
export function toStoreError(error: unknown, where: string): StoreError {
  if (error instanceof StoreError) return error;
  if (!(error instanceof GraphError)) {
    return new StoreError("graph", `${where}: ${error instanceof Error ? error.message : String(error)}`, null, { cause: error });
  }
  const status = error.statusCode;
  if (status === -1) {
    return new StoreError("network", `${where}: the connection to Graph failed (${error.message})`, null, { cause: error });
  }
  // SharePoint may send both; waiting the larger keeps a retry from being throttled again (docs/store.md).
  const seconds = (name: string) => Number(error.headers?.get(name) ?? Number.NaN);
  const waits = [seconds("Retry-After"), seconds("RateLimit-Reset")].filter(Number.isFinite);
  const retryAfter = waits.length > 0 ? Math.max(...waits) : Number.NaN;
  const said = `Graph ${status} ${STATUS_TEXT[status] ?? ""}`.trim() + (error.message ? `: ${error.message}` : "");
  const code: StoreErrorCode =
    status === 429
      ? "throttled"
      : status === 503 || status === 504 || status === 502
        ? "unavailable"
        : status === 409
          ? "conflict"
          : status === 412
            ? "precondition"
            : status === 404
              ? "not-found"
              : isUniqueRefusal(status, error.message)
                ? "unique"
                : status === 400
                  ? "invalid"
                  : "graph";
  return new StoreError(code, `${where}: ${said}`, Number.isFinite(retryAfter) ? retryAfter : null, { cause: error });
}
