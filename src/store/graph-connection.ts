import { ConfidentialClientApplication, ManagedIdentityApplication } from "@azure/msal-node";
import { Client } from "@microsoft/microsoft-graph-client";
import { z } from "zod";

const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

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
    return async () => (await app.acquireToken({ resource: "https://graph.microsoft.com" })).accessToken;
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
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
    if (!result) throw new Error("Entra ID returned no token for the Graph app-only scope");
    return result.accessToken;
  };
}

/** A graph-client v3 Client with its default middleware (auth, retry on 429/503/504 honouring Retry-After). */
export function connectGraph(settings: GraphSettings): Client {
  const getToken = tokenSource(settings);
  const baseUrl = settings.mode === "emulator" ? new URL(settings.graphUrl).origin : undefined;
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: getToken },
    ...(baseUrl ? { baseUrl } : {}),
    defaultVersion: "v1.0",
    fetchOptions: { headers: { "User-Agent": USER_AGENT } },
  });
}
