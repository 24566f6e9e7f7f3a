// Renders the public record `assure report findings --out findings.html` writes for the demo's
// Coventry register (SCR Mrs E and the invented Adult K) to docs/images/public-record.png, in
// headless Chromium. Run with `npm run docs:images` (after a build); never from npm test.
import { writeFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { publicRecord } from "../dist/src/core/public-record.js";
import { adultKRecords } from "../dist/src/demo/coventry-demo-adult-k.js";
import { demoRegister } from "../dist/src/demo/coventry-register.js";
import { demoRecords } from "../dist/src/demo/index.js";
import { DEMO_LEADS } from "../dist/src/demo/people.js";
import { ukDay } from "../dist/src/paper/board-paper-docx.js";
import { publicRecordHtml } from "../dist/src/paper/public-record-html.js";

const base = demoRecords();
const k = adultKRecords(DEMO_LEADS);
const records = { ...base, plans: [...base.plans, ...k.plans], sections: [...base.sections, ...k.sections], actions: [...base.actions, ...k.actions] };
const html = publicRecordHtml(publicRecord({ register: demoRegister(), records, board: "Coventry Safeguarding Adults Board", asOf: "2026-12-03", ukDay }));

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
await page.setContent(html);
// The second review (Adult K): its facts, repeat findings, escalation, and each recommendation's impact.
writeFileSync("docs/images/public-record.png", await page.locator("article").nth(1).screenshot());
await browser.close();
console.log("wrote docs/images/public-record.png");
