import type { IsoDate } from "./iso-date.js";

/**
 * The financial year (April–March) a plan covers, from the first of its texts that names one
 * ("Business Plan 2024/25", a sheet called "2024-25", "tracker 2024-2025.xlsx"), or null. Its
 * quarters and "End of Q3" are then read in that year.
 */
export function planYearOf(texts: readonly string[]): { from: IsoDate; to: IsoDate } | null {
  for (const text of texts) {
    for (const m of text.matchAll(/(?<!\d)(20\d\d)\s*(?:\/|-|–|to)\s*(20\d\d|\d\d)(?!\d)/g)) {
      const start = Number(m[1]);
      const end = m[2]!.length === 2 ? Number(m[1]!.slice(0, 2) + m[2]) : Number(m[2]);
      if (end === start + 1) return { from: `${start}-04-01`, to: `${end}-03-31` };
    }
  }
  return null;
}
