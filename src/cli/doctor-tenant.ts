import type { Client } from "@microsoft/microsoft-graph-client";
import { GraphError } from "@microsoft/microsoft-graph-client";
import type { Settings } from "./settings.js";
import type { DeepCheck } from "./doctor-deep.js";
import { BOUNCE_WINDOW_DAYS, GraphBounceReader } from "../store/mail-bounces.js";

/**
 * `assure doctor --deep`, beyond SharePoint: what the tenant granted and published, proven by
 * asking it (issue 26, item 11). Each check says what the tenant answered beside what Assure
 * needs; the test email only with `--mail-test`.
 */
type TenantSettings = Extract<Settings, { mode: "tenant" }>;

/** The claims of an Entra access token Assure needs to read (it was issued to Assure itself; nothing is trusted from it but what to report). */
export function tokenClaims(token: string): { appid: string; roles: string[] } | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { appid?: unknown; azp?: unknown; roles?: unknown };
    const appid = typeof payload.appid === "string" ? payload.appid : typeof payload.azp === "string" ? payload.azp : "";
    return { appid, roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [] };
  } catch {
    return null;
  }
}

/** The Graph application permissions these settings use (docs/deploy.md, step 3); alternatives with "|". */
export function neededRoles(settings: TenantSettings): string[] {
  return [
    "Sites.Selected",
    "User.Read.All|User.ReadBasic.All",
    ...(settings.admins.groups.length > 0 ? ["GroupMember.Read.All"] : []),
    ...(settings.teamsAppId ? ["AppCatalog.Read.All", "TeamsAppInstallation.ReadWriteForUser.All"] : []),
  ];
}

async function status(call: () => Promise<unknown>): Promise<{ status: number; body: unknown; message: string }> {
  try {
    return { status: 200, body: await call(), message: "" };
  } catch (e: unknown) {
    if (e instanceof GraphError) return { status: e.statusCode, body: null, message: `${e.code ?? ""} ${e.message}`.trim() };
    throw e;
  }
}

export async function tenantChecks(input: { client: Client; token: string; settings: TenantSettings; mailTest: boolean }): Promise<DeepCheck[]> {
  const { client, settings } = input;
  const checks: DeepCheck[] = [];
  const claims = tokenClaims(input.token);
  const needed = neededRoles(settings);
  const roles = claims?.roles ?? [];
  const missing = needed.filter((n) => !n.split("|").some((r) => roles.includes(r)));
  const selfOnly = missing.includes("TeamsAppInstallation.ReadWriteForUser.All") && roles.includes("TeamsAppInstallation.ReadWriteSelfForUser.All");
  checks.push({
    name: "the Graph token's app and roles",
    expected: `appid ${settings.graph.clientId}; roles ${needed.join(", ")}`,
    answered: claims
      ? `appid ${claims.appid}; roles ${roles.join(", ") || "none"}${missing.length ? `; missing ${missing.join(", ")}` : ""}${selfOnly ? " (TeamsAppInstallation.ReadWriteSelfForUser.All installs only the app whose manifest names this app id: Graph refuses Assure's; see docs/deploy.md, step 3)" : ""}`
      : "a token Assure cannot read",
    ok: claims !== null && claims.appid.toLowerCase() === settings.graph.clientId.toLowerCase() && missing.length === 0,
  });

  if (settings.teamsAppId) {
    const id = settings.teamsAppId.replace(/'/g, "''");
    const found = await status(() => client.api("/appCatalogs/teamsApps").filter(`distributionMethod eq 'organization' and externalId eq '${id}'`).expand("appDefinitions").get());
    const apps = ((found.body as { value?: { id: string; appDefinitions?: { publishingState?: string }[] }[] } | null)?.value ?? []);
    const states = apps.flatMap((a) => (a.appDefinitions ?? []).map((d) => d.publishingState ?? "unknown"));
    checks.push({
      name: "Assure in the organisation's app catalog",
      expected: `the app with manifest id ${settings.teamsAppId}, distributionMethod organization, publishingState published (publish it before sweeps start: docs/deploy.md)`,
      answered: found.status !== 200 ? `${found.status} ${found.message}` : apps.length === 0 ? "not in the organisation's catalog" : `found, publishingState ${states.join(", ")}`,
      ok: found.status === 200 && states.includes("published"),
    });
  }

  const [group] = settings.admins.groups;
  if (group) {
    const [someone] = settings.admins.users;
    if (!someone) {
      checks.push({ name: "checkMemberGroups for the administrators' group", expected: "200 with the groups a person is in", answered: "not tried: ASSURE_ADMINS names no person to ask about", ok: true });
    } else {
      const asked = await status(() => client.api(`/users/${encodeURIComponent(someone)}/checkMemberGroups`).post({ groupIds: [group] }));
      checks.push({
        name: "checkMemberGroups for the administrators' group",
        expected: "200 with the ids of the groups the person is in (GroupMember.Read.All)",
        answered: asked.status === 200 ? `200, member of ${JSON.stringify((asked.body as { value?: string[] }).value ?? [])}` : `${asked.status} ${asked.message}`,
        ok: asked.status === 200,
      });
    }
  }

  if (settings.mailFrom) {
    // A read only: the same request each sweep makes for bounces.
    const read = await new GraphBounceReader(client, settings.mailFrom).read(new Date());
    checks.push({
      name: "reading bounces in the board mailbox's Inbox",
      expected: "200 (Application Mail.Read in Exchange, scoped to this mailbox; without it Assure sends but cannot see bounces)",
      answered: read.ok ? `200, ${read.reports.length} non-delivery report(s) in the last ${BOUNCE_WINDOW_DAYS} days` : `${read.status} ${read.message}`,
      ok: read.ok,
    });
  }

  if (input.mailTest && settings.mailFrom) {
    const from = settings.mailFrom;
    const sent = await status(() =>
      client.api(`/users/${encodeURIComponent(from)}/sendMail`).post({
        message: { subject: "Assure doctor: a test email", body: { contentType: "Text", content: "Sent by assure doctor --deep --mail-test to the board mailbox itself. Nothing to do." }, toRecipients: [{ emailAddress: { address: from } }] },
        saveToSentItems: false,
      }),
    );
    checks.push({
      name: "a test email to the board mailbox",
      expected: "202 Accepted (Application Mail.Send scoped to this mailbox; Test-ServicePrincipalAuthorization shows the scope)",
      answered: sent.status === 200 ? "202 (accepted; look for it in the mailbox)" : `${sent.status} ${sent.message}`,
      ok: sent.status === 200,
    });
  }
  return checks;
}
