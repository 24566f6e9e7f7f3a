import { startEmulator, type EmulatorStats } from "../../src/emulator/server.js";
import type { FaultRule } from "../../src/emulator/faults.js";
import type { Directory } from "../../src/emulator/directory.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { provision } from "../../src/store/provision.js";
import { SiteLists, type SiteListsOptions } from "../../src/store/site-lists.js";
import { tempDataDir } from "./cli.js";

export const SITE = "assure.sharepoint.local:/sites/safeguarding:";

/** Retries quickly: the emulator's faults say Retry-After 0 or 1. */
export const FAST_RETRY = { attempts: 8, backoffSeconds: () => 0.05, maxWaitSeconds: 2 };

/** The real graph-client, over HTTP, against a fresh emulator in a temp folder. */
export async function emulatorFixture(options: SiteListsOptions & { provisioned?: boolean; dataDir?: string; directory?: Directory; mailboxes?: readonly string[]; undeliverable?: readonly string[]; appRoles?: readonly string[] } = {}) {
  const dataDir = options.dataDir ?? tempDataDir();
  const { directory, mailboxes, undeliverable, appRoles } = options;
  const emulator = await startEmulator({ dataDir, ...(directory ? { directory } : {}), ...(mailboxes ? { mailboxes } : {}), ...(undeliverable ? { undeliverable } : {}), ...(appRoles ? { appRoles } : {}) });
  const control = emulator.graphUrl.replace(/\/v1\.0$/, "/_emulator");
  const connect = (more: SiteListsOptions = {}) =>
    new SiteLists(connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: SITE }), SITE, {
      retry: FAST_RETRY,
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...more,
    });
  const lists = connect();
  if (options.provisioned !== false) await provision(lists);
  return {
    dataDir,
    graphUrl: emulator.graphUrl,
    client: connectGraph({ mode: "emulator", graphUrl: emulator.graphUrl, site: SITE }),
    lists,
    store: new GraphStore(lists),
    connect,
    async faults(...rules: Partial<FaultRule>[]) {
      const res = await fetch(`${control}/faults`, { method: "POST", body: JSON.stringify({ rules }) });
      if (!res.ok) throw new Error(`fault injection refused: ${await res.text()}`);
    },
    async stats(): Promise<EmulatorStats & { pendingFaults: number }> {
      return (await fetch(`${control}/stats`)).json() as Promise<EmulatorStats & { pendingFaults: number }>;
    },
    async resetStats() {
      await fetch(`${control}/stats`, { method: "DELETE" });
    },
    close: () => emulator.close(),
  };
}
export type EmulatorFixture = Awaited<ReturnType<typeof emulatorFixture>>;
