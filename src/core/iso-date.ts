import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { z } from "zod";

/** A calendar date in Europe/London, as "YYYY-MM-DD". Deadlines are days, not instants. */
export type IsoDate = string;

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => isValid(parseISO(s)), "not a real calendar date");
