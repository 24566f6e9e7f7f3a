import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { IsoDate } from "./iso-date.js";

/** Boards work in Europe/London; a deadline is a London calendar day. */
export const LONDON = "Europe/London";

/** The London calendar date at an instant (23:30 UTC in summer is already tomorrow). */
export function londonDate(instant: Date): IsoDate {
  return format(new TZDate(instant, LONDON), "yyyy-MM-dd");
}
