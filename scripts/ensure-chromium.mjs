// Browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core; npm cannot
// bring a browser here. On a fresh machine where we are root with apt, install it; otherwise
// say how, and let the browser tests fail with that instruction.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  const root = process.getuid?.() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.log("Installing Debian's chromium for the browser tests (apt-get install chromium)...");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  } else {
    console.warn(`Browser tests need ${CHROMIUM}: install Debian's chromium package (sudo apt-get install chromium).`);
  }
}
