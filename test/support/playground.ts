import type { ChildProcess } from "node:child_process";
import { chromium, type Browser } from "playwright-core";
import { startCli, stop } from "./cli.js";
import { freePort } from "./ports.js";

/**
 * `assure start` with Microsoft 365 Agents Playground beside it (on free ports), and Debian's
 * headless Chromium (npm test installs it where it can: scripts/ensure-chromium.mjs).
 */
export async function startWithPlayground(env: NodeJS.ProcessEnv): Promise<{ chatUrl: string; base: string; browser: Browser; close: () => Promise<void> }> {
  const [port, chatPort] = [await freePort(), await freePort()];
  const chatUrl = `http://localhost:${chatPort}/`;
  const server: ChildProcess = await startCli(["start", "--port", String(port)], /Assure is running/, {
    ...env,
    ASSURE_PLAYGROUND: "on",
    ASSURE_PLAYGROUND_PORT: String(chatPort),
  });
  const until = Date.now() + 20_000;
  while (!(await fetch(chatUrl).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > until) {
      await stop(server);
      throw new Error("Agents Playground did not start; see the server's console for its error");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  return {
    chatUrl,
    base: `http://localhost:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await stop(server);
    },
  };
}
