import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * Durable storage for the emulator: a snapshot plus an append-only journal of changes, each
 * fsync'd before the request that made it is answered, so nothing acknowledged is lost to a
 * crash or kill -9. A torn last line (a write cut off mid-way, never acknowledged) is dropped
 * on replay. The snapshot is replaced atomically (write, fsync, rename) and records the last
 * change it holds, so a crash between snapshot and journal reset never replays a change twice.
 */
export class Journal<State, Change> {
  private fd: number | null = null;
  private changesSinceSnapshot = 0;
  private seq = 0;

  constructor(
    private readonly dir: string,
    private readonly compactEvery = 20_000,
  ) {}

  /** Loads the snapshot and replays the journal onto it. */
  open(initial: () => State, apply: (state: State, change: Change) => void): State {
    // The plans are personal data: only the account running Assure may read them.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const snapshotPath = join(this.dir, "snapshot.json");
    const saved = existsSync(snapshotPath)
      ? (JSON.parse(readFileSync(snapshotPath, "utf8")) as { seq: number; state: State })
      : { seq: 0, state: initial() };
    const state = saved.state;
    this.seq = saved.seq;
    const journalPath = join(this.dir, "journal.jsonl");
    if (existsSync(journalPath)) {
      const lines = readFileSync(journalPath, "utf8").split("\n");
      for (const [i, line] of lines.entries()) {
        if (line.trim() === "") continue;
        let entry: { seq: number; change: Change };
        try {
          entry = JSON.parse(line) as { seq: number; change: Change };
        } catch (error: unknown) {
          // Only the last line can be torn by a crash; anything earlier is real damage.
          if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim() !== "")) throw error;
          console.warn(`graph emulator: dropped a torn last journal line in ${journalPath}`);
          continue;
        }
        if (entry.seq <= this.seq) continue;
        apply(state, entry.change);
        this.seq = entry.seq;
      }
    }
    this.snapshot(state);
    return state;
  }

  /** Records changes durably; returns once they are on disk. */
  append(changes: Change[], state: State): void {
    if (this.fd === null) throw new Error("journal is not open");
    const text = changes.map((change) => `${JSON.stringify({ seq: ++this.seq, change })}\n`).join("");
    writeSync(this.fd, text);
    fsyncSync(this.fd);
    this.changesSinceSnapshot += changes.length;
    if (this.changesSinceSnapshot >= this.compactEvery) this.snapshot(state);
  }

  /** Writes the whole state as the new snapshot and starts an empty journal. */
  snapshot(state: State): void {
    if (this.fd !== null) closeSync(this.fd);
    const tmp = join(this.dir, "snapshot.json.tmp");
    const fd = openSync(tmp, "w", 0o600);
    writeSync(fd, JSON.stringify({ seq: this.seq, state }));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, "snapshot.json"));
    this.fd = openSync(join(this.dir, "journal.jsonl"), "w", 0o600);
    fsyncSync(this.fd);
    this.changesSinceSnapshot = 0;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
