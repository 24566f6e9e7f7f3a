import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright-core";
import { createApp } from "../src/server/app.js";
import { developmentIdentity } from "../src/server/identity.js";
import { GraphStore } from "../src/store/graph-store.js";
import { ListMirror } from "../src/store/list-mirror.js";
import { benchEmulator, boardWith } from "./bench-board.js";
import { machineLoad, recordFigures } from "./record-figures.js";

// bench:tab — the built tab's initial JavaScript, how soon a 2,000-action plan is usable, and
// how a 10,000-action plan scrolls, in Debian's headless Chromium against the real server,
// store and Graph emulator.
const TAB_DIR = fileURLToPath(new URL("../tab/", import.meta.url));
const RUNS = 7;
const RUNS_10K = 3;
// Issue 25: a 2,000-action plan interactive in under 1 s (median), 10,000 in under 2 s.
const TARGET = { initialKbGz: 300, interactiveMs: 1000, interactive10kMs: 2000 };

/** Gzipped size of the scripts index.html loads before anything else (dynamic imports excluded). */
function initialJavaScript(): { files: string[]; gzBytes: number } {
  const html = readFileSync(join(TAB_DIR, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/tab\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const gzBytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(TAB_DIR, f)), { level: 9 }).length, 0);
  return { files, gzBytes };
}

/**
 * The real server with that board, reading it over HTTP from the Graph emulator in its own
 * process, as a deployed Assure reads SharePoint elsewhere, and as it runs there: with its copy of
 * the lists polled every 10 s (ASSURE_MIRROR_POLL_SECONDS' tenant default). Closes everything when done.
 */
async function withServer<T>(size: number, run: (base: string, planId: string) => Promise<T>): Promise<T> {
  const emulator = await benchEmulator("tab");
  const { planId, records } = boardWith(size);
  await new GraphStore(emulator.lists).importRecords(records);
  // As deployed: the board's lists mirrored, so after the first open the answer comes from the copy.
  const store = new GraphStore(emulator.lists, new ListMirror(emulator.lists, 10_000));
  const app = createApp({ store, botEndpoint: null, identify: developmentIdentity, now: () => new Date("2022-10-03T09:00:00Z"), version: "bench", localMode: true, tabDir: TAB_DIR });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    return await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, planId);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await emulator.close();
  }
}

interface Interactive {
  /** From navigation start to every action counted and the first rows drawn. */
  shownMs: number;
  /** From navigation start to the answer to a filter click issued the moment the plan showed. */
  interactiveMs: number;
  rowsInDom: number;
  /** When the tab asked for the plan, and when the server's answer had arrived. */
  boardAskedMs: number;
  boardArrivedMs: number;
}

/**
 * "Interactive" here is strict: the plan is drawn and a person's first click (the Red filter)
 * has been answered on screen. Timed inside the page (a MutationObserver, then the next frame),
 * so the figure is not the test driver's polling interval; the click is made the moment the
 * plan shows.
 */
async function timeToInteractive(browser: Browser, url: string, size: number): Promise<Interactive> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript((size: number) => {
    const marks: Record<string, number> = {};
    (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
    const painted = (name: string) => requestAnimationFrame(() => setTimeout(() => (marks[name] ??= performance.now())));
    new MutationObserver(() => {
      const shown = document.querySelector("[data-testid=shown]")?.textContent ?? "";
      if (!marks.clicked && shown === `Showing ${size} of ${size} actions`) {
        painted("shown");
        marks.clicked = performance.now();
        const red = [...document.querySelectorAll("label")].find((l) => l.textContent === "Red");
        document.getElementById(red!.htmlFor)!.click();
      } else if (marks.clicked && shown !== `Showing ${size} of ${size} actions`) painted("answered");
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, size);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks.answered !== undefined, undefined, { timeout: 60_000 });
  const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
  const board = await page.evaluate(() => performance.getEntriesByType("resource").find((e) => e.name.includes("/board")) as PerformanceResourceTiming);
  const rowsInDom = await page.locator("[data-action-id]").count();
  await page.close();
  return { shownMs: marks.shown!, interactiveMs: marks.answered!, rowsInDom, boardAskedMs: board.startTime, boardArrivedMs: board.responseEnd };
}

interface Scrolling {
  frames: number;
  medianFrameMs: number;
  p95FrameMs: number;
  longFrames: number;
  maxRowsInDom: number;
  reachedEnd: boolean;
}

/** Scrolls the whole action list top to bottom, a screen every frame, timing each frame. */
async function scrollThrough(browser: Browser, url: string, size: number): Promise<Scrolling> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByTestId("shown").filter({ hasText: `Showing ${size} of ${size} actions` }).waitFor();
  const result = await page.evaluate(
    () =>
      new Promise<{ frames: number[]; maxRows: number; reachedEnd: boolean }>((resolve, reject) => {
        // The desktop grid (role grid) or the phone's cards (a region). Without one, fail: an
        // error thrown inside a frame callback would leave this promise, and the bench, waiting forever.
        const list = document.querySelector<HTMLElement>('[role="grid"][aria-label="Actions"], [role="region"][aria-label="Actions"]');
        if (!list) return reject(new Error("bench:tab: the plan's list of actions was not found"));
        const frames: number[] = [];
        let maxRows = 0;
        let last = performance.now();
        const step = (t: number) => {
          frames.push(t - last);
          last = t;
          maxRows = Math.max(maxRows, list.querySelectorAll("[data-action-id]").length);
          const end = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
          if (end || frames.length > 5000) return resolve({ frames: frames.slice(1), maxRows, reachedEnd: end });
          const before = list.scrollTop;
          list.scrollTop += list.clientHeight;
          // Nothing left to scroll (a rounded last pixel): the end, and no frame would come to say so.
          if (list.scrollTop === before) return resolve({ frames: frames.slice(1), maxRows, reachedEnd: true });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
  await page.close();
  const sorted = [...result.frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { frames: sorted.length, medianFrameMs: at(0.5), p95FrameMs: at(0.95), longFrames: sorted.filter((f) => f > 50).length, maxRowsInDom: result.maxRows, reachedEnd: result.reachedEnd };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const loadBefore = machineLoad();
const initial = initialJavaScript();
let boardBytes = 0;
// Chromium builds its own address-bar pop-up (a WebUI page, in a renderer of its own) for every
// new window, headless too: on two cores it took as much CPU as the tab while the plan opened.
// Teams has no address bar, so it is switched off: the figures are the tab's own work.
// The same 2,000-action runs with the pop-up left on are recorded beside them, so the difference is seen.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu"];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"] });
const withPopup = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  const [runs2k, runs2kWithPopup] = await withServer(2000, async (base, planId) => {
    const url = `${base}/tab/plans/${planId}`;
    await timeToInteractive(browser, url, 2000); // warm-up: the server's first read and Chromium's first compile
    await timeToInteractive(withPopup, url, 2000);
    boardBytes = (await (await fetch(`${base}/api/plans/${planId}/board`)).arrayBuffer()).byteLength;
    const runs: Interactive[] = [];
    const popupRuns: Interactive[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await timeToInteractive(browser, url, 2000));
      popupRuns.push(await timeToInteractive(withPopup, url, 2000));
    }
    return [runs, popupRuns];
  });
  // BENCH_TAB=2000 measures the 2,000-action plan alone (on a busy machine the 10,000 run takes many minutes).
  const { runs10k, scroll } = process.env.BENCH_TAB === "2000" ? { runs10k: [] as Interactive[], scroll: { frames: 0, medianFrameMs: NaN, p95FrameMs: NaN, longFrames: 0, maxRowsInDom: 0, reachedEnd: false } } : await withServer(10_000, async (base, planId) => {
    const url = `${base}/tab/plans/${planId}`;
    await timeToInteractive(browser, url, 10_000);
    const runs10k: Interactive[] = [];
    for (let i = 0; i < RUNS_10K; i++) runs10k.push(await timeToInteractive(browser, url, 10_000));
    return { runs10k, scroll: await scrollThrough(browser, url, 10_000) };
  });

  const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const interactive2k = median(runs2k.map((r) => r.interactiveMs));
  const worst2k = Math.max(...runs2k.map((r) => r.interactiveMs));
  const interactive10k = runs10k.length ? median(runs10k.map((r) => r.interactiveMs)) : NaN;
  const loadAfter = machineLoad();
  const ok = interactive10k < TARGET.interactive10kMs && initial.gzBytes <= TARGET.initialKbGz * 1024 && interactive2k < TARGET.interactiveMs && scroll.reachedEnd && scroll.maxRowsInDom < 100;
  const figures = `
## bench:tab

Run ${new Date().toISOString().slice(0, 10)} with \`npm run bench:tab\` (machine: ${loadBefore} at the start, ${loadAfter} at the end, from \`uptime\`; other work on its cores slows every figure): the built tab served by the real Assure server, which reads the board over HTTP from the Graph emulator in another process, in Debian's headless Chromium (${browser.version()}), 1280×900, no cache between runs. "Interactive" means the plan is drawn with every action counted and a click on the Red filter, issued the moment it showed, has been answered on screen.

| measure | figure | target |
|---|---|---|
| initial JavaScript, gzipped (the entry and the ${initial.files.length - 1} chunks it preloads) | ${kb(initial.gzBytes)} | ≤ ${TARGET.initialKbGz} KB |
| plan of 2,000 actions: tab asks for the plan, median of ${RUNS} | ${ms(median(runs2k.map((r) => r.boardAskedMs)))} | |
| … the server's answer (${(boardBytes / 2 ** 20).toFixed(1)} MB of JSON) has arrived | ${ms(median(runs2k.map((r) => r.boardArrivedMs)))} | |
| … shown | ${ms(median(runs2k.map((r) => r.shownMs)))} | |
| … interactive, median of ${RUNS} (worst) | ${ms(interactive2k)} (${ms(worst2k)}) | < ${TARGET.interactiveMs} ms |
| … action rows in the DOM | ${runs2k[0]!.rowsInDom} | virtualised |
| … interactive with Chromium's address-bar pop-up left on (a headless Chromium's own cost; Teams has none), median of ${RUNS} (worst) | ${ms(median(runs2kWithPopup.map((r) => r.interactiveMs)))} (${ms(Math.max(...runs2kWithPopup.map((r) => r.interactiveMs)))}) | |
| plan of 10,000 actions: interactive, median of ${RUNS_10K} (runs) | ${ms(interactive10k)} (${runs10k.map((r) => ms(r.interactiveMs)).join(", ")}) | < ${TARGET.interactive10kMs} ms |
| … scrolled top to bottom a screen a frame: frames | ${scroll.frames}${scroll.reachedEnd ? " (reached the end)" : " (did NOT reach the end)"} | |
| … frame time, median / 95th percentile | ${ms(scroll.medianFrameMs)} / ${ms(scroll.p95FrameMs)} | |
| … frames over 50 ms | ${scroll.longFrames} | |
| … most action rows in the DOM at once | ${scroll.maxRowsInDom} | < 100 (virtualised) |
`;
  console.log(figures);
  recordFigures("tab", figures);
  if (!ok) {
    console.error("bench:tab: a target was missed");
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await withPopup.close();
}
