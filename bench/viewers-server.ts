import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { createApp } from "../src/server/app.js";
import { developmentIdentity } from "../src/server/identity.js";
import { connectGraph } from "../src/store/graph-connection.js";
import { GraphStore } from "../src/store/graph-store.js";
import { ListMirror } from "../src/store/list-mirror.js";
import { SiteLists } from "../src/store/site-lists.js";
import { BENCH_SITE } from "./bench-board.js";

// bench:viewers' server in its own process, as deployed: the real app and store with its mirror,
// reading the Graph emulator over HTTP. Its memory is then its own, not the bench's or its clients'.
// Lines on stdin: "change <n>" records a progress update through this server's store (so its mirror
// knows, as after a lead's answer); "memory" prints the largest resident size seen. Answers on stdout.
const [graphUrl, planId] = process.argv.slice(2) as [string, string];
const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl, site: BENCH_SITE }), BENCH_SITE);
const store = new GraphStore(lists, new ListMirror(lists, 10_000));
const app = createApp({ store, botEndpoint: null, identify: developmentIdentity, now: () => new Date("2022-10-03T09:00:00Z"), version: "bench", localMode: true, tabDir: null });
const server = app.listen(0, "127.0.0.1");
// Longer than the client keeps an idle socket, so a request never meets a socket the server is closing (ECONNRESET).
server.keepAliveTimeout = 65_000;
await once(server, "listening");
let rss = process.memoryUsage().rss;
setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 50).unref();
console.log(`listening ${(server.address() as AddressInfo).port}`);
const template = (await store.readRecords()).records.progressUpdates.find((u) => u.actionId.startsWith(planId))!;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.split(" ");
  if (command === "change") {
    const round = Number(arg);
    await store.appendProgressUpdates([{ ...template, id: `bench-round-${round}`, actionId: `${planId}/a1`, at: new Date(Date.UTC(2022, 9, 3, 8, round)).toISOString() }]);
    console.log("changed");
  } else if (command === "memory") console.log(`memory ${rss}`);
}
server.closeAllConnections();
server.close();
