/**
 * Structured logs: one JSON object a line on stdout (App Service and Azure Monitor read them as
 * they are). Log ids and counts, never names or free text a person typed.
 */
export type LogLevel = "info" | "warn" | "error";

export function logEvent(level: LogLevel, event: string, data: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...data });
  if (level === "error") console.error(line);
  else console.log(line);
}
