import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { z } from "zod";

/** A calendar date in Europe/London, as "YYYY-MM-DD". Deadlines are days, not instants. */
export type IsoDate = string;

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => isValid(parseISO(s)), "not a real calendar date");

/**
 * Calendar days from one date to another (negative when `to` is earlier). A date-only ISO string
 * is read as midnight UTC (ECMAScript's Date.parse), so the difference is whole days whatever the
 * clocks did in between; a board's plan asks this for every action, so no date library per call.
 */
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
