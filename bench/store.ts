import { performance } from "node:perf_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Action } from "../src/core/action.js";
import type { ProgressUpdate } from "../src/core/progress-update.js";
import { parseTimescale } from "../src/core/timescale.js";
import { demoRecords } from "../src/demo/index.js";
import { startEmulator, type EmulatorStats } from "../src/emulator/server.js";
import { connectGraph } from "../src/store/graph-connection.js";
import { GraphStore } from "../src/store/graph-store.js";
import { provision } from "../src/store/provision.js";
import { SiteLists } from "../src/store/site-lists.js";
import { recordFigures } from "./record-figures.js";

// bench:store — Graph requests, wall time and memory for reading a 10,000-action plan and
// writing 1,000 progress updates, through the real graph-client against the local emulator.
const ACTIONS = 10_000;
const UPDATES = 1_000;
const SITE = "assure.sharepoint.local:/sites/safeguarding:";

const dataDir = mkdtempSync(join(tmpdir(), "assure-bench-"));
const emulator = await startEmulator({ dataDir });
const control = emulator.graphUrl.replace(/\/v1\.0$/, "/_emulator/stats");
const stats = async () => (await (await fetch(control)).json()) as EmulatorStats;
const resetStats = () => fetch(control, { method: "DELETE" });
const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: SITE }), SITE);
await provision(lists);
const store = new GraphStore(lists);

const demo = demoRecords();
const template = demo.actions[0]!;
const big: Action[] = Array.from({ length: ACTIONS }, (_, i) => ({
  ...template,
  id: `bench-plan/${i + 1}`,
  ref: `1.${i + 1}`,
  text: `Action ${i + 1}: ${template.text}`,
  timescale: parseTimescale("Q3 2022/23"),
}));
let t = performance.now();
await store.importRecords({ ...demo, actions: [...demo.actions, ...big] });
const importSeconds = (performance.now() - t) / 1000;

// A fresh client, as a new server instance would have: no cached site or list ids.
const reader = new GraphStore(new SiteLists(connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: SITE }), SITE));
await resetStats();
t = performance.now();
const { records } = await reader.readRecords();
const readSeconds = (performance.now() - t) / 1000;
const readHeapMb = process.memoryUsage().heapUsed / 2 ** 20;
const read = await stats();
const actionPages = Math.ceil(records.actions.length / 5000);
// One page for each of the other seven record lists, plus the site and eight list look-ups.
const readConstant = read.requests - actionPages;

const updates: ProgressUpdate[] = Array.from({ length: UPDATES }, (_, i) => ({
  id: `bench-update-${i + 1}`,
  actionId: big[i % big.length]!.id,
  author: { personId: "alex-wilber", name: "Alex Wilber" },
  at: new Date(Date.UTC(2022, 9, 1, 9, 0, 0, i)).toISOString(),
  text: `Progress ${i + 1}`,
  evidence: [],
  rating: "green",
  proposedDeadline: null,
  markedComplete: false,
  via: "cli",
}));
await resetStats();
t = performance.now();
await store.appendProgressUpdates(updates);
const writeSeconds = (performance.now() - t) / 1000;
const write = await stats();
const rssMb = process.memoryUsage().rss / 2 ** 20;

await emulator.close();
rmSync(dataDir, { recursive: true, force: true });

const ok = records.actions.length === ACTIONS + demo.actions.length && write.batches <= 50 && readConstant <= 20;
const figures = `
## bench:store

Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:store\` (real graph-client over HTTP to the local Graph emulator, which fsyncs every acknowledged write).

| measure | figure | target |
|---|---|---|
| read a plan of ${ACTIONS.toLocaleString("en-GB")} actions (plus the demo plans): Graph requests | ${read.requests} (${actionPages} pages of actions + ${readConstant} others) | pages needed + a small constant |
| … wall time | ${readSeconds.toFixed(2)} s | |
| … JavaScript heap in use just after the read | ${readHeapMb.toFixed(0)} MB | |
| write ${UPDATES.toLocaleString("en-GB")} progress updates: $batch requests | ${write.batches} (${write.batchItems} items, ${write.requests} HTTP requests) | at most 50 |
| … wall time | ${writeSeconds.toFixed(2)} s | |
| import ${(ACTIONS + demo.actions.length).toLocaleString("en-GB")} actions and the demo records | ${importSeconds.toFixed(1)} s | |
| process resident memory at the end | ${rssMb.toFixed(0)} MB | |
`;
console.log(figures);
recordFigures("store", figures);
if (!ok) {
  console.error("bench:store: a target was missed");
  process.exitCode = 1;
}
