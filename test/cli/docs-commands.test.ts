import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

/**
 * A new administrator follows README.md and docs/deploy.md command by command: every Assure
 * command they are shown exists, with every flag as written, and every npm script is there.
 */
const docs = ["README.md", "docs/deploy.md"].map((file) => ({ file, text: readFileSync(file, "utf8") }));
const shellLines = docs.flatMap(({ file, text }) =>
  [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n").map((line) => ({ file, line: line.replace(/\s+#.*$/, "").trim() }))).filter((l) => l.line !== ""),
);
const assureCalls = shellLines.flatMap(({ file, line }) => {
  const m = /^(?:npx assure|node dist\/src\/cli\/main\.js) (.*)$/.exec(line);
  return m ? [{ file, line, args: m[1]!.split(/\s+/) }] : [];
});
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

describe("the commands the docs give", () => {
  it("include the set-up a new board needs", () => {
    const shown = assureCalls.map((c) => c.args[0]);
    for (const command of ["start", "provision", "admin", "doctor", "sweep"]) expect(shown).toContain(command);
  });

  it.each(assureCalls.map((c) => [`${c.file}: ${c.line}`, c] as const))("%s exists as written", async (_name, call) => {
    const [command, ...rest] = call.args;
    const help = await runCli([command!, "--help"]);
    expect(help.code, help.stderr).toBe(0);
    for (const flag of rest.filter((a) => a.startsWith("--"))) expect(help.stdout, `${flag} in ${command}'s usage`).toContain(flag);
    if (command === "admin") expect(["add", "remove", "list"]).toContain(rest[0]);
  });

  it("name only npm scripts that exist", () => {
    for (const { line } of shellLines) {
      const m = /^npm run ([\w:-]+)/.exec(line);
      if (m) expect(scripts, line).toHaveProperty(m[1]!);
    }
  });
});
