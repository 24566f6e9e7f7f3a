import type { LedgerEntry } from "../src/core/ledger.js";
import type { DeliveryStore } from "../src/core/store.js";

/** The ledger row that says which instance is sweeping. */
export const SWEEP_LEASE_KEY = "lease|sweep";
/** A lease not released within this time (its instance died) may be taken over: longer than the longest sweep. */
export const SWEEP_LEASE_MS = 30 * 60_000;

/**
 * One instance sweeps at a time: the claims alone would keep a reminder from going twice, but two
 * instances sweeping together spend SharePoint's budget twice over on claims that lose, and
 * share Teams' rate without knowing it. The lease is a ledger row (kind "batch", folded out of
 * the ledger as read) changed with eTags; times are real time, whatever moment the sweep is as at.
 * Answers null, without running `work`, when another instance holds it.
 */
export async function withSweepLease<T>(store: Pick<DeliveryStore, "claim" | "updateLedgerEntry">, holder: string, work: () => Promise<T>, clock: () => Date = () => new Date()): Promise<T | null> {
  const at = clock();
  const lease: LedgerEntry = { key: SWEEP_LEASE_KEY, kind: "batch", actionId: null, recipient: holder, stage: "lease", dueOn: null, status: "claimed", claimedAt: at.toISOString(), sentAt: null, attempts: 0, lastError: null, keys: [] };
  let held = await store.claim(lease);
  if (!held) {
    await store.updateLedgerEntry(SWEEP_LEASE_KEY, (current) => {
      held = current.status !== "claimed" || current.recipient === holder || at.getTime() - Date.parse(current.claimedAt) >= SWEEP_LEASE_MS;
      return held ? { ...current, recipient: holder, status: "claimed", claimedAt: at.toISOString(), sentAt: null } : current;
    });
  }
  if (!held) return null;
  try {
    return await work();
  } finally {
    await store.updateLedgerEntry(SWEEP_LEASE_KEY, (current) => (current.recipient === holder ? { ...current, status: "sent", sentAt: clock().toISOString() } : current));
  }
}
