import { randomUUID } from "node:crypto";
import { ListError } from "./lists.js";

/**
 * A mailbox's Inbox as the emulator keeps it: only the non-delivery reports Exchange would put
 * there when a message the mailbox sent cannot be delivered (the emulator's `undeliverable`
 * addresses). Exchange Online writes them from "Microsoft Outlook" with the subject
 * "Undeliverable: …", the failed address and why (non-delivery-reports-in-exchange-online.md);
 * Graph lists such a report as a message whose toRecipients are the failed recipients, and its
 * message class (MAPI PidTagMessageClass, `String 0x001A`) is REPORT.IPM.Note.NDR.
 */
export interface InboxMessage {
  id: string;
  subject: string;
  bodyPreview: string;
  body: { contentType: string; content: string };
  from: { emailAddress: { name: string; address: string } };
  toRecipients: { emailAddress: { address: string } }[];
  receivedDateTime: string;
  /** PidTagMessageClass. */
  messageClass: string;
}

/** The report Exchange Online writes for an address with no mailbox (550 5.1.1 / 5.1.10). */
export function nonDeliveryReport(mailbox: string, failed: string, subject: string, at: Date): InboxMessage {
  const domain = mailbox.split("@")[1] ?? "assure.example";
  const text = [
    "Your message to " + failed + " couldn't be delivered.",
    failed.split("@")[0] + " wasn't found at " + (failed.split("@")[1] ?? "") + ".",
    "Diagnostic information for administrators:",
    `Generating server: mail.${domain}`,
    failed,
    `Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'`,
  ].join("\r\n");
  return {
    id: randomUUID(),
    subject: `Undeliverable: ${subject}`,
    bodyPreview: text.slice(0, 255),
    body: { contentType: "text", content: text },
    from: { emailAddress: { name: "Microsoft Outlook", address: `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@${domain}` } },
    toRecipients: [{ emailAddress: { address: failed } }],
    receivedDateTime: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    messageClass: "REPORT.IPM.Note.NDR",
  };
}

const FIELDS = ["id", "subject", "bodyPreview", "body", "from", "toRecipients", "receivedDateTime"] as const;
/** The two $filter clauses the emulator answers: documented forms (list messages; singleValueLegacyExtendedProperty get). */
const FILTER = /^(?:receivedDateTime ge (\d{4}-\d\d-\d\dT[\d:.]+Z))?(?:\s+and\s+)?(?:singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '([^']+)'\))?$/i;

/** `GET /users/{mailbox}/mailFolders/inbox/messages` with `$filter`, `$select`, `$top` and paging (`$skip` in the nextLink). */
export function listInbox(messages: readonly InboxMessage[], query: URLSearchParams, selfUrl: string): { value: unknown[]; "@odata.nextLink"?: string } {
  const filter = (query.get("$filter") ?? "").trim();
  const m = FILTER.exec(filter);
  if (!m || (filter !== "" && !m[1] && !m[2])) throw new ListError(400, "ErrorInvalidUrlQueryFilter", `The query filter contains one or more invalid nodes: ${filter}`);
  const [, since, property, value] = m;
  if (property && property !== "String 0x001A") throw new ListError(400, "ErrorInvalidProperty", `The emulator keeps only the message class among extended properties, not '${property}'.`);
  const top = Number(query.get("$top") ?? 10);
  const skip = Number(query.get("$skip") ?? 0);
  if (!Number.isInteger(top) || top < 1 || top > 1000 || !Number.isInteger(skip) || skip < 0) throw new ListError(400, "ErrorInvalidUrlQuery", "$top must be 1 to 1000 and $skip a whole number.");
  const select = query.get("$select")?.split(",").map((f) => f.trim()) ?? [...FIELDS];
  for (const f of select) if (!(FIELDS as readonly string[]).includes(f)) throw new ListError(400, "RequestBroker--ParseUri", `Could not find a property named '${f}' on type 'Microsoft.OutlookServices.Message'.`);
  const matching = [...messages]
    .filter((msg) => (!since || Date.parse(msg.receivedDateTime) >= Date.parse(since)) && (!value || msg.messageClass.toLowerCase() === value.toLowerCase()))
    .sort((a, b) => Date.parse(b.receivedDateTime) - Date.parse(a.receivedDateTime));
  const page = matching.slice(skip, skip + top).map((msg) => Object.fromEntries(["id", ...select].map((f) => [f, msg[f as keyof InboxMessage]])));
  if (skip + top >= matching.length) return { value: page };
  const next = new URL(selfUrl);
  next.searchParams.set("$skip", String(skip + top));
  return { value: page, "@odata.nextLink": next.toString() };
}
