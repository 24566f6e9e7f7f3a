import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import type { NonDeliveryReport } from "../core/email-bounce.js";

export type BounceRead = { ok: true; reports: NonDeliveryReport[] } | { ok: false; status: number; message: string };

/** Exchange's message class for a non-delivery report, read through its MAPI property PidTagMessageClass (0x001A). */
export const NDR_CLASS = "REPORT.IPM.Note.NDR";
export const MESSAGE_CLASS_PROPERTY = "String 0x001A";
/** How far back each read looks: reports older than this were read by earlier sweeps. */
export const BOUNCE_WINDOW_DAYS = 14;
/** Pages read at most (of 50): a mailbox with more reports in the window than this is read in part. */
const MAX_PAGES = 4;

const PageSchema = z.object({
  value: z.array(
    z.object({
      receivedDateTime: z.string(),
      bodyPreview: z.string().default(""),
      toRecipients: z.array(z.object({ emailAddress: z.object({ address: z.string().default("") }) })).default([]),
    }),
  ),
  "@odata.nextLink": z.string().optional(),
});

/**
 * Reads the non-delivery reports in the board mailbox's Inbox through Graph (list messages,
 * `$filter` on the message class as an extended property: singlevaluelegacyextendedproperty-get.md).
 * Application permission Mail.Read, which Exchange RBAC for Applications can limit to this mailbox.
 * A refusal is returned, not thrown: Assure carries on sending without knowing of bounces.
 */
export class GraphBounceReader {
  constructor(
    private readonly client: Client,
    readonly mailbox: string,
  ) {}

  async read(now: Date): Promise<BounceRead> {
    const since = new Date(now.getTime() - BOUNCE_WINDOW_DAYS * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const filter = `receivedDateTime ge ${since} and singleValueExtendedProperties/Any(ep: ep/id eq '${MESSAGE_CLASS_PROPERTY}' and ep/value eq '${NDR_CLASS}')`;
    const reports: NonDeliveryReport[] = [];
    try {
      let next: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const raw: unknown = next
          ? await this.client.api(next).get()
          : await this.client.api(`/users/${encodeURIComponent(this.mailbox)}/mailFolders/inbox/messages`).filter(filter).select("receivedDateTime,toRecipients,bodyPreview").top(50).get();
        const parsed = PageSchema.parse(raw);
        reports.push(...parsed.value.map((m) => ({ receivedDateTime: m.receivedDateTime, bodyPreview: m.bodyPreview, toRecipients: m.toRecipients.map((r) => r.emailAddress.address).filter(Boolean) })));
        next = parsed["@odata.nextLink"];
        if (!next) break;
      }
      return { ok: true, reports };
    } catch (error: unknown) {
      if (error instanceof GraphError) return { ok: false, status: error.statusCode, message: `${error.code ?? ""} ${error.message}`.trim() };
      return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error) };
    }
  }
}
