import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MSI_PATH, MSI_SECRET, startEmulator, type RunningEmulator } from "../../src/emulator/server.js";
import { runCli, tempDataDir } from "../support/cli.js";
import { SITE } from "../support/emulator.js";
import { TENANT } from "../support/sso.js";

const IDENTITY = "cccccccc-0000-4000-8000-000000000001";
const TEAMS_APP = "8a2b4c6d-1e3f-4a5b-9c7d-0e1f2a3b4c5d";
const MAILBOX = "sab@assure-doctor.example";
/** Provision, then doctor --deep, as two CLI processes: slow on a busy machine. */
const CLI_RUNS_TIMEOUT = 120_000;
const ADMIN = "dddddddd-0000-4000-8000-000000000002";
const ADMINS_GROUP = "eeeeeeee-0000-4000-8000-000000000003";

/**
 * `assure doctor --deep` in tenant mode against the emulator (as App Service runs it: managed
 * identity through IDENTITY_ENDPOINT), with a throttled $batch item injected so every deep
 * check has something to report.
 */
describe("assure doctor --deep", () => {
  let emulator: RunningEmulator;
  let env: NodeJS.ProcessEnv;
  const control = (path: string, init?: RequestInit) => fetch(emulator.graphUrl.replace(/\/v1\.0$/, `/_emulator/${path}`), init);

  beforeAll(async () => {
    const catalog = [{ id: "catalog-assure", externalId: TEAMS_APP, displayName: "Assure", publishingState: "submitted" as const }];
    emulator = await startEmulator({ dataDir: tempDataDir(), appRoles: ["Sites.Selected", "User.Read.All"], mailboxes: [MAILBOX], directory: { users: [], groups: [], catalog } });
    const origin = new URL(emulator.graphUrl).origin;
    env = {
      ASSURE_TENANT_ID: TENANT,
      ASSURE_CLIENT_ID: IDENTITY,
      ASSURE_SITE: SITE,
      ASSURE_GRAPH_URL: origin,
      ASSURE_MANAGED_IDENTITY: "true",
      ASSURE_MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
      IDENTITY_ENDPOINT: `${origin}${MSI_PATH}`,
      IDENTITY_HEADER: MSI_SECRET,
      ASSURE_BOT_APP_ID: IDENTITY,
      ASSURE_BOT_APP_TYPE: "UserAssignedMSI",
      ASSURE_PUBLIC_URL: "https://assure.example.org",
      ASSURE_SSO_CLIENT_ID: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      ASSURE_SSO_TENANTS: TENANT,
    };
    expect((await runCli(["provision", "--site", SITE], env)).code).toBe(0);
  });
  afterAll(async () => emulator?.close());

  it("reports what the tenant answered for each assumption, and removes its scratch list", async () => {
    await control("faults", { method: "POST", body: JSON.stringify({ rules: [{ scope: "batch-item", status: 429, retryAfterSeconds: 1, times: 1 }] }) });
    const res = await runCli(["doctor", "--deep"], env);
    expect(res.stdout).toContain("✓ bot: app cccccccc-0000-4000-8000-000000000001: Bot Framework token acquired");
    expect(res.stdout).toContain('✓ a duplicate in a unique column: answered 400 invalidRequest "One or more fields with unique constraints already has the provided value.');
    expect(res.stdout).toContain("✓ an edit with a stale eTag: answered 412");
    expect(res.stdout).toContain("✓ 256 characters in a single-line column: answered 400");
    expect(res.stdout).toMatch(/✓ a \$batch of three creates: answered .*1 throttled, Retry-After 1/);
    expect(res.stdout).toContain("Assure expects 400 invalidRequest");
    expect(res.stdout).toMatch(/✓ a delta round: answered deltaLink given; the next round answered 1 item\(s\), the changed one among them/);
    expect(res.stdout).toContain(`✓ the Graph token's app and roles: answered appid ${IDENTITY}; roles Sites.Selected, User.Read.All`);
    expect(res.code, res.stdout).toBe(0);
    const site = (await (await fetch(`${emulator.graphUrl}/sites/${SITE}`)).json()) as { id: string };
    const lists = (await (await fetch(`${emulator.graphUrl}/sites/${site.id}/lists`)).json()) as { value: { displayName: string }[] };
    expect(lists.value.map((l) => l.displayName).filter((n) => n.startsWith("Assure doctor"))).toEqual([]);
  }, CLI_RUNS_TIMEOUT);

  it("says what the tenant has not granted or published: the Self install permission, an app awaiting approval; and sends the opt-in test email", async () => {
    const other = await startEmulator({ dataDir: tempDataDir(), appRoles: ["Sites.Selected", "User.Read.All", "AppCatalog.Read.All", "TeamsAppInstallation.ReadWriteSelfForUser.All"], mailboxes: [MAILBOX], directory: { users: [], groups: [], catalog: [{ id: "catalog-assure", externalId: TEAMS_APP, displayName: "Assure", publishingState: "submitted" }] } });
    try {
      const origin = new URL(other.graphUrl).origin;
      const there = { ...env, ASSURE_GRAPH_URL: origin, IDENTITY_ENDPOINT: `${origin}${MSI_PATH}`, ASSURE_TEAMS_APP_ID: TEAMS_APP, ASSURE_MAIL_FROM: MAILBOX };
      expect((await runCli(["provision", "--site", SITE], there)).code).toBe(0);
      const res = await runCli(["doctor", "--deep", "--mail-test"], there);
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/✗ the Graph token's app and roles: answered .*missing TeamsAppInstallation\.ReadWriteForUser\.All \(TeamsAppInstallation\.ReadWriteSelfForUser\.All installs only the app whose manifest names this app id/);
      expect(res.stdout).toContain("✗ Assure in the organisation's app catalog: answered found, publishingState submitted");
      expect(res.stdout).toContain("✓ a test email to the board mailbox: answered 202");
      // Without Application Mail.Read the Inbox (and its bounces) cannot be read: said, and sending goes on.
      expect(res.stdout).toContain("✗ reading bounces in the board mailbox's Inbox: answered 403 ErrorAccessDenied");
      const outbox = (await (await fetch(`${origin}/_emulator/outbox?mailbox=${MAILBOX}`)).json()) as { value: { subject: string }[] };
      expect(outbox.value.map((m) => m.subject)).toEqual(["Assure doctor: a test email"]);
    } finally {
      await other.close();
    }
  }, CLI_RUNS_TIMEOUT);

  it.each([
    { granted: ["GroupMember.Read.All"], answered: `✓ checkMemberGroups for the administrators' group: answered 200, member of ["${ADMINS_GROUP}"]`, code: 0 },
    { granted: [], answered: "✗ checkMemberGroups for the administrators' group: answered 403 Authorization_RequestDenied Insufficient privileges to complete the operation.", code: 1 },
  ])("asks Graph whether an administrator is in the administrators' group, as Graph answers with roles $granted", async ({ granted, answered, code }) => {
    // user-checkmembergroups.md: application permission User.Read.All and GroupMember.Read.All; 403 without.
    const people = [{ id: ADMIN, displayName: "Christie Cline", jobTitle: "Board manager", mail: "christie@assure-doctor.example", userPrincipalName: "christie@assure-doctor.example", userType: "Member" as const }];
    const other = await startEmulator({ dataDir: tempDataDir(), appRoles: ["Sites.Selected", "User.Read.All", ...granted], directory: { users: people, groups: [{ id: ADMINS_GROUP, displayName: "Assure administrators", members: [ADMIN] }] } });
    try {
      const origin = new URL(other.graphUrl).origin;
      const there = { ...env, ASSURE_GRAPH_URL: origin, IDENTITY_ENDPOINT: `${origin}${MSI_PATH}`, ASSURE_ADMINS: `${ADMIN},group:${ADMINS_GROUP}` };
      expect((await runCli(["provision", "--site", SITE], there)).code).toBe(0);
      const res = await runCli(["doctor", "--deep"], there);
      expect(res.stdout).toContain(answered);
      expect(res.code, res.stdout).toBe(code);
    } finally {
      await other.close();
    }
  }, CLI_RUNS_TIMEOUT);

  it("stops at the first cause when the tenant cannot be reached, one line per cause with its fix", async () => {
    const unreachable = { ...env, IDENTITY_ENDPOINT: "http://127.0.0.1:9/msi/token", ASSURE_GRAPH_URL: "http://127.0.0.1:9" };
    const res = await runCli(["doctor"], unreachable);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✗ Graph token: .*\n {4}fix: check ASSURE_TENANT_ID/);
    expect(res.stdout).toContain("– SharePoint site: not checked (needs Graph token)");
    expect(res.stdout).toContain("– lists: not checked (needs SharePoint site)");
  });

  it("answers --help with its usage and does nothing else", async () => {
    const res = await runCli(["doctor", "--help"], { ASSURE_TENANT_ID: "incomplete" });
    expect(res).toMatchObject({ code: 0, stderr: "" });
    expect(res.stdout).toMatch(/^usage: assure doctor \[--deep \[--mail-test\]\]/);
  });
});
