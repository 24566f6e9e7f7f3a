import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { axeSeriousOrCritical } from "../support/axe.js";
import { freePort } from "../support/ports.js";

/**
 * The tab, My actions and the email reply page on a phone (360 × 740) and a tablet (768 × 1024),
 * in Debian's Chromium: nothing scrolls sideways, the plan's first action is on the first
 * screen, tap targets are at least 44 px, and axe finds nothing serious or critical.
 */
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const SIZES = [
  { name: "phone", width: 360, height: 740 },
  { name: "tablet", width: 768, height: 1024 },
] as const;

let server: Awaited<ReturnType<typeof startCli>>;
let browser: Browser;
let base: string;
let replyLink: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env = { ASSURE_DATA_DIR: tempDataDir(), ASSURE_PUBLIC_URL: base };
  server = await startCli(["start", "--port", String(port)], /Assure is running/, env);
  await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], env);
  const mailbox = await (await fetch(`${base}/mailbox`)).text();
  replyLink = /href="([^"]+\/reply\/[^"]+)"/.exec(mailbox)![1]!;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
});

async function open(path: string, size: (typeof SIZES)[number], person?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: size.width, height: size.height }, isMobile: size.name === "phone", hasTouch: true });
  if (person) await page.addInitScript((p) => localStorage.setItem("assure.developmentPerson", p), person);
  await page.goto(path.startsWith("http") ? path : `${base}${path}`);
  return page;
}

/** How far anything reaches past the right edge of the screen (0: nothing scrolls sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const widest = Math.max(...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map((r) => r.right));
    // Sub-pixel layout may end a box a fraction past the edge; a whole pixel is a real overflow.
    return Math.max(document.documentElement.scrollWidth - innerWidth, Math.floor(widest) - innerWidth, 0);
  });


describe.each(SIZES)("on a $name ($width × $height)", (size) => {
  it.each([COVENTRY, LLR])("shows plan %s first: its first action on the first screen, nothing sideways", async (planId) => {
    const page = await open(`/tab/plans/${planId}`, size, "megan-bowen");
    const first = page.locator("[data-action-id]").first();
    await first.waitFor();
    // Measured once the page knows who is asking (the header and a manager's tools depend on it).
    await expect.poll(() => page.getByRole("combobox", { name: "Signed in as" }).inputValue()).toBe("megan-bowen");
    await page.waitForLoadState("networkidle");
    const box = (await first.boundingBox())!;
    expect(box.y + Math.min(box.height, 40)).toBeLessThanOrEqual(size.height);
    expect(await overflow(page)).toBe(0);
    if (size.name === "phone") {
      // Filters wait behind a button that says how many are on.
      expect(await page.getByRole("search", { name: "Filter the plan" }).count()).toBe(0);
      await page.getByRole("button", { name: "Filters" }).click();
      await page.getByRole("checkbox", { name: "Overdue" }).check();
      await page.getByRole("button", { name: "Hide filters" }).click();
      await expect.poll(() => page.getByRole("button", { name: /^Filters/ }).textContent()).toBe("Filters (1 on)");
      await page.getByRole("button", { name: /^Filters/ }).click();
      await page.getByRole("checkbox", { name: "Overdue" }).uncheck();
      await page.getByRole("button", { name: "Hide filters" }).click();
      // The plan's tools, a manager's included, wait behind "More".
      expect(await page.getByRole("button", { name: "Summary" }).count()).toBe(0);
      await page.getByRole("button", { name: "More", exact: true }).click();
      // Megan Bowen manages the Coventry plan, not the Leicester one.
      for (const name of ["Summary", "Who changed what", "Dashboard", "Download", ...(planId === COVENTRY ? ["Edit plan"] : [])]) await page.getByRole("button", { name, exact: true }).waitFor();
      expect(await overflow(page)).toBe(0);
      await page.getByRole("button", { name: "Less", exact: true }).click();
    }
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });

  it("opens an action's detail full screen on a phone, with nothing sideways", async () => {
    const page = await open(`/tab/plans/${COVENTRY}?action=${encodeURIComponent(`${COVENTRY}/1.1`)}`, size, "alex-wilber");
    const dialog = page.getByRole("dialog", { name: "Action 1.1" });
    await dialog.waitFor();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    const box = (await dialog.boundingBox())!;
    if (size.name === "phone") expect(Math.round(box.width)).toBe(size.width);
    expect(await overflow(page)).toBe(0);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });

  it("shows My actions with tap targets of at least 44 px, and nothing sideways", async () => {
    const page = await open("/tab/my-actions", size, "alex-wilber");
    const rows = page.locator("[data-action-id]");
    await rows.first().waitFor();
    for (const row of await rows.all()) expect((await row.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await overflow(page)).toBe(0);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });

  it("shows the email reply page with tap targets of at least 44 px, a date input for dates, and nothing sideways", async () => {
    const page = await open(replyLink, size);
    await page.getByRole("button", { name: "Send update" }).waitFor();
    for (const control of await page.locator("main textarea, main input:not([type=hidden]), main select, main button").all()) {
      const box = (await control.boundingBox())!;
      expect(Math.max(box.height, (await control.evaluate((e) => (e.closest("label") ?? e).getBoundingClientRect().height)))).toBeGreaterThanOrEqual(24);
      if ((await control.getAttribute("type")) !== "checkbox") expect(box.height).toBeGreaterThanOrEqual(44);
    }
    expect(await page.getByLabel("New deadline, if it must move").getAttribute("type")).toBe("date");
    expect(await overflow(page)).toBe(0);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });
});

describe("the views on a phone", () => {
  it("are one menu naming the view shown, and each opens", async () => {
    const page = await open(`/tab/plans/${COVENTRY}`, SIZES[0], "megan-bowen");
    const views = page.getByRole("navigation", { name: "Views" });
    await views.getByRole("button", { name: "Views: Plans" }).click();
    const items = page.getByRole("menuitemradio");
    expect(await items.allTextContents()).toEqual(["Plans", "My actions", "Leads directory", "Dashboard", "Who is late", "Decisions"]);
    for (const item of await items.all()) expect(Math.round((await item.boundingBox())!.height)).toBeGreaterThanOrEqual(44);
    await page.getByRole("menuitemradio", { name: "Who is late" }).click();
    await page.getByRole("heading", { level: 1, name: /^Who is late/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/tab/late");
    await views.getByRole("button", { name: "Views: Who is late" }).waitFor();
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });
});

describe("messages a person sees", () => {
  it("tells someone who has not chosen who they are what to do, in words for them", async () => {
    const page = await open("/tab/my-actions", SIZES[0]);
    await expect.poll(() => page.locator("main").textContent()).toContain('Choose who you are ("Signed in as", at the top of the page) to see the actions you lead.');
    expect(await page.locator("main").textContent()).not.toMatch(/header|x-assure/i);
    await page.close();
  });
});
