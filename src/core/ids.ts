import { z } from "zod";

/** Stable ids for records: lower-case words joined by "-", with "/" and "." for hierarchy. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9./-]*$/, "an id is lower-case letters, digits, '-', '.' and '/'")
  .max(200, "an id is at most 200 characters"); // SharePoint keeps ids in single-line columns (255)

/** An instant with its offset, e.g. 2016-01-29T09:00:00Z. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** Text a person typed or a board wrote: non-blank, bounded so a card or list cell can hold it. */
export const textOf = (max: number) => z.string().trim().min(1, "must not be blank").max(max, `at most ${max} characters`);
