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
  kind: z.enum(["reminder", "digest", "escalation", "snooze", "batch"]),
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
  /** A batch row's claims (see `settleLedger`); empty for every other kind. */
  keys: z.array(z.string()).optional(),
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
  return new Set(entries.filter((e) => e.kind !== "snooze" && e.kind !== "batch").flatMap((e) => [e.key, baseKey(e.key)]));
}

/** Claims that were never confirmed and have timed out: their sender died between claim and send. */
export function staleClaims(entries: readonly LedgerEntry[], now: Date): LedgerEntry[] {
  return entries.filter(
    (e) => e.status === "claimed" && e.kind !== "snooze" && e.kind !== "batch" && now.getTime() - Date.parse(e.claimedAt) >= CLAIM_TIMEOUT_MS,
  );
}

export function snoozesIn(entries: readonly LedgerEntry[]): Snooze[] {
  return entries
    .filter((e) => e.kind === "snooze" && e.actionId !== null && e.dueOn !== null)
    .map((e) => ({ actionId: e.actionId!, personId: e.recipient, until: e.dueOn! }));
}

/**
 * Confirming each send on its own row would cost a write (2 resource units) per reminder, so
 * sends are confirmed a group at a time: before a group of claims is sent, one "batch" row names
 * them (status "claimed"); once every send in the group has an outcome, that row is changed once
 * to name those delivered (status "sent"). A send that failed is recorded on its own claim.
 */
export function batchEntry(key: string, keys: readonly string[], at: Date): LedgerEntry {
  return { key, kind: "batch", actionId: null, recipient: "assure", stage: "sending", dueOn: null, status: "claimed", claimedAt: at.toISOString(), sentAt: null, attempts: 0, lastError: null, keys: [...keys] };
}

/** What a claim says when Assure stopped after sending it and before recording that it had. */
export const IN_DOUBT =
  "Assure stopped after handing this over for delivery and before recording it: it was probably delivered, so it is not sent again.";

/**
 * The ledger as its rows mean it, batch rows folded in: a claim named by a finished batch row is
 * sent (at that row's time); a claim still open whose latest batch row never finished was
 * perhaps delivered, so it is marked failed as in doubt and never sent twice. A claim named by
 * no batch row died before it was sent and is retried once it times out (`staleClaims`).
 */
export function settleLedger(rows: readonly LedgerEntry[]): LedgerEntry[] {
  const sentAt = new Map<string, string>();
  const openSince = new Map<string, string>();
  for (const row of rows) {
    if (row.kind !== "batch") continue;
    for (const key of row.keys ?? []) {
      if (row.status === "sent") sentAt.set(key, row.sentAt ?? row.claimedAt);
      else if ((openSince.get(key) ?? "") < row.claimedAt) openSince.set(key, row.claimedAt);
    }
  }
  return rows.flatMap((row) => {
    if (row.kind === "batch") return [];
    if (row.status !== "claimed") return [row];
    const sent = sentAt.get(row.key);
    if (sent) return [{ ...row, status: "sent" as const, sentAt: sent }];
    const open = openSince.get(row.key);
    return open !== undefined && open >= row.claimedAt ? [{ ...row, status: "failed" as const, lastError: IN_DOUBT }] : [row];
  });
}
