import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startCli, stop } from "./cli.js";
import { freePort } from "./ports.js";

/** Debian's headless Chromium, as every browser test runs it. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

/**
 * The real tab for a test file: `assure start` (the demo on its Graph emulator, the tab as Vite
 * built it) on a free port and one Chromium, started before the file's tests and stopped after.
 * Read `base` and `browser` inside tests, once they are started.
 */
export function tabInChromium(): { readonly base: string; readonly browser: Browser } {
  let server: Awaited<ReturnType<typeof startCli>> | undefined;
  let browser: Browser | undefined;
  let base = "";
  beforeAll(async () => {
    const port = await freePort();
    server = await startCli(["start", "--port", String(port)], /Assure is running/);
    base = `http://localhost:${port}`;
    browser = await launchChromium();
  }, 60_000); // the server and its emulator, and Chromium, on a shared machine
  afterAll(async () => {
    await browser?.close();
    if (server) await stop(server);
  });
  return {
    get base() {
      return base;
    },
    get browser() {
      if (!browser) throw new Error("the tab's Chromium is not started yet: read it inside a test");
      return browser;
    },
  };
}
