import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SendOutcome } from "../../bot/adapter.js";
import { SendRateLimiter } from "../../bot/rate-limit.js";
import { runSweep, type Messenger } from "../../bot/sweep.js";
import type { Installer } from "../../bot/install-for-lead.js";
import { planBoard } from "../../src/core/plan-board.js";
import { demoRecords } from "../../src/demo/index.js";
import { demoTenantDirectory } from "../../src/demo/tenant-directory.js";
import type { CatalogApp } from "../../src/emulator/directory.js";
import { startEmulator, type RunningEmulator } from "../../src/emulator/server.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { provision } from "../../src/store/provision.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { TeamsInstaller } from "../../src/store/teams-installer.js";
import { tempDataDir } from "../support/cli.js";
import { FAST_RETRY, SITE } from "../support/emulator.js";

// Graph's installedApps and the organisation's app catalog are the emulator's (over HTTP, the
// real graph-client); Teams' connector cannot run here, so sends go to a recording Messenger.
const AT = new Date("2016-04-01T08:00:00Z");
const MANIFEST_ID = "8a2b4c6d-1e3f-4a5b-9c7d-0e1f2a3b4c5d";
const demo = demoRecords();
const DIEGO = demo.people.find((p) => p.id === "diego-siciliani")!;

let emulator: RunningEmulator;
let store: GraphStore;
let sent: { chat: string; serviceUrl: string }[];
let notices: string[];
let graphClient: ReturnType<typeof connectGraph>;

class RecordingMessenger implements Messenger {
  constructor(private readonly answer: (chat: string) => SendOutcome = () => ({ ok: true, activityId: "a" })) {}
  async sendCard(reference: Record<string, unknown>): Promise<SendOutcome> {
    const chat = String((reference.conversation as { id: string }).id);
    const outcome = this.answer(chat);
    if (outcome.ok) sent.push({ chat, serviceUrl: String(reference.serviceUrl) });
    return outcome;
  }
}

async function setUp(directory = demoTenantDirectory()) {
  emulator = await startEmulator({ dataDir: tempDataDir(), directory });
  graphClient = connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: SITE });
  const lists = new SiteLists(graphClient, SITE, { retry: FAST_RETRY });
  await provision(lists);
  store = new GraphStore(lists);
  await store.importRecords(demo);
}

const installer = (): Installer => {
  const teams = new TeamsInstaller(graphClient, MANIFEST_ID, new URL(emulator.graphUrl).origin);
  return { install: (oid) => teams.install(oid), reference: (chatId, person) => ({ serviceUrl: "https://smba.trafficmanager.net/teams/", conversation: { id: chatId, conversationType: "personal" }, user: { aadObjectId: person.entraObjectId } }) };
};
const sweep = (messenger: Messenger = new RecordingMessenger(), now = AT) =>
  runSweep({ store, messenger, limiter: new SendRateLimiter(), notifyManagers: async (planId, m) => void notices.push(`${planId}: ${m}`), installer: installer() }, { now, dryRun: false });
const catalog = [{ id: "catalog-assure", externalId: MANIFEST_ID, displayName: "Assure" }];

beforeEach(() => {
  sent = [];
  notices = [];
});
afterEach(async () => emulator?.close());

describe("installing Assure for leads who never opened it", () => {
  it("installs it, opens the chat, and delivers there at once; later sweeps reuse the chat", async () => {
    await setUp({ ...demoTenantDirectory(), catalog });
    const lines = await sweep();
    expect(lines.find((l) => l.to === "Diego Siciliani" && l.what === "action 6.2")).toMatchObject({ outcome: "sent", channel: "teams" });
    expect(sent).toContainEqual({ chat: `19:${DIEGO.entraObjectId}_catalog-assure@unq.gbl.spaces`, serviceUrl: "https://smba.trafficmanager.net/teams/" });
    const conversation = (await store.readConversations()).find((c) => c.entraObjectId === DIEGO.entraObjectId);
    expect(conversation).toMatchObject({ stale: false, reason: null });
    const before = sent.length;
    await sweep(new RecordingMessenger(), new Date(AT.getTime() + 7 * 86_400_000)); // a week on: overdue reminders, same chats
    expect(sent.slice(before).every((s) => s.chat.endsWith("_catalog-assure@unq.gbl.spaces"))).toBe(true);
  });

  it("records a lead without Teams with the reason, tells the plan's managers once, and shows it in the tab", async () => {
    const directory = demoTenantDirectory();
    directory.users = directory.users.map((u) => (u.id === DIEGO.entraObjectId ? { ...u, teams: false } : u));
    await setUp({ ...directory, catalog });
    await sweep();
    const conversation = (await store.readConversations()).find((c) => c.entraObjectId === DIEGO.entraObjectId)!;
    expect(conversation).toMatchObject({ stale: true, reason: "they have no Teams account or licence in this organisation" });
    expect(notices.filter((n) => n.includes("could not reach Diego Siciliani in Teams"))).toHaveLength(1);
    await sweep(new RecordingMessenger(), new Date(AT.getTime() + 86_400_000));
    expect(notices.filter((n) => n.includes("could not reach Diego Siciliani in Teams"))).toHaveLength(1); // once, not every sweep
    const { records } = await store.readRecords();
    const board = planBoard({ records, conversations: await store.readConversations(), planId: "coventry-sar-mrs-e-2015", today: "2016-04-01" })!;
    const facts = board.sections.flatMap((s) => s.actions).find((a) => a.ref === "6.2")!.facts;
    expect(facts.unreachable).toEqual([{ name: "Diego Siciliani", reach: "unreachable", reason: "they have no Teams account or licence in this organisation" }]);
  });

  it("says so when the app is not in the organisation's catalog", async () => {
    await setUp({ ...demoTenantDirectory(), catalog: [] });
    await sweep();
    expect((await store.readConversations()).find((c) => c.entraObjectId === DIEGO.entraObjectId)?.reason).toContain("not in your organisation's Teams app catalog");
    expect(sent).toEqual([]);
  });

  it("marks a lead who blocked the bot (403 MessageWritesBlocked) unreachable, and does not install again", async () => {
    await setUp({ ...demoTenantDirectory(), catalog });
    const blocked = new RecordingMessenger((chat) => (chat.includes(DIEGO.entraObjectId) ? { ok: false, status: 403, permanent: true, retryAfterSeconds: null, message: "MessageWritesBlocked" } : { ok: true, activityId: "a" }));
    await sweep(blocked);
    expect((await store.readConversations()).find((c) => c.entraObjectId === DIEGO.entraObjectId)).toMatchObject({ stale: true, reason: expect.stringContaining("blocked or removed Assure") });
    await sweep(new RecordingMessenger(), new Date(AT.getTime() + 7 * 86_400_000));
    expect(sent.filter((s) => s.chat.includes(DIEGO.entraObjectId))).toEqual([]);
  });

  it("installs with TeamsAppInstallation.ReadWriteForUser.All; with only the Self permission Graph refuses it (the caller is not the manifest's SSO app), and the lead's reason says what to grant", async () => {
    const MANAGED_IDENTITY = "11111111-aaaa-4bbb-8ccc-000000000001";
    const SSO_APP = "22222222-aaaa-4bbb-8ccc-000000000002";
    const app = [{ ...catalog[0]!, azureADAppId: SSO_APP }];
    await setUp({ ...demoTenantDirectory(), catalog: app, installCaller: { appId: MANAGED_IDENTITY, roles: ["TeamsAppInstallation.ReadWriteSelfForUser.All", "AppCatalog.Read.All"] } });
    const refused = await new TeamsInstaller(graphClient, MANIFEST_ID, new URL(emulator.graphUrl).origin).install(DIEGO.entraObjectId);
    expect(refused).toMatchObject({ ok: false, reason: "app-not-allowed", message: expect.stringContaining(`AAD App Id '${MANAGED_IDENTITY}' is not allowed to manage the Teams App`) });
    await sweep();
    expect((await store.readConversations()).find((c) => c.entraObjectId === DIEGO.entraObjectId)?.reason).toContain("TeamsAppInstallation.ReadWriteForUser.All");
    await emulator.close();

    // The Self permission works only when the caller is the app the manifest names.
    await setUp({ ...demoTenantDirectory(), catalog: app, installCaller: { appId: SSO_APP, roles: ["TeamsAppInstallation.ReadWriteSelfForUser.All"] } });
    expect(await new TeamsInstaller(graphClient, MANIFEST_ID, new URL(emulator.graphUrl).origin).install(DIEGO.entraObjectId)).toMatchObject({ ok: true });
    await emulator.close();

    await setUp({ ...demoTenantDirectory(), catalog: app, installCaller: { appId: MANAGED_IDENTITY, roles: ["TeamsAppInstallation.ReadWriteForUser.All"] } });
    await sweep();
    expect(sent.some((s) => s.chat.includes(DIEGO.entraObjectId))).toBe(true);
  });

  it("uses only the organisation's own catalog, only a published app, and believes a miss for a few minutes only", async () => {
    const apps: CatalogApp[] = [{ id: "store-lookalike", externalId: MANIFEST_ID, displayName: "Assure (Store)", distributionMethod: "store" }];
    const directory = { ...demoTenantDirectory(), catalog: apps };
    await setUp(directory);
    let now = 1_000_000;
    const teams = new TeamsInstaller(graphClient, MANIFEST_ID, new URL(emulator.graphUrl).origin, () => now);
    expect(await teams.install(DIEGO.entraObjectId)).toMatchObject({ ok: false, reason: "not-in-catalog" });
    // Uploaded by someone for approval: in the catalog, not yet published.
    apps.push({ id: "catalog-assure", externalId: MANIFEST_ID, displayName: "Assure", distributionMethod: "organization", publishingState: "submitted" });
    expect(await teams.install(DIEGO.entraObjectId)).toMatchObject({ ok: false, reason: "not-in-catalog" }); // the miss is still believed
    now += 5 * 60_000;
    expect(await teams.install(DIEGO.entraObjectId)).toMatchObject({ ok: false, reason: "not-published" });
    apps[1]!.publishingState = "published";
    now += 5 * 60_000;
    expect(await teams.install(DIEGO.entraObjectId)).toMatchObject({ ok: true, chatId: `19:${DIEGO.entraObjectId}_catalog-assure@unq.gbl.spaces` });
  });

  it("treats an app already installed (409) as installed, and finds its chat", async () => {
    await setUp({ ...demoTenantDirectory(), catalog });
    const teams = new TeamsInstaller(graphClient, MANIFEST_ID, new URL(emulator.graphUrl).origin);
    const first = await teams.install(DIEGO.entraObjectId);
    const again = await teams.install(DIEGO.entraObjectId);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ ok: true });
  });
});
