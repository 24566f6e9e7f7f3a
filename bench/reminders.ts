import { LOCAL_TAB_ADDRESS } from "../src/core/tab-link.js";
import type { AddressInfo } from "node:net";
import { TeamsBot } from "../bot/adapter.js";
import { createAssureBot } from "../bot/assure-bot.js";
import { SendRateLimiter } from "../bot/rate-limit.js";
import { runSweep } from "../bot/sweep.js";
import type { Action } from "../src/core/action.js";
import type { Lead, Person } from "../src/core/lead.js";
import { parseTimescale } from "../src/core/timescale.js";
import { demoRecords } from "../src/demo/index.js";
import { createApp } from "../src/server/app.js";
import { developmentIdentity } from "../src/server/identity.js";
import { connectGraph } from "../src/store/graph-connection.js";
import { GraphStore } from "../src/store/graph-store.js";
import { conversationCodec } from "../src/store/record-codecs.js";
import { SiteLists } from "../src/store/site-lists.js";
import { appUnitsPerMinute } from "../src/store/resource-units.js";
import { asBackground, RuBudget } from "../src/store/ru-budget.js";
import { BENCH_SITE, benchEmulator } from "./bench-board.js";
import { startLocalConnector } from "./local-connector.js";
import { machineLoad, recordFigures } from "./record-figures.js";

// bench:reminders — sweeps delivering reminders to as many people through a local connector
// that enforces Teams' limits (50/s per tenant, 7/s per conversation), as `assure start` runs
// them: the resource-unit budget on (1,250 a minute, a tenant under 1,000 licences; sweeps in the
// background may spend 80 %), beside the same sweeps without a budget; then the round trip of
// card submissions through the real bot endpoint.
// BENCH_REMINDERS_SIZES=1000 runs one size (e.g. to look at the pacer alone).
const SIZES = (process.env.BENCH_REMINDERS_SIZES ?? "100,1000").split(",").map(Number);
const PEOPLE = Math.max(...SIZES);
const SUBMISSIONS = 100;
const AT = new Date("2016-04-01T08:00:00Z"); // 09:00 BST, 28 days before Sat 30 April 2016
const BUDGET = appUnitsPerMinute(1000);

const demo = demoRecords();
const plan = demo.plans[0]!;
const section = demo.sections[0]!;
const n = (i: number) => String(i + 1).padStart(4, "0");
const peopleOf = (count: number): Person[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `person-${n(i)}`,
    displayName: `Lead ${n(i)}`,
    jobTitle: "Officer",
    email: `lead-${n(i)}@assure-bench.example`,
    entraObjectId: `bench-${n(i)}`,
    channel: "teams",
    boards: plan.boards,
  }));
const teams = new TeamsBot({ appId: "" }, { installed: async () => {}, uninstalled: async () => {}, cardAction: async () => ({ kind: "error", status: 500, code: "x", message: "x" }), pendingCard: () => null, message: () => "" });

interface Run {
  size: number;
  budget: boolean;
  seconds: number;
  sent: number;
  lost: number;
  duplicated: number;
  throttled: number;
  sentInLedger: number;
  units: number;
  /** First message to last, at the connector. */
  spanSeconds: number;
  budgetWaitSeconds: number;
}

/** A fresh board of `size` leads with one reminder each due at AT, on a fresh emulator. */
async function board(size: number, budget: RuBudget | null) {
  // The Graph emulator in its own process, as SharePoint is elsewhere: its work is not the sweep's.
  const emulator = await benchEmulator("reminders");
  const connector = await startLocalConnector();
  const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: BENCH_SITE }, undefined, budget ? { budget } : {}), BENCH_SITE);
  const store = new GraphStore(lists);
  const people = peopleOf(size);
  const leads: Lead[] = people.map((p, i) => ({ id: `lead-${n(i)}`, asWritten: `Lead ${n(i)}`, kind: "role", members: [p.id], chair: null, remind: "all", subgroups: [], boards: plan.boards }));
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
  const stats = async () => (await (await fetch(`${emulator.control}/stats`)).json()) as { resourceUnits: number };
  const close = async () => {
    await connector.close();
    await emulator.close();
  };
  return { store, people, actions, connector, stats, close };
}

/** One sweep as the server runs it: in the background (asBackground), with the pacer the bot uses. */
async function sweepOnce(size: number, withBudget: boolean): Promise<Run> {
  const budget = withBudget ? new RuBudget(BUDGET) : null;
  const b = await board(size, budget);
  // Setting the board up is not the sweep's spend: start the budget's minute afresh.
  if (budget) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 10));
  const before = (await b.stats()).resourceUnits;
  const waitedBefore = budget?.waitedMs ?? 0;
  const t = performance.now();
  const lines = await asBackground(() => runSweep({ store: b.store, messenger: teams, limiter: new SendRateLimiter(), notifyManagers: async () => {} }, { now: AT, dryRun: false }));
  const seconds = (performance.now() - t) / 1000;
  const units = (await b.stats()).resourceUnits - before;
  const counts = [...b.connector.delivered.values()];
  const run: Run = {
    size,
    budget: withBudget,
    seconds,
    sent: lines.filter((l) => l.outcome === "sent").length,
    lost: size - b.connector.delivered.size,
    duplicated: counts.filter((c) => c > 1).length,
    throttled: b.connector.throttled(),
    sentInLedger: (await b.store.readLedger()).filter((e) => e.status === "sent").length,
    units,
    spanSeconds: b.connector.span() / 1000,
    budgetWaitSeconds: ((budget?.waitedMs ?? 0) - waitedBefore) / 1000,
  };
  console.log(JSON.stringify(run));
  await b.close();
  return run;
}

const runs: Run[] = [];
for (const size of SIZES) for (const withBudget of [false, true]) runs.push(await sweepOnce(size, withBudget));

// Card submissions through the HTTP bot endpoint, as Teams sends them (local mode).
const { store, people, actions, connector, close } = await board(SUBMISSIONS, null);
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
  const t = performance.now();
  const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await res.json();
  times.push(performance.now() - t);
  if (res.status !== 200) throw new Error(`submission ${i} answered ${res.status}`);
}
server.close();
times.sort((a, b) => a - b);
const p50 = times[Math.floor(times.length * 0.5)]!;
const p95 = times[Math.floor(times.length * 0.95)]!;

await close();

const of = (size: number, budget: boolean) => runs.find((r) => r.size === size && r.budget === budget);
const rate = (r: Run) => (r.sent - 1) / r.spanSeconds;
const perReminder = (r: Run) => r.units / r.sent;
const on = of(PEOPLE, true)!;
const off = of(PEOPLE, false)!;
const ok = runs.every((r) => r.lost === 0 && r.duplicated === 0 && r.sent === r.size && r.sentInLedger === r.size) && perReminder(on) <= 2.5 && rate(off) >= 0.97 * 40 && p95 < 250;
const row = (r: Run) =>
  `| ${r.size.toLocaleString("en-GB")} | ${r.budget ? `on (${BUDGET.toLocaleString("en-GB")}/min)` : "off"} | ${r.seconds.toFixed(1)} s | ${(r.sent / r.seconds).toFixed(1)} | ${rate(r).toFixed(1)}/s = ${((rate(r) / 40) * 100).toFixed(1)} % of 40/s | ${perReminder(r).toFixed(2)} | ${r.budgetWaitSeconds.toFixed(0)} s | ${r.lost} / ${r.duplicated} | ${r.sentInLedger} | ${r.throttled} |`;
const figures = `
## bench:reminders

Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:reminders\`: sweeps as \`assure start\` runs them — in the background, under Assure's resource-unit budget (${BUDGET.toLocaleString("en-GB")} a minute, SharePoint's for an app in a tenant under 1,000 licences; sweeps may spend 80 %) — beside the same sweeps with no budget. The real botbuilder CloudAdapter sends to a local connector enforcing Teams' limits (50/s per tenant, 7/s per conversation; 429 with Retry-After beyond them); Assure paces at 40/s. The real Graph store reading the Graph emulator in its own process (as SharePoint is elsewhere), which counts SharePoint's resource units. Machine: ${machineLoad()} at the end (from \`uptime\`).

| reminders | budget | sweep | messages/s over the sweep | pace at the connector (first to last) | resource units per reminder | requests' waits for the budget, summed | lost / duplicated | confirmed sent in the ledger | 429s |
|---|---|---|---|---|---|---|---|---|---|
${runs.map(row).join("\n")}

Ratios in this run: with the budget on, 1,000 reminders took **${(on.seconds / off.seconds).toFixed(1)}×** as long as without${of(100, true) && of(100, false) ? ` (100: ${(of(100, true)!.seconds / of(100, false)!.seconds).toFixed(1)}×)` : ""}; the pacer ran at **${((rate(off) / 40) * 100).toFixed(1)} %** of its 40/s ceiling (target ≥ 97 %, never above); **${perReminder(on).toFixed(2)} resource units a reminder** (target ≤ 2.5; 6 before claims were confirmed in groups).

| measure | figure | target |
|---|---|---|
| card submission round trip (${SUBMISSIONS} invokes to /api/messages), p50 / p95 | ${p50.toFixed(0)} ms / ${p95.toFixed(0)} ms | p95 < 250 ms |

How to read it: a reminder costs its claim (a create, 2 units) and a twentieth of the two writes that confirm a group of 20; reading the board, the ledger and the conversations once per sweep adds a little (more for a small sweep). With the budget on, a sweep bigger than the background share of a minute (${(BUDGET * 0.8).toLocaleString("en-GB")} units, about ${Math.floor((BUDGET * 0.8) / 2.2)} reminders) waits for the next minute, so 1,000 reminders take about three minutes in a small tenant, leaving a fifth of every minute to people opening and updating plans. A larger tenant (ASSURE_TENANT_LICENCES) has a larger budget.
`;
console.log(figures);
recordFigures("reminders", figures);
if (!ok) {
  console.error("bench:reminders: a target was missed");
  process.exitCode = 1;
}
