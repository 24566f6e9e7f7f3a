import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { BoardRecords } from "../../src/core/records.js";
import { demoRecords } from "../../src/demo/index.js";
import { axeSeriousOrCritical } from "../support/axe.js";
import { tempDataDir } from "../support/cli.js";
import { coventryXlsx } from "../support/plan-documents.js";
import { tabInChromium } from "../support/tab-in-chromium.js";

// "Import a plan" in the real tab (built by Vite, served by `assure start`) in Debian's headless Chromium. Nothing is mocked.

const tab = tabInChromium();

describe("Import a plan, in the tab", () => {
  it("a manager uploads a workbook, matches a flagged lead in the preview, confirms, and sees the plan", async () => {
    // The Mrs E workbook as another board's copy: retitled, and one lead spelt as its author spells it.
    const records: BoardRecords = structuredClone(demoRecords());
    records.plans.find((p) => p.id === "coventry-sar-mrs-e-2015")!.title = "SAR Mr G action plan";
    const misspelt = records.actions.find((a) => a.id === "coventry-sar-mrs-e-2015/1.1")!;
    misspelt.lead = { asWritten: "SAR Co-ordinator", leadId: null };
    const file = join(tempDataDir(), "SAR Mr G.xlsx");
    writeFileSync(file, await coventryXlsx(records));

    const page = await tab.browser.newPage({ viewport: { width: 1280, height: 3000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => localStorage.setItem("assure.developmentPerson", "megan-bowen"));
    await page.goto(`${tab.base}/tab/`);
    await page.getByRole("button", { name: "Import a plan" }).click();
    await page.locator("input[type=file]").setInputFiles(file);

    const preview = page.getByRole("region", { name: "Preview" });
    await expect.poll(() => preview.getByRole("heading").textContent()).toBe("New plan “SAR Mr G action plan”: 25 new, 0 changed, 0 unchanged");
    // Leads resolve in the importing board's own directory (issue 23), and the message names that board.
    const flagged = preview.getByText('lead "SAR Co-ordinator" is not in Coventry Safeguarding Adults Board\'s leads directory');
    await expect.poll(() => flagged.count()).toBe(1);
    expect(await preview.getByRole("row").filter({ hasText: "Develop a SAR Toolkit" }).textContent()).toContain("SAR Co-ordinator (not in the directory)");
    expect(await axeSeriousOrCritical(page)).toEqual([]);

    // The new plan's title, board and period, editable before storing (issue 23): the board is chosen from hers only.
    const plan = preview.getByRole("group", { name: "The new plan (check before importing)" });
    expect(await plan.getByRole("textbox", { name: "Title" }).inputValue()).toBe("SAR Mr G action plan");
    expect(await plan.getByRole("checkbox").count()).toBe(1);
    expect(await plan.getByRole("checkbox", { name: "Coventry Safeguarding Adults Board" }).isChecked()).toBe(true);
    await plan.getByRole("textbox", { name: "Title" }).fill("SAR Mr G action plan 2016");
    await plan.getByRole("textbox", { name: "Title" }).press("Enter");
    await expect.poll(() => preview.getByRole("heading").textContent(), { timeout: 30_000 }).toBe("New plan “SAR Mr G action plan 2016”: 25 new, 0 changed, 0 unchanged");
    await plan.getByLabel("From").fill("2016-04-01");
    await plan.getByLabel("To").fill("2017-03-31");
    // Each choice reads the workbook again (in the worker): wait for the last before the next.
    await expect.poll(() => page.getByText("Reading…").count(), { timeout: 30_000 }).toBe(0);

    // The closest entry is offered first.
    const match = preview.getByLabel("Match “SAR Co-ordinator” to a lead");
    expect(await match.locator("option").nth(1).textContent()).toBe("SAR Coordinator");
    await match.selectOption({ label: "SAR Coordinator" });
    await expect.poll(() => flagged.count(), { timeout: 30_000 }).toBe(0);
    expect(await preview.getByRole("row").filter({ hasText: "Develop a SAR Toolkit" }).textContent()).not.toContain("not in the directory");

    await preview.getByRole("button", { name: "Import 14 actions" }).click();
    await page.getByRole("link", { name: "Open the plan" }).click();
    await expect.poll(() => page.getByTestId("shown").textContent()).toBe("Showing 14 of 14 actions");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("SAR Mr G action plan 2016");

    const stored = (await (await fetch(`${tab.base}/api/export`)).json()) as { plans: { id: string; managers: string[]; boards: string[]; period: unknown; sections: { actions: { ref: string; lead: unknown }[] }[] }[] };
    const saved = stored.plans.find((p) => p.id === "sar-mr-g-action-plan-2016")!;
    expect(saved.managers).toEqual(["megan-bowen"]);
    expect(saved.boards).toEqual(["Coventry Safeguarding Adults Board"]);
    expect(saved.period).toEqual({ from: "2016-04-01", to: "2017-03-31" });
    expect(saved.sections[0]!.actions[0]!.lead).toEqual({ asWritten: "SAR Coordinator", leadId: "cov-sar-coordinator" });
    expect(errors).toEqual([]);
  }, 60_000);

  it("a table whose header names no action column is read once its header row is chosen and its action column mapped, on LLR's board", async () => {
    const page = await tab.browser.newPage({ viewport: { width: 1280, height: 2000 } });
    await page.addInitScript(() => localStorage.setItem("assure.developmentPerson", "joni-sherman"));
    await page.goto(`${tab.base}/tab/import`);
    await page.getByLabel("Or paste the plan's table from Word or Excel (with its header row)").fill("Item\tWho\tWhen\nAudit the files\tBusiness Offices\t31/03/2027");
    await page.getByRole("button", { name: "Preview pasted rows" }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    // The first preview may start the document-reading worker.
    await expect.poll(() => preview.getByText(/no plan table found/).count(), { timeout: 30_000 }).toBe(1);
    const header = preview.getByRole("combobox", { name: "Header row of pasted text" });
    const row = await header.locator("option", { hasText: /^Row \d+: Item \| Who \| When$/ }).getAttribute("value");
    await header.selectOption(row!);
    await preview.getByRole("combobox", { name: "Item" }).selectOption({ label: "Action" });
    await expect.poll(() => preview.getByRole("row").filter({ hasText: "Audit the files" }).count()).toBe(1);
    expect(await preview.getByText(/no plan table found/).count()).toBe(0);
    // LLR's manager is offered LLR's two boards, the board shown ticked; Coventry's is not offered.
    const plan = preview.getByRole("group", { name: "The new plan (check before importing)" });
    expect(await plan.getByRole("checkbox").count()).toBe(2);
    expect(await plan.getByRole("checkbox", { name: "Leicester Safeguarding Adults Board" }).isChecked()).toBe(true);
    expect(await plan.getByRole("checkbox", { name: "Leicestershire & Rutland Safeguarding Adults Board" }).isChecked()).toBe(false);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it("pasted rows with a duplicate ref cannot be imported until fixed", async () => {
    const page = await tab.browser.newPage();
    await page.addInitScript(() => localStorage.setItem("assure.developmentPerson", "megan-bowen"));
    await page.goto(`${tab.base}/tab/import`);
    await page.getByLabel("Or paste the plan's table from Word or Excel (with its header row)").fill("Ref\tRecommendation\tAction\tLead\tTimescale\n1.1\t1. Learn\tWrite it\tSAR Coordinator\tMar 2027\n1.1\t\tShare it\tSAR Coordinator\tApr 2027");
    await page.getByRole("button", { name: "Preview pasted rows" }).click();
    const button = page.getByRole("button", { name: "Fix 1 problem to import" });
    await expect.poll(() => button.count()).toBe(1);
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByText("ref 1.1 is used twice in the document").count()).toBe(1);
  }, 30_000);
});
