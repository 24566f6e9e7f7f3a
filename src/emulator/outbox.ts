import { z } from "zod";

const OutboxSchema = z.object({
  value: z.array(z.object({ subject: z.string(), body: z.object({ content: z.string() }), toRecipients: z.array(z.object({ emailAddress: z.object({ address: z.string() }) })), sentDateTime: z.string() })),
});

export interface SentMail {
  subject: string;
  to: string;
  html: string;
  sentAt: string;
}

/**
 * What the emulator's board mailbox has sent, newest first, saved to Sent Items or not (Assure
 * sends with saveToSentItems false, so its reply links are not kept in clear in the mailbox):
 * local mode's /mailbox page, tests and benchmarks. Only the emulator can show it.
 */
export async function readOutbox(graphUrl: string, mailbox: string, top = 100): Promise<SentMail[]> {
  const origin = graphUrl.replace(/\/v1\.0\/?$/, "");
  const res = await fetch(`${origin}/_emulator/outbox?mailbox=${encodeURIComponent(mailbox)}&top=${top}`);
  if (!res.ok) throw new Error(`the Graph emulator's outbox answered ${res.status}`);
  return OutboxSchema.parse(await res.json()).value.map((m) => ({ subject: m.subject, to: m.toRecipients[0]?.emailAddress.address ?? "", html: m.body.content, sentAt: m.sentDateTime }));
}
