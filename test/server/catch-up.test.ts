import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";

/**
 * A first run on the demo: the sweep holds reminders about actions more than 8 weeks overdue that
 * nobody was reminded of, and tells the managers once; a manager sees what would go and confirms.
 */
const COVENTRY = "coventry-sar-mrs-e-2015";
const AT = "2016-04-04T09:00:00+01:00";

describe("a first run's catch-up", () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  let base: string;
  let env: NodeJS.ProcessEnv;
  const as = (person: string) => ({ "x-assure-dev-person": person });

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    base = `http://localhost:${port}`;
    // The server's clock does not matter here: the sweeps run by hand, at AT.
    env = { ASSURE_DATA_DIR: dataDir, ASSURE_MAIL_FROM: "off" };
    server = await startCli(["start", "--port", String(port)], /Assure is running/, env);
  }, 60_000);
  afterAll(async () => server && stop(server));

  it("holds the backlog's reminders, summarises them once for the managers, and sends them once a manager confirms", async () => {
    const first = (await runCli(["sweep", "--at", AT], env)).stdout;
    const held = first.split("\n").filter((l) => l.startsWith("held: "));
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((l) => l.includes("more than 8 weeks overdue and never reminded"))).toBe(true);
    expect(first).toContain(`sent: catch-up summary for Serious Adult Review Action plan: SCR Mrs E (catch-up-summary) to the plan's managers`);
    // The same backlog a moment later: still held, no second summary.
    const again = (await runCli(["sweep", "--at", "2016-04-04T09:10:00+01:00"], env)).stdout;
    expect(again).not.toContain("catch-up summary");

    // What the managers see (the server's clock is today, so every demo action is long overdue then).
    const seen = await fetch(`${base}/api/plans/${COVENTRY}/catch-up`, { headers: as("megan-bowen") });
    expect(seen.status).toBe(200);
    const body = (await seen.json()) as { actions: { ref: string; deadline: string; recipients: { displayName: string }[] }[] };
    expect(body.actions.length).toBeGreaterThan(0);
    expect(body.actions[0]).toMatchObject({ ref: expect.any(String), deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect((await fetch(`${base}/api/plans/${COVENTRY}/catch-up`, { headers: as("alex-wilber") })).status).toBe(403);
    expect((await fetch(`${base}/api/plans/${COVENTRY}/catch-up`, { method: "POST", headers: as("joni-sherman") })).status).toBe(403);

    const confirmed = await fetch(`${base}/api/plans/${COVENTRY}/catch-up`, { method: "POST", headers: as("megan-bowen") });
    expect(confirmed.status).toBe(200);
    expect((await (await fetch(`${base}/api/plans/${COVENTRY}/catch-up`, { headers: as("megan-bowen") })).json()).actions).toEqual([]);

    const after = (await runCli(["sweep", "--at", "2016-04-04T09:20:00+01:00"], env)).stdout;
    // Nothing held now; each held reminder goes (or, with nobody reachable here, is reported so).
    expect(after).not.toMatch(/^held: /m);
    for (const line of held) {
      const what = /^held: (action [\d.]+ \([^)]+\) to [^—]+?) —/.exec(line)![1]!;
      expect(after).toMatch(new RegExp(`^(sent|unreachable): ${what.replace(/[.()]/g, "\\$&")}`, "m"));
    }
  }, 180_000);
});
