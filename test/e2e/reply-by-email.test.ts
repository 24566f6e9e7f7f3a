import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingWithKey, type RagKey } from "../../src/core/rag.js";
import { hashToken } from "../../src/core/reply-link.js";
import { connectGraph } from "../../src/store/graph-connection.js";
import { SiteLists } from "../../src/store/site-lists.js";
import { runCli, startCli, stop, tempDataDir } from "../support/cli.js";
import { readOutbox } from "../../src/emulator/outbox.js";
import { SITE } from "../support/emulator.js";
import { freePort } from "../support/ports.js";

/**
 * A partner agency's lead, not in Teams, answers a reminder by email: `npm start`'s local mode
 * (the emulator keeps what the board's mailbox sends), a real sweep, the email's link opened in
 * Debian's Chromium, the update recorded "by email link". Then the link's limits, one by one.
 */
type Json = Record<string, any>;
const MAILBOX = "sab-assure@assure-demo.example";
const ACTION = "coventry-sar-mrs-e-2015/6.2"; // led by Diego Siciliani, who has no Teams conversation here

describe("a reminder answered by email", () => {
  let server: ChildProcess & { printed: () => string };
  let browser: Browser;
  let base: string;
  let graphUrl: string;
  let env: NodeJS.ProcessEnv;
  const links: Record<string, string> = {};

  const updatesOf = async (actionId: string) => {
    const exported = JSON.parse((await runCli(["export", "--format", "json"], env)).stdout) as Json;
    return (exported.plans as Json[]).flatMap((p) => p.sections.flatMap((s: Json) => s.actions)).find((a: Json) => a.id === actionId).updates as Json[];
  };

  beforeAll(async () => {
    const dataDir = tempDataDir();
    const port = await freePort();
    base = `http://localhost:${port}`;
    env = { ASSURE_DATA_DIR: dataDir, ASSURE_PUBLIC_URL: base };
    server = await startCli(["start", "--port", String(port)], /Assure is running/, env);
    graphUrl = (JSON.parse(readFileSync(join(dataDir, "graph", "emulator.lock.json"), "utf8")) as { graphUrl: string }).graphUrl;
    const swept = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00"], env);
    expect(swept.stdout).toContain("sent: action 6.2 (28-days) to Diego Siciliani by email");
    // As Diego got them: Assure keeps no copy in Sent Items (its links would sit there in clear).
    const sentItems = (await (await fetch(`${graphUrl}/users/${MAILBOX}/mailFolders/sentitems/messages?$top=100`)).json()) as { value: Json[] };
    expect(sentItems.value).toEqual([]);
    for (const m of await readOutbox(graphUrl, MAILBOX, 100)) {
      const link = /href="([^"]+\/reply\/[^"]+)"/.exec(m.html)?.[1];
      if (link && m.to === "diego-siciliani@assure-demo.example") links[m.subject.split(":")[0]!] = link;
    }
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stop(server);
  });

  it("opens the email's link on a phone, takes the update, and records it as the lead's, by email link", async () => {
    expect(Object.keys(links).sort()).toEqual(["Action 6.2", "Action 6.4"]);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(links["Action 6.2"]!);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Action 6.2: your update");
    expect(await page.locator("main").textContent()).not.toContain("6.4"); // one action, nothing else
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByLabel("Progress since the last update").fill("Training capacity reviewed with the Workforce Development sub group; two extra sessions booked.");
    await page.getByLabel("Rating").selectOption("amber");
    await page.getByLabel("Evidence links (https://…, one per line)").fill("https://intranet.example.org/training/capacity-review");
    // The plan's own RAG key words, as the card words them (one source: ratingWithKey).
    const ragKey = ((await (await fetch(`${base}/api/plans/coventry-sar-mrs-e-2015`)).json()) as { ragKey: RagKey }).ragKey;
    const keyWords = (["green", "amber", "red"] as const).map((r) => ratingWithKey(ragKey, r));
    expect((await page.getByLabel("Rating").locator("option").allTextContents()).slice(1)).toEqual(keyWords);
    await page.getByRole("button", { name: "Send update" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Thank you: update recorded");
    // When, in London's time as a person reads it: never an ISO string or UTC.
    const recorded = await page.locator("dd").last().textContent();
    expect(recorded).toMatch(/^\d\d:\d\d, \d{1,2} [A-Z][a-z]{2} \d{4} \(by email link\)$/);

    const updates = await updatesOf(ACTION);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ via: "email-link", author: { personId: "diego-siciliani", name: "Diego Siciliani" }, rating: "amber", evidence: ["https://intranet.example.org/training/capacity-review"] });

    // The plan's manager sees it in the tab as the lead's, by email link.
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await tab.addInitScript(() => localStorage.setItem("assure.developmentPerson", "megan-bowen"));
    await tab.goto(`${base}/tab/plans/coventry-sar-mrs-e-2015?action=${encodeURIComponent(ACTION)}`);
    await expect.poll(() => tab.getByRole("dialog").textContent()).toContain("Diego Siciliani · by email link");
    // The tab's rating choices say the same words as the reply page and the card.
    const tabWords = await tab.getByRole("form", { name: "Edit this action" }).getByRole("combobox", { name: "Rating" }).locator("option").allTextContents();
    expect(tabWords).toEqual(expect.arrayContaining(keyWords));
    await tab.close();

    // Sent again (back, and Send once more): the same submission, so still one update.
    await page.goBack();
    await page.getByRole("button", { name: "Send update" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Already recorded");
    expect(await updatesOf(ACTION)).toHaveLength(1);
    await page.close();
  }, 90_000);

  it("says a new deadline was sent for approval, to whom, and that the deadline stands until then", async () => {
    const link = links["Action 6.2"]!;
    const sent = await fetch(link, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ actionId: ACTION, submissionId: "deadline-request-0001", progress: "Trainers start later than planned.", newDeadline: "2099-06-30", newDeadlineReason: "Trainers start in June" }),
    });
    const html = await sent.text();
    expect(sent.status).toBe(200);
    expect(html).toContain("<h1>Thank you: update recorded, new deadline sent for approval</h1>");
    // Diego chairs the sub group that leads 6.2, so he never decides his own request: the plan's manager does.
    expect(html).toContain("Your new deadline of Tue 30 Jun 2099 has been sent to Megan Bowen (board manager) to approve. Until it is approved, the deadline stays");
    expect(html).not.toContain("Diego Siciliani (subgroup chair)");
    const updates = await updatesOf(ACTION);
    expect(updates.at(-1)).toMatchObject({ proposedDeadline: { date: "2099-06-30", reason: "Trainers start in June" } });
  });

  it("refuses every other action, and a tampered link", async () => {
    const link = links["Action 6.2"]!;
    const other = await fetch(link, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ actionId: "coventry-sar-mrs-e-2015/1.1", submissionId: "tampered-0001", progress: "Not mine to answer" }) });
    expect(other.status).toBe(403);
    const tampered = link.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await fetch(tampered)).status).toBe(404);
    expect(await updatesOf("coventry-sar-mrs-e-2015/1.1")).toEqual([]);
  });

  it("attaches an evidence file from the reply page, and refuses a wrong type, a path in the name and another action", async () => {
    const link = links["Action 6.4"]!;
    const action = "coventry-sar-mrs-e-2015/6.4";
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(link);
    await page.getByLabel("File").setInputFiles({ name: "Training attendance.csv", mimeType: "text/csv", buffer: Buffer.from("Session,Attended\n1,24\n2,19\n") });
    await page.getByLabel("What it shows (optional)").fill("Attendance at the two extra sessions");
    // Kept to send the same form again below (a browser going back empties a file field, so that is sent by hand).
    const submissionId = await page.locator('form[enctype="multipart/form-data"] input[name="submissionId"]').inputValue();
    await page.getByRole("button", { name: "Attach file" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Thank you: update recorded");
    const [update] = await updatesOf(action);
    expect(update).toMatchObject({ via: "email-link", author: { personId: "diego-siciliani" }, text: "Attendance at the two extra sessions (evidence file: Training attendance.csv)" });
    expect(update!.evidence[0]).toMatch(/\/Assure%20Evidence\/coventry-safeguarding-adults-board-[0-9a-f]{8}\/coventry-sar-mrs-e-2015-6-4-[0-9a-f]{8}\/Training%20attendance\.csv$/);
    await page.close();

    const files = async () => ((await (await fetch(graphUrl.replace(/\/v1\.0$/, "/_emulator/files"))).json()) as { files: Json[] }).files.filter((f) => !f.folder);
    const filesBefore = await files();
    const send = (fields: Record<string, string>, file: { name: string; bytes: string }) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set("file", new File([file.bytes], file.name));
      return fetch(`${link}/evidence`, { method: "POST", body: form });
    };
    const again = await send({ actionId: action, submissionId }, { name: "Training attendance.csv", bytes: "Session,Attended\n1,24\n" });
    expect(await again.text()).toContain("Already recorded");
    expect((await send({ actionId: action, submissionId: "wrong-type-0001" }, { name: "minutes.pdf", bytes: "MZ this is a program" })).status).toBe(415);
    expect((await send({ actionId: action, submissionId: "path-name-0001" }, { name: "../../minutes.pdf", bytes: "%PDF-1.4\n%%EOF" })).status).toBe(400);
    expect((await send({ actionId: "coventry-sar-mrs-e-2015/1.1", submissionId: "other-action-01" }, { name: "minutes.pdf", bytes: "%PDF-1.4\n%%EOF" })).status).toBe(403);
    expect((await fetch(`${link}/evidence`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(415);
    expect(await files()).toEqual(filesBefore);
    expect(await updatesOf(action)).toHaveLength(1);
    expect(await updatesOf("coventry-sar-mrs-e-2015/1.1")).toEqual([]);
  }, 90_000);

  it("refuses the link once it has expired", async () => {
    const token = links["Action 6.4"]!.split("/reply/")[1]!;
    const lists = new SiteLists(connectGraph({ mode: "emulator", graphUrl, site: SITE }), SITE);
    const row = (await lists.findByAssureId("replyLinks", hashToken(token)))!;
    await lists.patchFields("replyLinks", row.itemId, { ExpiresAt: "2026-01-01T00:00:00.000Z" }, row.etag);
    const page = await browser.newPage();
    const answer = await page.goto(links["Action 6.4"]!);
    expect(answer!.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("This link has expired");
    await page.close();
  });

  it("refuses the link once the plan's manager withdraws it", async () => {
    const revoked = (await (await fetch(`${base}/api/actions/${encodeURIComponent(ACTION)}/reply-links/revoke`, { method: "POST", headers: { "x-assure-dev-person": "megan-bowen" } })).json()) as { revoked: number };
    expect(revoked.revoked).toBe(1);
    expect((await fetch(`${base}/api/actions/${encodeURIComponent(ACTION)}/reply-links/revoke`, { method: "POST", headers: { "x-assure-dev-person": "joni-sherman" } })).status).toBe(403);
    const answer = await fetch(links["Action 6.2"]!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ actionId: ACTION, submissionId: "after-revoke-01", progress: "Too late" }) });
    expect(answer.status).toBe(410);
    expect(await updatesOf(ACTION)).toHaveLength(2); // the reply and the deadline request above, nothing more
  });

  it("shows a newcomer what was sent, on the local mailbox page", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/mailbox`);
    expect(await page.locator("h1").textContent()).toBe(`Sent from ${MAILBOX}`);
    expect(await page.locator("article.mail h2").allTextContents()).toContain("Action 6.2: Sat 30 Apr 2016: 29 days left");
    await page.close();
  });
});
