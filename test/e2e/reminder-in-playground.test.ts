import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../support/cli.js";
import { startWithPlayground } from "../support/playground.js";

// End to end with the real things: Assure's server, Microsoft 365 Agents Playground (the local
// stand-in for Teams chat, over the real Bot Framework protocol) and Debian's headless Chromium.
describe("a reminder in Teams chat (Agents Playground)", () => {
  const env = { ASSURE_DATA_DIR: tempDataDir() };
  let chat: Awaited<ReturnType<typeof startWithPlayground>>;
  let chatUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    chat = await startWithPlayground(env);
    ({ chatUrl, browser } = chat);
  }, 60_000);
  afterAll(async () => chat?.close());

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

    // A first run holds reminders about actions long overdue that nobody was reminded of, until a
    // manager confirms the catch-up (docs/reminders.md, "A first run"): Megan Bowen, the plan's manager, does.
    const confirmed = await fetch(`${chat.base}/api/plans/coventry-sar-mrs-e-2015/catch-up`, { method: "POST", headers: { "x-assure-dev-person": "megan-bowen" } });
    expect(confirmed.status).toBe(200);
    expect(((await confirmed.json()) as { confirmed: { ref: string }[] }).confirmed.map((a) => a.ref)).toContain("9.1");

    // Friday 1 April 2016, 09:00 BST: a sweep finds action 9.1 overdue (its lead includes Alex).
    const sweep = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], env);
    // Confirmed after a long silence, it goes at the stage it has reached (weekly, then monthly: docs/reminders.md).
    expect(sweep.stdout).toMatch(/^sent: action 9\.1 \(overdue-\d+\) to Alex Wilber$/m);
    expect(sweep.stdout).not.toContain("action 1.1"); // answered since the stage before

    const card = page.locator(".ac-adaptiveCard", { hasText: "Action 9.1:" });
    await card.waitFor({ timeout: 20_000 });
    // SharePoint throttles this answer for longer than Teams waits (Retry-After 6 s against the
    // invoke's 4 s): the card says it is being recorded, then changes to what was recorded.
    const { graphUrl } = JSON.parse(readFileSync(join(env.ASSURE_DATA_DIR, "graph", "emulator.lock.json"), "utf8")) as { graphUrl: string };
    const throttled = await fetch(`${graphUrl.replace(/\/v1\.0$/, "/_emulator")}/faults`, { method: "POST", body: JSON.stringify({ rules: [{ scope: "request", status: 429, retryAfterSeconds: 6, times: 1 }] }) });
    expect(throttled.status).toBe(200);
    await card.locator("textarea").first().fill("NHS England report received; on the May Board agenda.");
    await card.getByRole("button", { name: "Submit update" }).click();
    await page.locator(".ac-adaptiveCard", { hasText: "Being recorded: your progress update" }).waitFor({ timeout: 20_000 });
    await page.locator(".ac-adaptiveCard", { hasText: "Update recorded for action 9.1" }).waitFor({ timeout: 30_000 });

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
