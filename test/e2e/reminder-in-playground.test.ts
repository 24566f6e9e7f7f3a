import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";

// End to end with the real things: Assure's server, Microsoft 365 Agents Playground (the local
// stand-in for Teams chat, over the real Bot Framework protocol) and Debian's headless Chromium
// (npm test installs it where it can: scripts/ensure-chromium.mjs).
const CHROMIUM = "/usr/bin/chromium";

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("a reminder in Teams chat (Agents Playground)", () => {
  const dataDir = tempDataDir();
  const env = { ASSURE_DATA_DIR: dataDir, ASSURE_PLAYGROUND: "on" };
  let server: ChildProcess;
  let browser: Browser;
  let chatUrl: string;

  beforeAll(async () => {
    const [port, chatPort] = [await freePort(), await freePort()];
    chatUrl = `http://localhost:${chatPort}/`;
    server = await startCli(["start", "--port", String(port)], /Assure is running/, { ...env, ASSURE_PLAYGROUND_PORT: String(chatPort) });
    await waitFor("the Playground", async () => (await fetch(chatUrl)).ok);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stop(server);
  });

  it("is sent by a sweep, answered on the card, and the answer lands in the plan", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(chatUrl);
    // Opening the chat installs the app for Alex Wilber; wait until Assure has the conversation.
    const { graphUrl } = JSON.parse(readFileSync(join(dataDir, "graph", "emulator.lock.json"), "utf8")) as { graphUrl: string };
    await waitFor("Alex's conversation reference", async () => {
      const res = await fetch(`${graphUrl}/sites/assure.sharepoint.local:/sites/safeguarding:/lists/Assure%20Conversations/items?$expand=fields`);
      return ((await res.json()) as { value: unknown[] }).value.length > 0;
    });

    // Friday 1 April 2016, 09:00 BST: the quarterly review of the ongoing SAR Toolkit action (1.1).
    const sweep = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], env);
    expect(sweep.stdout).toContain("sent: action 1.1 (review-2016-17-q1) to Alex Wilber");

    const card = page.locator(".ac-adaptiveCard", { hasText: "Action 1.1:" });
    await card.waitFor({ timeout: 20_000 });
    await card.locator("textarea").first().fill("SAR Toolkit drafted and out to partners for comment.");
    await card.getByText("Amber: not achieved and slightly behind target").click();
    await card.getByRole("button", { name: "Submit update" }).click();
    await page.locator(".ac-adaptiveCard", { hasText: "Update recorded for action 1.1" }).waitFor({ timeout: 20_000 });

    const exported = JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as {
      plans: { sections: { actions: { ref: string; planId: string; rating: string; updates: { text: string; via: string; author: { name: string } }[] }[] }[] }[];
    };
    const action = exported.plans[0]!.sections.flatMap((s) => s.actions).find((a) => a.ref === "1.1")!;
    expect(action.rating).toBe("amber");
    expect(action.updates).toEqual([
      expect.objectContaining({ text: "SAR Toolkit drafted and out to partners for comment.", via: "teams-card", author: { personId: "alex-wilber", name: "Alex Wilber" } }),
    ]);
  }, 90_000);
});
