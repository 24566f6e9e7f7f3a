import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalConnector } from "../../bench/local-connector.js";
import { demoRecords } from "../../src/demo/index.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";

// Two Assure processes sweeping one store at the same moment. Teams' connector cannot run here:
// messages go to a local stand-in that enforces Teams' rate limits and records what arrives.
const SITE = "assure.sharepoint.local:/sites/safeguarding:";

describe("two instances sweeping one store", () => {
  const dataDir = tempDataDir();
  const env = { ASSURE_DATA_DIR: dataDir };
  let server: ChildProcess;
  let connector: Awaited<ReturnType<typeof startLocalConnector>>;

  beforeAll(async () => {
    // Each manager's first notice is throttled (429, Retry-After 1): notices are sent again after a 429.
    connector = await startLocalConnector(undefined, { refuseFirst: (heading) => heading.startsWith("Needs you") });
    server = await startCli(["start", "--port", String(await freePort())], /Assure is running/, env);
    // Every demo person has installed the app; their conversations lead to the local connector.
    const { graphUrl } = JSON.parse(readFileSync(join(dataDir, "graph", "emulator.lock.json"), "utf8")) as { graphUrl: string };
    const store = new GraphStore(new SiteLists(connectGraph({ mode: "emulator", graphUrl, site: SITE }), SITE));
    for (const p of demoRecords().people) {
      await store.saveConversation({
        entraObjectId: p.entraObjectId,
        reference: {
          channelId: "msteams",
          serviceUrl: connector.serviceUrl,
          user: { id: `29:${p.id}`, aadObjectId: p.entraObjectId },
          bot: { id: "28:assure" },
          conversation: { id: `a:${p.id}`, conversationType: "personal" },
        },
        stale: false,
        updatedAt: "2016-01-01T00:00:00.000Z",
      });
    }
  }, 60_000);
  afterAll(async () => {
    if (server) await stop(server);
    await connector?.close();
  });

  it("sends every reminder and digest once", async () => {
    const at = ["--at", "2022-10-03T08:30:00+01:00"];
    // The dry run's deliveries, without the card text it shows under each.
    const dryRun = (await runCli(["sweep", ...at, "--dry-run"], env)).stdout.trim().split("\n").filter((l) => !l.startsWith("    |"));
    // A first run holds long-overdue reminders nobody was reminded of for a manager's catch-up (issue 26, item 8): neither instance sends them.
    const held = dryRun.filter((l) => l.startsWith("held:"));
    expect(held.length).toBeGreaterThan(0);
    const planned = dryRun.filter((l) => l.startsWith("would send:"));
    expect(planned.length).toBeGreaterThan(15);
    const [a, b] = await Promise.all([runCli(["sweep", ...at], env), runCli(["sweep", ...at], env)]);
    const sent = [...a.stdout.trim().split("\n"), ...b.stdout.trim().split("\n")].filter((l) => l.startsWith("sent:"));
    expect(sent.map((l) => l.replace(/^sent: /, "")).sort()).toEqual(planned.map((l) => l.replace(/^would send: /, "")).sort());
    for (const l of held) expect(sent.map((x) => x.replace(/^sent: /, ""))).not.toContain(l.replace(/^held: /, "").split(" — ")[0]);
    // Reminders and digests, a card each; the catch-up summaries reach the plans' managers as one "Needs you" notice each.
    const cards = planned.filter((l) => !l.includes("(catch-up-summary)"));
    expect(planned.length - cards.length).toBeGreaterThan(0);
    const arrived = connector.messages.filter((m) => !m.heading.startsWith("Needs you")).map((m) => `${m.conversation} ${m.heading}`);
    expect(arrived).toHaveLength(cards.length);
    expect(new Set(arrived).size).toBe(arrived.length);
    const notices = connector.messages.filter((m) => m.heading.startsWith("Needs you")).map((m) => m.conversation);
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices).size).toBe(notices.length);
    // Every notice was refused once and then arrived once: throttling loses no manager's notice.
    expect(connector.throttled()).toBeGreaterThanOrEqual(notices.length);
  }, 90_000);
});
