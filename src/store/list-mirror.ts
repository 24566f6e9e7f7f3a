import type { ListKey } from "./list-schema.js";
import { DeltaExpired, type SiteLists, type StoredItem } from "./site-lists.js";
import { logEvent } from "../log.js";

interface Mirrored {
  items: Map<string, StoredItem>;
  deltaLink: string;
  syncedAt: number;
  /** This instance's writes to the list that the mirror has seen (see `wrote`). */
  seenWrites: number;
  /** Changes whenever the copy's content does: readers may reuse what they made of an unchanged copy. */
  version: number;
}

/**
 * This instance's copy of some lists, kept current with Graph's list-item delta, so reading the
 * board costs a delta read per list per poll (1 resource unit with a token) however many people
 * look. A list is synced when it is read and its copy is older than `pollMs`, or this instance
 * wrote to it since: so a person always reads their own write, and another instance's writes are
 * seen within one poll. A round cut short (a crash, a dropped connection) changes nothing; a 410
 * Gone starts the enumeration again and swaps the copy only once it is whole.
 */
export class ListMirror {
  private readonly mirrored = new Map<ListKey, Mirrored>();
  private readonly syncing = new Map<ListKey, Promise<Mirrored>>();
  private readonly writes = new Map<ListKey, number>();
  private versions = 0;

  constructor(
    private readonly lists: SiteLists,
    private readonly pollMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called once a write to the list has finished: the next read of it syncs first. */
  wrote(key: ListKey): void {
    this.writes.set(key, (this.writes.get(key) ?? 0) + 1);
  }

  /** The list's items as now mirrored, with the copy's version. */
  async copy(key: ListKey): Promise<{ version: number; items: StoredItem[] }> {
    const copy = await this.fresh(key);
    return { version: copy.version, items: [...copy.items.values()] };
  }

  private async fresh(key: ListKey): Promise<Mirrored> {
    const writes = this.writes.get(key) ?? 0;
    const copy = this.mirrored.get(key);
    if (copy && copy.seenWrites >= writes && this.now() - copy.syncedAt < this.pollMs) return copy;
    const running = this.syncing.get(key);
    // A round already under way is enough only if it started after this instance's last write.
    if (running) {
      const done = await running;
      if (done.seenWrites >= writes) return done;
    }
    return this.sync(key, writes);
  }

  private sync(key: ListKey, writes: number): Promise<Mirrored> {
    const previous = this.syncing.get(key);
    const round = (async () => {
      await previous?.catch(() => undefined);
      const copy = this.mirrored.get(key);
      const startedAt = this.now();
      const seenWrites = this.writes.get(key) ?? writes;
      let next: Mirrored;
      try {
        next = copy ? await this.catchUp(key, copy) : await this.enumerate(key, null);
      } catch (error: unknown) {
        if (!(error instanceof DeltaExpired)) throw error;
        logEvent("warn", "mirror-resync", { list: key });
        next = await this.enumerate(key, error.location);
      }
      const synced = { ...next, syncedAt: startedAt, seenWrites };
      this.mirrored.set(key, synced);
      return synced;
    })();
    this.syncing.set(key, round);
    const done = () => {
      if (this.syncing.get(key) === round) this.syncing.delete(key);
    };
    round.then(done, done);
    return round;
  }

  /** Every item, from scratch (or from a 410's Location), into a new copy. */
  private async enumerate(key: ListKey, location: string | null): Promise<Mirrored> {
    const { changes, deltaLink } = await this.lists.readDelta(key, location);
    const items = new Map<string, StoredItem>();
    for (const c of changes) {
      if (c.deleted) items.delete(c.itemId);
      else items.set(c.itemId, c);
    }
    return { items, deltaLink, syncedAt: 0, seenWrites: 0, version: ++this.versions };
  }

  /** The changes since the copy's deltaLink, applied to a new copy: the last occurrence of an item wins. */
  private async catchUp(key: ListKey, copy: Mirrored): Promise<Mirrored> {
    const { changes, deltaLink } = await this.lists.readDelta(key, copy.deltaLink);
    if (changes.length === 0) return { ...copy, deltaLink };
    const items = new Map(copy.items);
    for (const c of changes) {
      if (c.deleted) items.delete(c.itemId);
      else items.set(c.itemId, c);
    }
    return { items, deltaLink, syncedAt: 0, seenWrites: 0, version: ++this.versions };
  }
}
