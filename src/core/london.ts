import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { IsoDate } from "./iso-date.js";

/** Boards work in Europe/London; a deadline is a London calendar day. */
export const LONDON = "Europe/London";

// One formatter, made once: a plan board asks this for thousands of instants.
const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: LONDON, year: "numeric", month: "2-digit", day: "2-digit" });

// London's day changes only on a UTC hour (midnight GMT or BST), so every instant in one UTC hour
// has the same London date: worked out once per hour, not once per update of a 10,000-action plan.
const dayOfHour = new Map<number, IsoDate>();

/** The London calendar date at an instant (23:30 UTC in summer is already tomorrow). */
export function londonDate(instant: Date): IsoDate {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  let day = dayOfHour.get(hour);
  if (day === undefined) {
    const part = Object.fromEntries(londonDay.formatToParts(instant).map((p) => [p.type, p.value]));
    day = `${part.year}-${part.month}-${part.day}`;
    if (dayOfHour.size >= 100_000) dayOfHour.clear();
    dayOfHour.set(hour, day);
  }
  return day;
}

/**
 * An instant as people in a UK board read it: "09:12, 3 Dec 2026", in London's time (BST in
 * summer), never UTC and never an ISO string. Months as date-fns writes them ("Sep"), as every
 * day the tab and the papers show.
 */
export function londonTime(instant: Date | string): string {
  return format(new TZDate(typeof instant === "string" ? new Date(instant) : instant, LONDON), "HH:mm, d MMM yyyy");
}

/** The London calendar day of an ISO instant ("2026-06-30T23:30:00Z" is 1 July in London). */
export const londonDayOf = (iso: string): IsoDate => londonDate(new Date(iso));
