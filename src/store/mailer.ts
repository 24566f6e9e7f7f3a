import type { Client } from "@microsoft/microsoft-graph-client";
import { StoreError, toStoreError } from "./store-error.js";

export interface Mail {
  to: string;
  subject: string;
  /** HTML, built by Assure from its own templates with everything a person typed escaped. */
  html: string;
}

export type MailOutcome = { ok: true } | { ok: false; permanent: boolean; status: number; retryAfterSeconds: number | null; message: string };

/**
 * Sends mail from the board's mailbox through Graph (`POST /users/{mailbox}/sendMail`, 202
 * Accepted; application permission Mail.Send, limited to that mailbox with Exchange RBAC for
 * Applications). A copy lands in the mailbox's Sent Items.
 */
export class GraphMailer {
  constructor(
    private readonly client: Client,
    readonly from: string,
  ) {}

  async send(mail: Mail): Promise<MailOutcome> {
    try {
      await this.client.api(`/users/${encodeURIComponent(this.from)}/sendMail`).post({
        message: {
          subject: mail.subject,
          body: { contentType: "HTML", content: mail.html },
          toRecipients: [{ emailAddress: { address: mail.to } }],
        },
        saveToSentItems: true,
      });
      return { ok: true };
    } catch (raw: unknown) {
      const error = raw instanceof StoreError ? raw : toStoreError(raw, `mailbox ${this.from}, sendMail`);
      // A refused recipient or mailbox (400, 403, 404) will be refused again; throttling and outages pass.
      return { ok: false, permanent: !error.retryable, status: statusOf(raw), retryAfterSeconds: error.retryAfterSeconds, message: error.message };
    }
  }

  /** What the mailbox has sent, newest first (local mode's mailbox page, and tests). */
  async sent(top = 50): Promise<{ subject: string; to: string; html: string; sentAt: string }[]> {
    const page = (await this.client.api(`/users/${encodeURIComponent(this.from)}/mailFolders/sentitems/messages`).top(top).get()) as {
      value: { subject: string; body: { content: string }; toRecipients: { emailAddress: { address: string } }[]; sentDateTime: string }[];
    };
    return page.value.map((m) => ({ subject: m.subject, to: m.toRecipients[0]?.emailAddress.address ?? "", html: m.body.content, sentAt: m.sentDateTime }));
  }
}

function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : 0;
}
