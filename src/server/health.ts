/**
 * What `/health` reports: the last sweep (when, what it did) and the store's state as the last
 * sweep found it. App Service's health check takes an instance out of rotation on 503, so a
 * server whose sweeps have stopped (three intervals with none finished) says so.
 */
export interface SweepCounts {
  sent: number;
  skipped: number;
  unreachable: number;
  failed: number;
}

export interface HealthReport {
  status: "ok" | "sweeps-stalled";
  version: string;
  sweeps: { everyMinutes: number; last: { at: string; counts: SweepCounts } | null; lastError: { at: string; code: string } | null };
  store: { state: "ok" | "unknown" | "failing"; checkedAt: string | null };
}

export class Health {
  private last: { at: Date; counts: SweepCounts } | null = null;
  private lastError: { at: Date; code: string } | null = null;

  constructor(
    private readonly version: string,
    private readonly everyMinutes: number,
    private readonly startedAt: Date,
  ) {}

  sweepFinished(at: Date, counts: SweepCounts): void {
    this.last = { at, counts };
  }

  sweepFailed(at: Date, code: string): void {
    this.lastError = { at, code };
  }

  report(now: Date): { httpStatus: 200 | 503; body: HealthReport } {
    const since = (this.last?.at ?? this.startedAt).getTime();
    const stalled = this.everyMinutes > 0 && now.getTime() - since > 3 * this.everyMinutes * 60_000;
    const failingSince = this.lastError && (!this.last || this.lastError.at > this.last.at);
    const body: HealthReport = {
      status: stalled ? "sweeps-stalled" : "ok",
      version: this.version,
      sweeps: {
        everyMinutes: this.everyMinutes,
        last: this.last && { at: this.last.at.toISOString(), counts: this.last.counts },
        lastError: this.lastError && { at: this.lastError.at.toISOString(), code: this.lastError.code },
      },
      store: { state: failingSince ? "failing" : this.last ? "ok" : "unknown", checkedAt: (failingSince ? this.lastError?.at : this.last?.at)?.toISOString() ?? null },
    };
    return { httpStatus: stalled ? 503 : 200, body };
  }
}

/** The counts a sweep's lines add up to. */
export function countSweep(lines: readonly { outcome: string }[]): SweepCounts {
  const n = (...outcomes: string[]) => lines.filter((l) => outcomes.includes(l.outcome)).length;
  return { sent: n("sent"), skipped: n("claimed elsewhere", "would send"), unreachable: n("unreachable"), failed: n("failed", "will retry") };
}
