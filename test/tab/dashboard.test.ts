import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeSeriousOrCritical } from "../support/axe.js";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

// The dashboard in the real tab (built by Vite, served by `assure start`) in Debian's headless Chromium. Nothing is mocked.

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const AS_OF: Record<string, string> = { [COVENTRY]: "2016-02-15", [LLR]: "2022-10-03" };

interface ExportedAction { id: string; rating: string | null; deadline: string | null; status: { state: string }; lead: { leadId: string | null } }
let server: Awaited<ReturnType<typeof startCli>>;
let browser: Browser;
let base: string;
let actionsOf: (planId: string) => ExportedAction[];

beforeAll(async () => {
  const port = await freePort();
  server = await startCli(["start", "--port", String(port)], /Assure is running/);
  base = `http://localhost:${port}`;
  const exported = (await (await fetch(`${base}/api/export`)).json()) as { plans: { id: string; sections: { actions: ExportedAction[]; deliverables: { actions: ExportedAction[] }[] }[] }[] };
  actionsOf = (planId) => exported.plans.find((p) => p.id === planId)!.sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)]);
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2400 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}${path}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.getByTestId("ratings-table").waitFor();
  expect(errors).toEqual([]);
  return page;
}
const cells = async (page: Page, caption: RegExp) => page.locator("table", { has: page.locator("caption", { hasText: caption }) }).locator("tbody tr").evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("th,td")).map((c) => c.textContent ?? "")));

describe("the dashboard in Chromium", () => {
  it.each([COVENTRY, LLR])("%s: the tables' numbers are the plan's, as at a fixed day", async (planId) => {
    const asOf = AS_OF[planId]!;
    const page = await open(`/tab/plans/${planId}/dashboard?asOf=${asOf}`);
    const actions = actionsOf(planId);
    const ratings = await cells(page, /by RAG rating at the end of each month/);
    expect(ratings).toHaveLength(planId === COVENTRY ? 6 : 7); // month ends since the plan began (Sep 2015; Apr 2022), and the day itself
    const count = (r: string | null) => String(actions.filter((a) => a.rating === r).length);
    expect(ratings.at(-1)!.slice(1)).toEqual([count("red"), count("amber"), count("green"), count("complete"), count(null)]);
    const overdue = actions.filter((a) => a.status.state === "open" && a.deadline !== null && a.deadline < asOf).length;
    const byLead = await cells(page, /^By lead/);
    expect(byLead.reduce((n, row) => n + Number(row[1] ?? 0), 0)).toBe(overdue);
    expect(await page.getByTestId("ratings-alt").textContent()).toContain(`of ${actions.length} actions`);
    // Every chart has its SVG drawn, with the table beside it.
    expect(await page.locator("figure svg").count()).toBeGreaterThan(0);
  }, 30_000);

  it("a lead's overdue count links to the plan filtered to exactly those actions, by keyboard", async () => {
    const page = await open(`/tab/plans/${LLR}/dashboard?asOf=${AS_OF[LLR]}`);
    const row = page.locator("table", { has: page.locator("caption", { hasText: /^By lead/ }) }).locator("tbody tr").first();
    const expected = Number(await row.locator("td").first().textContent());
    expect(expected).toBeGreaterThan(0);
    await row.locator("td").first().getByRole("link").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("shown").textContent()).toBe(`Showing ${expected} of ${actionsOf(LLR).length} actions`);
    expect(new URL(page.url()).searchParams.get("overdue")).toBe("1");
  }, 30_000);

  it.each(["default", "dark", "contrast"])("passes axe (no serious or critical violations) in the %s theme", async (theme) => {
    const page = await open(`/tab/plans/${COVENTRY}/dashboard?asOf=${AS_OF[COVENTRY]}&theme=${theme}`);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
  }, 30_000);

  it("shows every plan together, each linking to its own dashboard", async () => {
    const page = await open("/tab/dashboard?asOf=2022-10-03");
    const plans = await cells(page, /Each plan's actions by RAG rating/);
    expect(plans.map((r) => r[0])).toEqual(expect.arrayContaining(["Serious Adult Review Action plan: SCR Mrs E", expect.stringContaining("Leicester")]));
    await page.getByRole("link", { name: "Serious Adult Review Action plan: SCR Mrs E" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard: Serious Adult Review Action plan: SCR Mrs E");
  }, 30_000);
});

describe("who is late, in Chromium", () => {
  interface Late { asOf: string; leads: { lead: string; contacts: { name: string }[]; lastAnswered: string | null; late: { actionId: string; ref: string }[] }[] }
  async function openLate(path: string, viewport = { width: 1280, height: 1600 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    await page.getByRole("heading", { level: 1, name: /^Who is late/ }).waitFor();
    expect(errors).toEqual([]);
    return page;
  }
  const boardOf = async (page: Page) => (await page.getByRole("heading", { level: 1 }).textContent())!.replace(/^Who is late: /, "").replace(/^all boards$/, "all");

  it("lists each lead with late actions, the person to contact and when they last answered, as the API says for the board shown; an action opens in its plan", async () => {
    const page = await openLate("/tab/late?asOf=2022-10-03");
    const board = await boardOf(page);
    const api = (await (await fetch(`${base}/api/who-is-late?${new URLSearchParams({ board, asOf: "2022-10-03" })}`)).json()) as Late;
    expect(api.leads.length).toBeGreaterThan(0);
    const rows = await cells(page, /^Leads with actions past their deadline/);
    expect(rows.map((r) => r[0])).toEqual(api.leads.map((l) => l.lead));
    api.leads.forEach((l, i) => {
      for (const c of l.contacts) expect(rows[i]![1]).toContain(c.name);
      expect(rows[i]![2]).toBe(l.lastAnswered === null ? "Never" : expect.stringMatching(/ago|today/));
      for (const a of l.late) expect(rows[i]![4]).toContain(a.ref);
    });
    const first = api.leads[0]!.late[0]!;
    await page.getByRole("link", { name: first.ref, exact: true }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get("action")).toBe(first.actionId);
  }, 30_000);

  it.each([["default", { width: 1280, height: 1600 }], ["dark", { width: 1280, height: 1600 }], ["contrast", { width: 390, height: 844 }]] as const)("passes axe in the %s theme at %j", async (theme, viewport) => {
    const page = await openLate(`/tab/late?asOf=2022-10-03&theme=${theme}`, viewport);
    await page.locator("table").first().waitFor();
    expect(await axeSeriousOrCritical(page)).toEqual([]);
  }, 30_000);

  it("the header links to it", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/tab/`);
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Who is late" }).click();
    await page.getByRole("heading", { level: 1, name: /^Who is late/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/tab/late");
  }, 30_000);

  describe("agencies and the challenge log", () => {
    const COVENTRY_BOARD = "Coventry Safeguarding Adults Board";
    async function openAs(person: string, path: string, viewport = { width: 1280, height: 1600 }): Promise<Page> {
      const page = await browser.newPage({ viewport });
      await page.addInitScript((p) => localStorage.setItem("assure.developmentPerson", p), person);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${base}${path}`);
      await page.locator("caption", { hasText: /^Actions and answers by agency/ }).waitFor();
      expect(errors).toEqual([]);
      return page;
    }

    it("shows a board manager each agency's figures as the API gives them, and lets them ask an agency and record its answer", async () => {
      const page = await openAs("megan-bowen", "/tab/late");
      const api = (await (await fetch(`${base}/api/agencies?${new URLSearchParams({ board: COVENTRY_BOARD })}`, { headers: { "x-assure-dev-person": "megan-bowen" } })).json()) as { agencies: { agency: string; open: number; overdue: number }[]; challenges: { question: { text: string } }[] };
      const rows = await cells(page, /^Actions and answers by agency/);
      expect(rows.map((r) => r[0])).toEqual(api.agencies.map((a) => a.agency));
      expect(rows.map((r) => [r[1], r[2]])).toEqual(api.agencies.map((a) => [String(a.open), String(a.overdue)]));
      const log = await cells(page, /^The board's challenges to agencies/);
      expect(log.map((r) => r[2])).toEqual(api.challenges.map((c) => expect.stringContaining(c.question.text)));

      const question = "Browser test: when will the supervision audit report come to the board?";
      await page.getByRole("button", { name: "Ask an agency" }).click();
      const ask = page.getByRole("dialog");
      await ask.getByRole("combobox", { name: /^Agency/ }).selectOption({ label: "Quality Assurance and Performance sub group" });
      await ask.getByRole("textbox", { name: /^Question/ }).fill(question);
      await ask.getByRole("button", { name: "Save" }).click();
      await expect.poll(async () => (await cells(page, /^The board's challenges to agencies/)).some((r) => r[2]!.includes(question))).toBe(true);
      const row = page.locator("tr", { hasText: question });
      expect(await row.textContent()).toContain("Awaiting an answer: 0 days");
      await row.getByRole("button", { name: /^Record the answer from Quality Assurance/ }).click();
      const answer = page.getByRole("dialog");
      await answer.getByRole("textbox", { name: /^Answer/ }).fill("It goes to the March meeting.");
      await answer.getByRole("button", { name: "Save" }).click();
      await expect.poll(() => page.locator("tr", { hasText: question }).textContent()).toContain("It goes to the March meeting. (recorded by Megan Bowen)");
    }, 60_000);

    it("gives a lead the figures but neither the log nor the form", async () => {
      const page = await openAs("alex-wilber", "/tab/late");
      expect(await page.getByText(/challenge log .* is for the board's managers/).count()).toBe(1);
      expect(await page.getByRole("button", { name: "Ask an agency" }).count()).toBe(0);
      expect(await page.locator("caption", { hasText: /^The board's challenges/ }).count()).toBe(0);
    }, 30_000);

    it.each([["default", { width: 1280, height: 1600 }], ["dark", { width: 390, height: 844 }]] as const)("passes axe in the %s theme at %j, with the log and its forms", async (theme, viewport) => {
      const page = await openAs("megan-bowen", `/tab/late?asOf=2016-03-01&theme=${theme}`, viewport);
      await page.locator("caption", { hasText: /^The board's challenges/ }).waitFor();
      expect(await axeSeriousOrCritical(page)).toEqual([]);
    }, 30_000);
  });
});

describe("the findings register and themes, in Chromium", () => {
  const BOARD = "Coventry Safeguarding Adults Board";
  const R1 = "coventry-demo-sar-adult-k-2017/r1";
  const UK_DAY = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/;
  type Json = Record<string, any>;
  const apiAs = async (path: string, person: string) => (await (await fetch(`${base}${path}`, { headers: { "x-assure-dev-person": person } })).json()) as Json;
  async function openAs(path: string, person: string | null, viewport = { width: 1280, height: 1600 }, board?: string): Promise<Page> {
    const page = await browser.newPage({ viewport, isMobile: viewport.width < 640 });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(([p, b]) => {
      if (p) localStorage.setItem("assure.developmentPerson", p);
      if (b) localStorage.setItem("assure.board", b);
    }, [person, board ?? null] as const);
    await page.goto(`${base}${path}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(errors).toEqual([]);
    return page;
  }
  /** How far anything reaches past the right edge of the screen (0: nothing scrolls sideways). */
  const overflow = (page: Page) =>
    page.evaluate(() => {
      const widest = Math.max(...[...document.querySelectorAll("body *")].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).map((r) => r.right));
      return Math.max(document.documentElement.scrollWidth - innerWidth, Math.floor(widest) - innerWidth, 0);
    });

  it("the header offers Findings and Themes to a person of a board, not to someone who has not said who they are", async () => {
    const anonymous = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await anonymous.goto(`${base}/tab/`);
    const nav = anonymous.getByRole("navigation", { name: "Views" });
    await nav.getByRole("link", { name: "Dashboard" }).waitFor();
    expect(await nav.getByRole("link", { name: "Findings" }).count()).toBe(0);
    const page = await openAs("/tab/", "megan-bowen");
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Findings" }).click();
    await page.getByRole("heading", { level: 1, name: `Findings register: ${BOARD}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/tab/findings");
  }, 30_000);

  it("shows the manager each review's findings with themes, the repeat flag, internal notes and linked actions, as the API has them", async () => {
    const api = await apiAs(`/api/register?board=${encodeURIComponent(BOARD)}`, "megan-bowen");
    const page = await openAs("/tab/findings", "megan-bowen");
    await page.locator("[data-finding-id]").first().waitFor();
    const findings = (api.reviews as Json[]).flatMap((r) => r.findings as Json[]);
    expect(await page.locator("[data-finding-id]").count()).toBe(findings.length);
    const repeats = findings.filter((f) => f.repeatOf.length > 0).map((f) => f.id);
    expect(repeats).toContain("finding-adult-k-1");
    expect(await page.locator("[data-finding-id]", { has: page.locator("[data-repeat]") }).evaluateAll((els) => els.map((e) => e.getAttribute("data-finding-id")))).toEqual(repeats);
    const k1 = page.locator('[data-finding-id="finding-adult-k-1"]');
    expect(await k1.textContent()).toContain("Hospital discharge");
    expect(await k1.textContent()).toContain("also in SCR Mrs E");
    expect(await k1.textContent()).toMatch(/Escalated to West Midlands Safeguarding Adults Network \(demo\) \(regional\) on 20 Jul 2017/);
    expect(await page.getByText("Internal note (never published)").count()).toBe(2);
    // Each recommendation's actions link to them in their plan, with their status.
    const r1 = page.locator(`[data-recommendation-id="${R1}"]`);
    expect(await r1.getByRole("list", { name: "Actions of recommendation 1" }).textContent()).toContain("Signed off");
    await r1.getByRole("link", { name: "1.1", exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("action")).toBe(`${R1.replace("/r1", "")}/1.1`);
  }, 30_000);

  it("shows a lead of the board the register without internal notes and without recording", async () => {
    const page = await openAs("/tab/findings", "alex-wilber");
    await page.locator("[data-finding-id]").first().waitFor();
    expect(await page.getByText("Internal note").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Record impact review" }).count()).toBe(0);
  }, 30_000);

  it("tells another board's manager the register is not hers to read", async () => {
    const page = await openAs("/tab/findings", "joni-sherman", undefined, BOARD);
    await expect.poll(() => page.getByText(/may not read Coventry Safeguarding Adults Board's findings register/).count()).toBe(1);
    expect(await page.locator("[data-finding-id]").count()).toBe(0);
  }, 30_000);

  it("lets the impact owner record an impact review with its evidence, shown at once with a UK date", async () => {
    const page = await openAs("/tab/findings", "megan-bowen");
    const r1 = page.locator(`[data-recommendation-id="${R1}"]`);
    await r1.waitFor();
    expect(await r1.locator("[data-impact-state]").getAttribute("data-impact-state")).toBe("due");
    await r1.getByRole("button", { name: "Record impact review" }).click();
    const form = r1.getByRole("form", { name: "Impact review of recommendation 1" });
    // Nothing chosen: the server's message names what to fix, and nothing is recorded.
    await form.getByRole("button", { name: "Record impact review" }).click();
    await expect.poll(() => form.getByText(/outcome|evidence/i).count()).toBeGreaterThan(0);
    await form.getByRole("radio", { name: "Impact demonstrated" }).check();
    await form.getByRole("textbox").fill("Re-audit of 20 discharges: <b>19</b> had the summary on the day");
    await form.getByRole("button", { name: "Record impact review" }).click();
    await expect.poll(() => r1.locator("[data-impact-state]").getAttribute("data-impact-state")).toBe("recorded");
    const impact = (await r1.locator("[data-impact-state]").textContent())!;
    const day = /^Impact demonstrated \((.+)\)\.$/.exec(impact)?.[1];
    expect(day).toMatch(UK_DAY);
    expect(await r1.getByRole("list", { name: "Impact reviews of recommendation 1" }).textContent()).toContain("<b>19</b> had the summary");
    const api = await apiAs(`/api/register?board=${encodeURIComponent(BOARD)}`, "megan-bowen");
    const stored = (api.reviews as Json[]).flatMap((r) => r.recommendations as Json[]).find((x) => x.id === R1)!;
    expect(stored.impactReviews.filter((i: Json) => i.outcome === "demonstrated")).toHaveLength(1);
  }, 30_000);

  it("shows the themes as the API reports them, with an as-at-today note", async () => {
    const api = await apiAs(`/api/register/themes?board=${encodeURIComponent(BOARD)}`, "megan-bowen");
    const page = await openAs("/tab/themes", "megan-bowen");
    await page.getByTestId("themes-table").waitFor();
    const rows = await cells(page, /^Findings by theme/);
    const found = (api.themes as Json[]).filter((t) => t.findings > 0);
    expect(rows.map((r) => [r[0], r[1], r[4], r[5]])).toEqual(found.map((t) => [t.theme, String(t.findings), String(t.repeats), String(t.openActions)]));
    const note = (await page.getByTestId("as-at").textContent())!;
    expect(/^As at (.+) \(today\):/.exec(note)?.[1]).toMatch(UK_DAY);
    expect(await page.getByRole("list", { name: "Repeat findings" }).locator("li").count()).toBe(api.repeats.length);
  }, 30_000);

  it.each([
    ["findings", "default", { width: 1280, height: 1600 }],
    ["findings", "dark", { width: 1280, height: 1600 }],
    ["findings", "contrast", { width: 360, height: 740 }],
    ["themes", "default", { width: 1280, height: 1600 }],
    ["themes", "contrast", { width: 1280, height: 1600 }],
    ["themes", "dark", { width: 360, height: 740 }],
  ] as const)("%s passes axe in the %s theme at %j, and nothing scrolls sideways", async (view, theme, viewport) => {
    const page = await openAs(`/tab/${view}?theme=${theme}`, "megan-bowen", viewport);
    await page.getByText(/^As at /).first().waitFor();
    if (view === "findings") {
      await page.locator(`[data-recommendation-id="${R1}"]`).getByRole("button", { name: "Record impact review" }).click();
    }
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    expect(await overflow(page)).toBe(0);
  }, 30_000);
});
