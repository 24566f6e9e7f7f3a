import { execFileSync } from "node:child_process";

/** CLI and server tests run the compiled program, as `npx assure` does; build it once first. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
}
