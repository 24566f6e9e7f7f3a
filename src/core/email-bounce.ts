import { z } from "zod";
import { InstantSchema } from "./ids.js";
import { londonDate } from "./london.js";

/**
 * Email that bounced. sendMail's 202 only means Exchange accepted a message; an address that
 * cannot be delivered to comes back later as a non-delivery report (NDR) in the board mailbox's
 * inbox. Assure reads those and marks the person: no more email to that address until a
 * manager changes it in the directory. Teams is not affected.
 */
export const EmailBounceSchema = z.object({
  /** The address that bounced (the mark applies only while the person still has it). */
  address: z.string().min(1),
  /** When the report arrived (Exchange's receivedDateTime). */
  at: InstantSchema,
  /** Exchange's own words, for a board manager. */
  said: z.string(),
  /** A manager entered the address again: email is tried once more. Kept so older reports do not mark it again. */
  cleared: z.boolean().default(false),
});
export type EmailBounce = z.infer<typeof EmailBounceSchema>;

/** A non-delivery report as Graph lists it from the inbox (the fields Assure selects). */
export interface NonDeliveryReport {
  receivedDateTime: string;
  /** The addresses that failed: Graph gives an NDR's failed recipients as its toRecipients. */
  toRecipients: readonly string[];
  /** The start of the report's text, where Exchange says why. */
  bodyPreview: string;
}

/** The longest of Exchange's words kept on a person. */
const SAID_LIMIT = 300;

/** Exchange's words, one line: the preview's whitespace folded, cut at a word near the limit. */
export function exchangeWords(preview: string): string {
  const folded = preview.replace(/\s+/g, " ").trim();
  if (folded.length <= SAID_LIMIT) return folded;
  const cut = folded.slice(0, SAID_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SAID_LIMIT - 40))}…`;
}

/** Whether Assure may email this person: they have an address and it has not bounced. */
export function emailUsable(person: { email: string; emailBounce?: EmailBounce | null | undefined } | undefined): boolean {
  if (!person || person.email === "") return false;
  const b = person.emailBounce;
  return !b || b.cleared || b.address.toLowerCase() !== person.email.toLowerCase();
}

/**
 * The marks to make: for each person whose current address a report names, the newest report
 * that arrived after their current mark (so a cleared mark is not made again by an old report).
 */
export function bouncesToMark<P extends { id: string; email: string; emailBounce?: EmailBounce | null | undefined }>(
  people: readonly P[],
  reports: readonly NonDeliveryReport[],
): { person: P; bounce: EmailBounce }[] {
  const marks: { person: P; bounce: EmailBounce }[] = [];
  for (const person of people) {
    if (person.email === "") continue;
    const address = person.email.toLowerCase();
    const since = person.emailBounce && person.emailBounce.address.toLowerCase() === address ? Date.parse(person.emailBounce.at) : Number.NEGATIVE_INFINITY;
    const newest = reports
      .filter((r) => r.toRecipients.some((t) => t.toLowerCase() === address) && Date.parse(r.receivedDateTime) > since)
      .sort((a, b) => Date.parse(b.receivedDateTime) - Date.parse(a.receivedDateTime))[0];
    if (newest) marks.push({ person, bounce: { address: person.email, at: new Date(newest.receivedDateTime).toISOString(), said: exchangeWords(newest.bodyPreview), cleared: false } });
  }
  return marks;
}

/** What a board manager is told, and the directory shows: the date UK day-first, then Exchange's words. */
export function bounceText(name: string, bounce: EmailBounce): string {
  return `Email to ${name} (${bounce.address}) bounced on ${bounceDay(bounce)}: "${bounce.said}". Assure sends them no more email until their address is changed in the directory; Teams is not affected.`;
}

/** The London day the report arrived, UK day-first. */
export function bounceDay(bounce: EmailBounce): string {
  const day = londonDate(new Date(bounce.at));
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}
