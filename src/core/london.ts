import type { IsoDate } from "./iso-date.js";

/** Boards work in Europe/London; a deadline is a London calendar day. */
export const LONDON = "Europe/London";

// One formatter, made once: a plan board asks this for thousands of instants.
const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit" });

/** The London calendar date at an instant (23:30 UTC in summer is already tomorrow). */
export function londonDate(instant: Date): IsoDate {
  const part = Object.fromEntries(londonDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}`;
}
