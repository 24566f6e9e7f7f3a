import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the Teams Bot Framework connector, for benchmarks and tests: it accepts proactive
 * messages at POST /v3/conversations/{id}/activities (and card updates at PUT …/activities/{id},
 * kept in `updates`) and enforces Teams' limits (50 requests a
 * second per tenant, 7 a second per conversation), answering 429 with Retry-After when a
 * sender exceeds them. It counts what it accepted per conversation, so lost and duplicated
 * messages show.
 */
export async function startLocalConnector(
  limits = { perTenantPerSecond: 50, perConversationPerSecond: 7 },
  /** Tests: answer 429 to the first message to each conversation whose heading this picks, as a throttled connector would. */
  options: { refuseFirst?: (heading: string) => boolean } = {},
) {
  const refused = new Set<string>();
  const tenant: number[] = [];
  const perConversation = new Map<string, number[]>();
  const delivered = new Map<string, number>();
  /** Each accepted message's conversation and the first heading of its card. */
  const messages: { conversation: string; heading: string }[] = [];
  /** Each card message replaced (PUT …/activities/{id}, the bot's updateActivity): where, which, and the whole activity. */
  const updates: { conversation: string; activityId: string; heading: string; activity: Record<string, unknown> }[] = [];
  let throttled = 0;
  const accepted: number[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)$/.exec(req.url ?? "");
      if (req.method === "PUT" && update) {
        const body = Buffer.concat(chunks).toString();
        updates.push({ conversation: decodeURIComponent(update[1]!), activityId: decodeURIComponent(update[2]!), heading: /"text":"([^"]*)"/.exec(body)?.[1] ?? "", activity: JSON.parse(body) as Record<string, unknown> });
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ id: decodeURIComponent(update[2]!) }));
        return;
      }
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) {
        res.writeHead(404).end();
        return;
      }
      const conversation = decodeURIComponent(match[1]!);
      const heading = /"text":"([^"]*)"/.exec(Buffer.concat(chunks).toString())?.[1] ?? "";
      if (options.refuseFirst?.(heading) && !refused.has(conversation)) {
        refused.add(conversation);
        throttled += 1;
        res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "1" }).end(JSON.stringify({ error: { code: "TooManyRequests" } }));
        return;
      }
      const now = performance.now();
      const window = perConversation.get(conversation) ?? [];
      for (const times of [tenant, window]) while (times.length > 0 && times[0]! <= now - 1000) times.shift();
      if (tenant.length >= limits.perTenantPerSecond || window.length >= limits.perConversationPerSecond) {
        throttled += 1;
        res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "1" }).end(JSON.stringify({ error: { code: "TooManyRequests" } }));
        return;
      }
      tenant.push(now);
      accepted.push(now);
      window.push(now);
      perConversation.set(conversation, window);
      delivered.set(conversation, (delivered.get(conversation) ?? 0) + 1);
      messages.push({ conversation, heading });
      res.writeHead(201, { "Content-Type": "application/json" }).end(JSON.stringify({ id: `activity-${delivered.size}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    delivered,
    messages,
    updates,
    throttled: () => throttled,
    /** Milliseconds from the first message accepted to the last. */
    span: () => (accepted.length > 1 ? accepted.at(-1)! - accepted[0]! : 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
