import { ConfidentialClientApplication, ManagedIdentityApplication } from "@azure/msal-node";
import { Client, HTTPMessageHandler } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { GraphBearer, RateLimitPacer, RequestTimeout } from "./graph-middleware.js";
import type { RuBudget } from "./ru-budget.js";

export const GRAPH_URL = "https://graph.microsoft.com";

/**
 * How the store reaches Graph: the local emulator (no token), or a tenant with an app-only
 * token from a client secret, a certificate or a managed identity. Validated at start-up.
 */
export const GraphSettingsSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("emulator"), graphUrl: z.url(), site: z.string().min(1) }),
  z.object({
    mode: z.literal("tenant"),
    tenantId: z.string().min(1),
    clientId: z.string().min(1),
    credential: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("secret"), clientSecret: z.string().min(1) }),
      z.object({ kind: z.literal("certificate"), thumbprintSha256: z.string().min(1), privateKey: z.string().min(1) }),
      z.object({ kind: z.literal("managed-identity"), userAssignedClientId: z.string().min(1).optional() }),
    ]),
    /** e.g. contoso.sharepoint.com:/sites/safeguarding, or a site id */
    site: z.string().min(1),
    /** Graph's endpoint: the global service unless a national cloud (or a test's emulator) says otherwise. */
    graphUrl: z.url().default(GRAPH_URL),
  }),
]);
export type GraphSettings = z.infer<typeof GraphSettingsSchema>;

export const USER_AGENT = "NONISV|SafeguardingAdultsBoard|Assure/0.1";

/** How Assure gets its Graph token: app-only (secret, certificate or managed identity); the emulator needs none. */
export function tokenSource(settings: GraphSettings): () => Promise<string> {
  if (settings.mode === "emulator") return async () => "emulator"; // the emulator takes no token
  const { credential } = settings;
  if (credential.kind === "managed-identity") {
    const app = new ManagedIdentityApplication(
      credential.userAssignedClientId ? { managedIdentityIdParams: { userAssignedClientId: credential.userAssignedClientId } } : {},
    );
    return async () => (await app.acquireToken({ resource: GRAPH_URL })).accessToken;
  }
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      ...(credential.kind === "secret"
        ? { clientSecret: credential.clientSecret }
        : { clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKey } }),
    },
  });
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [`${GRAPH_URL}/.default`] });
    if (!result) throw new Error("Entra ID returned no token for the Graph app-only scope");
    return result.accessToken;
  };
}

/**
 * A graph-client v3 Client: the token goes to the configured Graph endpoint only, background
 * work keeps within Assure's budget (when given), requests slow down when SharePoint says the
 * budget is nearly spent, and retries are left to the store.
 */
export function connectGraph(settings: GraphSettings, pacer = new RateLimitPacer(), options: { timeoutMs?: number; budget?: RuBudget } = {}): Client {
  const origin = new URL(settings.graphUrl ?? GRAPH_URL).origin;
  const bearer = new GraphBearer(origin, tokenSource(settings));
  if (options.budget) {
    bearer.setNext(options.budget);
    options.budget.setNext(pacer);
  } else bearer.setNext(pacer);
  if (options.timeoutMs) {
    const timeout = new RequestTimeout(options.timeoutMs);
    pacer.setNext(timeout);
    timeout.setNext(new HTTPMessageHandler());
  } else {
    pacer.setNext(new HTTPMessageHandler());
  }
  return Client.initWithMiddleware({
    middleware: bearer,
    baseUrl: origin,
    defaultVersion: "v1.0",
    fetchOptions: { headers: { "User-Agent": USER_AGENT } },
  });
}
