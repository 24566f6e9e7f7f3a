// Renders the Word board paper Assure exports (Mrs E's plan, as at 1 May 2016, with a few
// updates) to docs/images/board-paper.png: docx-preview lays the .docx out as Word would, in
// headless Chromium. LibreOffice is not on the build machine, so there is no PDF step.
// Run with `npm run docs:images` (after a build).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { boardPaper } from "../dist/src/core/board-paper.js";
import { dashboard } from "../dist/src/core/dashboard.js";
import { nestPlans } from "../dist/src/core/plan-export.js";
import { applyProgressUpdate } from "../dist/src/core/progress.js";
import { demoRecords } from "../dist/src/demo/index.js";
import { boardPaperDocx } from "../dist/src/paper/board-paper-docx.js";

const require = createRequire(import.meta.url);
const COVENTRY = "coventry-sar-mrs-e-2015";
const update = (ref, at, rating, text, name) => ({ id: `pu-${ref}`, actionId: `${COVENTRY}/${ref}`, author: { personId: null, name }, at, text, evidence: [], rating, proposedDeadline: null, markedComplete: rating === "complete", via: "teams-card" });
const updates = [
  update("1.1", "2016-02-10T10:00:00Z", "complete", "SAR toolkit published on the board's website and shared with partners.", "Alex Wilber"),
  update("2.1", "2016-04-12T10:00:00Z", "amber", "QA item on the agenda from the April board; first audit report due June.", "Megan Bowen"),
  update("6.2", "2016-04-20T10:00:00Z", "red", "Training capacity review delayed: two trainers vacant.", "Lee Gu"),
];
const records = demoRecords();
const actions = records.actions.map((a) => updates.filter((u) => u.actionId === a.id).reduce(applyProgressUpdate, a));
const plan = nestPlans({ ...records, actions, progressUpdates: updates }).find((p) => p.id === COVENTRY);
const docx = await boardPaperDocx(boardPaper(plan, { asOf: "2016-05-01", since: "2016-03-01" }), dashboard([plan], records, [], "2016-05-01"));

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
await page.setContent("<!doctype html><body style='margin:0;background:#ccc'><div id=paper></div></body>");
await page.addScriptTag({ path: require.resolve("jszip/dist/jszip.min.js") });
await page.addScriptTag({ path: new URL("../node_modules/docx-preview/dist/docx-preview.min.js", import.meta.url).pathname });
await page.evaluate(async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  await window.docx.renderAsync(new Blob([bytes]), document.getElementById("paper"));
}, Buffer.from(docx).toString("base64"));
await page.waitForTimeout(500); // the chart images load from blob URLs
const first = page.locator("section.docx").first();
writeFileSync("docs/images/board-paper.png", await first.screenshot());
await browser.close();
console.log("wrote docs/images/board-paper.png");
