import { readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Action } from "../../src/core/action.js";
import { parseTimescale } from "../../src/core/timescale.js";
import { demoRecords } from "../../src/demo/index.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { GraphStore } from "../../src/store/graph-store.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { startCli, stop, tempDataDir } from "../support/cli.js";
import { SITE } from "../support/emulator.js";
import { freePort } from "../support/ports.js";

/** Printing a plan, and finding in it: every row is there, however long the plan. */
const BIG = 450;
let server: Awaited<ReturnType<typeof startCli>>;
let browser: Browser;
let base: string;
const demo = demoRecords();
const bigPlan = { ...demo.plans[0]!, id: "big-plan", title: "A long plan", managers: ["megan-bowen"] };
const bigSection = { ...demo.sections[0]!, id: "big-plan/r1", planId: "big-plan" };

beforeAll(async () => {
  const dataDir = tempDataDir();
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_DATA_DIR: dataDir });
  const { graphUrl } = JSON.parse(readFileSync(join(dataDir, "graph", "emulator.lock.json"), "utf8")) as { graphUrl: string };
  const store = new GraphStore(new SiteLists(connectGraph({ mode: "emulator", graphUrl, site: SITE }), SITE));
  const actions: Action[] = Array.from({ length: BIG }, (_, i) => ({ ...demo.actions[0]!, id: `big-plan/a${i + 1}`, planId: "big-plan", sectionId: "big-plan/r1", ref: `1.${i + 1}`, text: `Action number ${i + 1}`, timescale: parseTimescale("March 2027") }));
  await store.importRecords({ plans: [bigPlan], sections: [bigSection], actions });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
});

describe("downloading a plan from the tab", () => {
  it("gives a reader the Word board paper and the workbook as at the day shown", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/tab/plans/llr-sab-business-plan-2022-23?asOf=2022-10-03`);
    await page.locator("[data-action-id]").first().waitFor();
    for (const [item, suffix] of [["Board paper (Word)", ".docx"], ["Workbook (Excel)", ".xlsx"]] as const) {
      await page.getByRole("button", { name: "Download" }).click();
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: item }).click()]);
      expect(file.suggestedFilename()).toBe(`llr-sab-business-plan-2022-23-as-at-2022-10-03${suffix}`);
      const bytes = readFileSync((await file.path())!);
      const entries = Object.keys(unzipSync(new Uint8Array(bytes)));
      expect(entries).toContain(suffix === ".docx" ? "word/document.xml" : "xl/workbook.xml");
    }
    await page.close();
  });

  it("refuses a format it does not make, naming the field", async () => {
    const res = await fetch(`${base}/api/plans/llr-sab-business-plan-2022-23/export?format=pdf`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("format");
  });
});

describe("printing and finding in a plan", () => {
  it("draws a plan of a few hundred actions whole, so the browser's find sees every row", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 600 } });
    await page.goto(`${base}/tab/plans/coventry-sar-mrs-e-2015`);
    await page.locator("[data-action-id]").first().waitFor();
    expect(await page.locator("[data-action-id]").count()).toBe(demo.actions.filter((a) => a.planId === "coventry-sar-mrs-e-2015").length);
    await page.close();
  });

  it("virtualises a long plan on screen, and prints every row of it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/tab/plans/big-plan`);
    await page.locator("[data-action-id]").first().waitFor();
    expect(await page.locator("[data-action-id]").count()).toBeLessThan(100);
    await page.emulateMedia({ media: "print" });
    await expect.poll(() => page.locator("[data-action-id]").count()).toBe(BIG);
    expect(await page.locator("header").isVisible()).toBe(false); // navigation is not printed
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: "screen" });
    await expect.poll(() => page.locator("[data-action-id]").count()).toBeLessThan(100);
    await page.close();
  });
});
