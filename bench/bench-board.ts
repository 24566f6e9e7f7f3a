import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Action } from "../src/core/action.js";
import { connectGraph } from "../src/store/graph-connection.js";
import { provision } from "../src/store/provision.js";
import { SiteLists } from "../src/store/site-lists.js";
import type { Section } from "../src/core/plan.js";
import type { ProgressUpdate } from "../src/core/progress-update.js";
import type { Rating } from "../src/core/rag.js";
import { parseTimescale } from "../src/core/timescale.js";
import { sharesBoard } from "../src/core/lead.js";
import { demoRecords } from "../src/demo/index.js";

/** The demo records plus one synthetic plan of `size` actions in sections of 100, half with an update. */
export function boardWith(size: number) {
  const demo = demoRecords();
  const base = demo.plans[0]!;
  const planId = `bench-${size}`;
  const plan = { ...base, id: planId, title: `Benchmark plan of ${size.toLocaleString("en-GB")} actions` };
  const sections: Section[] = Array.from({ length: Math.ceil(size / 100) }, (_, i) => ({
    id: `${planId}/r${i + 1}`,
    planId,
    kind: "recommendation",
    number: String(i + 1),
    title: `Recommendation ${i + 1}: agencies should share what they know about an adult at risk before a strategy meeting`,
    source: "Overview Report",
    rationale: [],
    successMeasures: [],
  }));
  const ratings: (Rating | null)[] = ["red", "amber", "green", "complete", null];
  const timescales = ["March 2016", "Q3 2022/23", "Ongoing", "6 months", "31/12/2022"].map((text) => parseTimescale(text));
  const template = demo.actions[0]!;
  // Only the plan's own boards' leads: an action naming another board's lead is a broken link, and the store skips it.
  const leads = demo.leads.filter((l) => sharesBoard(l.boards, plan.boards));
  const actions: Action[] = Array.from({ length: size }, (_, i) => {
    const lead = leads[i % leads.length]!;
    return {
      ...template,
      id: `${planId}/a${i + 1}`,
      planId,
      sectionId: sections[Math.floor(i / 100)]!.id,
      deliverableId: null,
      ref: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
      text: `Action ${i + 1}: ${template.text}`,
      lead: { asWritten: lead.asWritten, leadId: lead.id },
      timescale: timescales[i % timescales.length]!,
      rating: ratings[i % ratings.length]!,
      ratingAsWritten: null,
    };
  });
  const progressUpdates: ProgressUpdate[] = actions
    .filter((_, i) => i % 2 === 0)
    .map((a, i) => ({
      id: `${a.id}/u1`,
      actionId: a.id,
      author: { personId: demo.people[0]!.id, name: demo.people[0]!.displayName },
      at: new Date(Date.UTC(2022, 8, 1 + (i % 28), 9)).toISOString(),
      text: `Training delivered to ${i % 40} practitioners; audit of case files due next quarter.`,
      evidence: [],
      rating: a.rating,
      proposedDeadline: null,
      markedComplete: false,
      via: "teams-card" as const,
    }));
  return { planId, records: { ...demo, plans: [...demo.plans, plan], sections: [...demo.sections, ...sections], actions: [...demo.actions, ...actions], progressUpdates: [...demo.progressUpdates, ...progressUpdates] } };
}


const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
export const BENCH_SITE = "assure.sharepoint.local:/sites/safeguarding:";

/** The Graph emulator in its own process (as SharePoint is elsewhere), with a provisioned site; `close` removes everything. */
export async function benchEmulator(name: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `assure-bench-${name}-`));
  const emulator = spawn(process.execPath, [CLI, "emulator", "--port", "0", "--data", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  const [graphUrl] = (await once(emulator.stdout, "data")).map(String).map((line) => /listening at (\S+)/.exec(line)?.[1]);
  if (!graphUrl) throw new Error("the Graph emulator did not say where it listens");
  const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl, site: BENCH_SITE }), BENCH_SITE);
  await provision(lists);
  return {
    graphUrl,
    lists,
    control: graphUrl.replace(/\/v1\.0$/, "/_emulator"),
    close: async () => {
      emulator.kill();
      await once(emulator, "exit");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
