import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { freePort } from "./ports.js";

export const TENANT = "11111111-2222-4333-8444-555555555555";
export const CLIENT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

/**
 * Stands in for Entra ID's published signing keys (the one thing this machine cannot reach) and
 * signs Teams SSO tokens with them, or with a key Entra never published.
 */
export async function ssoFixture() {
  const pair = await generateKeyPair("RS256", { extractable: true });
  const stranger = (await generateKeyPair("RS256")).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const server: Server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const token = (claims: Record<string, unknown>, opts: { forged?: boolean; expires?: string; issuer?: string; audience?: string } = {}) =>
    new SignJWT({ tid: TENANT, ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "test-key" })
      .setIssuer(opts.issuer ?? `https://login.microsoftonline.com/${String(claims.tid ?? TENANT)}/v2.0`)
      .setAudience(opts.audience ?? CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime(opts.expires ?? "1h")
      .sign(opts.forged ? stranger : pair.privateKey);
  return {
    /** The settings a server needs to accept these tokens. */
    env: { ASSURE_SSO_CLIENT_ID: CLIENT_ID, ASSURE_SSO_TENANTS: TENANT, ASSURE_SSO_JWKS_URL: `http://127.0.0.1:${port}/keys` },
    token,
    /** Request headers carrying a token for this Entra object id. */
    bearer: async (oid: string, name = "Someone", opts: Parameters<typeof token>[1] = {}) => ({ authorization: `Bearer ${await token({ oid, name }, opts)}` }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
