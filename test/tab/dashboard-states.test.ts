import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeSeriousOrCritical } from "../support/axe.js";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";

/**
 * The dashboard in the states a board is really in: after a sweep has sent reminders, with some
 * answered, with overdue actions, today and as at a past day; in each theme, on a desktop and a
 * phone; with a chart hovered and with the Download menu open. A popup layer must never cover the
 * page, every label must be readable, and axe must find nothing serious or critical.
 */
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 740 };

let server: Awaited<ReturnType<typeof startCli>>;
let browser: Browser;
let base: string;
let emptyPlan: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env = { ASSURE_DATA_DIR: tempDataDir(), ASSURE_PUBLIC_URL: base };
  server = await startCli(["start", "--port", String(port)], /Assure is running/, env);
  // Reminders as a timed sweep sends them, then two leads answer (today, so "answered later").
  const swept = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], env);
  expect(swept.stdout).toContain("sent:");
  for (const [person, ref, rating] of [["alex-wilber", "1.1", "amber"], ["lee-gu", "3.1", "green"]] as const) {
    const posted = await fetch(`${base}/api/actions/${encodeURIComponent(`${COVENTRY}/${ref}`)}/progress-updates`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-assure-dev-person": person },
      body: JSON.stringify({ text: `Progress on ${ref}`, rating }),
    });
    expect(posted.status).toBe(201);
  }
  const made = await fetch(`${base}/api/plans`, { method: "POST", headers: { "content-type": "application/json", "x-assure-dev-person": "megan-bowen" }, body: JSON.stringify({ title: "A plan with no actions yet", kind: "business-plan", boards: ["Coventry Safeguarding Adults Board"] }) });
  expect(made.status).toBe(201);
  emptyPlan = ((await made.json()) as { id: string }).id;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
}, 90_000);
afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
});

async function open(path: string, size = DESKTOP, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await browser.newPage({ viewport: size, colorScheme, isMobile: size === PHONE, hasTouch: size === PHONE });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}${path}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  expect(errors).toEqual([]);
  return page;
}

/** What is drawn on top at points across the page: a popup layer covering it shows up here. */
const covering = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = [];
    for (const fx of [0.1, 0.5, 0.9]) {
      for (const fy of [0.15, 0.5, 0.85]) {
        const e = document.elementFromPoint(innerWidth * fx, innerHeight * fy);
        const layer = e?.closest("[data-portal-node]");
        // A popup (menu, tooltip) may sit over part of the page; a layer filling the window may not.
        if (layer && layer.getBoundingClientRect().height >= innerHeight * 0.9) seen.push(layer.outerHTML.slice(0, 200));
      }
    }
    return seen;
  });

/** Pairs of axis labels whose boxes overlap, in any chart: overlapping text cannot be read. */
const overlappingLabels = (page: Page) =>
  page.evaluate(() => {
    const clashes: string[] = [];
    for (const svg of document.querySelectorAll("figure svg")) {
      const labels = [...svg.querySelectorAll(".tick text")].map((t) => ({ text: t.textContent ?? "", box: t.getBoundingClientRect() })).filter((l) => l.text && l.box.width > 0);
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i]!.box;
          const b = labels[j]!.box;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) clashes.push(`${labels[i]!.text} / ${labels[j]!.text}`);
        }
      }
    }
    return clashes;
  });

const overflow = (page: Page) => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - innerWidth));

describe("the dashboard after a sweep, with answers", () => {
  it.each([
    ["every plan, today", "/tab/dashboard"],
    ["Mrs E's plan, today", `/tab/plans/${COVENTRY}/dashboard`],
    ["Mrs E's plan as at 20 Apr 2016 (reminders out, actions overdue)", `/tab/plans/${COVENTRY}/dashboard?asOf=2016-04-20`],
    ["the LLR plan as at 3 Oct 2022 (long lead names)", `/tab/plans/${LLR}/dashboard?asOf=2022-10-03`],
  ])("%s: shows, every label readable, nothing covering it, axe clean", async (_name, path) => {
    const page = await open(path);
    expect(await covering(page)).toEqual([]);
    expect(await overlappingLabels(page)).toEqual([]);
    // Each month has its own label under its bar: none dropped.
    const months = await page.getByTestId("ratings-table").locator("tbody tr").count();
    const monthLabels = await page.locator("figure[aria-labelledby=ratings-title] svg .tick text").allTextContents();
    expect(monthLabels.filter((t) => /^[A-Z][a-z]{2} \d{4}$/.test(t))).toHaveLength(months);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("says how the leads answered, and draws it, once reminders are out (the state that used to blank the page)", async () => {
    const page = await open(`/tab/plans/${COVENTRY}/dashboard`);
    const figure = page.locator("figure[aria-labelledby=responses-title]");
    const said = await figure.locator("p, span").first().textContent();
    expect(said).toMatch(/^\d+ reminders: \d+ answered within 7 days, \d+ answered later/);
    expect(said).not.toContain("0 answered within 7 days, 0 answered later"); // the two answers count
    expect(await figure.locator("svg path").count()).toBeGreaterThan(0);
    // Hovering the chart opens its tooltip: the page stays, and axe is still clean.
    const arc = figure.locator("svg path").first();
    await arc.hover();
    expect(await covering(page)).toEqual([]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("keeps the page when the plan's Download menu is open", async () => {
    const page = await open(`/tab/plans/${COVENTRY}`);
    await page.getByRole("button", { name: "Download" }).click();
    await page.getByRole("menuitem", { name: "Board paper (Word)" }).waitFor();
    expect(await covering(page)).toEqual([]);
    expect(await page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("says in words that an empty plan has nothing to chart", async () => {
    const page = await open(`/tab/plans/${encodeURIComponent(emptyPlan)}/dashboard`);
    expect(await page.locator("figure[aria-labelledby=ratings-title]").textContent()).toContain("No actions to chart yet");
    expect(await page.locator("figure[aria-labelledby=lead-title]").textContent()).toContain("Nothing is overdue or due in the next 28 days.");
    expect(await page.locator("figure[aria-labelledby=responses-title]").textContent()).toContain("No reminders had been sent by this day.");
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  }, 60_000);

  describe.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)("on a %s", (_name, size) => {
    it.each(["default", "dark", "contrast"])("in the %s theme: shows, nothing sideways, axe clean", async (theme) => {
      const page = await open(`/tab/plans/${COVENTRY}/dashboard?theme=${theme}`, size, theme === "dark" ? "dark" : "light");
      expect(await covering(page)).toEqual([]);
      expect(await overflow(page)).toBe(0);
      expect(await axeSeriousOrCritical(page)).toEqual([]);
      await page.close();
    }, 60_000);
  });
});

describe("a past day, after an edit today", () => {
  const json = { "content-type": "application/json", "x-assure-dev-person": "megan-bowen" };
  const action41 = async () => {
    const board = (await (await fetch(`${base}/api/plans/${COVENTRY}/board`, { headers: json })).json()) as { plan: { sections: { actions: { id: string; ref: string; rating: string | null; version: string }[] }[] } };
    return board.plan.sections.flatMap((s) => s.actions).find((a) => a.ref === "4.1")!;
  };
  /** What a person reads on the page: its main region's text. */
  const seen = async (path: string) => {
    const page = await open(path);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect.poll(() => page.locator("main [role=progressbar], main .fui-Spinner").count()).toBe(0);
    const text = await page.locator("main").innerText();
    await page.close();
    return text;
  };

  it("shows the dashboard and the plan as at 15 Feb 2016 exactly as before a manager's change today, while today's view shows it", async () => {
    const paths = [`/tab/plans/${COVENTRY}/dashboard?asOf=2016-02-15`, `/tab/plans/${COVENTRY}?asOf=2016-02-15`];
    const before = [];
    for (const path of paths) before.push(await seen(path));
    expect(before[0]).toContain("As at 15 Feb 2016");
    const today = await seen(`/tab/plans/${COVENTRY}/dashboard`);

    const a = await action41();
    const to = a.rating === "amber" ? "red" : "amber";
    const edited = await fetch(`${base}/api/actions/${encodeURIComponent(a.id)}`, { method: "PATCH", headers: { ...json, "if-match": a.version }, body: JSON.stringify({ rating: to, revisedDeadline: { date: "2099-12-31", reason: "Moved by the board" }, reason: "The procedure is not yet agreed" }) });
    expect(edited.status).toBe(200);

    for (const [i, path] of paths.entries()) expect(await seen(path), path).toBe(before[i]);
    // The same page for today does change: the edit is there, so the comparison above could fail.
    expect(await seen(`/tab/plans/${COVENTRY}/dashboard`)).not.toBe(today);
  }, 120_000);
});

describe("the Decisions view", () => {
  it("lists a lead's deadline request for the plan's manager, who approves it there with a reason; axe clean", async () => {
    const asked = await fetch(`${base}/api/actions/${encodeURIComponent(`${COVENTRY}/6.2`)}/progress-updates`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-assure-dev-person": "diego-siciliani" },
      body: JSON.stringify({ text: "Trainers start later than planned.", proposedDeadline: { date: "2099-06-30", reason: "Trainers start in June" } }),
    });
    expect(asked.status).toBe(201);
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.addInitScript(() => localStorage.setItem("assure.developmentPerson", "megan-bowen"));
    await page.goto(`${base}/tab/`);
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Decisions" }).click();
    const form = page.getByRole("form", { name: "Deadline request for action 6.2" });
    await form.waitFor();
    expect(await form.textContent()).toContain("Diego Siciliani asks");
    expect(await form.textContent()).toContain("to 30 Jun 2099: Trainers start in June. The deadline stands until you decide.");
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    // No reason: the form asks for one, and nothing is decided.
    await form.getByRole("button", { name: "Approve the new deadline" }).click();
    expect(await form.getByRole("textbox").evaluate((e) => (e as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
    expect(await page.getByRole("form", { name: "Deadline request for action 6.2" }).count()).toBe(1);
    await form.getByRole("textbox").fill("Agreed at the board: trainers start in June");
    await form.getByRole("button", { name: "Approve the new deadline" }).click();
    await expect.poll(() => page.getByText("Action 6.2: new deadline 30 Jun 2099 approved.").isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("form", { name: "Deadline request for action 6.2" }).count()).toBe(0);
    await page.close();

    // A lead has no Decisions link, and sees nothing waiting there.
    const lead = await browser.newPage({ viewport: DESKTOP });
    await lead.addInitScript(() => localStorage.setItem("assure.developmentPerson", "diego-siciliani"));
    await lead.goto(`${base}/tab/decisions`);
    await expect.poll(() => lead.getByText("Nothing waits for you").isVisible()).toBe(true);
    expect(await lead.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Decisions" }).count()).toBe(0);
    await lead.close();
  }, 120_000);
});
