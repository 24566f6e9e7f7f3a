import { metrics } from "@opentelemetry/api";
import type { SweepCounts } from "./health.js";

/**
 * With APPLICATIONINSIGHTS_CONNECTION_STRING set (the Bicep sets it), traces and metrics go to
 * Azure Monitor through OpenTelemetry (Microsoft's Azure Monitor distro); without it, the
 * metrics API is a no-op and nothing leaves the process.
 */
export async function startTelemetry(connectionString: string | undefined): Promise<boolean> {
  if (!connectionString) return false;
  const { useAzureMonitor } = await import("@azure/monitor-opentelemetry");
  useAzureMonitor({ azureMonitorExporterOptions: { connectionString } });
  return true;
}

const meter = metrics.getMeter("assure");
const sweepCounters = {
  sent: meter.createCounter("assure.sweep.sent", { description: "reminders and digests sent" }),
  skipped: meter.createCounter("assure.sweep.skipped", { description: "deliveries already claimed by another instance" }),
  unreachable: meter.createCounter("assure.sweep.unreachable", { description: "deliveries to people the bot cannot reach" }),
  failed: meter.createCounter("assure.sweep.failed", { description: "deliveries that failed (retried while attempts remain)" }),
};

export function recordSweep(counts: SweepCounts): void {
  for (const key of Object.keys(sweepCounters) as (keyof SweepCounts)[]) sweepCounters[key].add(counts[key]);
}
