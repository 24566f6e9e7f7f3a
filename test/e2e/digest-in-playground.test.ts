import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../support/cli.js";
import { startWithPlayground } from "../support/playground.js";

// End to end: Assure's server, Agents Playground signed in as Lynne Robbins (one of its own mock
// users; she chairs the LLR Performance Group in the demo directory), and headless Chromium.
const PLAYGROUND_CONFIG = `version: "0.1.1"
tenantId: 00000000-0000-0000-0000-0000000000001
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: Test Bot
currentUser:
  id: user-id-5
  name: Lynne Robbins
  userPrincipleName: lynner@example.com
  aadObjectId: 00000000-0000-0000-0000-0000000000025
  givenName: Lynne
  surname: Robbins
  email: lynner@example.com
users:
  - id: user-id-0
    name: Alex Wilber
    userPrincipleName: alexw@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000020
    givenName: Alex
    surname: Wilber
    email: alexw@example.com
  - id: user-id-1
    name: Megan Bowen
    userPrincipleName: meganb@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000021
    givenName: Megan
    surname: Bowen
    email: meganb@example.com
  - id: user-id-2
    name: Adele Vance
    userPrincipleName: adelev@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000022
    givenName: Adele
    surname: Vance
    email: adelev@example.com
  - id: user-id-3
    name: Isaiah Langer
    userPrincipleName: isaiahl@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000023
    givenName: Isaiah
    surname: Langer
    email: isaiahl@example.com
  - id: user-id-4
    name: Patti Fernandez
    userPrincipleName: pattif@example.com
    aadObjectId: 00000000-0000-0000-0000-0000000000024
    givenName: Patti
    surname: Fernandez
    email: pattif@example.com
personalChat:
  id: personal-chat-id
groupChat:
  id: group-chat-id
  name: Group Chat
team:
  id: team-id
  name: My Team
  aadGroupId: 00000000-0000-0000-0000-000000000031
  channels:
    - id: channel-announcements-id
      name: Announcements
`;

describe("a subgroup chair's weekly digest in Teams chat (Agents Playground)", () => {
  const dataDir = tempDataDir();
  const config = join(dataDir, "playground.yml");
  const env = { ASSURE_DATA_DIR: dataDir, M365_AGENTS_PLAYGROUND_CONFIG_PATH: config };
  let chat: Awaited<ReturnType<typeof startWithPlayground>>;
  let chatUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    writeFileSync(config, PLAYGROUND_CONFIG);
    chat = await startWithPlayground(env);
    ({ chatUrl, browser } = chat);
  }, 60_000);
  afterAll(async () => chat?.close());

  it("arrives once on Monday morning, with what is overdue and due for the group", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(chatUrl);
    await page.locator(".ac-adaptiveCard", { hasText: "Welcome, Lynne Robbins" }).waitFor({ timeout: 20_000 });

    const at = ["--at", "2022-10-03T08:30:00+01:00", "--subgroup", "Performance Group"];
    const first = await runCli(["digest", ...at], env);
    expect(first.stdout.trim()).toBe("sent: digest for Performance Group (llr-performance-group) to Lynne Robbins");
    const digest = page.locator(".ac-adaptiveCard", { hasText: "Performance Group: week of 3 October 2022" });
    await digest.waitFor({ timeout: 20_000 });
    const text = await digest.innerText();
    expect(text).toContain("Overdue (3)");
    expect(text).toContain("Take part in DA research project and receive report.");
    expect(text).toContain("Due in the next 28 days (1)");

    const again = await runCli(["digest", ...at], env);
    expect(again.stdout.trim()).toBe("nothing due at 2022-10-03T07:30:00.000Z");
    await page.waitForTimeout(1000);
    expect(await page.locator(".ac-adaptiveCard", { hasText: "Performance Group: week of" }).count()).toBe(1);
  }, 90_000);
});
