import { LOCAL_TAB_ADDRESS } from "../src/core/tab-link.js";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TeamsBot } from "../bot/adapter.js";
import { createAssureBot } from "../bot/assure-bot.js";
import { SendRateLimiter } from "../bot/rate-limit.js";
import { runSweep } from "../bot/sweep.js";
import type { Action } from "../src/core/action.js";
import type { Lead, Person } from "../src/core/lead.js";
import { parseTimescale } from "../src/core/timescale.js";
import { demoRecords } from "../src/demo/index.js";
import { startEmulator } from "../src/emulator/server.js";
import { createApp } from "../src/server/app.js";
import { developmentIdentity } from "../src/server/identity.js";
import { connectGraph } from "../src/store/graph-connection.js";
import { GraphStore } from "../src/store/graph-store.js";
import { provision } from "../src/store/provision.js";
import { conversationCodec } from "../src/store/record-codecs.js";
import { SiteLists } from "../src/store/site-lists.js";
import { startLocalConnector } from "./local-connector.js";
import { recordFigures } from "./record-figures.js";

// bench:reminders — one sweep delivering 1,000 reminders to 1,000 people through a local
// connector that enforces Teams' limits (50/s per tenant, 7/s per conversation), and the round
// trip of card submissions through the real bot endpoint.
const PEOPLE = 1000;
const SUBMISSIONS = 100;
const AT = new Date("2016-04-01T08:00:00Z"); // 09:00 BST, 28 days before Sat 30 April 2016
const SITE = "assure.sharepoint.local:/sites/safeguarding:";

const dataDir = mkdtempSync(join(tmpdir(), "assure-bench-"));
const emulator = await startEmulator({ dataDir });
const connector = await startLocalConnector();
const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: SITE }), SITE);
await provision(lists);
const store = new GraphStore(lists);

const demo = demoRecords();
const plan = demo.plans[0]!;
const section = demo.sections[0]!;
const n = (i: number) => String(i + 1).padStart(4, "0");
const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({
  id: `person-${n(i)}`,
  displayName: `Lead ${n(i)}`,
  jobTitle: "Officer",
  email: `lead-${n(i)}@assure-bench.example`,
  entraObjectId: `bench-${n(i)}`,
  channel: "teams",
  boards: plan.boards,
}));
const leads: Lead[] = people.map((p, i) => ({
  id: `lead-${n(i)}`,
  asWritten: `Lead ${n(i)}`,
  kind: "role",
  members: [p.id],
  chair: null,
  remind: "all",
  subgroups: [],
  boards: plan.boards,
}));
const actions: Action[] = leads.map((l, i) => ({
  ...demo.actions[0]!,
  id: `${plan.id}/b${n(i)}`,
  ref: `b.${i + 1}`,
  lead: { asWritten: l.asWritten, leadId: l.id },
  timescale: parseTimescale("30/04/2016"),
}));
await store.importRecords({ plans: [plan], sections: [section], deliverables: [], actions, progressUpdates: [], people: [...demo.people, ...people], leads, subgroups: [] });
await lists.createItems(
  "conversations",
  people.map((p) =>
    conversationCodec.toFields({
      entraObjectId: p.entraObjectId,
      reference: {
        channelId: "msteams",
        serviceUrl: connector.serviceUrl,
        user: { id: `29:${p.id}`, aadObjectId: p.entraObjectId },
        bot: { id: "28:assure", name: "Assure" },
        conversation: { id: `a:${p.id}`, conversationType: "personal", tenantId: "bench-tenant" },
      },
      stale: false,
      updatedAt: AT.toISOString(),
    }),
  ),
);

// The sweep: real botbuilder CloudAdapter sends (local mode, no token) to the local connector.
const teams = new TeamsBot({ appId: "" }, { installed: async () => {}, uninstalled: async () => {}, cardAction: async () => ({ kind: "error", status: 500, code: "x", message: "x" }), message: () => "" });
let t = performance.now();
const lines = await runSweep({ store, messenger: teams, limiter: new SendRateLimiter(), notifyManagers: async () => {} }, { now: AT, dryRun: false });
const sweepSeconds = (performance.now() - t) / 1000;
const counts = [...connector.delivered.values()];
const lost = PEOPLE - connector.delivered.size;
const duplicated = counts.filter((c) => c > 1).length;
const sentInLedger = (await store.readLedger()).filter((e) => e.status === "sent").length;

// Card submissions through the HTTP bot endpoint, as Teams sends them (local mode).
const bot = createAssureBot({ store, settings: { appId: "" }, now: () => AT, tabAddress: LOCAL_TAB_ADDRESS });
const app = createApp({ store, botEndpoint: (req, res) => bot.teams.process(req, res), identify: developmentIdentity, now: () => AT, version: "bench", localMode: true, tabDir: null });
const server = app.listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const times: number[] = [];
for (let i = 0; i < SUBMISSIONS; i++) {
  const p = people[i]!;
  const body = {
    type: "invoke",
    name: "adaptiveCard/action",
    channelId: "msteams",
    serviceUrl: connector.serviceUrl,
    from: { id: `29:${p.id}`, aadObjectId: p.entraObjectId },
    recipient: { id: "28:assure" },
    conversation: { id: `a:${p.id}`, conversationType: "personal" },
    value: { action: { type: "Action.Execute", verb: "submitUpdate", data: { actionId: actions[i]!.id, submissionId: `bench-submission-${n(i)}`, progress: `Progress from ${p.displayName}`, rating: "amber" } } },
  };
  t = performance.now();
  const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await res.json();
  times.push(performance.now() - t);
  if (res.status !== 200) throw new Error(`submission ${i} answered ${res.status}`);
}
server.close();
times.sort((a, b) => a - b);
const p50 = times[Math.floor(times.length * 0.5)]!;
const p95 = times[Math.floor(times.length * 0.95)]!;

await connector.close();
await emulator.close();
rmSync(dataDir, { recursive: true, force: true });

const allowed = PEOPLE / 50;
const ok = sweepSeconds <= allowed * 1.1 && lost === 0 && duplicated === 0 && p95 < 250;
const figures = `
## bench:reminders

Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:reminders\`: the real botbuilder CloudAdapter sending to a local connector that enforces Teams' limits (50/s per tenant, 7/s per conversation; 429 with Retry-After beyond them), and the real Graph store on the local emulator.

| measure | figure | target |
|---|---|---|
| one sweep, ${PEOPLE.toLocaleString("en-GB")} reminders to ${PEOPLE.toLocaleString("en-GB")} people | ${sweepSeconds.toFixed(1)} s (${lines.filter((l) => l.outcome === "sent").length} sent) | ≤ ${(allowed * 1.1).toFixed(0)} s (1.1 × ${allowed} s at 50/s) |
| … from first message to last, at the connector | ${(connector.span() / 1000).toFixed(1)} s | |
| … lost / duplicated | ${lost} / ${duplicated} | 0 / 0 |
| … marked sent in the ledger | ${sentInLedger} | ${PEOPLE} |
| … 429s from the connector | ${connector.throttled()} | |
| card submission round trip (${SUBMISSIONS} invokes to /api/messages), p50 / p95 | ${p50.toFixed(0)} ms / ${p95.toFixed(0)} ms | p95 < 250 ms |
`;
console.log(figures);
recordFigures("reminders", figures);
if (!ok) {
  console.error("bench:reminders: a target was missed");
  process.exitCode = 1;
}
