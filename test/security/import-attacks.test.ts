import { rmSync } from "node:fs";
import { get, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCli, stop, tempDataDir } from "../support/cli.js";
import { gridBeforeDocx, lastRowXlsx, longCsv, zipBombDocx } from "../support/hostile-documents.js";
import { freePort } from "../support/ports.js";

/**
 * The plan documents a probe used to hurt the server (a board manager's upload), each built in the
 * test and sent to the real server as `assure start` runs it. Each is refused naming the cap it
 * passed, while /health keeps answering, and the server lives on to import a sound plan.
 */
type Json = Record<string, any>;

describe("hostile plan documents", () => {
  let server: Awaited<ReturnType<typeof startCli>>;
  let base: string;
  let dataDir: string;
  const megan = { "content-type": "application/json", "x-assure-dev-person": "megan-bowen" };
  // Each request on a connection of its own: a kept-alive socket the server closed while the test built a file is not the server failing.
  const post = (path: string, body: Json) =>
    new Promise<{ status: number; body: Json }>((resolve, reject) => {
      const req = request(`${base}${path}`, { method: "POST", headers: megan, agent: false }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Json }));
      });
      req.on("error", reject);
      req.end(JSON.stringify(body));
    });
  const plans = async () => ((await (await fetch(`${base}/api/export`, { headers: megan })).json()) as { plans: Json[] }).plans;

  /** /health on a connection of its own (no keep-alive, so the client's reuse of a closed socket is never mistaken for the server's silence); 0 for no answer. */
  const healthStatus = () =>
    new Promise<number>((resolve) => {
      const req = get(`${base}/health`, { agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve(0));
    });

  /** Sends the file, asking /health again and again until the answer comes: every /health answer, and the file's. */
  const whileHealthAnswers = async (body: Json) => {
    const health: number[] = [];
    let done = false;
    const polling = (async () => {
      while (!done) {
        health.push(await healthStatus());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const answer = await post("/api/imports/preview", body).finally(() => (done = true));
    await polling;
    health.push(await healthStatus());
    return { answer, health };
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    const port = await freePort();
    server = await startCli(["start", "--port", String(port)], /Assure is running/, { ASSURE_DATA_DIR: dataDir });
    base = `http://localhost:${port}`;
  }, 120_000);
  afterAll(async () => {
    if (server) await stop(server);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ["a 1 KB .docx whose row claims 300,000,000 grid columns (gridBefore)", () => ({ name: "grid.docx", content: Buffer.from(gridBeforeDocx()).toString("base64") }), "columns", /300,000,000 columns wide; Assure reads at most 200 columns/],
    ["a .docx that unpacks to 100 MB of XML (a zip bomb)", () => ({ name: "bomb.docx", content: Buffer.from(zipBombDocx(100)).toString("base64") }), "uncompressedBytes", /unpacks to more than 50 MB/],
    ["a 1.5 KB .xlsx with one cell at A1048576", () => ({ name: "last.xlsx", content: Buffer.from(lastRowXlsx()).toString("base64") }), "rows", /row 1,048,576; Assure reads at most 20,000 rows/],
    ["a 100,000-row CSV", () => ({ name: "long.csv", text: longCsv(100_000) }), "rows", /at most 20,000 rows/],
    ["a 150,000-row CSV", () => ({ name: "longer.csv", text: longCsv(150_000) }), "rows", /at most 20,000 rows/],
  ])("refuses %s with 413 naming the cap, while /health answers throughout", async (_what, file, cap, message) => {
    const body: Json = file();
    if (body.content) expect(Buffer.from(body.content, "base64").length).toBeLessThan(300 * 1024); // small on the wire: the harm is in what it claims
    const { answer, health } = await whileHealthAnswers(body);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: "document-too-large", cap });
    expect(answer.body.error.message).toMatch(message);
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((s) => s === 0)).toEqual([]); // every /health got an answer (200, or 503 if a sweep stalled)
    expect(server.exitCode).toBeNull();
  }, 120_000);

  it("refuses to store a 70,000-character cell: the preview says so first, and nothing at all is stored", async () => {
    const body = { name: "long-cell.csv", text: `Ref,Action,Lead,Timescale\n1.1,"${"x".repeat(70_000)}",SAB Manager,March 2025\n1.2,A short one,SAB Manager,March 2025`, choices: { planId: "long-cell-plan" } };
    const preview = await post("/api/imports/preview", body);
    expect(preview.status).toBe(200);
    const blocking = (preview.body.problems as Json[]).filter((p) => p.severity === "blocking");
    expect(blocking).toEqual([expect.objectContaining({ where: "Action 1.1", message: expect.stringMatching(/at most 63,999 characters; got 70,000/) })]);
    const stored = await post("/api/imports", body);
    expect(stored.status).toBe(400);
    expect(stored.body.error.message).toMatch(/nothing was stored/);
    expect((await plans()).map((p) => p.id)).not.toContain("long-cell-plan");
  }, 60_000);

  it("keeps NUL, control and bidirectional-override characters out of plan and section titles", async () => {
    const text = [
      "Business plan 2024/25 \u202Egnp.exe\u0007",
      "Ref,Action,Lead,Timescale",
      "Priority 1 \u2013 Hidden\u2066 harm\u0001,Priority 1 \u2013 Hidden\u2066 harm\u0001,Priority 1 \u2013 Hidden\u2066 harm\u0001,Priority 1 \u2013 Hidden\u2066 harm\u0001",
      "1.1,Audit the pathway,SAB Manager,March 2025",
    ].join("\n");
    const body = { name: "bidi.csv", text, choices: { planId: "bidi-plan" } };
    const preview = await post("/api/imports/preview", body);
    expect(preview.status).toBe(200);
    const unsafe = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
    expect(preview.body.plan.title).toBe("Business plan 2024/25 gnp.exe");
    expect(preview.body.sections.map((s: Json) => s.title)).toEqual(["Hidden harm"]);
    expect((preview.body.problems as Json[]).filter((p) => /characters are left out/.test(p.message)).map((p) => p.field).sort()).toEqual(["plan", "section"]);
    expect((await post("/api/imports", body)).status).toBe(201);
    const plan = (await plans()).find((p) => p.id === "bidi-plan")!;
    expect(JSON.stringify(plan)).not.toMatch(unsafe);
    expect(server.exitCode).toBeNull();
  }, 60_000);
});
