import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop } from "../support/cli.js";
import { freePort } from "../support/ports.js";

describe("assure start serves the plans over HTTP on localhost", () => {
  let server: ChildProcess;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startCli(["start", "--port", String(port)], /Assure is running/);
  }, 60_000); // provisions and seeds a fresh data folder: slow on a loaded machine
  afterAll(async () => stop(server));

  it("answers the health check", async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("serves the local stand-ins for a board's own privacy notice and terms, saying which setting replaces them", async () => {
    for (const [path, setting] of [["/legal/privacy", "PRIVACY_URL"], ["/legal/terms", "TERMS_URL"]]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(setting);
    }
  });

  it("stays on loopback in local mode", async () => {
    const port = new URL(base).port;
    await expect(fetch(`http://127.0.0.2:${port}/health`)).rejects.toThrow();
  });

  it("lists both demo plans, and the findings register's invented demo plan, with their action counts", async () => {
    const body = (await (await fetch(`${base}/api/plans`)).json()) as { plans: { id: string; actions: number }[] };
    expect(body.plans.map((p) => [p.id, p.actions])).toEqual([
      ["coventry-sar-mrs-e-2015", 14],
      ["llr-sab-business-plan-2022-23", 19],
      ["coventry-demo-sar-adult-k-2017", 4],
    ]);
  });

  it("serves one plan nested as the document reads", async () => {
    const plan = (await (await fetch(`${base}/api/plans/llr-sab-business-plan-2022-23`)).json()) as {
      sections: { title: string; deliverables: { actions: { ref: string; deadline: string }[] }[] }[];
    };
    expect(plan.sections.map((s) => s.title)).toEqual(["Hidden Harm", "Care Homes"]);
    expect(plan.sections[1]!.deliverables[1]!.actions).toEqual([
      expect.objectContaining({ ref: "2.2.1", deadline: "2022-06-30" }),
      expect.objectContaining({ ref: "2.2.2", deadline: "2022-06-30" }),
    ]);
  });

  it("answers 404 with a message naming what was not found", async () => {
    const res = await fetch(`${base}/api/plans/no-such-plan`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not-found", message: 'plan "no-such-plan" does not exist' } });
  });
});
