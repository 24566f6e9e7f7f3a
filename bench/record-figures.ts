import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

/**
 * Replaces this benchmark's section of docs/benchmarks.md (between its markers) with new
 * figures, keeping the other benchmarks' sections.
 */
export function recordFigures(name: string, markdown: string): void {
  const file = new URL("../../docs/benchmarks.md", import.meta.url);
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n\nFigures recorded by `npm run bench:*` on this project's 2-core machine.\n";
  const section = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(file, pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`);
}

/**
 * The machine's load as `uptime` gives it (1, 5 and 15 minutes) and its cores, to print beside
 * the figures: on a shared machine the load, not the code, can decide a wall-clock figure.
 */
export function machineLoad(): string {
  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} on ${availableParallelism()} cores`;
}
