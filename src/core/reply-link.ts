import { createHash } from "node:crypto";
import { z } from "zod";
import { IdSchema, InstantSchema } from "./ids.js";

/**
 * A link in a reminder email to a reply page for one action, for one person. The link carries
 * a random token; only its SHA-256 hash is stored (as the row's id), so the lists never hold a
 * working link. It stops working when it expires, is revoked, or a newer link replaces it.
 */
export const ReplyLinkSchema = z.object({
  /** The token's SHA-256, hex. */
  id: z.string().regex(/^[0-9a-f]{64}$/, "is not a token hash"),
  actionId: IdSchema,
  personId: IdSchema,
  issuedAt: InstantSchema,
  expiresAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
});
export type ReplyLink = z.infer<typeof ReplyLinkSchema>;

/** How long a link works unless a newer reminder replaces it first. */
export const REPLY_LINK_DAYS = 28;

export type ReplyLinkState = "usable" | "expired" | "revoked" | "replaced";

/**
 * Whether a link still works. A newer link for the same action and person replaces it: issuing a
 * link never rewrites the older ones (that would cost a Graph read and a write on every email
 * sent), so the reply page passes the action's other links (`others`) and the newest one wins.
 */
export function replyLinkState(link: ReplyLink, now: Date, others: readonly ReplyLink[] = []): ReplyLinkState {
  if (link.revokedAt !== null) return "revoked";
  if (Date.parse(link.expiresAt) <= now.getTime()) return "expired";
  const newer = others.some((o) => o.id !== link.id && o.actionId === link.actionId && o.personId === link.personId && (o.issuedAt > link.issuedAt || (o.issuedAt === link.issuedAt && o.id > link.id)));
  return newer ? "replaced" : "usable";
}

export function newReplyLink(input: { hash: string; actionId: string; personId: string; issuedAt: Date }): ReplyLink {
  return {
    id: input.hash,
    actionId: input.actionId,
    personId: input.personId,
    issuedAt: input.issuedAt.toISOString(),
    expiresAt: new Date(input.issuedAt.getTime() + REPLY_LINK_DAYS * 86_400_000).toISOString(),
    revokedAt: null,
  };
}

/** The stored form of a link's token: its SHA-256, hex (deterministic, so a token finds its row). */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
