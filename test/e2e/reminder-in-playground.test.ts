import type { ChildProcess } from "node:child_process";
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

  it("greets a newcomer with a reminder they can answer, then delivers a sweep's reminders; answers land in the plan", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(chatUrl);

    // Opening the chat installs the app for Alex Wilber, who is greeted with a real reminder card.
    const welcome = page.locator(".ac-adaptiveCard", { hasText: "Action 1.1:" });
    await welcome.waitFor({ timeout: 20_000 });
    await welcome.locator("textarea").first().fill("SAR Toolkit drafted and out to partners for comment.");
    await welcome.getByText("Amber: not achieved and slightly behind target").click();
    await welcome.getByRole("button", { name: "Submit update" }).click();
    await page.locator(".ac-adaptiveCard", { hasText: "Update recorded for action 1.1" }).waitFor({ timeout: 20_000 });

    // Friday 1 April 2016, 09:00 BST: a sweep finds action 9.1 overdue (its lead includes Alex).
    const sweep = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], env);
    expect(sweep.stdout).toContain("sent: action 9.1 (overdue-8) to Alex Wilber");
    expect(sweep.stdout).not.toContain("action 1.1"); // answered since the stage before

    const card = page.locator(".ac-adaptiveCard", { hasText: "Action 9.1:" });
    await card.waitFor({ timeout: 20_000 });
    await card.locator("textarea").first().fill("NHS England report received; on the May Board agenda.");
    await card.getByRole("button", { name: "Submit update" }).click();
    await page.locator(".ac-adaptiveCard", { hasText: "Update recorded for action 9.1" }).waitFor({ timeout: 20_000 });

    const exported = JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as {
      plans: { sections: { actions: { ref: string; rating: string; updates: { text: string; via: string; author: unknown }[] }[] }[] }[];
    };
    const byRef = (ref: string) => exported.plans[0]!.sections.flatMap((s) => s.actions).find((a) => a.ref === ref)!;
    expect(byRef("1.1").rating).toBe("amber");
    expect(byRef("1.1").updates).toEqual([
      expect.objectContaining({ text: "SAR Toolkit drafted and out to partners for comment.", via: "teams-card", author: { personId: "alex-wilber", name: "Alex Wilber" } }),
    ]);
    expect(byRef("9.1").updates.map((u) => u.text)).toEqual(["NHS England report received; on the May Board agenda."]);
  }, 90_000);
});
