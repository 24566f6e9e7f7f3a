// Takes the README's and docs' screenshots of the tab and the reply page from a real local run:
// `assure start` on a fresh data folder, a sweep that sends reminders, two leads' answers, then
// headless Chromium at a desktop, tablet and phone size. Run with `npm run docs:images` (after a
// build); tests never write docs/images.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CLI = new URL("../dist/src/cli/main.js", import.meta.url).pathname;
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), "assure-images-"));
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ASSURE_"))), ASSURE_DATA_DIR: dataDir, ASSURE_PLAYGROUND: "off", ASSURE_SWEEP_EVERY_MINUTES: "0", ASSURE_PUBLIC_URL: base };

const server = spawn(process.execPath, [CLI, "start", "--port", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
await new Promise((resolve, reject) => {
  let seen = "";
  server.stdout.on("data", (c) => (seen += c) && /Assure is running/.test(seen) && resolve());
  server.on("exit", (code) => reject(new Error(`assure start exited with ${code}`)));
});
let browser;
try {
  execFileSync(process.execPath, [CLI, "sweep", "--at", "2016-04-01T09:00:00+01:00"], { env, stdio: "ignore" });
  for (const [person, ref, rating, text] of [
    ["alex-wilber", "1.1", "amber", "Toolkit drafted and shared with the SAR subgroup."],
    ["lee-gu", "3.1", "green", "Policy review under way; the task and finish group meets monthly."],
  ]) {
    await fetch(`${base}/api/actions/${encodeURIComponent(`${COVENTRY}/${ref}`)}/progress-updates`, { method: "POST", headers: { "content-type": "application/json", "x-assure-dev-person": person }, body: JSON.stringify({ text, rating }) });
  }
  const replyLink = /href="([^"]+\/reply\/[^"]+)"/.exec(await (await fetch(`${base}/mailbox`)).text())[1];
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

  const shot = async (file, path, { width = 1366, height = 900, person, colorScheme = "light", mobile = false, prepare } = {}) => {
    // A board in England: date inputs day-first, as Teams shows them to a UK user.
    const page = await browser.newPage({ viewport: { width, height }, colorScheme, isMobile: mobile, hasTouch: mobile, locale: "en-GB" });
    if (person) await page.addInitScript((p) => localStorage.setItem("assure.developmentPerson", p), person);
    await page.goto(path.startsWith("http") ? path : `${base}${path}`);
    await page.locator("h1").first().waitFor();
    if (prepare) await prepare(page);
    await page.waitForTimeout(800); // charts draw, drawers finish opening
    await page.screenshot({ path: `docs/images/${file}` });
    await page.close();
    console.log(`wrote docs/images/${file}`);
  };
  await shot("dashboard-coventry.png", `/tab/plans/${COVENTRY}/dashboard?asOf=2016-04-20`, { width: 1280, height: 2300 });
  await shot("dashboard-llr.png", `/tab/plans/${LLR}/dashboard?asOf=2022-10-03`, { width: 1280, height: 2300 });
  await shot("plan-view-light.png", `/tab/plans/${LLR}`, { person: "megan-bowen" });
  await shot("plan-view-dark.png", `/tab/plans/${LLR}?theme=dark`, { person: "megan-bowen", colorScheme: "dark" });
  await shot("leads-directory.png", "/tab/directory", { width: 1280, height: 800, person: "megan-bowen" });
  // The Plans page as LLR's manager: her board shown (the switcher in the header), each plan with its counts.
  await shot("plans-page.png", "/tab/", { width: 1280, height: 700, person: "joni-sherman" });
  await shot("who-is-late.png", "/tab/late?asOf=2022-10-03", { width: 1280, height: 900, person: "megan-bowen" });
  // Below who is late: Coventry's agencies and its challenge log (demo challenges), as its manager sees them.
  await shot("agencies.png", "/tab/late?asOf=2016-03-01", {
    width: 1280,
    height: 1100,
    person: "megan-bowen",
    prepare: async (page) => {
      await page.locator("caption", { hasText: /^The board's challenges/ }).waitFor();
      await page.locator("#agencies-heading").scrollIntoViewIfNeeded();
      await page.evaluate(() => document.getElementById("agencies-heading").scrollIntoView({ block: "start" }));
    },
  });
  await shot("phone-plan.png", `/tab/plans/${LLR}`, { width: 360, height: 740, person: "megan-bowen", mobile: true });
  await shot("tablet-plan.png", `/tab/plans/${LLR}`, { width: 768, height: 1024, person: "megan-bowen", mobile: true });
  await shot("phone-action.png", `/tab/plans/${COVENTRY}?action=${encodeURIComponent(`${COVENTRY}/1.1`)}`, { width: 360, height: 740, person: "alex-wilber", mobile: true });
  await shot("phone-my-actions.png", "/tab/my-actions", { width: 360, height: 740, person: "alex-wilber", mobile: true });
  // The findings register (issue 28): the second Coventry review with its repeat findings, an impact review being recorded, and the themes across reviews.
  const ADULT_K_R1 = `[data-recommendation-id="coventry-demo-sar-adult-k-2017/r1"]`;
  await shot("findings-register.png", "/tab/findings", {
    width: 1280,
    height: 1500,
    person: "megan-bowen",
    prepare: async (page) => page.getByRole("heading", { level: 2, name: "Demo: Adult K (invented)" }).evaluate((h) => h.scrollIntoView({ block: "start" })),
  });
  await shot("impact-review.png", "/tab/findings", {
    width: 1280,
    height: 1000,
    person: "megan-bowen",
    prepare: async (page) => {
      const r1 = page.locator(ADULT_K_R1);
      await r1.getByRole("button", { name: "Record impact review" }).click();
      await r1.getByRole("radio", { name: "Impact demonstrated" }).check();
      await r1.getByRole("textbox").fill("Re-audit of 20 discharges in October: 19 had the discharge summary with the community team on the day (95 %, the target).");
      await r1.evaluate((li) => li.scrollIntoView({ block: "start" }));
    },
  });
  await shot("themes.png", "/tab/themes", { width: 1280, height: 1250, person: "megan-bowen" });
  await shot("phone-themes.png", "/tab/themes", { width: 360, height: 740, person: "megan-bowen", mobile: true });
  await shot("reply-page-phone.png", replyLink, {
    width: 360,
    height: 740,
    mobile: true,
    prepare: async (page) => {
      await page.getByLabel("Progress since the last update").fill("Toolkit reviewed with partners; publishing this month.");
      await page.getByLabel("Rating").selectOption("amber");
    },
  });
} finally {
  await browser?.close();
  server.kill();
  await once(server, "exit");
  rmSync(dataDir, { recursive: true, force: true });
}
