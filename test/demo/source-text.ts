import { readFileSync } from "node:fs";

/**
 * The source plans as cells: the extracted text split at tabs, line breaks, HTML tags, bullets
 * and the "Rationale:" label, with leading numbering ("1. ") dropped and spaces collapsed.
 */
export function sourceCells(file: string): string[] {
  const text = readFileSync(new URL(`../fixtures/plans/${file}`, import.meta.url), "utf8");
  return text
    .replace(/\*\*/g, "")
    .replace(/<[^>]*>|•|Rationale:|(?:^|\s)- (?=[A-Z])/g, "\t")
    .split(/[\t\n]/)
    .map((c) => c.replace(/\s+/g, " ").trim().replace(/^\d+\.\s+/, ""))
    .filter((c) => c !== "");
}

/**
 * True when `text` is made of `parts` joined by single spaces, the way a page break or a merged
 * cell joins them: the first part may be the end of a longer string, the last the start of
 * one, and a single part may be any stretch of one string. A changed, missing or invented
 * word breaks the join.
 */
export function isJoinOf(text: string, parts: readonly string[]): boolean {
  if (parts.some((p) => p.includes(text))) return true;
  const rest = (from: string): boolean =>
    parts.some((p) => p.startsWith(from)) ||
    parts.some((p) => from.startsWith(`${p} `) && rest(from.slice(p.length + 1)));
  return parts.some((p) => {
    for (let k = 0; k < p.length; k++) {
      const end = p.slice(k);
      if (text.startsWith(`${end} `) && rest(text.slice(end.length + 1))) return true;
    }
    return false;
  });
}
