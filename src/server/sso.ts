import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { AuthError, type Identify } from "./identity.js";

export interface SsoSettings {
  /** The Entra app the tab's SSO tokens are issued for (manifest webApplicationInfo.id). */
  clientId: string;
  /** Its Application ID URI, e.g. api://assure.example.org/<clientId>; v1 tokens carry it as audience. */
  applicationIdUri: string | null;
  /** Tenants whose people may use this server: a board's own tenant, usually one. */
  allowedTenants: string[];
  /** Where the signing keys are; Entra's common keys unless a test or sovereign cloud says otherwise. */
  jwksUrl: string;
  /** The issuer for a tenant; v2 tokens by default. */
  issuerOf: (tenantId: string) => string;
}

export const ENTRA_JWKS_URL = "https://login.microsoftonline.com/common/discovery/v2.0/keys";
export const entraIssuer = (tenantId: string) => `https://login.microsoftonline.com/${tenantId}/v2.0`;

/**
 * Teams SSO: the tab sends `authentication.getAuthToken()`'s token as a Bearer token; every
 * request's token is checked here (signature against the published keys, issuer, audience,
 * expiry, allowed tenant) before anything is read or written.
 */
export function ssoIdentity(settings: SsoSettings, keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl))): Identify {
  const audience = [settings.clientId, ...(settings.applicationIdUri ? [settings.applicationIdUri] : [])];
  const issuer = settings.allowedTenants.map(settings.issuerOf);
  return async (req) => {
    const header = req.header("authorization") ?? "";
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    if (!token) throw new AuthError(401, "sign in with Teams: this request has no Bearer token");
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, keys, { audience, issuer, algorithms: ["RS256"], requiredClaims: ["oid", "tid", "exp"], clockTolerance: 60 }));
    } catch (e) {
      throw new AuthError(401, `the sign-in token was refused: ${reason(e)}`);
    }
    if (!settings.allowedTenants.includes(String(claims.tid))) throw new AuthError(401, `the sign-in token was refused: tenant ${String(claims.tid)} is not allowed`);
    const oid = String(claims.oid);
    return { kind: "signed-in", entraObjectId: oid, name: String(claims.name ?? claims.preferred_username ?? oid) };
  };
}

function reason(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "it has expired";
  if (e instanceof errors.JWTClaimValidationFailed) return `its ${e.claim} claim is wrong (${e.reason})`;
  if (e instanceof errors.JWSSignatureVerificationFailed) return "its signature does not match the tenant's keys";
  if (e instanceof errors.JWKSNoMatchingKey) return "it was signed with a key the tenant does not publish";
  if (e instanceof errors.JOSEError) return e.message;
  return "it could not be read";
}
