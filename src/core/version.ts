import { createHash } from "node:crypto";

/** A stored record's version, for If-Match: whatever anyone changes about it changes this. */
export const versionOf = (record: unknown): string => createHash("sha256").update(JSON.stringify(record)).digest("base64url").slice(0, 16);
