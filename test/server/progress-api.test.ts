import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop, tempDataDir } from "../support/cli.js";
import { freePort } from "../support/ports.js";

const ACTION = "coventry-sar-mrs-e-2015/1.1"; // lead: SAR Coordinator (Alex Wilber)
const url = (base: string) => `${base}/api/actions/${encodeURIComponent(ACTION)}/progress-updates`;

async function post(base: string, body: unknown, person?: string) {
  const res = await fetch(url(base), {
    method: "POST",
    headers: { "content-type": "application/json", ...(person ? { "x-assure-dev-person": person } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function actionOf(base: string) {
  const plan = (await (await fetch(`${base}/api/plans/coventry-sar-mrs-e-2015`)).json()) as {
    sections: { actions: { id: string; rating: string; updates: { text: string }[]; status: { state: string } }[] }[];
  };
  return plan.sections.flatMap((s) => s.actions).find((a) => a.id === ACTION)!;
}

describe("an edit made through assure start", () => {
  const dataDir = tempDataDir();
  let port: number;
  let server: ChildProcess;
  const base = () => `http://localhost:${port}`;
  const start = async () => {
    server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_DATA_DIR: dataDir });
  };

  beforeAll(async () => {
    port = await freePort();
    await start();
  });
  afterAll(async () => stop(server));

  it("is recorded, and survives kill -9 and a restart", async () => {
    const res = await post(base(), { text: "Toolkit drafted; consultation with partners under way.", rating: "amber" }, "alex-wilber");
    expect(res.status).toBe(201);
    expect(res.body.action.rating).toBe("amber");

    await stop(server, "SIGKILL");
    await start();
    const action = await actionOf(base());
    expect(action.rating).toBe("amber");
    expect(action.updates.map((u) => u.text)).toEqual(["Toolkit drafted; consultation with partners under way."]);
  });

  it.each([
    [{ text: "" }, "text", "text: must not be blank"],
    [{ text: "x".repeat(4001) }, "text", "text: at most 4000 characters"],
    [{ text: "ok", evidence: ["http://intranet/report"] }, "evidence.0", "evidence.0: evidence links must start with https://"],
    [{ text: "ok", rating: "purple" }, "rating", "rating: Invalid option"],
    [{ text: "ok", proposedDeadline: { date: "2015-01-01", reason: "late" } }, "proposedDeadline.date", "a new deadline cannot be in the past"],
    [{ text: "ok", proposedDeadline: { date: "2099-01-31", reason: "" } }, "proposedDeadline.reason", "must not be blank"],
  ])("refuses %j with 400 naming the field, writing nothing", async (body, field, message) => {
    const before = (await actionOf(base())).updates.length;
    const res = await post(base(), body, "alex-wilber");
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(message);
    expect((await actionOf(base())).updates.length).toBe(before);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await post(base(), "{not json", "alex-wilber");
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("the request body is not valid JSON");
  });

  it("asks who you are (401), and refuses someone who does not lead the action (403)", async () => {
    expect((await post(base(), { text: "hello" })).status).toBe(401);
    const wrong = await post(base(), { text: "hello" }, "lynne-robbins");
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toBe('Lynne Robbins does not lead action 1.1 ("SAR Coordinator")');
  });

  it("takes no more updates once the action is complete", async () => {
    expect((await post(base(), { text: "Toolkit published.", markComplete: true }, "alex-wilber")).status).toBe(201);
    expect((await actionOf(base())).status.state).toBe("complete");
    const again = await post(base(), { text: "One more thing" }, "alex-wilber");
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("action 1.1 is complete; it takes no more updates");
  });
});
