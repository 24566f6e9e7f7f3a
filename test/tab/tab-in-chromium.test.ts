import type { ChildProcess } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { axeSeriousOrCritical } from "../support/axe.js";
import { freePort } from "../support/ports.js";

// The real tab, built by Vite and served by `assure start`, in Debian's headless Chromium. Nothing is mocked.

const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";

interface ExportedAction {
  id: string;
  ref: string;
  text: string;
  rating: string | null;
  lead: { asWritten: string };
}
type Exported = { plans: { id: string; sections: { actions: ExportedAction[]; deliverables: { actions: ExportedAction[] }[] }[] }[] };

let server: ChildProcess;
let browser: Browser;
let base: string;
let exported: Exported;

const actionsOf = (planId: string) =>
  exported.plans.find((p) => p.id === planId)!.sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)]);

beforeAll(async () => {
  const port = await freePort();
  server = await startCli(["start", "--port", String(port)], /Assure is running/);
  base = `http://localhost:${port}`;
  exported = (await (await fetch(`${base}/api/export`)).json()) as Exported;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server) await stop(server);
});

/** A page signed in (local mode's development identity) as `person`, tall enough that the virtual list renders a whole demo plan. */
async function open(path: string, person?: string, colorScheme: "light" | "dark" = "light"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 4000 }, colorScheme });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  if (person) await page.addInitScript((p) => localStorage.setItem("assure.developmentPerson", p), person);
  await page.goto(`${base}${path}`);
  await page.waitForSelector("[data-testid=shown], h1");
  expect(errors).toEqual([]);
  return page;
}

const shownIds = (page: Page) => page.locator("[data-action-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-action-id")));


describe("the plan tab in Chromium", () => {
  it.each([COVENTRY, LLR])("renders every action of %s, grouped as the document is", async (planId) => {
    const page = await open(`/tab/plans/${planId}`);
    const all = actionsOf(planId);
    await expect.poll(() => page.getByTestId("shown").textContent()).toBe(`Showing ${all.length} of ${all.length} actions`);
    expect((await shownIds(page)).sort()).toEqual(all.map((a) => a.id).sort());
    for (const a of all) {
      const row = page.locator(`[data-action-id="${a.id}"]`);
      expect(await row.textContent()).toContain(a.text);
      expect(await row.locator("[data-rating]").getAttribute("data-rating")).toBe(a.rating ?? "unrated");
    }
    const headings = await page.locator("h2").allTextContents();
    expect(headings[0]).toMatch(planId === COVENTRY ? /^Recommendation 1: / : /^Priority 1: Hidden Harm/);
    await page.close();
  });

  it("filters by rating, overdue (as at a day) and text, and keeps the filter in the URL", async () => {
    const page = await open(`/tab/plans/${COVENTRY}`);
    const green = actionsOf(COVENTRY).filter((a) => a.rating === "green").map((a) => a.id).sort();
    await page.getByRole("group", { name: "Rating" }).getByRole("checkbox", { name: "Green" }).check();
    await expect.poll(async () => (await shownIds(page)).sort()).toEqual(green);
    expect(new URL(page.url()).searchParams.get("rating")).toBe("green");

    // A link with the filter in it (as a digest sends) opens the same view.
    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    expect((await shownIds(again)).sort()).toEqual(green);
    await again.close();

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill("toolkit");
    await expect.poll(async () => shownIds(page)).toEqual([`${COVENTRY}/1.1`]);
    await page.close();

    // LLR on Monday 3 October 2022: overdue are the activities due by the end of September.
    const llr = await open(`/tab/plans/${LLR}?asOf=2022-10-03&overdue=1`);
    const overdue = await shownIds(llr);
    expect(overdue.length).toBeGreaterThan(0);
    for (const id of overdue) expect(await llr.locator(`[data-action-id="${id}"]`).textContent()).toContain("Overdue");
    expect(overdue).toContain(`${LLR}/1.1.3`); // "Sep 2022"
    expect(overdue).not.toContain(`${LLR}/1.1.1`); // "Oct 2022": due, not yet overdue
    await llr.close();
  });

  it("opens an action and shows its whole update history with evidence links", async () => {
    const id = `${COVENTRY}/1.1`;
    const posted = await fetch(`${base}/api/actions/${encodeURIComponent(id)}/progress-updates`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-assure-dev-person": "alex-wilber" },
      body: JSON.stringify({ text: "Toolkit drafted and shared with the SAR subgroup", evidence: ["https://example.org/toolkit-draft"], rating: "amber" }),
    });
    expect(posted.status).toBe(201);
    const page = await open(`/tab/plans/${COVENTRY}`);
    await page.locator(`[data-action-id="${id}"]`).click();
    const drawer = page.getByRole("dialog", { name: "Action 1.1" });
    await expect.poll(() => drawer.isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get("action")).toBe(id);
    const history = drawer.getByRole("list", { name: "Progress updates, oldest first" });
    expect(await history.textContent()).toContain("Toolkit drafted and shared with the SAR subgroup");
    expect(await drawer.getByRole("link", { name: "https://example.org/toolkit-draft" }).getAttribute("href")).toBe("https://example.org/toolkit-draft");
    await page.close();
  });

  it("lets a board manager edit an action, and the edit persists", async () => {
    const id = `${COVENTRY}/2.1`;
    const page = await open(`/tab/plans/${COVENTRY}?action=${encodeURIComponent(id)}`, "megan-bowen");
    const form = page.getByRole("form", { name: "Edit this action" });
    await form.getByRole("combobox", { name: "Rating" }).selectOption("red");
    await form.getByRole("textbox", { name: "Timescale" }).fill("31/03/2017");
    // A rating or deadline change needs the manager's reason (issue 22).
    await form.getByRole("textbox", { name: /^Why \(needed/ }).fill("the procedure is not yet agreed");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(async () => page.locator(`[data-action-id="${id}"] [data-rating]`).getAttribute("data-rating")).toBe("red");
    const stored = actionsOfNow(await (await fetch(`${base}/api/export`)).json(), id);
    expect(stored.rating).toBe("red");
    expect((stored as unknown as { timescale: { text: string } }).timescale.text).toBe("31/03/2017");
    // The action's change log says who changed what.
    const log = page.getByRole("region", { name: "Who changed what" });
    await expect.poll(() => log.textContent()).toContain("Megan Bowen edited action 2.1");
    expect(await log.textContent()).toMatch(/Red/);
    await page.close();
  });

  it("lets a board manager start a plan, add a recommendation and an action, and shows who did it", async () => {
    const page = await open("/tab/", "megan-bowen");
    await page.getByRole("button", { name: "New plan" }).click();
    const plan = page.getByRole("dialog", { name: "Start a new plan" });
    await plan.getByRole("textbox", { name: "Title" }).fill("SAR Adult G action plan");
    // The board is chosen from hers (issue 23), never typed: Coventry's, the board shown, to begin with; no other board is offered.
    const boards = plan.getByRole("group", { name: /^Board/ });
    expect(await boards.getByRole("checkbox").count()).toBe(1);
    expect(await boards.getByRole("checkbox", { name: "Coventry Safeguarding Adults Board" }).isChecked()).toBe(true);
    await plan.getByRole("button", { name: "Save" }).click();
    await page.getByRole("link", { name: "Open it" }).click();
    await expect.poll(() => page.url()).toMatch(/\/tab\/plans\/sar-adult-g-action-plan-/);
    await expect.poll(() => page.getByTestId("shown").textContent()).toBe("Showing 0 of 0 actions");

    await page.getByRole("button", { name: "Add recommendation" }).click();
    const section = page.getByRole("dialog", { name: "Add a recommendation" });
    await section.getByRole("textbox", { name: "Number" }).fill("1");
    await section.getByRole("textbox", { name: /^Recommendation/ }).fill("Agencies share chronologies before strategy meetings");
    await section.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("h2").allTextContents()).toContain("Recommendation 1: Agencies share chronologies before strategy meetings");
    expect(await page.getByText("No actions yet.").count()).toBe(1);

    await page.getByRole("button", { name: "Add action" }).click();
    const action = page.getByRole("dialog", { name: "Add an action" });
    await action.getByRole("textbox", { name: /^Reference/ }).fill("1.1");
    await action.getByRole("combobox", { name: /^Lead/ }).selectOption({ label: "SAR Coordinator" });
    await action.getByRole("textbox", { name: /^Timescale/ }).fill("March 2027");
    await action.getByRole("textbox", { name: /^Action/ }).fill("   ");
    await action.getByRole("button", { name: "Save" }).click(); // blank action text: the server refuses it, naming the field
    await expect.poll(() => action.textContent()).toContain("text: must not be blank");
    expect(await page.getByTestId("shown").textContent()).toBe("Showing 0 of 0 actions");
    await action.getByRole("textbox", { name: /^Action/ }).fill("Agree a chronology template with partner agencies");
    await action.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByTestId("shown").textContent()).toBe("Showing 1 of 1 actions");
    const row = page.locator("[data-action-id]");
    expect(await row.textContent()).toContain("Agree a chronology template with partner agencies");
    expect(await row.locator("[data-rating]").getAttribute("data-rating")).toBe("unrated");

    await page.getByRole("button", { name: "Edit recommendation" }).click();
    const edit = page.getByRole("dialog", { name: "Edit a recommendation" });
    await edit.getByRole("textbox", { name: "Wording" }).fill("Agencies share chronologies before every strategy meeting");
    await edit.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator("h2").allTextContents()).toContain("Recommendation 1: Agencies share chronologies before every strategy meeting");

    await page.getByRole("button", { name: "Edit plan" }).click();
    const planEdit = page.getByRole("dialog", { name: "Edit the plan" });
    await planEdit.getByRole("checkbox", { name: "Isaiah Langer" }).check();
    await planEdit.getByRole("button", { name: "Add a meeting" }).click();
    await planEdit.getByLabel("Board meeting 1").fill("2027-01-15");
    await planEdit.getByRole("button", { name: "Save" }).click();
    const planId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
    await expect.poll(async () => (await (await fetch(`${base}/api/plans/${encodeURIComponent(planId)}/board`)).json()).plan.boardMeetings).toEqual(["2027-01-15"]);
    expect((await (await fetch(`${base}/api/plans/${encodeURIComponent(planId)}/board`)).json()).plan.managers).toEqual(["megan-bowen", "isaiah-langer"]);

    await page.getByRole("button", { name: "Who changed what" }).click();
    const log = page.getByRole("region", { name: "Who changed what" });
    await expect.poll(() => log.textContent()).toContain("Megan Bowen edited recommendation 1");
    expect(await log.textContent()).toContain("board meetings: none → “2027-01-15”");
    expect(await log.textContent()).toContain("Megan Bowen created action 1.1");
    expect(await log.textContent()).toContain("Megan Bowen created recommendation 1");
    expect(await log.textContent()).toContain("Megan Bowen created plan “SAR Adult G action plan”".replace(/[“”]/g, '"'));
    await page.close();
  });

  it("lets a board manager change who answers for a lead in the directory; a lead only reads it", async () => {
    const reader = await open("/tab/directory", "alex-wilber");
    await expect.poll(() => reader.getByRole("table", { name: "Leads" }).isVisible()).toBe(true);
    expect(await reader.getByRole("button", { name: "Add lead" }).count()).toBe(0);
    await reader.close();

    const page = await open("/tab/directory", "joni-sherman");
    await page.getByRole("button", { name: "Edit Performance Group Engagement Group" }).click();
    const dialog = page.getByRole("dialog", { name: /Who answers for/ });
    await dialog.getByRole("checkbox", { name: "Patti Fernandez" }).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    const row = page.locator('[data-lead-id="llr-performance-engagement"]');
    await expect.poll(() => row.textContent()).toContain("Patti Fernandez");
    const stored = (await (await fetch(`${base}/api/directory`)).json()) as { leads: { id: string; kind: string; members: string[]; chair: string | null; remind: string }[] };
    expect(stored.leads.find((l) => l.id === "llr-performance-engagement")).toMatchObject({ kind: "several", chair: null, members: ["lynne-robbins", "henrietta-mueller", "patti-fernandez"] });
    // Joni's directory is her board's (issue 23): Coventry's lead is not listed, and its edit is refused, saying who can.
    expect(await page.getByRole("button", { name: "Edit Quality Assurance and Performance sub group" }).count()).toBe(0);
    expect(await page.locator('[data-lead-id="cov-qap"]').count()).toBe(0);
    const refused = await fetch(`${base}/api/leads/cov-qap`, { method: "PATCH", headers: { "content-type": "application/json", "x-assure-dev-person": "joni-sherman", "if-match": "anything" }, body: JSON.stringify({ remind: "all" }) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("ask the managers of Coventry Safeguarding Adults Board");

    // Editing a group led through its chair leaves it a group, with its chair.
    const coventry = await open("/tab/directory", "megan-bowen");
    await coventry.getByRole("button", { name: "Edit Quality Assurance and Performance sub group" }).click();
    const group = coventry.getByRole("dialog", { name: /Who answers for/ });
    await group.getByRole("combobox", { name: "Reminders go to" }).selectOption("all");
    await group.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => coventry.locator('[data-lead-id="cov-qap"]').textContent()).toContain("everyone who answers for it");
    const qap = ((await (await fetch(`${base}/api/directory`)).json()) as typeof stored).leads.find((l) => l.id === "cov-qap");
    expect(qap).toMatchObject({ kind: "group", chair: "adele-vance", members: ["adele-vance"], remind: "all" });
    await coventry.close();
    await expect.poll(() => page.getByRole("region", { name: "Who changed what" }).textContent()).toContain("Joni Sherman edited lead");

    // Someone who leads in Joni's plan: she may correct their details.
    await page.getByRole("button", { name: "Edit Lidia Holloway" }).click();
    const person = page.getByRole("dialog", { name: "Edit Lidia Holloway" });
    await person.getByRole("textbox", { name: "Job title" }).fill("Chair, Policy and Procedures Group");
    await person.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator('[data-person-id="lidia-holloway"]').textContent()).toContain("Chair, Policy and Procedures Group");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    await page.waitForTimeout(500); // the backdrop fades out
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it("shows one board at a time: the Plans page by board with each plan's counts, the switcher remembered, and only that board's leads and subgroups in a plan's filters and forms", async () => {
    const page = await open("/tab/", "megan-bowen");
    const switcher = page.getByRole("combobox", { name: "Board" });
    await expect.poll(() => switcher.inputValue()).toBe("Coventry Safeguarding Adults Board");
    // Her board's plans only, under its name; LLR's plan is not among them.
    await expect.poll(() => page.locator("h2").allTextContents()).toEqual(["Coventry Safeguarding Adults Board"]);
    expect(await page.locator(`[data-plan-id="${LLR}"]`).count()).toBe(0);
    const { plans } = (await (await fetch(`${base}/api/plans`)).json()) as { plans: { id: string; counts: { actions: number; ratings: Record<string, number>; overdue: number; dueSoon: number } }[] };
    const counts = plans.find((p) => p.id === COVENTRY)!.counts;
    expect(Object.values(counts.ratings).reduce((a, b) => a + b, 0)).toBe(counts.actions);
    const card = page.locator(`[data-plan-id="${COVENTRY}"]`);
    expect(await card.locator("[data-count=overdue]").textContent()).toBe(`${counts.overdue} overdue`);
    expect(await card.locator("[data-count=due-soon]").textContent()).toBe(`${counts.dueSoon} due within 28 days`);
    for (const [rating, n] of Object.entries(counts.ratings).filter(([, n]) => n > 0)) expect(await card.locator(`[data-rating=${rating}]`).textContent()).toBe(`${n} ${{ red: "Red", amber: "Amber", green: "Green", complete: "Complete", unrated: "Not rated" }[rating]}`);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    // Each count opens the plan view it counts.
    await card.locator("[data-count=overdue]").click();
    await expect.poll(() => page.getByTestId("shown").textContent()).toMatch(new RegExp(`^Showing ${counts.overdue} of `));
    expect(new URL(page.url()).searchParams.get("overdue")).toBe("1");
    // A plan's filters and forms offer its own boards' leads and subgroups only: Coventry has no subgroups, LLR's are not offered.
    const subgroups = await page.getByRole("combobox", { name: "Subgroup" }).locator("option").allTextContents();
    expect(subgroups).toEqual(["Any subgroup"]);
    await page.goto(`${base}/tab/`);

    // Every board, each under its own heading; the choice is remembered in this browser.
    await switcher.selectOption({ label: "All boards" });
    await expect.poll(() => page.locator("h2").allTextContents()).toEqual(expect.arrayContaining(["Coventry Safeguarding Adults Board", "Leicester Safeguarding Adults Board", "Leicestershire & Rutland Safeguarding Adults Board"]));
    expect(await page.locator(`[data-plan-id="${LLR}"]`).count()).toBe(2); // a joint plan, under each of its boards
    await page.reload();
    await expect.poll(() => page.getByRole("combobox", { name: "Board" }).inputValue()).toBe("all");
    await page.close();

    // LLR's manager, editing an LLR action: the lead list is LLR's directory, not Coventry's.
    const llrAction = actionsOf(LLR)[0]!;
    const joni = await open(`/tab/plans/${LLR}?action=${encodeURIComponent(llrAction.id)}`, "joni-sherman");
    const options = joni.getByRole("form", { name: "Edit this action" }).getByRole("combobox", { name: "Lead" }).locator("option");
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    const leads = await options.allTextContents();
    expect(leads).toContain("Audit Group");
    expect(leads).not.toContain("SAR Coordinator");
    expect(leads).not.toContain("Board Business Manager");
    await joni.close();
  }, 60_000);

  it("has a sign-in reply page (the Entra app's redirect URI) that says what it is for outside Teams", async () => {
    const page = await open("/tab/auth-end", "megan-bowen");
    await expect.poll(() => page.locator("#root").textContent()).toContain("finishes signing in to Assure inside Microsoft Teams");
    await page.close();
  });

  it("offers a lead no edit of an action that is not theirs, and the server refuses one", async () => {
    const notTheirs = actionsOf(COVENTRY).find((a) => a.lead.asWritten !== "SAR Coordinator")!;
    const page = await open(`/tab/plans/${COVENTRY}?action=${encodeURIComponent(notTheirs.id)}`, "alex-wilber");
    await expect.poll(() => page.getByRole("dialog").isVisible()).toBe(true);
    expect(await page.getByRole("form", { name: "Edit this action" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Add a progress update" }).count()).toBe(0);
    await page.close();
    const res = await fetch(`${base}/api/actions/${encodeURIComponent(notTheirs.id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", "x-assure-dev-person": "alex-wilber", "if-match": "anything" },
      body: JSON.stringify({ rating: "green" }),
    });
    expect(res.status).toBe(403);
  });

  it("renders the dark theme", async () => {
    const page = await open(`/tab/plans/${LLR}?theme=dark`);
    const background = await page.locator(".fui-FluentProvider").first().evaluate((e) => getComputedStyle(e).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(3 * 60);
    await page.close();
  });

  it.each([
    ["the plan view, light", `/tab/plans/${LLR}`, "light"],
    ["the plan view, dark", `/tab/plans/${LLR}?theme=dark`, "dark"],
    ["an action's detail", `/tab/plans/${COVENTRY}?action=${encodeURIComponent(`${COVENTRY}/1.1`)}`, "light"],
  ] as const)("has no serious or critical accessibility violations: %s", async (_name, path, scheme) => {
    const page = await open(path, "megan-bowen", scheme);
    if (path.includes("action=")) await expect.poll(() => page.getByRole("dialog").isVisible()).toBe(true);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });
});

function actionsOfNow(body: unknown, id: string): ExportedAction {
  exported = body as Exported;
  return exported.plans.flatMap((p) => p.sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)])).find((a) => a.id === id)!;
}
