import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ADMINS_GROUP, demoTenantDirectory } from "../../src/demo/tenant-directory.js";
import { MSI_PATH, MSI_SECRET, startEmulator, type RunningEmulator } from "../../src/emulator/server.js";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { SITE } from "../support/emulator.js";
import { freePort } from "../support/ports.js";
import { ssoFixture, TENANT } from "../support/sso.js";

type Json = Record<string, any>;
const DEBRA = "00000000-0000-0000-0000-0000000000040"; // in the emulator directory's administrators' group
const MEGAN = "00000000-0000-0000-0000-0000000000021";
const ALEX = "00000000-0000-0000-0000-0000000000020";
const STRANGER = "00000000-0000-0000-0000-0000000000044"; // in the tenant, in no role

/**
 * The built server as App Service runs it: tenant-mode settings, PORT set by the platform, a
 * managed identity through IDENTITY_ENDPOINT/IDENTITY_HEADER (App Service's local token
 * endpoint, which the emulator stands in for), Teams SSO, and a freshly provisioned, empty site.
 * The only stand-ins are the ones this machine cannot reach: Graph (our emulator) and Entra's keys.
 */
describe("Assure on App Service, against an empty site", () => {
  let emulator: RunningEmulator;
  let server: ChildProcess & { printed: () => string };
  let sso: Awaited<ReturnType<typeof ssoFixture>>;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const stats = async () => (await fetch(emulator.graphUrl.replace(/\/v1\.0$/, "/_emulator/stats"))).json() as Promise<Json>;

  beforeAll(async () => {
    emulator = await startEmulator({ dataDir: tempDataDir(), directory: demoTenantDirectory() });
    sso = await ssoFixture();
    port = await freePort();
    const origin = new URL(emulator.graphUrl).origin;
    env = {
      ASSURE_TENANT_ID: TENANT,
      ASSURE_CLIENT_ID: "cccccccc-0000-4000-8000-000000000001",
      ASSURE_SITE: SITE,
      ASSURE_GRAPH_URL: origin,
      ASSURE_MANAGED_IDENTITY: "true",
      ASSURE_MANAGED_IDENTITY_CLIENT_ID: "cccccccc-0000-4000-8000-000000000001",
      IDENTITY_ENDPOINT: `${origin}${MSI_PATH}`,
      IDENTITY_HEADER: MSI_SECRET,
      ASSURE_ADMINS: `group:${DEMO_ADMINS_GROUP}`,
      PORT: String(port),
      ...sso.env,
    };
    const provisioned = await runCli(["provision", "--site", SITE], env);
    expect(provisioned.stderr).toBe("");
    expect(provisioned.stdout).toContain("created list Assure Plans");
    server = await startCli(["start"], /Assure is running/, env);
  });
  afterAll(async () => {
    if (server) await stop(server);
    await sso?.close();
    await emulator?.close();
  });

  const call = async (path: string, headers: Record<string, string>, init: { method?: string; body?: unknown; host?: string } = {}) => {
    const res = await fetch(`http://${init.host ?? "127.0.0.1"}:${port}${path}`, {
      method: init.method ?? "GET",
      headers: { "content-type": "application/json", ...headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it("listens on every interface, on the port App Service gives it", async () => {
    expect(server.printed()).toContain(`every interface, port ${port}`);
    // 127.0.0.2 is not the address a loopback-only server binds (127.0.0.1), so only a server
    // listening on every interface answers it. (This workplace allows no traffic to the
    // machine's other addresses; see the session note.)
    const health = await call("/health", {}, { host: "127.0.0.2" });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
  });

  it("reaches Graph with the managed identity's token from App Service's identity endpoint", async () => {
    const s = await stats();
    expect(s.tokensIssued).toBeGreaterThan(0);
    expect(s.withToken).toBe(s.requests);
  });

  it("lets an administrator set up a new board: people from the directory, a lead, a plan with its manager, an action", async () => {
    const admin = await sso.bearer(DEBRA, "Debra Berger");
    const me = await call("/api/me", admin);
    expect(me.body).toMatchObject({ admin: true, person: null, name: "Debra Berger" });

    const found = await call("/api/people/search?q=meg", admin);
    expect(found.body.people).toEqual([expect.objectContaining({ entraObjectId: MEGAN, displayName: "Megan Bowen", inAssure: false })]);
    // A new board: its name, as its plans will write it, goes on everything that is its own.
    const megan = await call("/api/people", admin, { method: "POST", body: { entraObjectId: MEGAN, boards: ["Testshire SAB"] } });
    const alex = await call("/api/people", admin, { method: "POST", body: { entraObjectId: ALEX, boards: ["Testshire SAB"] } });
    expect([megan.status, alex.status]).toEqual([201, 201]);

    const lead = await call("/api/leads", admin, { method: "POST", body: { asWritten: "SAR Coordinator", kind: "role", members: [alex.body.id], boards: ["Testshire SAB"] } });
    expect(lead.status).toBe(201);
    const plan = await call("/api/plans", admin, { method: "POST", body: { title: "SAR Mr F action plan", kind: "sar-action-plan", boards: ["Testshire SAB"], managers: [megan.body.id] } });
    expect(plan.status).toBe(201);
    expect(plan.body.managers).toEqual([megan.body.id]);

    // The manager the administrator named now builds the plan herself.
    const manager = await sso.bearer(MEGAN, "Megan Bowen");
    const section = await call(`/api/plans/${plan.body.id}/sections`, manager, { method: "POST", body: { kind: "recommendation", number: "1", title: "Agree a multi-agency chronology" } });
    expect(section.status).toBe(201);
    const action = await call(`/api/plans/${plan.body.id}/actions`, manager, { method: "POST", body: { sectionId: section.body.id, ref: "1.1", text: "Draft the chronology template", leadId: lead.body.id, timescale: "Mar 2027" } });
    expect(action.status).toBe(201);

    const lead_ = await call("/api/me", await sso.bearer(ALEX, "Alex Wilber"));
    expect(lead_.body.roles).toMatchObject({ admin: false, leadOf: [lead.body.id], managerOf: [] });
    const changes = await call(`/api/changes?planId=${plan.body.id}`, manager);
    expect(changes.body.changes.at(-1).by).toEqual({ personId: null, entraObjectId: DEBRA, name: "Debra Berger" });
  });

  it("refuses set-up to someone in the tenant who is neither an administrator nor a manager", async () => {
    const stranger = await sso.bearer(STRANGER, "Raul Razo");
    expect((await call("/api/me", stranger)).body).toMatchObject({ admin: false, roles: null });
    const plan = await call("/api/plans", stranger, { method: "POST", body: { title: "Mine", kind: "business-plan", boards: ["X"], managers: [] } });
    expect(plan.status).toBe(403);
    expect((await call("/api/people/search?q=meg", stranger)).status).toBe(403);
  });
});
