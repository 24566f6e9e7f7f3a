import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { demoRecords } from "../demo/index.js";
import { demoTenantDirectory } from "../demo/tenant-directory.js";
import { adultKRecords } from "../demo/coventry-demo-adult-k.js";
import { demoRegister } from "../demo/coventry-register.js";
import { DEMO_LEADS } from "../demo/people.js";
import { GraphRegisterStore } from "../store/graph-register-store.js";
import { GraphChallengeStore } from "../store/graph-challenge-store.js";
import { demoChallenges } from "../demo/challenges.js";
import { startEmulator } from "../emulator/server.js";
import type { Client } from "@microsoft/microsoft-graph-client";
import { connectGraph } from "../store/graph-connection.js";
import { GraphStore } from "../store/graph-store.js";
import { EvidenceLibrary } from "../store/evidence-library.js";
import { ListMirror } from "../store/list-mirror.js";
import { RuBudget } from "../store/ru-budget.js";
import { siteScript } from "../store/list-views.js";
import { provision } from "../store/provision.js";
import { SiteLists } from "../store/site-lists.js";
import { TenantDirectory } from "../store/tenant-directory.js";
import { LOCAL_MAIL_FROM, type Settings } from "./settings.js";

export interface OpenStore {
  store: GraphStore;
  /** The findings register, in the same site. */
  register: GraphRegisterStore;
  /** The boards' challenge logs, in the same site. */
  challenges: GraphChallengeStore;
  /** The "Assure Evidence" document library, in the same site. */
  evidence: EvidenceLibrary;
  client: Client;
  lists: SiteLists;
  /** The tenant's people (the emulator's fictional directory in local mode). */
  directory: TenantDirectory;
  /** Where the store's Graph is, for people: the emulator's URL, or the tenant's site. */
  describe: string;
  /** Graph's address (the emulator's in local mode). */
  graphUrl: string;
  close: () => Promise<void>;
}

const DEMO_SEEDED = "demoSeeded";
const DEMO_REGISTER_SEEDED = "demoRegisterSeeded";
const DEMO_CHALLENGES_SEEDED = "demoChallengesSeeded";

/**
 * Connects the one store implementation to Graph: the tenant's SharePoint, or the local
 * emulator. Only one process serves an emulator's data folder; others (an `assure export`
 * while `npm start` runs) find it through its lock file and talk to it over HTTP.
 */
export async function openStore(settings: Settings, options: { seedDemo: boolean; quick?: boolean }): Promise<OpenStore> {
  // Quick: one try, 8 s a request (assure doctor, which must answer in seconds when a tenant is unreachable).
  const quick = options.quick ? { retry: { attempts: 1, backoffSeconds: () => 0, maxWaitSeconds: 0 } } : {};
  const budget = new RuBudget(settings.ruPerMinute);
  const connect = (graph: Parameters<typeof connectGraph>[0]) => connectGraph(graph, undefined, { budget, ...(options.quick ? { timeoutMs: 8000 } : {}) });
  if (settings.mode === "tenant") {
    const client = connect(settings.graph);
    const lists = new SiteLists(client, settings.graph.site, quick);
    return { store: new GraphStore(lists, mirrorOf(lists, settings)), register: new GraphRegisterStore(lists), challenges: new GraphChallengeStore(lists), evidence: new EvidenceLibrary(client, lists), client, lists, directory: new TenantDirectory(client), describe: `SharePoint site ${settings.graph.site}`, close: async () => {}, graphUrl: settings.graph.graphUrl };
  }
  const graphDir = join(settings.dataDir, "graph");
  mkdirSync(graphDir, { recursive: true, mode: 0o700 });
  chmodSync(settings.dataDir, 0o700); // the data folder holds personal data: its owner only
  const lockFile = join(graphDir, "emulator.lock.json");
  let graphUrl = await runningEmulator(lockFile);
  let close = async () => {};
  if (!graphUrl) {
    // Exchange lets Assure send from the board's mailbox only (RBAC for Applications): so does the emulator.
    const emulator = await startEmulator({ dataDir: graphDir, port: settings.graphPort, directory: demoTenantDirectory(), mailboxes: [settings.mailFrom ?? LOCAL_MAIL_FROM] });
    graphUrl = emulator.graphUrl;
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, graphUrl }), { mode: 0o600 });
    close = async () => {
      rmSync(lockFile, { force: true });
      await emulator.close();
    };
  }
  const client = connect({ mode: "emulator", graphUrl, site: settings.site });
  const lists = new SiteLists(client, settings.site, quick);
  const store = new GraphStore(lists, mirrorOf(lists, settings));
  try {
    await provision(lists);
    await applySiteScript(graphUrl, settings.site); // here the emulator's administrator is Assure itself
    if (options.seedDemo && !(await lists.findByAssureId("settings", DEMO_SEEDED))) {
      await store.importRecords(demoRecords());
      await lists.createItem("settings", { AssureId: DEMO_SEEDED, Title: "Demo plans loaded", Value: new Date().toISOString() });
    }
    // Its own mark: a data folder seeded before the register existed gains the register's demo too.
    if (options.seedDemo && !(await lists.findByAssureId("settings", DEMO_REGISTER_SEEDED))) {
      await store.importRecords(adultKRecords(DEMO_LEADS));
      await new GraphRegisterStore(lists).addToRegister(demoRegister());
      await lists.createItem("settings", { AssureId: DEMO_REGISTER_SEEDED, Title: "Demo findings register loaded", Value: new Date().toISOString() });
    }
    if (options.seedDemo && !(await lists.findByAssureId("settings", DEMO_CHALLENGES_SEEDED))) {
      const challenges = new GraphChallengeStore(lists);
      for (const entry of demoChallenges()) await challenges.addChallengeEntry(entry);
      await lists.createItem("settings", { AssureId: DEMO_CHALLENGES_SEEDED, Title: "Demo challenge log loaded", Value: new Date().toISOString() });
    }
  } catch (error: unknown) {
    await close();
    throw error;
  }
  return { store, register: new GraphRegisterStore(lists), challenges: new GraphChallengeStore(lists), evidence: new EvidenceLibrary(client, lists), client, lists, directory: new TenantDirectory(client), describe: `Graph emulator ${graphUrl} (data in ${graphDir})`, close, graphUrl };
}

/** Applies the lists' views and formatting (the site script an administrator applies to SharePoint) to the local emulator. */
async function applySiteScript(graphUrl: string, site: string): Promise<void> {
  const res = await fetch(graphUrl.replace(/\/v1\.0$/, "/_emulator/site-script"), { method: "POST", body: JSON.stringify({ site, script: siteScript() }) });
  if (!res.ok) throw new Error(`the emulator refused the lists' views: ${await res.text()}`);
}

const mirrorOf = (lists: SiteLists, settings: Settings) => (settings.mirrorPollSeconds === null ? null : new ListMirror(lists, settings.mirrorPollSeconds * 1000));

/** The URL of an emulator another live process is serving from this folder, if any. */
async function runningEmulator(lockFile: string): Promise<string | null> {
  if (!existsSync(lockFile)) return null;
  const { pid, graphUrl } = JSON.parse(readFileSync(lockFile, "utf8")) as { pid: number; graphUrl: string };
  try {
    process.kill(pid, 0);
    const res = await fetch(graphUrl.replace(/\/v1\.0$/, "/_emulator/stats"));
    if (res.ok) return graphUrl;
  } catch {
    // The process is gone (killed, crashed): its lock is stale and its data ours to serve.
  }
  return null;
}
