import type { Client } from "@microsoft/microsoft-graph-client";
import { StoreError, toStoreError } from "./store-error.js";

export interface Mail {
  to: string;
  subject: string;
  /** HTML, built by Assure from its own templates with everything a person typed escaped. */
  html: string;
}

export type MailOutcome =
  | { ok: true }
  | {
      ok: false;
      /** The recipient will be refused again: the address is wrong. */
      permanent: boolean;
      /**
       * Assure's own set-up is wrong (401, 403 or 404 from sendMail: no Mail.Send, the mailbox
       * outside the permitted scope, no such mailbox): nobody's address is at fault, and every
       * send fails until an administrator fixes it.
       */
      setup: boolean;
      status: number;
      retryAfterSeconds: number | null;
      message: string;
    };

/**
 * Sends mail from the board's mailbox through Graph (`POST /users/{mailbox}/sendMail`;
 * user-sendmail.md). 202 means accepted for delivery, not delivered: a wrong address comes back
 * later as a non-delivery report in the mailbox's inbox. Application permission Mail.Send,
 * limited to that mailbox with Exchange RBAC for Applications. Nothing is saved to Sent Items
 * (`saveToSentItems: false`): a reminder's reply link works for 28 days, and Sent Items would
 * keep it in clear for anyone who can open the mailbox.
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
        saveToSentItems: false,
      });
      return { ok: true };
    } catch (raw: unknown) {
      const error = raw instanceof StoreError ? raw : toStoreError(raw, `mailbox ${this.from}, sendMail`);
      const status = statusOf(raw);
      const setup = status === 401 || status === 403 || status === 404;
      // A refused recipient (400) will be refused again; throttling and outages pass; set-up problems are nobody's address.
      return { ok: false, permanent: !error.retryable && !setup, setup, status, retryAfterSeconds: error.retryAfterSeconds, message: error.message };
    }
  }
}

function statusOf(error: unknown): number {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : 0;
}
