import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeSeriousOrCritical } from "../support/axe.js";
import { tabInChromium } from "../support/tab-in-chromium.js";

/**
 * The plan on a desktop as a grid (1366 × 900, a common laptop): column headers that sort,
 * grouping as the document on or off, a dozen actions and more on one screen, the WAI-ARIA grid
 * keyboard, and the action's detail beside the grid. A phone keeps its cards.
 */
const COVENTRY = "coventry-sar-mrs-e-2015";
const LLR = "llr-sab-business-plan-2022-23";
const LAPTOP = { width: 1366, height: 900 };

const tab = tabInChromium();

async function open(path: string, size = LAPTOP, person = "megan-bowen"): Promise<Page> {
  const page = await tab.browser.newPage({ viewport: size });
  await page.addInitScript((p) => localStorage.setItem("assure.developmentPerson", p), person);
  await page.goto(`${tab.base}${path}`);
  await page.locator("[data-action-id]").first().waitFor();
  return page;
}
const refs = (page: Page) => page.locator("[role=grid] [data-action-id] [role=gridcell]:first-child").allTextContents();
const grid = (page: Page) => page.getByRole("grid", { name: "Actions" });

describe("the plan grid on a desktop", () => {
  it("has the six column headers, and sorts by any of them both ways", async () => {
    const page = await open(`/tab/plans/${LLR}`);
    expect(await grid(page).getByRole("columnheader").allTextContents()).toEqual(["Ref", "Action", "Lead", "Deadline", "Rating", "Latest update"]);
    await page.getByRole("switch", { name: "Group as the document" }).uncheck();
    const deadline = grid(page).getByRole("columnheader", { name: /^Deadline/ });
    await deadline.click();
    expect(await deadline.getAttribute("aria-sort")).toBe("ascending");
    const days = async () => (await grid(page).locator("[data-action-id] [role=gridcell]:nth-child(4) > span:first-child").allTextContents()).map((d) => new Date(d).getTime()).filter((t) => !Number.isNaN(t));
    const up = await days();
    expect(up.length).toBeGreaterThan(5);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await deadline.click();
    expect(await deadline.getAttribute("aria-sort")).toBe("descending");
    const down = await days();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    // Ref sorts as numbers, and every other column sorts too.
    await grid(page).getByRole("columnheader", { name: /^Ref/ }).click();
    const ordered = await refs(page);
    expect(ordered.slice(0, 3)).toEqual(["1.1.1", "1.1.2", "1.1.3"]);
    for (const name of ["Action", "Lead", "Rating", "Latest update"]) {
      const header = grid(page).getByRole("columnheader", { name: new RegExp(`^${name}`) });
      await header.click();
      expect(await header.getAttribute("aria-sort")).toBe("ascending");
    }
    await page.close();
  });

  it("groups as the document, or lists every action, and shows at least 12 actions on a 1366 × 900 screen", async () => {
    const page = await open(`/tab/plans/${LLR}`);
    expect(await grid(page).locator("h2").count()).toBeGreaterThan(0);
    await page.getByRole("switch", { name: "Group as the document" }).uncheck();
    await expect.poll(() => grid(page).locator("h2").count()).toBe(0);
    const visible = await page.locator("[role=grid] [data-action-id]").evaluateAll((rows) => rows.filter((r) => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }).length);
    expect(visible).toBeGreaterThanOrEqual(12);
    await page.getByRole("switch", { name: "Group as the document" }).check();
    await expect.poll(() => grid(page).locator("h2").count()).toBeGreaterThan(0);
    await page.close();
  });

  // A row is one line: the deadline and rating cells' badges ("31 Dec 2022 Overdue", "Not rated
  // Stale rating") fit on a laptop, and a cell whose badges could still be cut says them all in its title.
  it("shows each deadline's and rating's badges whole on a laptop, and says them in the cell's title", async () => {
    const page = await open(`/tab/plans/${LLR}`);
    const cells = await grid(page).locator("[data-action-id] [role=gridcell]:is(:nth-child(4), :nth-child(5))").evaluateAll((els) =>
      els.map((el) => ({ cut: el.scrollWidth > el.clientWidth + 1, words: [...el.children].map((c) => c.textContent).join(", "), title: el.getAttribute("title") })),
    );
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.some((c) => /Overdue/.test(c.words)) && cells.some((c) => /Stale rating/.test(c.words))).toBe(true);
    expect(cells.filter((c) => c.cut)).toEqual([]);
    for (const c of cells) expect(c.title).toBe(c.words);
    await page.close();
  });

  it("moves between cells with the arrow keys, Home and End, and Enter opens the action beside the grid", async () => {
    const page = await open(`/tab/plans/${COVENTRY}`);
    await page.getByRole("switch", { name: "Group as the document" }).uncheck();
    const first = grid(page).getByRole("columnheader", { name: /^Ref/ });
    await first.focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-cell"));
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("1:0");
    await page.keyboard.press("ArrowRight");
    expect(await focused()).toBe("1:1");
    await page.keyboard.press("End");
    expect(await focused()).toBe("1:5");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe("2:0");
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe("0:0");
    // Only one cell is in the tab order (a roving tabindex).
    expect(await grid(page).locator("[tabindex='0']").count()).toBe(1);
    await page.keyboard.press("ArrowDown");
    const id = await page.evaluate(() => document.activeElement?.closest("[data-action-id]")?.getAttribute("data-action-id"));
    await page.keyboard.press("Enter");
    const detail = page.getByRole("dialog", { name: /^Action / });
    await detail.waitFor();
    expect(new URL(page.url()).searchParams.get("action")).toBe(id);
    // Beside the grid, not over it: both are on screen, side by side.
    const g = (await grid(page).boundingBox())!;
    const d = (await detail.boundingBox())!;
    expect(d.x).toBeGreaterThanOrEqual(g.x + g.width - 1);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });

  it.each(["default", "dark", "contrast"])("passes axe with a row hovered in the %s theme (the stale badge readable)", async (theme) => {
    const page = await open(`/tab/plans/${LLR}?theme=${theme}`);
    await page.locator("[data-action-id]").filter({ hasText: "Stale rating" }).first().hover();
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });

  it("keeps cards, not a grid, on a phone", async () => {
    const page = await open(`/tab/plans/${LLR}`, { width: 360, height: 740 });
    expect(await page.getByRole("grid").count()).toBe(0);
    expect(await page.locator("button[data-action-id]").count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe("the leads directory on a phone", () => {
  it("passes axe: its scrolling page can be reached by keyboard", async () => {
    const page = await tab.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${tab.base}/tab/directory`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  });
});
