import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("assure timescale", () => {
  it("prints one JSON object per argument, one per line, in order", async () => {
    const r = await runCli(["timescale", "Jan 2016 onwards", "Aug 2022 Mar 2023", "Tbc"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n").map((line) => JSON.parse(line))).toEqual([
      { text: "Jan 2016 onwards", deadlines: ["2016-01-31"], ongoing: true, recurrence: null, understood: true },
      { text: "Aug 2022 Mar 2023", deadlines: ["2022-08-31", "2023-03-31"], ongoing: false, recurrence: null, understood: true },
      { text: "Tbc", deadlines: [], ongoing: false, recurrence: null, understood: false },
    ]);
  });

  it("gets every example from the issue right", async () => {
    const examples: Record<string, [string[], boolean, string | null, boolean]> = {
      "Jan 2016 onwards": [["2016-01-31"], true, null, true],
      "January 2016 On going": [["2016-01-31"], true, null, true],
      "December 2015 On going": [["2015-12-31"], true, null, true],
      "April 2016": [["2016-04-30"], false, null, true],
      "Sep 2022": [["2022-09-30"], false, null, true],
      "Aug 2022 Mar 2023": [["2022-08-31", "2023-03-31"], false, null, true],
      "Q3 2022/23": [["2022-12-31"], false, null, true],
      "2022/23": [["2023-03-31"], false, null, true],
      "End of March 2023": [["2023-03-31"], false, null, true],
      "31/03/2023": [["2023-03-31"], false, null, true],
      "By September 2017": [["2017-09-30"], false, null, true],
      Ongoing: [[], true, null, true],
      Quarterly: [[], true, "quarterly", true],
      Tbc: [[], false, null, false],
    };
    const r = await runCli(["timescale", ...Object.keys(examples)]);
    const got = r.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(got).toEqual(
      Object.entries(examples).map(([text, [deadlines, ongoing, recurrence, understood]]) => ({
        text,
        deadlines,
        ongoing,
        recurrence,
        understood,
      })),
    );
  });

  it("refuses to run without a text, in one line, with a non-zero exit", async () => {
    const r = await runCli(["timescale"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^assure: timescale needs at least one text/)]);
  });
});

describe("assure export", () => {
  it("prints both plans (and the findings register's invented demo plan) with sections, actions, leads and updates as JSON", async () => {
    const r = await runCli(["export", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plans.map((p: { id: string }) => p.id)).toEqual(["coventry-sar-mrs-e-2015", "llr-sab-business-plan-2022-23", "coventry-demo-sar-adult-k-2017"]);
    const actions = out.plans.flatMap((p: { sections: { actions: unknown[]; deliverables: { actions: unknown[] }[] }[] }) =>
      p.sections.flatMap((s) => [...s.actions, ...s.deliverables.flatMap((d) => d.actions)]),
    );
    expect(actions).toHaveLength(33 + 4);
    expect(actions.every((a: { updates?: unknown[] }) => Array.isArray(a.updates))).toBe(true);
    expect(out.leads.length).toBeGreaterThan(0);
    expect(out.subgroups).toHaveLength(7);
  });
});

describe("bad arguments", () => {
  it.each([
    [["export", "--format", "pdf"], /^assure: export: --format: unknown format "pdf"; the formats are: json, docx, xlsx, csv$/],
    [["export", "--formt", "json"], /^assure: export: Unknown option '--formt'/],
    [["frobnicate"], /^assure: unknown command "frobnicate"/],
    [[], /^assure: no command given/],
    [["sweep", "--at", "1 April 2016"], /^assure: sweep: --at: must be an ISO time with its offset/],
    [["sweep", "--subgroup", "Review Group"], /^assure: sweep: Unknown option '--subgroup'/],
    [["digest", "--subgroup", "Reviw Group", "--dry-run"], /^assure: digest: --subgroup: no subgroup "Reviw Group"; there are: Review Group, /],
  ])("refuses %j with a one-line error", async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});

describe("assure sweep and assure digest", () => {
  it("lists what a sweep would send, and to whom, without sending", async () => {
    const r = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00", "--dry-run"]);
    expect(r.code).toBe(0);
    // Nobody has installed the app in this fresh store: locally, everyone is reached by email.
    expect(r.stdout).toContain("would send: action 6.2 (28-days) to Diego Siciliani by email");
  });
});

describe("assure start", () => {
  it("refuses a port that is not a port", async () => {
    const r = await runCli(["start", "--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("assure: start: --port: must be between 1 and 65535");
  });
});

describe("every command's --help", () => {
  it.each(["timescale", "export", "import", "report", "start", "sweep", "digest", "provision", "admin", "doctor", "package", "emulator"])("assure %s --help prints its usage and does nothing else", async (command) => {
    // Tenant settings that would fail if the command went on to do anything.
    const r = await runCli([command, "--help"], { ASSURE_TENANT_ID: "incomplete" });
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(new RegExp(`^usage: assure ${command}\\b`));
    // Usage lines only (provision has two forms): nothing else is printed.
    for (const line of r.stdout.trim().split("\n")) expect(line.trim()).toMatch(new RegExp(`^(usage: )?assure ${command}\\b`));
  });
});

describe("assure sweep --dry-run", () => {
  it("shows what each recipient would receive, reachable or not, and sends nothing", async () => {
    const r = await runCli(["sweep", "--at", "2016-04-01T09:00:00+01:00", "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("would send: action 1.1 (review-2016-17-q1) to Alex Wilber by email");
    expect(r.stdout).toContain("    | Lead SAR Coordinator");
    expect(r.stdout).toContain("    | Timescale Jan 2016 onwards");
    expect(r.stdout).not.toMatch(/^sent:/m);
  });
});

describe("assure admin", () => {
  it("adds an administrator found in the tenant's directory by email, lists and removes them", async () => {
    const dataDir = (await import("../support/cli.js")).tempDataDir();
    const env = { ASSURE_DATA_DIR: dataDir };
    const added = await runCli(["admin", "add", "christie.cline@assure-demo.example"], env);
    expect(added.stdout.trim()).toBe("Christie Cline (00000000-0000-0000-0000-0000000000041) is now an Assure administrator");
    expect((await runCli(["admin", "list"], env)).stdout).toContain("00000000-0000-0000-0000-0000000000041  Christie Cline");
    expect((await runCli(["admin", "add", "00000000-0000-0000-0000-0000000000041"], env)).stdout).toContain("already was");
    const refused = await runCli(["admin", "remove", "christie.cline@assure-demo.example"], env);
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.stderr).toContain("Christie Cline is the last Assure administrator");
    expect((await runCli(["admin", "list"], env)).stdout).toContain("00000000-0000-0000-0000-0000000000041  Christie Cline");
    expect((await runCli(["admin", "remove", "christie.cline@assure-demo.example"], { ...env, ASSURE_ADMINS: "00000000-0000-0000-0000-0000000000040" })).stdout).toContain("is no longer an Assure administrator");
    await runCli(["admin", "add", "christie.cline@assure-demo.example"], env);
    expect((await runCli(["admin", "remove", "christie.cline@assure-demo.example", "--last"], env)).stdout).toContain("is no longer an Assure administrator");
    expect((await runCli(["admin", "list"], env)).stdout).toContain("no administrators added with assure admin add");
  }, 120_000);

  it("refuses someone the directory does not know, and a wrong call, with exit 2", async () => {
    const unknown = await runCli(["admin", "add", "nobody@assure-demo.example"]);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toContain('nobody in the tenant\'s directory is "nobody@assure-demo.example"');
    expect((await runCli(["admin", "promote", "x"])).code).toBe(2);
    expect((await runCli(["admin", "add"])).code).toBe(2);
  });
});
