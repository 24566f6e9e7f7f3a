import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Person } from "../src/core/lead.js";
import { IMPACT_STAGE } from "../src/core/impact-reminder.js";
import { MAX_SEND_ATTEMPTS, type LedgerEntry } from "../src/core/ledger.js";
import { hashToken, newReplyLink } from "../src/core/reply-link.js";
import type { DeliveryStore, PlanStore } from "../src/core/store.js";
import type { Mail, MailOutcome } from "../src/store/mailer.js";
import type { Delivery } from "./deliveries.js";
import { emailHtml, emailSubject } from "./email/email-html.js";
import type { MailRateLimiter } from "./mail-rate-limit.js";
import { logEvent } from "../src/log.js";

/** Email from the board's mailbox, for people Teams cannot reach or who chose email. */
export interface MailDeps {
  send: (mail: Mail) => Promise<MailOutcome>;
  limiter: MailRateLimiter;
  /** Where reply links point: the server's public address. */
  publicUrl: string;
  /** The real time a reply link is issued (a sweep's `--at` may be a historical moment). */
  linkClock: () => Date;
  /** Told when sendMail answers 401/403/404: Assure's mailbox set-up is wrong (see mailSetupAlarm). */
  setupProblem?: (status: number, message: string) => void;
}

/**
 * Tells administrators once per process and kind of refusal that the board mailbox refused
 * Assure: an error event in the log (Application Insights alerts on it) naming the fix.
 */
export function mailSetupAlarm(): (status: number, message: string) => void {
  const told = new Set<number>();
  return (status, message) => {
    if (told.has(status)) return;
    told.add(status);
    logEvent("error", "mail-setup-problem", { status, message: message.slice(0, 300), fix: "grant Application Mail.Send in Exchange scoped to ASSURE_MAIL_FROM (RBAC for Applications), and check the mailbox exists (docs/deploy.md, step 3)" });
  };
}

/**
 * A fresh reply link for this person and action: one create (2 resource units). It replaces any
 * earlier one for them because the reply page lets only the newest work (replyLinkState), so
 * nothing is read or rewritten here.
 */
async function issueReplyLink(store: DeliveryStore, mail: MailDeps, actionId: string, personId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const issuedAt = mail.linkClock();
  await store.saveReplyLink(newReplyLink({ hash: hashToken(token), actionId, personId, issuedAt }));
  return `${mail.publicUrl}/reply/${token}`;
}

export type EmailResult = { outcome: "sent" } | { outcome: "failed" | "will retry"; detail: string; permanent: boolean } | { outcome: "deferred"; detail: string };

/**
 * Sends one claimed delivery by email; a failure is recorded on its claim. A reminder carries
 * a reply link; a digest its links to the tab. Throttling is retried within the sweep.
 */
export async function sendByEmail(input: {
  store: PlanStore & DeliveryStore;
  mail: MailDeps;
  delivery: Delivery;
  person: Person;
  retry: LedgerEntry | null;
  /** Called once Exchange has accepted it; the sweep confirms it with others (bot/send-group.ts). */
  delivered: () => void;
}): Promise<EmailResult> {
  const { store, mail, delivery, person } = input;
  const card = delivery.card();
  if (!card) return { outcome: "failed", detail: "what it is about is gone", permanent: true };
  if (!(await mail.limiter.acquire())) return { outcome: "deferred", detail: "the mailbox has sent its 10,000 messages for today" };
  const replyUrl = delivery.kind === "reminder" && delivery.actionId ? await issueReplyLink(store, mail, delivery.actionId, person.id) : null;
  const message: Mail = {
    to: person.email,
    subject: emailSubject(card),
    html: emailHtml(card, { replyUrl, footer: delivery.stage === IMPACT_STAGE ? "Sent by Assure for your Safeguarding Adults Board. You are receiving this because the board's findings register has you down to review this recommendation's impact." : "Sent by Assure for your Safeguarding Adults Board. You are receiving this because you lead this action in the board's plan." }),
  };
  let outcome = await mail.send(message);
  if (!outcome.ok && outcome.setup) {
    const { status, message: said } = outcome;
    // Assure's own set-up, not this person's address: the claim stands and is tried again once it
    // times out; the person is not marked failed, and administrators hear of it once.
    await store.updateLedgerEntry(delivery.key, (e) => ({ ...e, lastError: `Email ${status} (set-up): ${said}`.slice(0, 1000) }));
    mail.setupProblem?.(status, said);
    return { outcome: "deferred", detail: `the board mailbox refused Assure (Graph ${status}): a set-up problem, not their address; see docs/deploy.md, step 3` };
  }
  for (let again = 1; !outcome.ok && !outcome.permanent && again <= 3; again++) {
    await sleep(1000 * Math.min(outcome.retryAfterSeconds ?? 2 ** again, 60));
    if (!(await mail.limiter.acquire())) break;
    outcome = await mail.send(message);
  }
  if (outcome.ok) {
    input.delivered();
    return { outcome: "sent" };
  }
  const attempts = (input.retry?.attempts ?? 1) + (input.retry ? 1 : 0);
  const giveUp = outcome.permanent || attempts >= MAX_SEND_ATTEMPTS;
  await store.updateLedgerEntry(delivery.key, (e) => ({ ...e, status: giveUp ? "failed" : "claimed", attempts, lastError: `Email ${outcome.status}: ${outcome.message}`.slice(0, 1000) }));
  return { outcome: giveUp ? "failed" : "will retry", detail: `email ${outcome.status}`, permanent: outcome.permanent };
}
