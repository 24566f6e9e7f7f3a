import { z } from "zod";
import { baseKey } from "./delivery-channel.js";
import { InstantSchema } from "./ids.js";
import type { Snooze } from "./reminder-policy.js";

/**
 * The reminder ledger: every reminder, digest and escalation is claimed here under a unique
 * key before it is sent, then marked. Snoozes are kept here too, as rows of their own kind.
 */
export const LedgerEntrySchema = z.object({
  key: z.string().min(1),
  kind: z.enum(["reminder", "digest", "escalation", "snooze"]),
  actionId: z.string().min(1).nullable(),
  /** The person it goes to (their person id). */
  recipient: z.string().min(1),
  stage: z.string(),
  /** The deadline a reminder is about; for a snooze, the instant it ends. */
  dueOn: z.string().nullable(),
  status: z.enum(["claimed", "sent", "failed", "cancelled"]),
  claimedAt: InstantSchema,
  sentAt: InstantSchema.nullable(),
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

/** A claim not confirmed within this time is taken to have died with its sender, and retried. */
export const CLAIM_TIMEOUT_MS = 10 * 60_000;
/** After this many failed attempts a reminder is given up and marked failed. */
export const MAX_SEND_ATTEMPTS = 5;

/**
 * Keys the policy must not offer again: every row, whatever its state (stale claims are retried
 * separately). A delivery by email claims `<key>|email`; it counts for its reminder's key too.
 */
export function claimedKeys(entries: readonly LedgerEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.kind !== "snooze").flatMap((e) => [e.key, baseKey(e.key)]));
}

/** Claims that were never confirmed and have timed out: their sender died between claim and send. */
export function staleClaims(entries: readonly LedgerEntry[], now: Date): LedgerEntry[] {
  return entries.filter(
    (e) => e.status === "claimed" && e.kind !== "snooze" && now.getTime() - Date.parse(e.claimedAt) >= CLAIM_TIMEOUT_MS,
  );
}

export function snoozesIn(entries: readonly LedgerEntry[]): Snooze[] {
  return entries
    .filter((e) => e.kind === "snooze" && e.actionId !== null && e.dueOn !== null)
    .map((e) => ({ actionId: e.actionId!, personId: e.recipient, until: e.dueOn! }));
}
