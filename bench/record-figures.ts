import { existsSync, readFileSync, writeFileSync } from "node:fs";

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
