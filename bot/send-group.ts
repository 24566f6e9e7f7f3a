import { randomUUID } from "node:crypto";
import { batchEntry } from "../src/core/ledger.js";
import type { DeliveryStore } from "../src/core/store.js";

/**
 * A group of claims sent together and confirmed by one ledger row (src/core/ledger.ts,
 * `settleLedger`): the row naming them is written before any is sent, and changed once, when
 * every send has an outcome, to name those delivered. So a group of 20 costs two writes, not 20,
 * and a crash between sending and confirming leaves the group in doubt, never sent again.
 */
export class SendGroup {
  private readonly delivered: string[] = [];
  private pending: number;
  private closing: Promise<void> | null = null;
  private resolveClosed!: () => void;
  private rejectClosed!: (error: unknown) => void;
  /** Settles once the confirming write is done (or has failed). */
  readonly closed = new Promise<void>((resolve, reject) => {
    this.resolveClosed = resolve;
    this.rejectClosed = reject;
  });

  private constructor(
    private readonly store: Pick<DeliveryStore, "updateLedgerEntry">,
    readonly key: string,
    size: number,
  ) {
    this.pending = size;
    if (size === 0) this.close();
  }

  /** Writes the row naming `keys` (already claimed); only then may they be sent. `at` is the claims' time. */
  static async open(store: Pick<DeliveryStore, "claim" | "updateLedgerEntry">, keys: readonly string[], at: Date): Promise<SendGroup> {
    const key = `batch|${randomUUID()}`;
    await store.claim(batchEntry(key, keys, at));
    return new SendGroup(store, key, keys.length);
  }

  /** One send's outcome; the last one writes the confirmation. */
  settle(key: string, delivered: boolean): void {
    if (delivered) this.delivered.push(key);
    this.pending -= 1;
    if (this.pending === 0) this.close();
  }

  private close(): void {
    this.closing ??= this.store
      .updateLedgerEntry(this.key, (row) => ({ ...row, stage: "sent", status: "sent", sentAt: new Date().toISOString(), keys: [...this.delivered] }))
      .then(() => this.resolveClosed(), (error: unknown) => this.rejectClosed(error));
  }
}
