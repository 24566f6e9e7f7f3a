import { z } from "zod";

/** Stable ids for records: lower-case words joined by "-", with "/" and "." for hierarchy. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9./-]*$/, "an id is lower-case letters, digits, '-', '.' and '/'")
  .max(200, "an id is at most 200 characters"); // SharePoint keeps ids in single-line columns (255)

/** Lower-case words of a title joined by "-", for a readable id; "" when nothing is left. */
export const slugOf = (text: string, max: number): string =>
  text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, max).replace(/-+$/, "");

/** An instant with its offset, e.g. 2016-01-29T09:00:00Z. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** What no text a person typed may hold: it hides or reorders what others read, or breaks storage. */
export function unsafeTextProblem(text: string): string | null {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return "must not contain control characters (such as NUL)";
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return "contains a broken character (a lone surrogate)";
  if (/[\u202A-\u202E\u2066-\u2069]/.test(text)) return "must not contain bidirectional override or isolate characters";
  return null;
}

/** Text a person typed or a board wrote: non-blank, bounded so a card or list cell can hold it, and safe to show. */
export const textOf = (max: number) =>
  z
    .string()
    .superRefine((text, ctx) => {
      const problem = unsafeTextProblem(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
    })
    .trim()
    .min(1, "must not be blank")
    .max(max, `at most ${max} characters`);

/**
 * A card submission's id: the progress update's id is `pu-<submission id>`, so it follows the
 * id rule (lower case) that the store reads back by; one rule for the card and the store.
 */
export const SubmissionIdSchema = z.string().regex(/^[a-z0-9-]{8,64}$/, "is not a card submission id (8 to 64 lower-case letters, digits and '-')");
