import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MSI_PATH, MSI_SECRET, startEmulator, type RunningEmulator } from "../../src/emulator/server.js";
import { runCli, tempDataDir } from "../support/cli.js";
import { SITE } from "../support/emulator.js";
import { TENANT } from "../support/sso.js";

const IDENTITY = "cccccccc-0000-4000-8000-000000000001";

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
    emulator = await startEmulator({ dataDir: tempDataDir() });
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
    expect(res.code, res.stdout).toBe(0);
    const site = (await (await fetch(`${emulator.graphUrl}/sites/${SITE}`)).json()) as { id: string };
    const lists = (await (await fetch(`${emulator.graphUrl}/sites/${site.id}/lists`)).json()) as { value: { displayName: string }[] };
    expect(lists.value.map((l) => l.displayName).filter((n) => n.startsWith("Assure doctor"))).toEqual([]);
  });

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
    expect(res.stdout).toMatch(/^usage: assure doctor \[--deep\]/);
  });
});
