import { execFileSync } from "node:child_process";

/** CLI, server and browser tests run the compiled program and the built tab, as `npm start` does; build both once first. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; test what ships.
  execFileSync(process.execPath, ["node_modules/vite/bin/vite.js", "build", "--config", "tab/vite.config.ts"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}
